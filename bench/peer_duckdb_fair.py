"""The benchmark's fair peer: DuckDB doing the same work as our ingest + KPI transform, in SQL.

On the same CSV exports it builds the peer's own lake of Parquet files:

- bronze: every row as raw text (the canonical fields, trimmed, NFC, empty = null) with its source
  file and row number (the file's line number, the header being line 1);
- validation: the checks of ingest's DossierValidation, in the same first-failure order, with the
  same fields, reason codes and messages, the vocabularies of Vocabulary (case-insensitive), the
  date spellings of VnDates, province codes valid on the received date (63 until 2025-06-30, 34
  from 2025-07-01, from contract's reference/provinces_63.csv); failing rows go to quarantine;
- silver: typed dossiers, one per dossier id: the latest updated_at wins, then the status rank
  (resolved or returned over pending), then the later file and row, as ingest's MERGE does;
- reconciliation per file (read = accepted + quarantined, asserted here) and the count per check;
- gold unit_kpis: monthly counts per (province, district), rolled up to province and district x
  year, quarter and month (six roll-ups), the portal's rates (half-up to 0.01, in integers), and
  the progress ranking per level and period (competition rank by progress score: provinces
  nationally, districts within their province).

Simplified against ours, and documented so: a province written as a name is matched on its name
without diacritics (no alias list), a unit without a code gets its level from the name's prefix
words (unit-name-prefixes.csv) but no official district code from a unit list, and a row number
counts records (a quoted field spanning lines would shift it).

usage: peer_duckdb_fair.py --data DIR --work DIR [--threads 2]
Prints one line per stage: `peer <stage> <seconds>`; the gold is WORK/gold/unit_kpis (Parquet,
partitioned by period_type).
"""

import argparse
import csv
import os
import shutil
import sys
import time
import unicodedata

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RESOURCES = os.path.join(ROOT, "ingest", "src", "main", "resources", "ingest")
PROVINCES = os.path.join(ROOT, "contract", "src", "main", "resources", "reference", "provinces_63.csv")

RAW = [
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
    "updated_at",
]

# Vocabulary.java: the contract's codes and labels, then the other spellings seen in exports
STATUS = {
    "resolved_early": ["Đã giải quyết trước hạn", "Trước hạn"],
    "resolved_on_time": ["Đã giải quyết đúng hạn", "Đúng hạn"],
    "resolved_late": ["Đã giải quyết quá hạn", "Quá hạn", "Trễ hạn"],
    "pending_within_deadline": ["Đang giải quyết trong hạn"],
    "pending_overdue": ["Đang giải quyết quá hạn"],
    "returned": ["Trả lại/Từ chối", "Trả lại", "Từ chối", "Trả lại hồ sơ"],
}
CHANNEL = {
    "direct": ["Trực tiếp"],
    "online": ["Trực tuyến", "Trực tuyến một phần", "Trực tuyến toàn trình", "Dịch vụ công trực tuyến"],
    "postal": ["Bưu chính công ích", "Bưu chính", "BCCI", "Qua bưu điện"],
}
LEVEL = {
    "province": ["Tỉnh", "Cấp tỉnh"],
    "district": ["Huyện", "Cấp huyện", "Quận", "Thị xã", "Thành phố thuộc tỉnh"],
    "commune": ["Xã", "Cấp xã", "Phường", "Thị trấn"],
}
COUNTS = [
    "received",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "returned",
    "pending",
    "pending_within_deadline",
    "pending_overdue",
    "on_time",
    "online",
    "postal",
    "rated",
    "rating_sum",
    "processing_days_sum_x100",
]
REFORM = "TIMESTAMP '2025-07-01 00:00:00'"
DAY = "strftime(t_received_at, '%Y-%m-%d')"


def key(text):
    """HeaderMapping's comparison key: lower case, no diacritics (đ -> d), letters and digits only."""
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")).lower()
    return "".join(c for c in s if c.isalnum() and not unicodedata.combining(c))


def header_synonyms():
    out = {}
    with open(os.path.join(RESOURCES, "dossier-headers.csv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#") and line.strip() != "field,header":
                field, header = line.rstrip("\n").split(",", 1)
                out[key(header)] = field.strip()
    return out


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def lookup(column, vocabulary):
    """Vocabulary.lookup: the code of a spelling compared in lower case, null when unknown."""
    whens = " ".join(
        f"WHEN {sql_str(s.lower())} THEN {sql_str(code)}"
        for code, spellings in vocabulary.items()
        for s in [code, *spellings]
    )
    return f"CASE lower(trim({column})) {whens} END"


def macros(con):
    """VnDates as SQL: the exports' own spelling first, then d/M/y, y-M-d and Excel serial days."""
    dmy = r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:hg](\d{2})(?::(\d{2})(?:\.\d+)?)?)?$"
    ymd = (
        r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
        r"(?:Z|[+-]\d{2}:?\d{2})?$"
    )
    con.execute("""CREATE MACRO ts_of(g) AS
        CASE WHEN g.y <> '' THEN try(make_timestamp(g.y::BIGINT, g.mo::BIGINT, g.d::BIGINT,
             coalesce(nullif(g.h, ''), '0')::BIGINT, coalesce(nullif(g.mi, ''), '0')::BIGINT,
             coalesce(nullif(g.s, ''), '0')::DOUBLE)) END""")
    con.execute(f"""CREATE MACRO vn_ts_trimmed(t) AS coalesce(
        CASE WHEN regexp_full_match(t, '[0-9]{{2}}/[0-9]{{2}}/[12][0-9]{{3}} [0-9]{{2}}:[0-9]{{2}}')
             THEN try_strptime(t, '%d/%m/%Y %H:%M') END,
        ts_of(regexp_extract(t, '{dmy}', ['d', 'mo', 'y', 'h', 'mi', 's'])),
        ts_of(regexp_extract(t, '{ymd}', ['y', 'mo', 'd', 'h', 'mi', 's'])),
        CASE WHEN regexp_full_match(t, '[0-9]{{5}}([.,][0-9]+)?') THEN
             TIMESTAMP '1899-12-30' + to_days(regexp_extract(t, '^[0-9]+')::BIGINT)
             + to_seconds(round(('0.' || coalesce(nullif(regexp_extract(t, '[.,]([0-9]+)$', 1), ''), '0'))::DOUBLE
                                * 86400)::BIGINT) END)""")
    con.execute("CREATE MACRO vn_ts(raw) AS vn_ts_trimmed(trim(raw))")
    con.execute("""CREATE MACRO name_key(s) AS
        trim(regexp_replace(lower(strip_accents(replace(replace(s, 'đ', 'd'), 'Đ', 'D'))), '[^a-z0-9]+', ' ', 'g'))""")
    # half-up to 0.01 in integers: hundredths of part / whole
    con.execute("CREATE MACRO hundredths(part, whole) AS (200 * part + whole) // (2 * whole)")
    con.execute("CREATE MACRO dec2(h) AS (h::DECIMAL(18, 0) * 0.01::DECIMAL(3, 2))")


def reference_tables(con):
    """Province versions (63 until 2025-06-30, 34 from 2025-07-01) and unit-name prefixes."""
    with open(PROVINCES, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    con.execute("CREATE TABLE p63 (code VARCHAR, name VARCHAR, successor VARCHAR, successor_name VARCHAR)")
    con.executemany(
        "INSERT INTO p63 VALUES (?, ?, ?, ?)",
        [(r["code"], r["name"], r["code_after_2025"], r["name_after_2025"]) for r in rows],
    )
    con.execute("SET VARIABLE successors = (SELECT map(list(code), list(successor || ' ' || successor_name)) FROM p63)")
    con.execute("CREATE TABLE p34 AS SELECT DISTINCT successor AS code, successor_name AS name FROM p63")
    con.execute("""CREATE TABLE province_names AS
        SELECT name_key(name) AS k, min(code) AS code, false AS after FROM p63 GROUP BY 1
        UNION ALL SELECT name_key(name), min(code), true FROM p34 GROUP BY 1""")
    with open(os.path.join(RESOURCES, "unit-name-prefixes.csv"), encoding="utf-8") as f:
        lines = [r for r in csv.reader(line for line in f if not line.startswith("#"))][1:]
    con.execute("CREATE TABLE prefixes (prefix VARCHAR, level VARCHAR, kind VARCHAR)")
    con.executemany(
        "INSERT INTO prefixes VALUES (name_key(?), ?, ?)", [(r[0], r[1] or None, r[2] or None) for r in lines]
    )


def stage_bronze(con, data, lake):
    """Every row as raw text with its source file and line number; Parquet in the peer's lake."""
    files = f"{data}/*/*.csv"
    src = (
        f"read_csv('{files}', header = true, all_varchar = true, filename = true, union_by_name = true, "
        "delim = ',', quote = '\"', escape = '\"', null_padding = true)"
    )
    columns = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()]
    synonyms = header_synonyms()
    by_field = {}
    for c in columns:
        field = synonyms.get(key(c))
        if field and field not in by_field:
            by_field[field] = c
    fields = ", ".join(
        f"nullif(trim(nfc_normalize({duck_id(by_field[f])})), '') AS {f}" if f in by_field else f"NULL::VARCHAR AS {f}"
        for f in RAW
    )
    con.execute("SET preserve_insertion_order = true")  # rows in file order: the row number follows
    con.execute(f"CREATE TABLE scan AS SELECT filename AS source_file, {fields} FROM {src}")
    con.execute("SET preserve_insertion_order = false")
    con.execute(f"""CREATE TABLE bronze AS
        SELECT source_file, (rowid - min(rowid) OVER (PARTITION BY source_file) + 2)::INTEGER AS row_number,
               {", ".join(RAW)}, NULL::VARCHAR AS parse_error
        FROM scan""")
    con.execute("DROP TABLE scan")
    con.execute(f"COPY bronze TO '{lake}/bronze/dossiers' (FORMAT parquet, PER_THREAD_OUTPUT true)")
    return con.execute("SELECT count(*) FROM bronze").fetchone()[0]


def duck_id(name):
    return '"' + name.replace('"', '""') + '"'


def typed_sql():
    """Bronze with its typed values (t_*), as DossierValidation and UnitResolution derive them."""
    p = "trim(province_code)"
    has_code = "(trim(unit_code) IS NOT NULL AND trim(unit_code) <> '')"
    has_name = "(trim(unit_name) IS NOT NULL AND trim(unit_name) <> '')"
    by_name = (
        f"CASE WHEN NOT regexp_full_match({p}, '[0-9]{{1,2}}') "
        f"THEN regexp_replace(name_key({p}), '^(tinh|thanh pho|tp) ', '') END"
    )
    return f"""
      WITH typed AS (
        SELECT b.*, vn_ts(received_at) AS t_received_at, vn_ts(due_at) AS t_due_at,
               vn_ts(resolved_at) AS t_resolved_at, vn_ts(updated_at) AS t_updated_at,
               TRY_CAST(trim(rating) AS INTEGER) AS t_rating,
               {lookup("unit_level", LEVEL)} AS t_level_given, {lookup("channel", CHANNEL)} AS t_channel,
               {lookup("status", STATUS)} AS t_status,
               {has_code} AS has_code, {has_name} AS has_name,
               CASE WHEN regexp_full_match({p}, '[0-9]') THEN '0' || {p}
                    WHEN regexp_full_match({p}, '[0-9]{{2}}') THEN {p}
                    ELSE CASE WHEN vn_ts(received_at) >= {REFORM} THEN coalesce(n34.code, n63.code)
                              ELSE coalesce(n63.code, n34.code) END END AS t_province_code
        FROM bronze b
        LEFT JOIN province_names n63 ON NOT n63.after AND n63.k = {by_name}
        LEFT JOIN province_names n34 ON n34.after AND n34.k = {by_name}),
      named AS (
        SELECT t.*, CASE WHEN NOT has_code AND has_name AND t_province_code IS NOT NULL THEN (
                 SELECT {{'level': x.level, 'kind': x.kind}} FROM prefixes x
                 WHERE x.level IS NOT NULL AND starts_with(name_key(unit_name) || ' ', x.prefix || ' ')
                 ORDER BY length(x.prefix) DESC LIMIT 1) END AS named
        FROM typed t)
      SELECT named.* EXCLUDE (named),
             CASE WHEN has_code THEN trim(unit_code)
                  WHEN has_name THEN t_province_code || ':' || coalesce(named.kind, 'unit') || ':'
                                     || replace(name_key(unit_name), ' ', '-')
                  ELSE t_province_code || ':unknown' END AS t_unit_code,
             coalesce(t_level_given, CASE WHEN NOT has_code AND t_province_code IS NOT NULL
                                          THEN coalesce(named.level, 'province') END) AS t_unit_level,
             coalesce(nullif(trim(district_code), ''),
                      CASE WHEN NOT has_code AND named.kind = 'district'
                           THEN t_province_code || ':district:' || replace(name_key(unit_name), ' ', '-') END,
                      CASE WHEN has_code AND t_level_given = 'district' THEN trim(unit_code) END) AS t_district_code
      FROM named"""


def checks():
    """DossierValidation's checks in order: (failed, field, reason code, message), SQL each."""
    return province_checks() + unit_checks() + date_checks() + status_checks()


def province_checks():
    valid_on_date = (
        f"CASE WHEN t_received_at >= {REFORM} THEN t_province_code IN (SELECT code FROM p34) "
        "ELSE t_province_code IN (SELECT code FROM p63) END"
    )
    successor = "map_extract_value(getvariable('successors'), t_province_code)"
    merged = (
        f"CASE WHEN t_received_at >= {REFORM} THEN ' (merged into ' || {successor} || ' on 2025-07-01)' "
        "ELSE ' (a code of the 34 provinces from 2025-07-01)' END"
    )
    return [
        (
            "parse_error IS NOT NULL",
            None,
            "coalesce(nullif(regexp_extract(parse_error, '^([A-Z_]+): ', 1), ''), 'MALFORMED_ROW')",
            "regexp_replace(parse_error, '^[A-Z_]+: ', '')",
        ),
        *missing("dossier_id"),
        *missing("province_code"),
        (
            "t_province_code IS NULL OR t_province_code NOT IN (SELECT code FROM p63 UNION SELECT code FROM p34)",
            "province_code",
            "'UNKNOWN_PROVINCE'",
            quoted("province_code", " is not an official province code"),
        ),
        (
            f"t_received_at IS NOT NULL AND NOT ({valid_on_date})",
            "province_code",
            "'UNIT_NOT_VALID_ON_DATE'",
            f"'province ''' || province_code || ''' is not valid on ' || {DAY} || {merged}",
        ),
    ]


def unit_checks():
    return [
        ("t_unit_code IS NULL", "unit_code", "'MISSING_VALUE'", "'unit_code is empty'"),
        (
            "unit_level IS NOT NULL AND t_level_given IS NULL",
            "unit_level",
            "'INVALID_VALUE'",
            quoted("unit_level", " is not a known value"),
        ),
        ("t_unit_level IS NULL", "unit_level", "'MISSING_VALUE'", "'unit_level is empty'"),
        (
            f"t_received_at >= {REFORM} AND t_unit_level = 'district'",
            "unit_level",
            "'UNIT_NOT_VALID_ON_DATE'",
            f"'district-level unit ''' || t_unit_code || ''' is not valid on ' || {DAY} "
            "|| ' (districts were abolished on 2025-07-01)'",
        ),
        *missing("channel"),
        unknown("channel", "t_channel"),
    ]


def date_checks():
    return [
        *missing("received_at"),
        not_a_date("received_at", "t_received_at"),
        *missing("due_at"),
        not_a_date("due_at", "t_due_at"),
        (
            "t_due_at < t_received_at",
            "due_at",
            "'DUE_BEFORE_RECEIVED'",
            "'due date ' || due_at || ' is before received date ' || received_at",
        ),
        (
            "resolved_at IS NOT NULL AND t_resolved_at IS NULL",
            "resolved_at",
            "'INVALID_DATE'",
            quoted("resolved_at", " is not a date"),
        ),
        (
            "t_resolved_at < t_received_at",
            "resolved_at",
            "'RESOLVED_BEFORE_RECEIVED'",
            "'resolved date ' || resolved_at || ' is before received date ' || received_at",
        ),
    ]


def status_checks():
    resolution = "t_status IN ('resolved_early', 'resolved_on_time', 'resolved_late', 'returned')"
    return [
        *missing("status"),
        unknown("status", "t_status"),
        (
            f"{resolution} AND t_resolved_at IS NULL",
            "resolved_at",
            "'MISSING_VALUE'",
            "'status ''' || status || ''' needs a resolved date'",
        ),
        (
            "starts_with(t_status, 'pending') AND t_resolved_at IS NOT NULL",
            "resolved_at",
            "'INCONSISTENT_STATUS'",
            "'status ''' || status || ''' is pending but has resolved date ' || resolved_at",
        ),
        (
            "rating IS NOT NULL AND NOT coalesce(t_rating BETWEEN 1 AND 5, false)",
            "rating",
            "'INVALID_VALUE'",
            quoted("rating", " is not a rating from 1 to 5"),
        ),
        (
            "updated_at IS NOT NULL AND t_updated_at IS NULL",
            "updated_at",
            "'INVALID_DATE'",
            quoted("updated_at", " is not a date"),
        ),
    ]


def missing(field):
    return [(f"{field} IS NULL", field, "'MISSING_VALUE'", f"'{field} is empty'")]


def unknown(field, typed):
    return (f"{typed} IS NULL", field, "'INVALID_VALUE'", quoted(field, " is not a known value"))


def not_a_date(field, typed):
    return (f"{typed} IS NULL", field, "'INVALID_DATE'", quoted(field, " is not a date (dd/MM/yyyy HH:mm)"))


def quoted(field, text):
    return f"'{field} ''' || {field} || '''{text}'"


def stage_validate(con, lake):
    """The first failing check per row (a CASE stops at the first); failing rows to quarantine."""
    whens = "\n".join(
        f"WHEN {cond} THEN {{'field': {sql_str(field) if field else 'NULL::VARCHAR'}, "
        f"'reason_code': {reason}, 'message': {message}}}"
        for cond, field, reason, message in checks()
    )
    con.execute(f"CREATE TABLE validated AS SELECT *, CASE {whens} END AS failure FROM ({typed_sql()})")
    raw = ", ".join(f"coalesce({f}, '')" for f in RAW)
    con.execute(f"""COPY (
        SELECT source_file, row_number, concat_ws(',', {raw}) AS raw_text, failure.field AS field,
               failure.reason_code AS reason_code, failure.message AS message, now() AS quarantined_at
        FROM validated WHERE failure IS NOT NULL
      ) TO '{lake}/quarantine/dossiers' (FORMAT parquet, PER_THREAD_OUTPUT true)""")
    return con.execute("SELECT count(*) FILTER (WHERE failure IS NOT NULL) FROM validated").fetchone()[0]


def stage_silver(con, lake):
    """Accepted rows typed as silver/dossiers, one per dossier id: the latest state wins."""
    on_time = (
        "t_status IN ('resolved_early', 'resolved_on_time', 'pending_within_deadline') "
        "OR (t_status = 'returned' AND t_resolved_at <= t_due_at)"
    )
    seconds = "(epoch(t_resolved_at) - epoch(t_received_at))::BIGINT"
    con.execute(f"""CREATE TABLE silver AS
        SELECT * EXCLUDE (status_rank) FROM (
        SELECT dossier_id, t_province_code AS province_code, t_district_code AS district_code,
               t_unit_code AS unit_code, unit_name, t_unit_level AS unit_level, procedure_code, field,
               t_channel AS channel, t_received_at AS received_at, t_due_at AS due_at,
               t_resolved_at AS resolved_at, t_status AS status, coalesce({on_time}, false) AS counts_on_time,
               t_rating AS rating,
               CASE WHEN t_resolved_at IS NOT NULL
                    THEN dec2(({seconds} * 200 + 86400) // 172800)::DECIMAL(9, 2) END AS processing_days,
               year(t_received_at) AS received_year, month(t_received_at) AS received_month,
               coalesce(t_updated_at, greatest(t_received_at, coalesce(t_resolved_at, t_received_at))) AS updated_at,
               CASE t_status WHEN 'pending_within_deadline' THEN 1 WHEN 'pending_overdue' THEN 2 ELSE 3 END
                 AS status_rank,
               source_file, row_number
        FROM validated WHERE failure IS NULL)
        QUALIFY row_number() OVER (
          PARTITION BY dossier_id ORDER BY updated_at DESC, status_rank DESC, source_file DESC, row_number DESC) = 1""")
    con.execute(
        f"COPY silver TO '{lake}/silver/dossiers' (FORMAT parquet, PARTITION_BY (received_year, received_month))"
    )
    return con.execute("SELECT count(*) FROM silver").fetchone()[0]


def stage_reconcile(con, lake):
    """Per file: read = accepted + quarantined (asserted); per check: how many rows it failed."""
    con.execute("""CREATE TABLE file_counts AS
        SELECT source_file, count(*) AS read, count(*) FILTER (WHERE failure IS NULL) AS accepted,
               count(*) FILTER (WHERE failure IS NOT NULL) AS quarantined
        FROM validated GROUP BY source_file""")
    bad = con.execute("SELECT * FROM file_counts WHERE read <> accepted + quarantined").fetchall()
    if bad:
        raise SystemExit(f"peer: reconciliation failed for {len(bad)} file(s), first {bad[0]}")
    con.execute(f"COPY file_counts TO '{lake}/gold/file_reconciliation.parquet' (FORMAT parquet)")
    con.execute(f"""COPY (
        SELECT coalesce(failure.field, '(row)') AS field, failure.reason_code AS reason_code, count(*) AS rows
        FROM validated WHERE failure IS NOT NULL GROUP BY ALL ORDER BY ALL
      ) TO '{lake}/gold/data_quality.parquet' (FORMAT parquet)""")
    return con.execute("SELECT count(*) FROM file_counts").fetchone()[0]


def monthly_sql():
    """DossierKpis.monthlyCounts: additive counts per (province, district, year, month)."""
    return """CREATE TABLE monthly AS
        SELECT province_code, district_code, received_year AS year, received_month AS month,
               count(*) AS received,
               count(*) FILTER (WHERE starts_with(status, 'resolved_')) AS resolved,
               count(*) FILTER (WHERE status = 'resolved_early') AS resolved_early,
               count(*) FILTER (WHERE status = 'resolved_on_time') AS resolved_on_time,
               count(*) FILTER (WHERE status = 'resolved_late') AS resolved_late,
               count(*) FILTER (WHERE status = 'returned') AS returned,
               count(*) FILTER (WHERE starts_with(status, 'pending_')) AS pending,
               count(*) FILTER (WHERE status = 'pending_within_deadline') AS pending_within_deadline,
               count(*) FILTER (WHERE status = 'pending_overdue') AS pending_overdue,
               count(*) FILTER (WHERE counts_on_time) AS on_time,
               count(*) FILTER (WHERE channel = 'online') AS online,
               count(*) FILTER (WHERE channel = 'postal') AS postal,
               count(rating) AS rated, coalesce(sum(rating), 0) AS rating_sum,
               coalesce(sum(processing_days * 100) FILTER (WHERE starts_with(status, 'resolved_')), 0)::BIGINT
                 AS processing_days_sum_x100
        FROM silver GROUP BY ALL"""


PERIODS = {
    "year": "year::VARCHAR",
    "quarter": "year::VARCHAR || '-Q' || ((month - 1) // 3 + 1)::VARCHAR",
    "month": "printf('%04d-%02d', year, month)",
}


def rollups_sql():
    """The six roll-ups (province, district x year, quarter, month) with the portal's rates."""
    sums = ", ".join(f"sum({c})::BIGINT AS {c}" for c in COUNTS)
    parts = []
    for level, unit, where in (
        ("province", "province_code", ""),
        ("district", "district_code", "WHERE district_code IS NOT NULL"),
    ):
        for ptype, period in PERIODS.items():
            parts.append(
                f"SELECT '{level}' AS level, {unit} AS unit_code, province_code, '{ptype}' AS period_type, "
                f"{period} AS period, year, {sums} FROM monthly {where} GROUP BY ALL"
            )
    # percent in hundredths: 100 x part / whole half-up to 0.01, 0 for a unit that received nothing
    ratio = "CASE WHEN received > 0 THEN hundredths(100 * {}, received) ELSE 0 END"
    return f"""CREATE TABLE kpis AS
        SELECT * EXCLUDE (rating_sum, processing_days_sum_x100, r100),
               dec2(r100)::DECIMAL(5, 2) AS on_time_ratio,
               dec2((2 * r100 + 5) // 10)::DECIMAL(5, 2) AS progress_score,
               dec2({ratio.format("online")})::DECIMAL(5, 2) AS online_share,
               dec2({ratio.format("postal")})::DECIMAL(5, 2) AS postal_share,
               CASE WHEN rated > 0 THEN dec2(hundredths(rating_sum, rated))::DECIMAL(4, 2) END AS avg_rating,
               CASE WHEN resolved > 0
                    THEN dec2((2 * processing_days_sum_x100 + resolved) // (2 * resolved))::DECIMAL(9, 2) END
                 AS avg_processing_days
        FROM (SELECT *, {ratio.format("on_time")} AS r100 FROM ({" UNION ALL ".join(parts)}))"""


def stage_gold(con, lake):
    """gold/unit_kpis with the progress ranking per level and period (Rankings.compute)."""
    con.execute(monthly_sql())
    con.execute(rollups_sql())
    peers = "CASE WHEN level = 'province' THEN '*' ELSE province_code END"
    con.execute(f"""COPY (
        SELECT *, CASE WHEN units_ranked > 1
                       THEN round((units_ranked - rank)::DECIMAL(10, 0) * 100 / (units_ranked - 1), 2) ELSE 100 END
                    AS percentile
        FROM (SELECT *, rank() OVER (w ORDER BY progress_score DESC) AS rank, count(*) OVER w AS units_ranked
              FROM kpis WINDOW w AS (PARTITION BY level, period_type, period, {peers}))
      ) TO '{lake}/gold/unit_kpis' (FORMAT parquet, PARTITION_BY (period_type))""")
    return con.execute("SELECT count(*) FROM kpis").fetchone()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()

    t0 = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"SET threads={a.threads}")
    con.execute("SET enable_progress_bar = false")
    lake = os.path.abspath(a.work)
    shutil.rmtree(lake, ignore_errors=True)
    for d in ("bronze", "quarantine", "silver", "gold"):
        os.makedirs(os.path.join(lake, d))
    macros(con)
    reference_tables(con)
    last = time.perf_counter()
    print(f"peer start {last - t0:.2f}", flush=True)
    counts = {}
    for name, stage in (
        ("bronze", stage_bronze),
        ("validation+quarantine", stage_validate),
        ("silver", stage_silver),
        ("reconciliation+quality", stage_reconcile),
        ("gold", stage_gold),
    ):
        counts[name] = stage(con, a.data, lake) if name == "bronze" else stage(con, lake)
        now = time.perf_counter()
        print(f"peer {name} {now - last:.2f}", flush=True)
        last = now
    print(f"peer total {last - t0:.2f}", flush=True)
    print(
        "peer rows: read {bronze}, quarantined {validation+quarantine}, silver {silver}, "
        "files {reconciliation+quality}, gold unit_kpis {gold}".format(**counts),
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
