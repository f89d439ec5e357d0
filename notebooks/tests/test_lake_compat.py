"""Every table of the lake opens with the notebooks' Python reader, and returns what the lake holds.

Guards against the Spark side enabling a Delta feature the Python reader (deltalake) cannot read
(a newer reader version, a reader feature such as typeWidening) or reads wrongly: for each table,
at its latest versions, the rows read must equal the rows the table's own log records
(stats.numRecords minus deletion-vector cardinality), replayed independently in delta_log.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa
import pytest
from deltalake import DeltaTable

import chiso_lake
import delta_log

NOTEBOOKS = Path(chiso_lake.__file__).resolve().parent
VERSIONS_CHECKED = 5  # the latest few versions of each table (time travel must read them right too)
NEEDED = ["silver/dossiers", "silver/units", "gold/unit_kpis", "gold/rankings"]


def test_the_lake_has_the_tables_the_notebooks_read(lake):
    missing = [t for t in NEEDED if not lake.has(t)]
    assert not missing, f"{lake.root} lacks {missing} (tables: {sorted(lake.tables)})"


def test_protocol_is_within_what_the_reader_supports(lake, table):
    if table is None:
        pytest.skip("no lake")
    state = delta_log.replay(lake.path(table))
    assert state.reader_version <= chiso_lake.MAX_READER_VERSION, (
        f"{table}: minReaderVersion {state.reader_version} > {chiso_lake.MAX_READER_VERSION}"
    )
    unsupported = state.reader_features - chiso_lake.READER_FEATURES_SUPPORTED
    assert not unsupported, (
        f"{table} requires reader features {sorted(unsupported)} that the notebooks' reader "
        f"(deltalake) is not verified to read; supported: {sorted(chiso_lake.READER_FEATURES_SUPPORTED)}"
    )
    config = state.configuration
    assert config.get("delta.enableTypeWidening", "false").lower() != "true", (
        f"{table}: delta.enableTypeWidening is on — deltalake 1.6.6 cannot read type-widened tables"
    )
    # deltalake's own view of the protocol agrees with the log
    p = DeltaTable(str(lake.path(table))).protocol()
    assert p.min_reader_version == state.reader_version
    assert set(p.reader_features or []) == state.reader_features


def test_rows_read_equal_rows_in_the_log(lake, table):
    if table is None:
        pytest.skip("no lake")
    path = lake.path(table)
    checked = delta_log.versions(path)[-VERSIONS_CHECKED:]
    for version in checked:
        state = delta_log.replay(path, version)
        expected = delta_log.expected_rows(path, state)
        dt = lake.delta(table, version=version)
        rows = sum(batch.num_rows for batch in pa.RecordBatchReader.from_stream(dt.scan()))
        assert rows == expected, f"{table}@v{version}: read {rows} rows, the log records {expected}"
        # Every column of the schema comes back under its logical name.
        logical = [f["name"] for f in state.schema.get("fields", [])]
        assert chiso_lake.read_arrow(dt, predicate="1 = 0").schema.names == logical, f"{table}@v{version}: columns"


def test_values_read_have_the_nulls_the_log_records(lake, table):
    """Per column, NULLs read == NULLs in the files' stats: catches columns read as all-NULL
    (what deltalake's pyarrow path does under column mapping), not just wrong row counts."""
    if table is None:
        pytest.skip("no lake")
    path = lake.path(table)
    state = delta_log.replay(path)
    # Under column mapping the stats are keyed by physical names.
    physical = {
        f.get("metadata", {}).get("delta.columnMapping.physicalName", f["name"]): f["name"]
        for f in state.schema.get("fields", [])
    }
    recorded = delta_log.null_counts(state)
    if not recorded:
        pytest.skip(f"{table}: no per-file null counts to compare (stats missing or deletion vectors)")
    expected = {physical[k]: v for k, v in recorded.items() if k in physical}  # dropped columns keep stats
    columns = sorted(expected)
    read = dict.fromkeys(columns, 0)
    for batch in pa.RecordBatchReader.from_stream(lake.delta(table).scan(columns=columns)):
        for c in columns:
            read[c] += batch.column(c).null_count
    wrong = {c: (read[c], expected[c]) for c in columns if read[c] != expected[c]}
    assert not wrong, f"{table}: column: (NULLs read, NULLs recorded) {wrong}"


def test_rows_read_match_what_spark_reported_writing(lake, table):
    """The last data commit's numOutputRows (Spark's own count) against the Python reader's rows:
    an overwrite leaves exactly that many rows, an append adds exactly that many. Metadata-only
    commits after it (gold's build records, SET TBLPROPERTIES) change no rows and are passed over."""
    if table is None:
        pytest.skip("no lake")
    history = next(h for h in DeltaTable(str(lake.path(table))).history() if h.get("operation") != "SET TBLPROPERTIES")
    version = history["version"]
    params = history.get("operationParameters") or {}
    metrics = history.get("operationMetrics") or {}
    mode = params.get("mode")
    if (
        history.get("operation") != "WRITE"
        or "numOutputRows" not in metrics
        or params.get("predicate")
        or mode not in ("Overwrite", "Append")
        or (mode == "Append" and version == 0)
    ):
        pytest.skip(
            f"{table}: last commit is {history.get('operation')} {mode or ''} "
            f"{'with a predicate' if params.get('predicate') else ''}: no row count to compare"
        )

    def rows(v):
        return sum(b.num_rows for b in pa.RecordBatchReader.from_stream(lake.delta(table, version=v).scan()))

    written = rows(version) - (rows(version - 1) if mode == "Append" else 0)
    assert written == int(metrics["numOutputRows"]), (
        f"{table}@v{version}: {mode} of {metrics['numOutputRows']} rows, read {written}"
    )


def test_no_commits_are_left_staged(lake, table):
    """Delta 4's _staged_commits holds commits a catalog has not yet ratified; deltalake ignores them."""
    if table is None:
        pytest.skip("no lake")
    staged = lake.path(table) / "_delta_log" / "_staged_commits"
    leftovers = sorted(p.name for p in staged.iterdir()) if staged.is_dir() else []
    assert not leftovers, f"{table}: staged commits the Python reader would not see: {leftovers}"


def test_notebooks_read_only_through_chiso_lake():
    """to_pandas/to_pyarrow_* of deltalake mis-read some features (see chiso_lake): notebooks use Lake.read."""
    offenders = []
    for nb in sorted(NOTEBOOKS.glob("*.ipynb")):
        for i, cell in enumerate(json.loads(nb.read_text(encoding="utf-8"))["cells"]):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] == "code" and re.search(r"DeltaTable\(|to_pyarrow_(table|dataset)\(", source):
                offenders.append(f"{nb.name} cell {i}")
    assert not offenders, f"direct deltalake reads in {offenders}: use chiso_lake.Lake.read"
