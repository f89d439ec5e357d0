"""Write a tiny demo gold layer (Delta tables) with the `deltalake` package (delta-rs).

For trying the Superset SQL path end to end before the Spark transforms produce the real
gold tables. Layout and column names follow contract/LakeTable (gold/rankings partitioned by
index_code, gold/unit_kpis partitioned by period_type); only a subset of columns is written.
Several commits are made on purpose (write, append, delete) so that the table's directory holds
parquet files that are no longer part of the current version: a reader that globs *.parquet
gets the wrong answer, a Delta reader the right one.

Usage: python make_demo_gold.py LAKE_DIR
"""

import os
import sys
from decimal import Decimal

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake

RANKINGS = pa.schema(
    [
        ("index_code", pa.string()),
        ("level", pa.string()),
        ("period_type", pa.string()),
        ("period", pa.string()),
        ("year", pa.int32()),
        ("unit_code", pa.string()),
        ("unit_name", pa.string()),
        ("province_code", pa.string()),
        ("region", pa.string()),
        ("score", pa.decimal128(7, 2)),
        ("rank", pa.int32()),
        ("units_ranked", pa.int32()),
    ]
)
UNIT_KPIS = pa.schema(
    [
        ("level", pa.string()),
        ("unit_code", pa.string()),
        ("unit_name", pa.string()),
        ("province_code", pa.string()),
        ("region", pa.string()),
        ("period_type", pa.string()),
        ("period", pa.string()),
        ("year", pa.int32()),
        ("received", pa.int64()),
        ("resolved", pa.int64()),
        ("on_time", pa.int64()),
        ("on_time_ratio", pa.decimal128(5, 2)),
    ]
)

# (code, name, region) — official 63-province codes; a few provinces are enough here.
UNITS = [
    ("01", "Hà Nội", "Đồng bằng sông Hồng"),
    ("79", "Hồ Chí Minh", "Đông Nam Bộ"),
    ("25", "Phú Thọ", "Trung du và miền núi phía Bắc"),
    ("48", "Đà Nẵng", "Bắc Trung Bộ và duyên hải miền Trung"),
    ("92", "Cần Thơ", "Đồng bằng sông Cửu Long"),
    ("66", "Đắk Lắk", "Tây Nguyên"),
]


def rankings_rows(index_code, period, scores):
    ranked = sorted(zip(UNITS, scores), key=lambda p: -Decimal(p[1]))
    return [
        dict(
            index_code=index_code,
            level="province",
            period_type="month",
            period=period,
            year=int(period[:4]),
            unit_code=u[0],
            unit_name=u[1],
            province_code=u[0],
            region=u[2],
            score=Decimal(s),
            rank=i + 1,
            units_ranked=len(ranked),
        )
        for i, (u, s) in enumerate(ranked)
    ]


def main(lake):
    gold = os.path.join(os.path.abspath(lake), "gold")
    rk = os.path.join(gold, "rankings")
    write_deltalake(
        rk,
        pa.Table.from_pylist(
            rankings_rows("766", "2026-07", ["84.10", "86.00", "79.35", "81.20", "77.05", "75.50"]), schema=RANKINGS
        ),
        partition_by=["index_code"],
    )
    write_deltalake(
        rk,
        pa.Table.from_pylist(
            rankings_rows("766", "2026-08", ["85.50", "88.10", "80.25", "79.00", "78.40", "76.95"])
            + rankings_rows("PAPI", "2024-12", ["45.10", "44.20", "42.75", "46.30", "43.00", "41.80"]),
            schema=RANKINGS,
        ),
        mode="append",
        partition_by=["index_code"],
    )
    # A correction: drop one province's PAPI row (rewrites that partition's file).
    DeltaTable(rk).delete("index_code = 'PAPI' AND unit_code = '66'")

    kp = os.path.join(gold, "unit_kpis")
    rows = []
    for n, (code, name, region) in enumerate(UNITS):
        for period, received in (("2026-07", 1000 + 37 * n), ("2026-08", 1100 + 41 * n)):
            on_time = received - 13 * (n + 1)
            rows.append(
                dict(
                    level="province",
                    unit_code=code,
                    unit_name=name,
                    province_code=code,
                    region=region,
                    period_type="month",
                    period=period,
                    year=2026,
                    received=received,
                    resolved=received - 5,
                    on_time=on_time,
                    on_time_ratio=Decimal(on_time * 100 / received).quantize(Decimal("0.01")),
                )
            )
    write_deltalake(kp, pa.Table.from_pylist(rows, schema=UNIT_KPIS), partition_by=["period_type"])
    for path in (rk, kp):
        t = DeltaTable(path)
        print(f"{path}: version {t.version()}, {len(t.file_uris())} active files")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
    sys.stdout.flush()
    # delta-rs / Arrow worker threads can abort the interpreter at exit after writes
    # ("terminate called without an active exception", delta-io/delta-rs#2184): leave at once.
    os._exit(0)
