#!/usr/bin/env bash
# CI test of the Superset dashboards; `./chiso test` runs it with the pipeline-built test lake.
#
#   dashboards/ci-test.sh LAKE_DIR
#
# Against a real Superset 6.1 on 127.0.0.1 (a free port, fresh metadata database every run):
#   1. installs what is missing: the virtualenv (kept between local runs while the pins are
#      unchanged), Debian's chromium (apt-get, as root), the browser driver (npm ci), the Java client
#   2. superset db upgrade / admin / init, the DuckDB catalog over LAKE_DIR/gold, start
#   3. provisions the dashboards twice with the Java client (the second run must change nothing)
#   4. checks idempotency and every chart's data against the gold tables read with delta-rs
#      (ci/check_superset.py); the catalog counts the test lake's releases as published (a demo)
#   5. opens every dashboard in headless Chromium, fails on any chart error or empty chart, and saves
#      a screenshot per dashboard to target/screenshots/ (the CI artefact), checked not to be blank
#   6. the embargo (ci/check_embargo.py), on a copy of the lake: one (index, period) published and
#      then recomputed, the rest draft; through Superset's API the dashboard user's connection shows
#      only the published numbers, the reviewer's shows the drafts, SQL Lab is refused to both, and
#      no connection reads a file
# Superset is stopped on exit. Times per step: target/superset-ci/times.txt.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
[[ $# -eq 1 ]] || { echo "usage: $0 LAKE_DIR" >&2; exit 2; }
[[ -d "$1/gold" ]] || { echo "[dashboards/ci-test] error: no gold tables under $1" >&2; exit 2; }
LAKE="$(cd "$1" && pwd)"
OUT="$ROOT/target/superset-ci"
SHOTS="$ROOT/target/screenshots"
export CHISO_SUPERSET_HOME="$OUT/home"
export SUPERSET_ADMIN_USER="${SUPERSET_ADMIN_USER:-admin}"
# Passwords of this run only: the admin, and the dashboard user and reviewer the access step makes.
SUPERSET_ADMIN_PASSWORD="${SUPERSET_ADMIN_PASSWORD:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')}"
CHISO_SUPERSET_USERS_PASSWORD="$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
export SUPERSET_ADMIN_PASSWORD CHISO_SUPERSET_USERS_PASSWORD
export CHISO_SUPERSET_USERS="viewer:chiso_viewer reviewer:chiso_reviewer"
# The tested connection is the DuckDB catalog, whatever the caller's environment says.
unset CHISO_SUPERSET_SQL_URI CHISO_SUPERSET_SQL_EXTRA CHISO_SUPERSET_SQL_SCHEMA
SS="$HERE/superset.sh"
VENV="${CHISO_SUPERSET_VENV:-$HERE/.venv}"

say() { printf '[dashboards/ci-test] %s\n' "$*"; }
fail() { say "FAILED: $*" >&2; exit 1; }
TIMES="$OUT/times.txt"
T_ALL=$SECONDS

# step NAME COMMAND…: runs it, records its wall time, stops the test on failure.
step() {
  local name="$1" t0=$SECONDS rc=0
  shift
  say "── $name"
  "$@" || rc=$?
  printf '%-34s %5d s%s\n' "$name" $((SECONDS - t0)) "$([[ $rc -eq 0 ]] || echo "  FAILED ($rc)")" >> "$TIMES"
  [[ $rc -eq 0 ]] || fail "$name (exit $rc)"
}

cleanup() {
  local rc=$?
  "$SS" stop >/dev/null 2>&1 || true
  if [[ -f "$TIMES" ]]; then
    printf '%-34s %5d s\n' "total" $((SECONDS - T_ALL)) >> "$TIMES"
    say "times (wall, this machine):"
    sed 's/^/    /' "$TIMES"
  fi
  if [[ $rc -ne 0 && -f "$CHISO_SUPERSET_HOME/superset.log" ]]; then
    say "last lines of the Superset log ($CHISO_SUPERSET_HOME/superset.log):"
    tail -25 "$CHISO_SUPERSET_HOME/superset.log" | sed 's/^/    /' >&2
  fi
  exit $rc
}

# A leftover server of an interrupted run would hold the old state: stop it before wiping.
"$SS" stop >/dev/null 2>&1 || true
rm -rf "$OUT" "$SHOTS"
mkdir -p "$OUT" "$SHOTS"
: > "$TIMES"
trap cleanup EXIT

ensure_chromium() {
  if [[ -x /usr/bin/chromium ]]; then
    say "chromium present: $(/usr/bin/chromium --version 2>/dev/null | tail -1)"
    return 0
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! { command -v sudo >/dev/null && sudo -n true 2>/dev/null; }; then
      say "chromium is missing and installing it needs root: apt-get install -y chromium"
      return 1
    fi
    sudo=(sudo -n)
  fi
  say "installing Debian's chromium (apt-get)…"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium >/dev/null \
    && [[ -x /usr/bin/chromium ]]
}

ensure_browser_driver() {
  local mods="$HERE/browser/node_modules"
  command -v npm >/dev/null || { say "npm is required (Node 20+)"; return 1; }
  # npm ci installs exactly the lockfile; skipped while the installed tree matches it.
  if [[ -f "$mods/.package-lock.json" && -d "$mods/playwright-core" \
        && "$mods/.package-lock.json" -nt "$HERE/browser/package-lock.json" ]]; then
    say "browser driver present (playwright-core $(node -p "require('$mods/playwright-core/package.json').version"))"
    return 0
  fi
  (cd "$HERE/browser" && npm ci --no-audit --no-fund --loglevel=error)
}

ensure_java_client() {
  local t="$ROOT/superset-client/target"
  if [[ -d "$t/classes/vn/chiso/superset" && -f "$t/runtime.classpath" ]] && [[ -z "$(find \
      "$ROOT/superset-client/src/main" "$ROOT/superset-client/pom.xml" -newer "$t/runtime.classpath" -print -quit)" ]]; then
    say "Java client built: $t/classes"
    return 0
  fi
  (cd "$ROOT" && mvn -B -q -ntp -pl superset-client -am install -DskipTests)
}

free_port() {
  "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

provision() { # summary file
  "$SS" provision --summary "$1" > "$1.log" 2>&1 || { cat "$1.log" >&2; return 1; }
  tail -1 "$1.log"
}

step "install: virtualenv (pinned)" "$SS" install
step "install: chromium" ensure_chromium
step "install: browser driver (npm ci)" ensure_browser_driver
step "install: Java client" ensure_java_client
step "superset init (db, admin, roles)" "$SS" init
step "DuckDB catalogs over the lake" "$SS" serve-sql --lake "$LAKE" --unreleased published
PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
step "superset start (:$PORT)" "$SS" start --port "$PORT"
step "provision, 1st run" provision "$OUT/provision-1.json"
step "provision, 2nd run (idempotent)" provision "$OUT/provision-2.json"
step "chart data = gold, idempotency" "$VENV/bin/python" "$HERE/ci/check_superset.py" --url "$URL" \
  --lake "$LAKE" --definitions "$HERE/definitions" \
  --summary "$OUT/provision-2.json" --first-summary "$OUT/provision-1.json"
SLUGS="$("$VENV/bin/python" -c 'import json, sys; print(",".join(d["slug"] for d in json.load(open(sys.argv[1]))["dashboards"]))' "$OUT/provision-2.json")"
step "browser: dashboards + screenshots" node "$HERE/browser/screenshot.mjs" dashboards --base "$URL" \
  --out "$SHOTS" --slugs "$SLUGS"
# A picture of an empty grid would pass unnoticed in CI's artefacts: the area right of the filter
# bar must show more than a few grey levels.
step "screenshots are not blank" "$VENV/bin/python" -W ignore -c '
import glob, sys
from PIL import Image
files = sorted(glob.glob(sys.argv[1] + "/*.png"))
bad = []
for f in files:
    im = Image.open(f).convert("L")
    w, h = im.size
    levels = len(set(im.crop((300, 100, min(w, 1500), min(h, 900))).getdata()))
    print(f"    {f.rsplit(chr(47), 1)[-1]}: {w}x{h}, {levels} grey levels")
    if levels < 20:
        bad.append(f)
sys.exit(f"blank screenshots: {bad}" if bad or not files else 0)
' "$SHOTS"
say "screenshots: $(cd "$SHOTS" && find . -maxdepth 1 -name '*.png' -printf '%f\n' | sort | tr '\n' ' ')"
EMBARGO_LAKE="$OUT/embargo-lake"
# shellcheck disable=SC2016 # the inner script expands its own positional arguments
step "embargo: publish, then recompute" bash -c 'cp -a "$1" "$2" && "$3" "$4" prepare --lake "$2" --state "$5"' _ \
  "$LAKE" "$EMBARGO_LAKE" "$VENV/bin/python" "$HERE/ci/check_embargo.py" "$OUT/embargo.json"
step "embargo: catalogs (unreleased = draft)" "$SS" serve-sql --lake "$EMBARGO_LAKE" --unreleased draft
step "embargo: through Superset's API" "$VENV/bin/python" "$HERE/ci/check_embargo.py" check --url "$URL" \
  --lake "$EMBARGO_LAKE" --state "$OUT/embargo.json"
say "passed"
