#!/usr/bin/env bash
# Local Apache Superset for chiso's dashboards: install, initialise, start, stop, and the SQL path
# to the lake (a DuckDB catalog of views over the gold Delta tables). Every subcommand is
# idempotent. State lives in $CHISO_SUPERSET_HOME (default dashboards/.superset/), the virtualenv
# in $CHISO_SUPERSET_VENV (default dashboards/.venv/); both are git-ignored.
#
#   superset.sh install                  venv + pinned requirements (skipped when unchanged)
#   superset.sh init                     db upgrade, admin user, superset init
#   superset.sh start [--port N]         gunicorn on 127.0.0.1:N (default 8088), waits for /health
#   superset.sh stop                     stops the server started by `start`
#   superset.sh status                   running or not, and where
#   superset.sh serve-sql [--lake DIR] [--reader delta|parquet] [--unreleased draft|published]
#                                        (re)build the DuckDB catalogs of <lake>/gold/*: the public
#                                        one (published releases only, at their pinned versions)
#                                        and the reviewers' one (drafts too); serve_sql.py says how
#   superset.sh sql-connection           the SQLAlchemy URI and `extra` JSON for Superset
#   superset.sh provision [--url URL] [--summary FILE] [--no-prune]
#                                        the dashboards of definitions/ into the running Superset,
#                                        by the Java client (superset-client/, built by Maven), then
#                                        the reviewers' database and the roles (access)
#   superset.sh access                   the reviewers' database chiso_lake_drafts and the roles
#                                        chiso_viewer (public catalog) / chiso_reviewer (both); SQL
#                                        Lab for Admin only
#
# The SQL connection is the DuckDB catalog by default. For the scale-up path set
# CHISO_SUPERSET_SQL_URI (e.g. trino://user@host:8080/delta or hive://host:10000/default), and
# optionally CHISO_SUPERSET_SQL_EXTRA (JSON) and CHISO_SUPERSET_SQL_SCHEMA: the same datasets and
# dashboards are then provisioned against that engine (README.md, "Scale-up path").
#
# Admin login: SUPERSET_ADMIN_USER (default admin) / SUPERSET_ADMIN_PASSWORD. Without
# SUPERSET_ADMIN_PASSWORD a random password is generated once into $CHISO_SUPERSET_HOME/admin-password
# (mode 600) and its location printed; there is no default password.
#
# What the public sees: an (index, period) without events in ops/releases counts as
# CHISO_SUPERSET_UNRELEASED (draft by default, like the API's chiso.releases.unreleased).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
VENV="${CHISO_SUPERSET_VENV:-$HERE/.venv}"
export CHISO_SUPERSET_HOME="${CHISO_SUPERSET_HOME:-$HERE/.superset}"
export SUPERSET_CONFIG_PATH="$HERE/superset_config.py"
export FLASK_APP=superset
PYTHON_BIN="${CHISO_PYTHON:-python3}"
PID_FILE="$CHISO_SUPERSET_HOME/superset.pid"
PORT_FILE="$CHISO_SUPERSET_HOME/superset.port"
LOG_FILE="$CHISO_SUPERSET_HOME/superset.log"
EXT_DIR="$CHISO_SUPERSET_HOME/duckdb_extensions"
CATALOG="$CHISO_SUPERSET_HOME/lake.duckdb"
CATALOG_DRAFTS="$CHISO_SUPERSET_HOME/lake-drafts.duckdb"
PASSWORD_FILE="$CHISO_SUPERSET_HOME/admin-password"
STAMP="$VENV/.chiso-requirements.sha256"

log() { printf '[superset.sh] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

requirements_hash() {
  { "$PYTHON_BIN" -c 'import sys; print(sys.version_info[:2])'
    cat "$HERE/requirements.txt" "$HERE/constraints.txt"; } | sha256sum | cut -d' ' -f1
}

need_venv() {
  [[ -x "$VENV/bin/superset" ]] || die "no Superset in $VENV: run '$0 install' first"
}

cmd_install() {
  local t0 want
  t0=$(now)
  want=$(requirements_hash)
  if [[ -x "$VENV/bin/superset" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
    log "requirements unchanged, venv kept: $VENV"
  else
    "$PYTHON_BIN" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
      || log "warning: pins were tested on Python 3.11, this is $("$PYTHON_BIN" -V)"
    # A changed requirement set gets a fresh venv: nothing left over from the previous one.
    rm -rf "$VENV"
    "$PYTHON_BIN" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
      -r "$HERE/requirements.txt" -c "$HERE/constraints.txt"
    echo "$want" > "$STAMP"
    log "installed into $VENV in $(elapsed "$t0") s"
  fi
  mkdir -p "$CHISO_SUPERSET_HOME"
  "$VENV/bin/python" "$HERE/serve_sql.py" install-extension --ext-dir "$EXT_DIR" >&2
}

cmd_init() {
  need_venv
  local t0 user pass
  t0=$(now)
  user="${SUPERSET_ADMIN_USER:-admin}"
  mkdir -p "$CHISO_SUPERSET_HOME"
  pass="$(admin_password)"
  # Schema migrations and roles belong to a Superset version: done once per metadata database and
  # requirement set (the stamp), so a re-run only (re)sets the admin.
  local init_stamp="$CHISO_SUPERSET_HOME/.initialised" want fresh=1
  want=$(requirements_hash)
  if [[ -f "$CHISO_SUPERSET_HOME/superset.db" && -f "$init_stamp" && "$(cat "$init_stamp")" == "$want" ]]; then
    fresh=0
    log "metadata database already migrated and initialised for these pins: db upgrade and superset init skipped"
  else
    rm -f "$init_stamp"
    "$VENV/bin/superset" db upgrade >>"$CHISO_SUPERSET_HOME/init.log" 2>&1 \
      || { tail -30 "$CHISO_SUPERSET_HOME/init.log" >&2; die "superset db upgrade failed"; }
    log "db upgrade: $(elapsed "$t0") s"
  fi
  # The admin is created once; on later runs its password is reset to the current env value, in
  # the same process that looks the user up (one app start instead of two; the password goes
  # through the environment, not the command line).
  if CHISO_ADMIN_PASSWORD="$pass" "$VENV/bin/python" - "$user" <<'PY' >>"$CHISO_SUPERSET_HOME/init.log" 2>&1
import os, sys
from superset.app import create_app
app = create_app()
with app.app_context():
    from superset import security_manager
    user = security_manager.find_user(username=sys.argv[1])
    if user is None:
        sys.exit(1)
    security_manager.reset_password(user.id, os.environ["CHISO_ADMIN_PASSWORD"])
PY
  then
    log "admin user '$user' exists; password set from $(password_source)"
  else
    "$VENV/bin/superset" fab create-admin --username "$user" --password "$pass" \
      --firstname Chiso --lastname Admin --email "$user@localhost" \
      >>"$CHISO_SUPERSET_HOME/init.log" 2>&1 || die "could not create admin $user"
    log "admin user '$user' created; password from $(password_source)"
  fi
  if [[ $fresh -eq 1 ]]; then
    "$VENV/bin/superset" init >>"$CHISO_SUPERSET_HOME/init.log" 2>&1 \
      || { tail -30 "$CHISO_SUPERSET_HOME/init.log" >&2; die "superset init failed"; }
    echo "$want" > "$init_stamp"
  fi
  log "initialised in $(elapsed "$t0") s (log: $CHISO_SUPERSET_HOME/init.log)"
}

# The admin's password: SUPERSET_ADMIN_PASSWORD, else one generated once (mode 600) in the home.
admin_password() {
  if [[ -n "${SUPERSET_ADMIN_PASSWORD:-}" ]]; then
    printf '%s' "$SUPERSET_ADMIN_PASSWORD"
    return
  fi
  if [[ ! -s "$PASSWORD_FILE" ]]; then
    (umask 077 && "$PYTHON_BIN" -c 'import secrets; print(secrets.token_urlsafe(18))' > "$PASSWORD_FILE")
    log "no SUPERSET_ADMIN_PASSWORD: generated the admin's password into $PASSWORD_FILE (mode 600)"
  fi
  chmod 600 "$PASSWORD_FILE"
  tr -d '\n' < "$PASSWORD_FILE"
}

password_source() {
  if [[ -n "${SUPERSET_ADMIN_PASSWORD:-}" ]]; then echo "SUPERSET_ADMIN_PASSWORD"; else echo "$PASSWORD_FILE"; fi
}

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid=$(cat "$PID_FILE")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

cmd_start() {
  need_venv
  local port=8088 timeout="${CHISO_SUPERSET_START_TIMEOUT:-180}" t0 pid
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --port) port="$2"; shift 2 ;;
      --port=*) port="${1#--port=}"; shift ;;
      *) die "start: unknown argument $1" ;;
    esac
  done
  [[ "$port" =~ ^[0-9]+$ ]] || die "--port needs a number"
  if pid=$(running_pid); then
    if [[ "$(cat "$PORT_FILE" 2>/dev/null)" == "$port" ]]; then
      log "already running (pid $pid) on http://127.0.0.1:$port/"
      return 0
    fi
    die "already running (pid $pid) on port $(cat "$PORT_FILE" 2>/dev/null); stop it first"
  fi
  mkdir -p "$CHISO_SUPERSET_HOME"
  t0=$(now)
  export CHISO_SUPERSET_URL="http://127.0.0.1:$port/"
  # gthread workers: Superset's own recommendation for gunicorn; two workers for two cores.
  setsid "$VENV/bin/gunicorn" \
    --bind "127.0.0.1:$port" \
    --workers "${CHISO_SUPERSET_WORKERS:-2}" --worker-class gthread --threads 4 \
    --timeout 120 \
    --pid "$PID_FILE" \
    "superset.app:create_app()" >>"$LOG_FILE" 2>&1 < /dev/null &
  echo "$port" > "$PORT_FILE"
  local launcher=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; do
    if ! kill -0 "$launcher" 2>/dev/null; then
      tail -40 "$LOG_FILE" >&2
      rm -f "$PID_FILE" "$PORT_FILE"
      die "gunicorn exited; log: $LOG_FILE"
    fi
    if awk -v a="$t0" -v b="$(now)" -v t="$timeout" 'BEGIN { exit !(b - a > t) }'; then
      tail -40 "$LOG_FILE" >&2
      cmd_stop || true
      die "not healthy after $timeout s; log: $LOG_FILE"
    fi
    sleep 0.5
  done
  log "healthy after $(elapsed "$t0") s: http://127.0.0.1:$port/ (pid $(cat "$PID_FILE"), log $LOG_FILE)"
}

cmd_stop() {
  local pid
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE" "$PORT_FILE"
    log "not running"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "gunicorn $pid still alive after 30 s: KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$PORT_FILE"
  log "stopped (pid $pid)"
}

cmd_status() {
  local pid
  if pid=$(running_pid); then
    echo "running: pid $pid, http://127.0.0.1:$(cat "$PORT_FILE")/"
  else
    echo "stopped"
    return 3
  fi
}

cmd_serve_sql() {
  need_venv
  local lake=./lakehouse args=() unreleased="${CHISO_SUPERSET_UNRELEASED:-draft}"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --lake) lake="$2"; shift 2 ;;
      --lake=*) lake="${1#--lake=}"; shift ;;
      --reader) args+=(--reader "$2"); shift 2 ;;
      --unreleased) unreleased="$2"; shift 2 ;;
      --unreleased=*) unreleased="${1#--unreleased=}"; shift ;;
      *) die "serve-sql: unknown argument $1" ;;
    esac
  done
  [[ -d "$lake/gold" ]] || die "no gold layer under $lake (run the transforms first)"
  "$VENV/bin/python" "$HERE/serve_sql.py" install-extension --ext-dir "$EXT_DIR" >/dev/null
  "$VENV/bin/python" "$HERE/serve_sql.py" build --lake "$lake" --out "$CATALOG" \
    --ext-dir "$EXT_DIR" --audience public --unreleased "$unreleased" ${args[@]+"${args[@]}"}
  "$VENV/bin/python" "$HERE/serve_sql.py" build --lake "$lake" --out "$CATALOG_DRAFTS" \
    --ext-dir "$EXT_DIR" --audience reviewer ${args[@]+"${args[@]}"}
}

# The reviewers' database and the roles, in Superset's own app context (dashboards/access.py).
cmd_access() {
  need_venv
  CHISO_CATALOG_DRAFTS="$CATALOG_DRAFTS" "$VENV/bin/python" "$HERE/access.py" \
    --drafts-uri "duckdb:///$CATALOG_DRAFTS" --extra "$("$VENV/bin/python" "$HERE/serve_sql.py" superset-extra)"
}

cmd_sql_connection() {
  need_venv
  printf 'sqlalchemy_uri=duckdb:///%s\n' "$CATALOG"
  printf 'drafts_sqlalchemy_uri=duckdb:///%s\n' "$CATALOG_DRAFTS"
  printf 'extra=%s\n' "$("$VENV/bin/python" "$HERE/serve_sql.py" superset-extra)"
}

cmd_provision() {
  local url="" summary="" args=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --url) url="$2"; shift 2 ;;
      --url=*) url="${1#--url=}"; shift ;;
      --summary) summary="$2"; shift 2 ;;
      --summary=*) summary="${1#--summary=}"; shift ;;
      --no-prune) args+=(--no-prune); shift ;;
      *) die "provision: unknown argument $1" ;;
    esac
  done
  if [[ -z "$url" ]]; then
    [[ -f "$PORT_FILE" ]] || die "provision: Superset is not running here; start it or give --url"
    url="http://127.0.0.1:$(cat "$PORT_FILE")"
  fi
  local module="$ROOT/superset-client/target"
  [[ -d "$module/classes" && -f "$module/runtime.classpath" ]] \
    || die "the Java client is not built: mvn -pl superset-client -am install -DskipTests (./chiso superset does it)"
  local uri extra schema
  if [[ -n "${CHISO_SUPERSET_SQL_URI:-}" ]]; then
    uri="$CHISO_SUPERSET_SQL_URI"
    extra="${CHISO_SUPERSET_SQL_EXTRA:-}"
    schema="${CHISO_SUPERSET_SQL_SCHEMA:-default}"
  else
    need_venv
    [[ -f "$CATALOG" ]] || die "no DuckDB catalog at $CATALOG: run '$0 serve-sql --lake DIR' first"
    uri="duckdb:///$CATALOG"
    extra="$("$VENV/bin/python" "$HERE/serve_sql.py" superset-extra)"
    schema="${CHISO_SUPERSET_SQL_SCHEMA:-main}"
  fi
  [[ -n "$summary" ]] && args+=(--summary "$summary")
  java -Xmx256m -cp "$module/classes:$(cat "$module/runtime.classpath")" vn.chiso.superset.ProvisionMain provision \
    --url "$url" --db-uri "$uri" --db-extra "$extra" --schema "$schema" \
    --definitions "$HERE/definitions" ${args[@]+"${args[@]}"}
  if [[ -z "${CHISO_SUPERSET_SQL_URI:-}" ]]; then
    cmd_access >>"$CHISO_SUPERSET_HOME/init.log" 2>&1 \
      || { tail -30 "$CHISO_SUPERSET_HOME/init.log" >&2; die "the reviewers' database and roles could not be set"; }
    log "reviewers' database chiso_lake_drafts and roles chiso_viewer / chiso_reviewer set (SQL Lab: Admin only)"
  fi
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    install) cmd_install "$@" ;;
    init) cmd_init "$@" ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    serve-sql) cmd_serve_sql "$@" ;;
    sql-connection) cmd_sql_connection "$@" ;;
    provision) cmd_provision "$@" ;;
    access) cmd_access "$@" ;;
    *) sed -n '2,35p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; [[ -z "$cmd" || "$cmd" == -h || "$cmd" == --help ]] ;;
  esac
}

main "$@"
