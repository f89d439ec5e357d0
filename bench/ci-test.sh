#!/usr/bin/env bash
# CI smoke test of the benchmark: `./chiso bench --quick` end to end on 1M generated
# dossiers — our ingest + transform, DuckDB on the same files, one day's incremental batch. The
# figures are printed, not asserted (CI machines are shared); the run fails only if a stage fails or
# our gold numbers differ from DuckDB's. $1 (the shared test lake) is not needed: the bench builds
# its own lakes under target/bench-ci.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/chiso" bench --quick --lake "$ROOT/target/bench-ci"
