#!/usr/bin/env bash
# notebooks/nb.sh — the notebooks' environment and runs; ./chiso notebooks and ci-test.sh call it.
#
#   nb.sh setup                                   venv with the pinned requirements (kept when unchanged)
#   nb.sh lab      [--lake DIR] [--port 8888]     JupyterLab on 127.0.0.1, CHISO_LAKE set to the lake
#   nb.sh execute  [--lake DIR] [--out DIR] [-p NAME=VALUE…] [NB…]
#                                                 run notebooks headless; non-zero if a cell fails
#   nb.sh test     [--lake DIR]                   the pytest suite (reader compatibility, plots, KPIs)
#   nb.sh strip                                   remove outputs from the notebooks (before committing)
#
# The venv is notebooks/.venv (git-ignored; CHISO_NOTEBOOKS_VENV to move it), rebuilt whenever
# requirements.txt, constraints.txt or the Python version change (a hash stamp inside the venv).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
VENV="${CHISO_NOTEBOOKS_VENV:-$HERE/.venv}"
PYTHON_BIN="${CHISO_PYTHON:-python3}"
STAMP="$VENV/.chiso-requirements.sha256"

log() { printf '[notebooks] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

requirements_hash() {
  { "$PYTHON_BIN" -c 'import sys; print(sys.version_info[:2])'
    cat "$HERE/requirements.txt" "$HERE/constraints.txt"; } | sha256sum | cut -d' ' -f1
}

cmd_setup() {
  command -v "$PYTHON_BIN" >/dev/null || die "python3 is required (or set CHISO_PYTHON)"
  local want
  want=$(requirements_hash)
  if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
    return 0
  fi
  "$PYTHON_BIN" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
    || log "warning: the pins were tested on Python 3.11, this is $("$PYTHON_BIN" -V 2>&1)"
  log "installing the notebooks' requirements into $VENV (pinned; a few minutes the first time)…"
  local start=$SECONDS
  # A changed requirement set gets a fresh venv: nothing left over from the previous one.
  rm -rf "$VENV"
  "$PYTHON_BIN" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    -r "$HERE/requirements.txt" -c "$HERE/constraints.txt"
  echo "$want" > "$STAMP"
  log "installed in $((SECONDS - start)) s"
}

LAKE=""; PORT=8888; OUT="$ROOT/target/notebooks"; REST=()
parse() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --lake) LAKE="${2:?--lake needs a directory}"; shift 2 ;;
      --lake=*) LAKE="${1#*=}"; shift ;;
      --port) PORT="${2:?--port needs a number}"; shift 2 ;;
      --port=*) PORT="${1#*=}"; shift ;;
      --out) OUT="${2:?--out needs a directory}"; shift 2 ;;
      --out=*) OUT="${1#*=}"; shift ;;
      *) REST+=("$1"); shift ;;
    esac
  done
  if [[ -n "$LAKE" ]]; then
    [[ -d "$LAKE" ]] || die "no lake at $LAKE (build one: ./chiso demo --scale tiny --no-serve)"
    LAKE="$(cd "$LAKE" && pwd)"
  fi
}

cmd_lab() {
  cmd_setup
  local lake="${LAKE:-${CHISO_LAKE:-$ROOT/lakehouse}}"
  [[ -d "$lake" ]] || log "warning: no lake at $lake yet (./chiso demo --scale tiny --no-serve builds one)"
  export CHISO_LAKE="$lake"
  local extra=()
  [[ $EUID -eq 0 ]] && extra+=(--allow-root)  # containers and CI machines often run as root
  log "JupyterLab on http://127.0.0.1:$PORT (lake $lake); the URL with its token follows; Ctrl-C stops it"
  exec "$VENV/bin/jupyter" lab --no-browser --ip 127.0.0.1 --port "$PORT" \
    --ServerApp.root_dir="$HERE" ${extra[@]+"${extra[@]}"} ${REST[@]+"${REST[@]}"}
}

cmd_execute() {
  cmd_setup
  local args=(execute --out "$OUT")
  [[ -n "$LAKE" ]] && args+=(--lake "$LAKE")
  "$VENV/bin/python" "$HERE/run.py" "${args[@]}" ${REST[@]+"${REST[@]}"}
}

cmd_test() {
  cmd_setup
  [[ -n "$LAKE" ]] && export CHISO_LAKE="$LAKE"
  cd "$HERE" && "$VENV/bin/python" -m pytest -q -p no:cacheprovider tests ${REST[@]+"${REST[@]}"}
}

cmd_strip() {
  cmd_setup
  "$VENV/bin/nbstripout" --drop-empty-cells "$HERE"/*.ipynb
  log "outputs stripped"
}

command="${1:-}"; [[ $# -gt 0 ]] && shift
parse "$@"
case "$command" in
  setup) cmd_setup ;;
  lab) cmd_lab ;;
  execute) cmd_execute ;;
  test) cmd_test ;;
  strip) cmd_strip ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
