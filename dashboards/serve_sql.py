"""The SQL path from Superset to the lake: DuckDB catalog files holding the gold tables, copied
from the Delta tables when the catalog is built (`superset.sh serve-sql`, run by `./chiso superset`).

Two catalogs, two Superset databases:
  public    (lake.duckdb, database `chiso_lake`): what the public may see, decided by ops/releases
            exactly as the API decides it (api/.../releases/Embargo): for every (index, period) the
            latest event of ops/releases says published or draft; one without events is
            `--unreleased` (draft by default, like chiso.releases.unreleased). A published (index,
            period) is copied at the lake versions its publish event pinned (`lake_versions`,
            e.g. gold/rankings@12), so a recomputation after publishing stays out; a gold table the
            pin does not name is read at its last version committed at or before the publish time.
            Drafts are absent. Rows keyed by index and period: rankings, index_scores, rank_changes,
            province_indices; reform_series by its series (an index, or `kpi`); index_correlations
            when both indices are visible; unit_kpis (the inputs of the KPI-based indices,
            KPI_INDICES) when those indices are visible for the period (a month or quarter of KPIs
            also needs its year: the year's KPIs add them up). A gold table without a rule here is
            left out of the public catalog.
  reviewer  (lake-drafts.duckdb, database `chiso_lake_drafts`, for the chiso_reviewer role): every
            gold table at its latest version, drafts included.
Both also hold `lake_tables` (what was copied, from which version) and `ref_country_map_vn`
(country_map_vn.csv: official province code -> the ISO 3166-2 code of Superset's Vietnam map); the
public one holds `published_releases` (the (index, period) it shows and their pins).

Superset opens them read-only with DuckDB's external access off and the configuration locked
(`superset_extra`): no query through Superset, SQL Lab included, can read a file, the lake's or any
other, or turn that back on. The catalog is a snapshot: rebuild it (serve-sql) after a pipeline run
or a publish; the file is replaced atomically.

Two readers copy the Delta tables at a version:
  delta    (default) DuckDB's own `delta` extension (delta-kernel-rs: checkpoints, partition
           values, deletion vectors, column mapping; `delta_scan(path, version := N)`). DuckDB
           cannot download it here (DuckDB's extension host is unreachable), so it comes from the
           PyPI package `duckdb-extension-delta`, which ships DuckDB's signed binary for exactly
           one DuckDB version; `install-extension` copies it into a project-local directory.
  parquet  No extension: `deltalake` (delta-rs) lists the active files of the version and their
           partition values, read with DuckDB's built-in parquet reader, cast to the Delta schema.
           Refuses tables whose protocol needs deletion vectors or column mapping. Used as the
           independent cross-check (`crosscheck`) and as the fallback if the wheel goes away.

Commands:
  install-extension --ext-dir DIR
  build --lake DIR --out FILE --ext-dir DIR [--audience public|reviewer] [--unreleased draft|published]
        [--reader delta|parquet]
  check --db FILE                        row counts, as Superset would see them
  crosscheck --lake DIR --ext-dir DIR    delta reader vs delta-rs reader, row for row
  superset-extra                         JSON for the Superset database's `extra` field
"""

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
import urllib.parse

import duckdb

LAYER = "gold"
COUNTRY_MAP_CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "country_map_vn.csv")


# ---------------------------------------------------------------- connections


def connect_config(ext_dir):
    """DuckDB settings of the builder: the delta extension from the project-local directory."""
    return {
        "extension_directory": os.path.abspath(ext_dir),
        # Never try the network for an extension: it is installed from the PyPI wheel.
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": True,
    }


# What Superset's connections run with: the catalog holds the data, so no file is ever read
# (read_csv('/etc/passwd'), read_parquet of the lake's files, ATTACH …), no extension is loaded,
# and no SET can undo it (lock_configuration).
SERVING_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}


def connect(db, ext_dir, read_only=False):
    return duckdb.connect(db, read_only=read_only, config=connect_config(ext_dir))


def connect_serving(db):
    """A connection as Superset opens the catalog."""
    return duckdb.connect(db, read_only=True, config=dict(SERVING_CONFIG))


def superset_extra():
    """The `extra` JSON of a Superset database over a catalog: read-only, no file access."""
    return {
        "engine_params": {
            "connect_args": {
                "read_only": True,
                "config": dict(SERVING_CONFIG),
            }
        },
        "allows_virtual_table_explore": True,
        "disable_data_preview": False,
    }


# ---------------------------------------------------------------- the delta extension


def extension_file():
    import duckdb_extension_delta  # the PyPI wheel

    version = duckdb.sql("PRAGMA version").fetchone()[0]
    path = os.path.join(
        os.path.dirname(duckdb_extension_delta.__file__), "extensions", version, "delta.duckdb_extension"
    )
    if not os.path.exists(path):
        sys.exit(f"duckdb-extension-delta has no build for DuckDB {version}: pin both to the same version")
    return path


def install_extension(ext_dir):
    os.makedirs(ext_dir, exist_ok=True)
    con = duckdb.connect(config=connect_config(ext_dir))
    row = con.sql("SELECT installed, install_path FROM duckdb_extensions() WHERE extension_name = 'delta'").fetchone()
    if row and row[0]:
        print(f"delta extension already installed: {row[1]}")
    else:
        con.sql(f"INSTALL '{extension_file()}'")
    con.sql("LOAD delta")  # fails unless DuckDB accepts the binary's signature
    row = con.sql(
        "SELECT extension_version, install_path FROM duckdb_extensions() WHERE extension_name = 'delta'"
    ).fetchone()
    print(f"delta extension {row[0]} loads (signature checked by DuckDB): {row[1]}")


# ---------------------------------------------------------------- discovery


def gold_tables(lake):
    root = os.path.join(os.path.abspath(lake), LAYER)
    if not os.path.isdir(root):
        sys.exit(f"no {LAYER} layer under {lake}")
    out = []
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if os.path.isdir(os.path.join(path, "_delta_log")):
            out.append((f"{LAYER}_{name}", path))
    if not out:
        sys.exit(f"no Delta tables under {root}")
    return out


def q(ident):
    return '"' + ident.replace('"', '""') + '"'


def lit(text):
    return "'" + str(text).replace("'", "''") + "'"


def latest_version(path):
    """Current Delta version, from the log (works with either reader)."""
    try:
        import deltalake

        return deltalake.DeltaTable(path).version()
    except ImportError:
        log = os.path.join(path, "_delta_log")
        versions = [int(f.split(".")[0]) for f in os.listdir(log) if f.endswith(".json") and f.split(".")[0].isdigit()]
        return max(versions) if versions else None


# ---------------------------------------------------------------- readers


def view_sql_delta(path, version=None):
    args = lit(path) + (f", version := {int(version)}" if version is not None else "")
    return f"SELECT * FROM delta_scan({args})"


_DELTA_TO_DUCKDB = {
    "string": "VARCHAR",
    "long": "BIGINT",
    "integer": "INTEGER",
    "short": "SMALLINT",
    "byte": "TINYINT",
    "float": "FLOAT",
    "double": "DOUBLE",
    "boolean": "BOOLEAN",
    "binary": "BLOB",
    "date": "DATE",
    "timestamp": "TIMESTAMPTZ",
    "timestamp_ntz": "TIMESTAMP",
}


def duck_type(delta_type):
    if isinstance(delta_type, str):
        if delta_type.startswith("decimal"):
            return delta_type.upper()
        if delta_type in _DELTA_TO_DUCKDB:
            return _DELTA_TO_DUCKDB[delta_type]
    raise SystemExit(f"parquet reader: Delta type {delta_type!r} not supported; use --reader delta")


def view_sql_parquet(path, version=None):
    """A query over exactly the active files of a version (delta-rs lists them); the latest if None."""
    import pyarrow as pa
    from deltalake import DeltaTable

    dt = DeltaTable(path) if version is None else DeltaTable(path, version=int(version))
    proto = dt.protocol()
    features = set(proto.reader_features or [])
    mapping = dt.metadata().configuration.get("delta.columnMapping.mode", "none")
    if features & {"deletionVectors", "columnMapping"} or mapping != "none":
        raise SystemExit(
            f"{path}: reader features {sorted(features)} / column mapping {mapping}: "
            "the parquet reader cannot honour them; use --reader delta"
        )
    fields = json.loads(dt.schema().to_json())["fields"]
    parts = set(dt.metadata().partition_columns)
    adds = pa.table(dt.get_add_actions(flatten=True)).to_pylist()
    if not adds:  # empty table: typed, zero rows
        cols = ", ".join(f"CAST(NULL AS {duck_type(f['type'])}) AS {q(f['name'])}" for f in fields)
        return f"SELECT {cols} WHERE false", dt.version(), 0
    files = [os.path.join(path, urllib.parse.unquote(a["path"])) for a in adds]
    select = []
    for f in fields:
        src = f"p.{q(f['name'])}" if f["name"] in parts else f"f.{q(f['name'])}"
        select.append(f"CAST({src} AS {duck_type(f['type'])}) AS {q(f['name'])}")
    part_cols = sorted(parts)
    values = []
    for fpath, a in zip(files, adds):
        pv = [a.get(f"partition.{c}") for c in part_cols]
        values.append("(" + ", ".join([lit(fpath)] + ["NULL" if v is None else lit(v) for v in pv]) + ")")
    file_list = "[" + ", ".join(lit(f) for f in files) + "]"
    sql = (
        f"SELECT {', '.join(select)} FROM read_parquet({file_list}, filename = true, "
        f"union_by_name = true, hive_partitioning = false) f"
    )
    if part_cols:
        names = ", ".join(["__file"] + [q(c) for c in part_cols])
        sql += f" JOIN (VALUES {', '.join(values)}) p({names}) ON f.filename = p.__file"
    return sql, dt.version(), len(files)


# ---------------------------------------------------------------- release state (ops/releases)

PUBLISHED, DRAFT = "published", "draft"
# Indices computed from gold/unit_kpis (their methodology's source is `dossier_kpis`,
# transforms/src/main/resources/methodologies/progress/): the KPIs are their inputs.
KPI_INDICES = ("progress",)
# Per gold table: the SQL expressions (over `t`) naming the indices a row belongs to; the row is
# public when each of them is visible for the row's period. Tables not listed are left out.
INDEX_KEYS = {
    "rankings": ["t.index_code"],
    "index_scores": ["t.index_code"],
    "rank_changes": ["t.index_code"],
    "province_indices": ["t.index_code"],
    "reform_series": [f"CASE WHEN t.series = 'kpi' THEN {lit(KPI_INDICES[0])} ELSE t.series END"],
    "index_correlations": ["t.index_code_a", "t.index_code_b"],
    "unit_kpis": [lit(i) for i in KPI_INDICES],
}


def release_events(lake):
    """The latest event of each (index, period) in ops/releases (no table: none). Latest by `at`,
    as the API's Releases does."""
    path = os.path.join(lake, "ops", "releases")
    if not os.path.isdir(os.path.join(path, "_delta_log")):
        return {}
    from deltalake import DeltaTable

    rows = (
        DeltaTable(path).to_pyarrow_table(columns=["index_code", "period", "status", "at", "lake_versions"]).to_pylist()
    )
    latest = {}
    for r in sorted(rows, key=lambda r: r["at"]):
        latest[(r["index_code"], r["period"])] = r
    return latest


def parse_pins(text):
    """`gold/rankings@12,gold/index_scores@7` -> {"rankings": 12, "index_scores": 7} (gold only)."""
    pins = {}
    for part in (text or "").split(","):
        table, _, version = part.strip().partition("@")
        if table.startswith(LAYER + "/") and version.strip().isdigit():
            pins[table[len(LAYER) + 1 :]] = int(version)
    return pins


def epoch_ms(at):
    if at.tzinfo is None:
        at = at.replace(tzinfo=datetime.timezone.utc)
    return int(at.timestamp() * 1000)


class TableVersions:
    """A gold table's versions: the latest, and the one current at a given time."""

    def __init__(self, path):
        from deltalake import DeltaTable

        dt = DeltaTable(path)
        self.latest = dt.version()
        self.commits = sorted((h["version"], h["timestamp"]) for h in dt.history() if "timestamp" in h)

    def at(self, ms):
        found = [v for v, ts in self.commits if ts <= ms]
        return max(found) if found else None


def public_versions(name, versions, events, unreleased, combos):
    """For each (index, period) of `combos`, the version of table `name` the public reads, or
    None when it is not public: a published event's pin (or the version current at its time),
    the latest for an (index, period) without events when unreleased counts as published."""
    out = {}
    for key in combos:
        e = events.get(key)
        if e is None:
            out[key] = versions.latest if unreleased == PUBLISHED else None
        elif e["status"] != PUBLISHED:
            out[key] = None
        else:
            pins = parse_pins(e["lake_versions"])
            out[key] = pins[name] if name in pins else versions.at(epoch_ms(e["at"]))
    return out


def kpi_periods(out, ranked):
    """KPIs of a period their index does not rank (a month) follow their year: the year adds them up."""
    for index, period in list(out):
        if period not in ranked.get(index, set()) and (index, period[:4]) in out:
            out[(index, period)] = out[(index, period[:4])]
    return out


# ---------------------------------------------------------------- commands


def scan_sql(reader, path, version):
    return view_sql_delta(path, version) if reader == "delta" else view_sql_parquet(path, version)[0]


def copy_public(con, reader, name, path, events, unreleased, ranked):
    """The public rows of one gold table: for each version some (index, period) is pinned to, the
    rows of that version whose indices are all visible and pinned there."""
    keys = INDEX_KEYS[name]
    versions = TableVersions(path)
    latest = scan_sql(reader, path, versions.latest)
    combos = set(events)
    for k in keys:
        combos |= set(con.sql(f"SELECT DISTINCT {k}, t.period FROM ({latest}) t").fetchall())
    public = public_versions(name, versions, events, unreleased, combos)
    if name in ("unit_kpis", "reform_series"):
        public = kpi_periods(public, ranked)
    con.sql("CREATE OR REPLACE TEMP TABLE vis (index_code VARCHAR, period VARCHAR, version BIGINT)")
    rows = [(i, p, v) for (i, p), v in public.items() if v is not None]
    if rows:
        con.executemany("INSERT INTO vis VALUES (?, ?, ?)", rows)
    con.sql(f"CREATE TABLE {q(LAYER + '_' + name)} AS SELECT * FROM ({latest}) WHERE false")
    joins = " ".join(f"JOIN vis v{n} ON v{n}.index_code = {k} AND v{n}.period = t.period" for n, k in enumerate(keys))
    newest = f"greatest({', '.join(f'v{n}.version' for n in range(len(keys)))})"
    used = sorted({v for _, _, v in rows})
    for v in used:
        con.sql(
            f"INSERT INTO {q(LAYER + '_' + name)} BY NAME SELECT t.* FROM ({scan_sql(reader, path, v)}) t "
            f"{joins} WHERE {newest} = {v}"
        )
    return used


def ranked_periods(con, reader, lake):
    """Periods each index is ranked for (gold/rankings, latest): which KPI periods are index inputs."""
    path = os.path.join(os.path.abspath(lake), LAYER, "rankings")
    if not os.path.isdir(os.path.join(path, "_delta_log")):
        return {}
    out = {}
    for i, p in con.sql(f"SELECT DISTINCT index_code, period FROM ({scan_sql(reader, path, None)})").fetchall():
        out.setdefault(i, set()).add(p)
    return out


def build(lake, out, ext_dir, reader, audience, unreleased):
    out = os.path.abspath(out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    events = release_events(lake) if audience == "public" else {}
    # Build beside the target and rename over it: Superset's open connections keep the old
    # file, new ones see the new catalog; nobody sees a half-built one.
    fd, tmp = tempfile.mkstemp(prefix=".serving-", suffix=".duckdb", dir=os.path.dirname(out))
    os.close(fd)
    os.unlink(tmp)
    try:
        con = connect(tmp, ext_dir)
        con.sql(
            "CREATE TABLE lake_tables (sql_name VARCHAR PRIMARY KEY, location VARCHAR, "
            "reader VARCHAR, audience VARCHAR, delta_versions VARCHAR, row_count BIGINT, "
            "built_at TIMESTAMPTZ)"
        )
        if reader == "delta":
            con.sql("LOAD delta")
        # Official province code -> ISO 3166-2 code of Superset's Vietnam country map.
        con.sql(
            "CREATE TABLE ref_country_map_vn AS SELECT * FROM read_csv("
            f"{lit(COUNTRY_MAP_CSV)}, header = true, all_varchar = true)"
        )
        ranked = ranked_periods(con, reader, lake) if audience == "public" else {}
        for name, path in gold_tables(lake):
            short = name[len(LAYER) + 1 :]
            if audience == "reviewer":
                version = latest_version(path)
                con.sql(f"CREATE TABLE {q(name)} AS {scan_sql(reader, path, version)}")
                used = [version]
            elif short in INDEX_KEYS:
                used = copy_public(con, reader, short, path, events, unreleased, ranked)
            else:
                print(f"{name}: no release rule, left out of the public catalog")
                continue
            rows = con.sql(f"SELECT count(*) FROM {q(name)}").fetchone()[0]
            con.execute(
                "INSERT INTO lake_tables VALUES (?, ?, ?, ?, ?, ?, now())",
                [name, path, reader, audience, ",".join(map(str, used)), rows],
            )
            print(f"{name}: {reader} reader, {audience}, version(s) {used or 'none'}, {rows} rows")
        if audience == "public":
            publish_list(con, events, unreleased)
        con.close()
    except BaseException:
        for leftover in (tmp, tmp + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
        raise
    os.replace(tmp, out)
    print(f"catalog ({audience}{', unreleased = ' + unreleased if audience == 'public' else ''}): {out}")


def publish_list(con, events, unreleased):
    con.sql(
        "CREATE TABLE published_releases (index_code VARCHAR, period VARCHAR, published_at TIMESTAMPTZ, "
        "lake_versions VARCHAR)"
    )
    rows = [(i, p, e["at"], e["lake_versions"]) for (i, p), e in sorted(events.items()) if e["status"] == PUBLISHED]
    if rows:
        con.executemany("INSERT INTO published_releases VALUES (?, ?, ?, ?)", rows)
    con.sql(
        f"COMMENT ON TABLE published_releases IS "
        f"{lit('(index, period) published in ops/releases; those without events count as ' + unreleased)}"
    )


def check(db):
    con = connect_serving(db)
    for name, recorded in con.sql("SELECT sql_name, row_count FROM lake_tables ORDER BY 1").fetchall():
        now = con.sql(f"SELECT count(*) FROM {q(name)}").fetchone()[0]
        print(f"{name}: {now} rows (at build: {recorded})")


def crosscheck(lake, ext_dir):
    """Both readers must give the same multiset of rows for every gold table."""
    con = connect(":memory:", ext_dir)
    bad = 0
    for name, path in gold_tables(lake):
        a = view_sql_delta(path)
        try:
            b, version, _ = view_sql_parquet(path)
        except SystemExit as e:  # a table the parquet reader cannot read: nothing to compare
            print(f"{name}: SKIPPED ({e})")
            continue
        cols = ", ".join(q(c) for c in con.sql(f"SELECT * FROM ({b}) LIMIT 0").columns)
        diff = con.sql(
            f"SELECT (SELECT count(*) FROM (SELECT {cols} FROM ({a}) EXCEPT ALL "
            f"SELECT {cols} FROM ({b}))), (SELECT count(*) FROM (SELECT {cols} FROM ({b}) "
            f"EXCEPT ALL SELECT {cols} FROM ({a}))), (SELECT count(*) FROM ({a}))"
        ).fetchone()
        ok = diff[0] == 0 and diff[1] == 0
        bad += not ok
        print(
            f"{name} v{version}: {diff[2]} rows; only-in-delta-ext {diff[0]}, "
            f"only-in-delta-rs {diff[1]}: {'SAME' if ok else 'DIFFERENT'}"
        )
    sys.exit(1 if bad else 0)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("install-extension")
    s.add_argument("--ext-dir", required=True)
    s = sub.add_parser("build")
    s.add_argument("--lake", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--ext-dir", required=True)
    s.add_argument("--reader", choices=["delta", "parquet"], default="delta")
    s.add_argument(
        "--audience",
        choices=["public", "reviewer"],
        default="public",
        help="public: published releases at their pinned versions; reviewer: latest, drafts too",
    )
    s.add_argument(
        "--unreleased",
        choices=[DRAFT, PUBLISHED],
        default=DRAFT,
        help="an (index, period) without release events (chiso.releases.unreleased)",
    )
    s = sub.add_parser("check")
    s.add_argument("--db", required=True)
    s = sub.add_parser("crosscheck")
    s.add_argument("--lake", required=True)
    s.add_argument("--ext-dir", required=True)
    sub.add_parser("superset-extra")
    a = p.parse_args()
    t0 = time.time()
    if a.cmd == "install-extension":
        install_extension(a.ext_dir)
    elif a.cmd == "build":
        build(a.lake, a.out, a.ext_dir, a.reader, a.audience, a.unreleased)
    elif a.cmd == "check":
        check(a.db)
    elif a.cmd == "crosscheck":
        crosscheck(a.lake, a.ext_dir)
    elif a.cmd == "superset-extra":
        print(json.dumps(superset_extra()))
        return
    print(f"({a.cmd}: {time.time() - t0:.2f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
