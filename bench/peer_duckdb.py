"""The benchmark's peer: DuckDB doing the essential work of the pipeline on the same input files.

CSV exports (one per province and year) -> typed silver Parquet partitioned by year -> gold KPIs
per (province, year): received, resolved, on time, on-time ratio and online share in the
portal's arithmetic (percent, half-up to 0.01, computed in integers so no float is involved).

It does less than our pipeline (no bronze copy, no per-row validation or quarantine, no
reconciliation, no de-duplication, no district/quarter/month roll-ups, no rankings, no Delta
commits): the same shape of work as shared/PERF-BASELINE.md's DuckDB column.

usage: peer_duckdb.py --data DIR --work DIR --out gold.csv [--threads 2]
Prints one line per stage: `peer <stage> <seconds>`.
"""

import argparse
import os
import shutil
import sys
import time

import duckdb

STATUS = {
    "Đã giải quyết trước hạn": "resolved_early",
    "Đã giải quyết đúng hạn": "resolved_on_time",
    "Đã giải quyết quá hạn": "resolved_late",
    "Đang giải quyết trong hạn": "pending_within_deadline",
    "Đang giải quyết quá hạn": "pending_overdue",
    "Trả lại/Từ chối": "returned",
}
CHANNEL = {"Trực tiếp": "direct", "Trực tuyến": "online", "Bưu chính công ích": "postal"}
LEVEL = {"Tỉnh": "province", "Huyện": "district", "Xã": "commune"}

COLUMNS = [
    "dossier_id",
    "unit_code",
    "unit_name",
    "unit_level",
    "province_code",
    "district_code",
    "procedure_code",
    "field",
    "channel",
    "received_at",
    "due_at",
    "resolved_at",
    "status",
    "rating",
]


def case(column, mapping):
    whens = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in mapping.items())
    return f"CASE {column} {whens} END"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()

    t0 = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"SET threads={a.threads}")
    con.execute("SET preserve_insertion_order=false")
    silver = os.path.join(a.work, "silver")
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    t1 = time.perf_counter()
    print(f"peer start {t1 - t0:.2f}", flush=True)

    cols = ", ".join(f"'{c}': 'VARCHAR'" for c in COLUMNS)
    ts = "strptime({}, '%d/%m/%Y %H:%M')"
    con.execute(f"""
        COPY (
          SELECT dossier_id, lpad(trim(province_code), 2, '0') AS province_code, district_code, unit_code,
                 unit_name, {case("unit_level", LEVEL)} AS unit_level, procedure_code, field,
                 {case("channel", CHANNEL)} AS channel,
                 {ts.format("received_at")} AS received_at, {ts.format("due_at")} AS due_at,
                 {ts.format("resolved_at")} AS resolved_at,
                 {case("status", STATUS)} AS status, TRY_CAST(rating AS INTEGER) AS rating,
                 year({ts.format("received_at")}) AS received_year
          FROM read_csv('{a.data}/*/*.csv', header = true, delim = ',', quote = '"', escape = '"',
                        columns = {{{cols}}}, auto_detect = false)
        ) TO '{silver}' (FORMAT parquet, PARTITION_BY (received_year))""")
    t2 = time.perf_counter()
    print(f"peer silver {t2 - t1:.2f}", flush=True)

    on_time = (
        "status IN ('resolved_early', 'resolved_on_time', 'pending_within_deadline') "
        "OR (status = 'returned' AND resolved_at <= due_at)"
    )
    con.execute(f"""
        COPY (
          SELECT province_code, received_year AS year, count(*) AS received,
                 count(*) FILTER (WHERE status LIKE 'resolved_%') AS resolved,
                 count(*) FILTER (WHERE {on_time}) AS on_time,
                 count(*) FILTER (WHERE channel = 'online') AS online,
                 -- percent in hundredths, half-up: floor((200 * 100 * part + whole) / (2 * whole))
                 (20000 * count(*) FILTER (WHERE {on_time}) + count(*)) // (2 * count(*)) AS on_time_ratio_x100,
                 (20000 * count(*) FILTER (WHERE channel = 'online') + count(*)) // (2 * count(*)) AS online_share_x100
          FROM read_parquet('{silver}/*/*.parquet', hive_partitioning = true)
          GROUP BY ALL ORDER BY ALL
        ) TO '{a.out}' (HEADER, DELIMITER ',')""")
    t3 = time.perf_counter()
    print(f"peer gold {t3 - t2:.2f}", flush=True)
    print(f"peer total {t3 - t0:.2f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
