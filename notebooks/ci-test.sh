#!/usr/bin/env bash
# CI for notebooks/: `./chiso test` runs it with the test lake that the real pipeline just built.
#
#   notebooks/ci-test.sh LAKE
#
# 1. the venv (notebooks/.venv, pinned; reinstalled only when the requirements change)
# 2. committed notebooks carry no outputs (diffs stay readable)
# 3. Spark feature tables: one small Delta table per table feature, written by the pipeline's own
#    Spark (tests/spark/DeltaFeatureTables.java), for the reader-compatibility tests
# 4. pytest: every table of LAKE opens with the Python reader and returns the rows its log records;
#    the feature tables read correctly; plots render Vietnamese; KPI arithmetic
# 5. every notebook executed headless against LAKE; executed copies (with outputs and figures) go
#    to target/notebooks/, never into the repo; each notebook's run time is printed
# Exits non-zero if any step fails (all steps run, so one CI log shows every failure).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
[[ $# -eq 1 && -d "${1:-}" ]] || { echo "usage: $0 LAKE_DIR (an existing lake)" >&2; exit 2; }
LAKE="$(cd "$1" && pwd)"
OUT="$ROOT/target/notebooks"
VENV="${CHISO_NOTEBOOKS_VENV:-$HERE/.venv}"
FAILED=()

step() { printf '[notebooks] == %s\n' "$*"; }
fail() { printf '[notebooks] FAILED: %s\n' "$*" >&2; FAILED+=("$1"); }

mkdir -p "$OUT"

# The Spark feature tables (CPU: a JVM) are written in the background while the venv installs
# (mostly downloads); the pytest step waits for them.
FEATURES="$OUT/feature-tables"
CLASSPATH_FILE="$ROOT/transforms/target/runtime.classpath"
FEATURES_PID=""
if [[ -f "$CLASSPATH_FILE" && -d "$ROOT/transforms/target/classes" ]]; then
  want=$(cat "$HERE/tests/spark/DeltaFeatureTables.java" "$CLASSPATH_FILE" | sha256sum | cut -d' ' -f1)
  if [[ -f "$FEATURES/expected.json" && "$(cat "$FEATURES/.stamp" 2>/dev/null)" == "$want" ]]; then
    echo "[notebooks] Spark feature tables kept: $FEATURES (same Spark classpath and generator)"
  else
    rm -rf "$FEATURES"
    features_start=$SECONDS
    # (run from target/notebooks: Spark leaves a spark-warehouse/ in its working directory)
    (cd "$OUT" && java "@$ROOT/conf/spark-jvm.options" -Xmx1g \
        -cp "$ROOT/transforms/target/classes:$(cat "$CLASSPATH_FILE")" \
        "$HERE/tests/spark/DeltaFeatureTables.java" "$FEATURES" > "$OUT/feature-tables.log" 2>&1 \
      && echo "$want" > "$FEATURES/.stamp") &
    FEATURES_PID=$!
  fi
  export CHISO_FEATURE_TABLES="$FEATURES" CHISO_REQUIRE_FEATURE_TABLES=1
else
  echo "[notebooks] warning: transforms not built ($CLASSPATH_FILE): feature-table tests skipped" >&2
fi

step "venv"
"$HERE/nb.sh" setup || { fail "venv setup"; [[ -n "$FEATURES_PID" ]] && wait "$FEATURES_PID"; exit 1; }

step "committed notebooks have no outputs"
(cd "$HERE" && "$VENV/bin/python" run.py check-stripped && "$VENV/bin/nbstripout" --verify ./*.ipynb) \
  || fail "notebooks committed with outputs (run: notebooks/nb.sh strip)"

if [[ -n "$FEATURES_PID" ]]; then
  step "Spark feature tables (the pipeline's Spark and Delta, tests/spark/DeltaFeatureTables.java)"
  if wait "$FEATURES_PID"; then
    grep '^\[feature-tables\]' "$OUT/feature-tables.log" | tail -n 1
    echo "[notebooks] feature tables written in $((SECONDS - features_start)) s (alongside the venv)"
  else
    tail -n 30 "$OUT/feature-tables.log" >&2
    fail "Spark feature tables (log: $OUT/feature-tables.log)"
  fi
fi

step "pytest (reader compatibility against $LAKE)"
start=$SECONDS
(cd "$HERE" && CHISO_LAKE="$LAKE" CHISO_REQUIRE_LAKE=1 CHISO_NB_REPORT_DIR="$OUT" \
  "$VENV/bin/python" -m pytest -q -p no:cacheprovider -rs tests)
rc=$?
case $rc in
  0) echo "[notebooks] pytest passed in $((SECONDS - start)) s; reader findings: $OUT/reader-compat.md" ;;
  5) fail "pytest collected no tests (notebooks/tests went missing?)" ;;
  *) fail "pytest (exit $rc)" ;;
esac

step "notebooks executed headless against $LAKE"
"$VENV/bin/python" "$HERE/run.py" execute --lake "$LAKE" --out "$OUT" || fail "notebook execution"

if [[ ${#FAILED[@]} -gt 0 ]]; then
  printf '[notebooks] %d step(s) failed: %s\n' "${#FAILED[@]}" "${FAILED[*]}" >&2
  exit 1
fi
echo "[notebooks] all checks passed; executed notebooks in $OUT"
