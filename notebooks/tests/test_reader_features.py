"""Which Delta table features the notebooks' reader handles, tested on tables Spark wrote.

tests/spark/DeltaFeatureTables.java writes one small table per feature with the pipeline's own
Spark session (ci-test.sh runs it into $CHISO_FEATURE_TABLES). Each table has ids 0…N with a text
column, so a read is checked on row count, sum of ids and non-null text — a reader that silently
drops deleted rows, ignores a deletion vector or reads a renamed column as NULL fails here.

Features in chiso_lake.READER_FEATURES_SUPPORTED must read correctly through chiso_lake.read_arrow;
typeWidening must still be refused (if deltalake starts reading it, this test says so, so that the
supported set can grow). Writes a findings table (also for deltalake's to_pyarrow_table and
count()) to $CHISO_NB_REPORT_DIR/reader-compat.md when that is set.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from deltalake import DeltaTable

import chiso_lake
import delta_log

FIXTURES = os.environ.get("CHISO_FEATURE_TABLES")
NOT_READABLE = {"type_widening"}  # deltalake 1.6.6: "Unsupported table features required: [TypeWidening]"
TEXT_COLUMNS = ("unit_code", "unit")


def _fixtures() -> tuple[Path, dict]:
    if not FIXTURES or not (Path(FIXTURES) / "expected.json").is_file():
        if os.environ.get("CHISO_REQUIRE_FEATURE_TABLES") == "1":
            pytest.fail(f"no Spark feature tables at {FIXTURES!r} (ci-test.sh makes them)")
        pytest.skip("no Spark feature tables (set CHISO_FEATURE_TABLES; ci-test.sh makes them)")
    root = Path(FIXTURES)
    return root, json.loads((root / "expected.json").read_text(encoding="utf-8"))


def _names():
    if FIXTURES and (Path(FIXTURES) / "expected.json").is_file():
        return list(json.loads((Path(FIXTURES) / "expected.json").read_text(encoding="utf-8")))
    return ["none"]


def _check(table: pa.Table, expected: dict) -> str | None:
    """None if the read is right, else what is wrong."""
    if table.num_rows != expected["rows"]:
        return f"{table.num_rows} rows, expected {expected['rows']}"
    id_sum = pc.sum(table["id"]).as_py() or 0
    if id_sum != expected["id_sum"]:
        return f"sum(id) {id_sum}, expected {expected['id_sum']}"
    text = next((c for c in TEXT_COLUMNS if c in table.column_names), None)
    if text is None or table[text].null_count:
        return f"text column {text or TEXT_COLUMNS} read as NULL ({table[text].null_count if text else '-'} nulls)"
    return None


@pytest.mark.parametrize("name", _names())
def test_reader_on_spark_feature_table(name):
    root, expected_all = _fixtures()
    expected = expected_all[name]
    if "error" in expected:
        pytest.fail(f"Spark could not write the {name} table: {expected['error']}")
    path = root / name
    state = delta_log.replay(path)
    assert delta_log.expected_rows(path, state) == expected["rows"], "the log replay disagrees with Spark's count"
    dt = DeltaTable(str(path))
    if name in NOT_READABLE:
        assert chiso_lake.unsupported_features(dt), f"{name}: the reader's feature check lets it through"
        try:
            problem = _check(chiso_lake.read_arrow(dt), expected)
        except Exception:  # noqa: BLE001 — the refusal is what is expected
            return
        assert problem, (
            f"deltalake now reads {name} correctly: add its feature to "
            "chiso_lake.READER_FEATURES_SUPPORTED and drop it from NOT_READABLE"
        )
        return
    assert not chiso_lake.unsupported_features(dt), f"{name}: {chiso_lake.unsupported_features(dt)}"
    problem = _check(chiso_lake.read_arrow(dt), expected)
    assert problem is None, f"{name}: {problem}"
    # …and at every earlier version (time travel over the same features)
    for version in delta_log.versions(path)[:-1]:
        old = delta_log.expected_rows(path, delta_log.replay(path, version))
        got = chiso_lake.read_arrow(DeltaTable(str(path), version=version)).num_rows
        assert got == old, f"{name}@v{version}: read {got}, the log records {old}"


def test_write_findings():
    """The compatibility matrix of this deltalake version, for notebooks/README.md and the CI log."""
    root, expected_all = _fixtures()
    lines = [
        f"deltalake {__import__('deltalake').__version__} on tables written by the pipeline's Spark/Delta",
        "",
        "| table | reader v. | reader features | scan() (notebooks) | to_pyarrow_table() | count() |",
        "|---|---|---|---|---|---|",
    ]
    for name, expected in expected_all.items():
        if "error" in expected:
            lines.append(f"| {name} | – | – | Spark failed: {expected['error'][:80]} | | |")
            continue
        dt = DeltaTable(str(root / name))
        p = dt.protocol()
        outcomes = []
        for read in (lambda dt=dt: chiso_lake.read_arrow(dt), dt.to_pyarrow_table):
            try:
                problem = _check(read(), expected)
                outcomes.append("ok" if problem is None else f"WRONG: {problem}")
            except Exception as e:  # noqa: BLE001
                outcomes.append(f"error: {type(e).__name__}")
        count = dt.count()
        rows = f"{count}" if count == expected["rows"] else f"{count} (WRONG, true {expected['rows']})"
        lines.append(
            f"| {name} | {p.min_reader_version} | {', '.join(p.reader_features or []) or '–'} | "
            f"{outcomes[0]} | {outcomes[1]} | {rows} |"
        )
    report = "\n".join(lines) + "\n"
    print("\n" + report)
    out = os.environ.get("CHISO_NB_REPORT_DIR")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / "reader-compat.md").write_text(report, encoding="utf-8")
