"""The SQL path from Superset to the lake: a small DuckDB catalog file of views over the gold
Delta tables.

The catalog holds no lake data, only one view per gold table, named as contract/LakeTable.sqlName()
does (gold/rankings -> gold_rankings), a table `lake_tables` describing what was found, and
`ref_country_map_vn` (country_map_vn.csv: official province code -> the ISO 3166-2 code that
Superset's Vietnam country map keys on).
Superset opens the file read-only through duckdb-engine; every query reads the Delta table
itself, so Superset sees the same table version as the API.

Two readers build the views:
  delta    (default) DuckDB's own `delta` extension (delta-kernel-rs: checkpoints, partition
           values, deletion vectors, column mapping). DuckDB cannot download it here
           (DuckDB's extension host is unreachable), so it comes from the PyPI package
           `duckdb-extension-delta`, which ships DuckDB's signed binary for exactly one DuckDB
           version; `install-extension` copies it into a project-local extension directory.
           Views follow the table's latest version; `--pin` fixes the version read at build time.
  parquet  No extension: `deltalake` (delta-rs) lists the active files of the current version
           and their partition values, and the view reads exactly those files with DuckDB's
           built-in parquet reader, cast to the Delta schema. Pinned by construction. Refuses
           tables whose protocol needs deletion vectors or column mapping. Used as the
           independent cross-check (`crosscheck`) and as the fallback if the wheel goes away.

Commands:
  install-extension --ext-dir DIR
  build --lake DIR --out FILE --ext-dir DIR [--reader delta|parquet] [--pin]
  check --db FILE --ext-dir DIR          row counts through the views, as Superset would see them
  crosscheck --lake DIR --ext-dir DIR    delta reader vs delta-rs reader, row for row
  superset-extra --db FILE --ext-dir DIR  JSON for the Superset database's `extra` field
"""
import argparse
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
    """DuckDB settings shared by the builder and by Superset's connections."""
    return {
        "extension_directory": os.path.abspath(ext_dir),
        # Never try the network for an extension: it is installed from the PyPI wheel.
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": True,
    }


def connect(db, ext_dir, read_only=False):
    return duckdb.connect(db, read_only=read_only, config=connect_config(ext_dir))


def superset_extra(db, ext_dir):
    """The `extra` JSON of the Superset database: read-only, extension directory set."""
    return {
        "engine_params": {
            "connect_args": {
                "read_only": True,
                "config": connect_config(ext_dir),
            }
        },
        "allows_virtual_table_explore": True,
        "disable_data_preview": False,
    }


# ---------------------------------------------------------------- the delta extension

def extension_file():
    import duckdb_extension_delta  # the PyPI wheel

    version = duckdb.sql("PRAGMA version").fetchone()[0]
    path = os.path.join(os.path.dirname(duckdb_extension_delta.__file__), "extensions", version,
                        "delta.duckdb_extension")
    if not os.path.exists(path):
        sys.exit(f"duckdb-extension-delta has no build for DuckDB {version}: pin both to the same version")
    return path


def install_extension(ext_dir):
    os.makedirs(ext_dir, exist_ok=True)
    con = duckdb.connect(config=connect_config(ext_dir))
    row = con.sql("SELECT installed, install_path FROM duckdb_extensions() "
                  "WHERE extension_name = 'delta'").fetchone()
    if row and row[0]:
        print(f"delta extension already installed: {row[1]}")
    else:
        con.sql(f"INSTALL '{extension_file()}'")
    con.sql("LOAD delta")  # fails unless DuckDB accepts the binary's signature
    row = con.sql("SELECT extension_version, install_path FROM duckdb_extensions() "
                  "WHERE extension_name = 'delta'").fetchone()
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
        versions = [int(f.split(".")[0]) for f in os.listdir(log)
                    if f.endswith(".json") and f.split(".")[0].isdigit()]
        return max(versions) if versions else None


# ---------------------------------------------------------------- readers

def view_sql_delta(path, version=None):
    args = lit(path) + (f", version := {int(version)}" if version is not None else "")
    return f"SELECT * FROM delta_scan({args})"


_DELTA_TO_DUCKDB = {
    "string": "VARCHAR", "long": "BIGINT", "integer": "INTEGER", "short": "SMALLINT",
    "byte": "TINYINT", "float": "FLOAT", "double": "DOUBLE", "boolean": "BOOLEAN",
    "binary": "BLOB", "date": "DATE", "timestamp": "TIMESTAMPTZ", "timestamp_ntz": "TIMESTAMP",
}


def duck_type(delta_type):
    if isinstance(delta_type, str):
        if delta_type.startswith("decimal"):
            return delta_type.upper()
        if delta_type in _DELTA_TO_DUCKDB:
            return _DELTA_TO_DUCKDB[delta_type]
    raise SystemExit(f"parquet reader: Delta type {delta_type!r} not supported; use --reader delta")


def view_sql_parquet(path):
    """A view over exactly the active files of the current version (delta-rs lists them)."""
    import pyarrow as pa
    from deltalake import DeltaTable

    dt = DeltaTable(path)
    proto = dt.protocol()
    features = set(proto.reader_features or [])
    mapping = dt.metadata().configuration.get("delta.columnMapping.mode", "none")
    if features & {"deletionVectors", "columnMapping"} or mapping != "none":
        raise SystemExit(f"{path}: reader features {sorted(features)} / column mapping {mapping}: "
                         "the parquet reader cannot honour them; use --reader delta")
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
    sql = (f"SELECT {', '.join(select)} FROM read_parquet({file_list}, filename = true, "
           f"union_by_name = true, hive_partitioning = false) f")
    if part_cols:
        names = ", ".join(["__file"] + [q(c) for c in part_cols])
        sql += f" JOIN (VALUES {', '.join(values)}) p({names}) ON f.filename = p.__file"
    return sql, dt.version(), len(files)


# ---------------------------------------------------------------- commands

def build(lake, out, ext_dir, reader, pin):
    out = os.path.abspath(out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    # Build beside the target and rename over it: Superset's open connections keep the old
    # file, new ones see the new catalog; nobody sees a half-built one.
    fd, tmp = tempfile.mkstemp(prefix=".serving-", suffix=".duckdb", dir=os.path.dirname(out))
    os.close(fd)
    os.unlink(tmp)
    try:
        con = connect(tmp, ext_dir)
        con.sql("CREATE TABLE lake_tables (sql_name VARCHAR PRIMARY KEY, location VARCHAR, "
                "reader VARCHAR, delta_version BIGINT, pinned BOOLEAN, active_files INTEGER, "
                "row_count BIGINT, built_at TIMESTAMPTZ)")
        if reader == "delta":
            con.sql("LOAD delta")
        # Official province code -> ISO 3166-2 code of Superset's Vietnam country map.
        con.sql("CREATE TABLE ref_country_map_vn AS SELECT * FROM read_csv("
                f"{lit(COUNTRY_MAP_CSV)}, header = true, all_varchar = true)")
        for name, path in gold_tables(lake):
            if reader == "delta":
                version = latest_version(path)
                sql = view_sql_delta(path, version if pin else None)
                nfiles = con.sql(f"SELECT count(*) FROM delta_list_files({lit(path)})").fetchone()[0]
                pinned = pin
            else:
                sql, version, nfiles = view_sql_parquet(path)
                pinned = True
            con.sql(f"CREATE VIEW {q(name)} AS {sql}")
            rows = con.sql(f"SELECT count(*) FROM {q(name)}").fetchone()[0]
            con.execute("INSERT INTO lake_tables VALUES (?, ?, ?, ?, ?, ?, ?, now())",
                        [name, path, reader, version, pinned, nfiles, rows])
            print(f"{name}: {reader} reader, version {version}{' (pinned)' if pinned else ''}, "
                  f"{rows} rows")
        con.close()
    except BaseException:
        for leftover in (tmp, tmp + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
        raise
    os.replace(tmp, out)
    print(f"catalog: {out}")


def check(db, ext_dir):
    con = connect(db, ext_dir, read_only=True)
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
        diff = con.sql(f"SELECT (SELECT count(*) FROM (SELECT {cols} FROM ({a}) EXCEPT ALL "
                       f"SELECT {cols} FROM ({b}))), (SELECT count(*) FROM (SELECT {cols} FROM ({b}) "
                       f"EXCEPT ALL SELECT {cols} FROM ({a}))), (SELECT count(*) FROM ({a}))").fetchone()
        ok = diff[0] == 0 and diff[1] == 0
        bad += not ok
        print(f"{name} v{version}: {diff[2]} rows; only-in-delta-ext {diff[0]}, "
              f"only-in-delta-rs {diff[1]}: {'SAME' if ok else 'DIFFERENT'}")
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
    s.add_argument("--pin", action="store_true", help="fix each view to the version read now")
    s = sub.add_parser("check")
    s.add_argument("--db", required=True)
    s.add_argument("--ext-dir", required=True)
    s = sub.add_parser("crosscheck")
    s.add_argument("--lake", required=True)
    s.add_argument("--ext-dir", required=True)
    s = sub.add_parser("superset-extra")
    s.add_argument("--db", required=True)
    s.add_argument("--ext-dir", required=True)
    a = p.parse_args()
    t0 = time.time()
    if a.cmd == "install-extension":
        install_extension(a.ext_dir)
    elif a.cmd == "build":
        build(a.lake, a.out, a.ext_dir, a.reader, a.pin)
    elif a.cmd == "check":
        check(a.db, a.ext_dir)
    elif a.cmd == "crosscheck":
        crosscheck(a.lake, a.ext_dir)
    elif a.cmd == "superset-extra":
        print(json.dumps(superset_extra(a.db, a.ext_dir)))
        return
    print(f"({a.cmd}: {time.time() - t0:.2f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
