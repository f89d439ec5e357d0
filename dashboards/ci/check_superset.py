"""Checks a provisioned Superset against the gold tables (used by dashboards/ci-test.sh).

  check_superset.py --url URL --lake DIR --definitions DIR --summary RUN2.json [--first-summary RUN1.json]

1. Idempotency: the second provisioning run created and deleted nothing, kept every id of the
   first run, and Superset holds exactly one database/dataset/chart/dashboard per definition.
2. Every chart's saved query answers: GET /api/v1/chart/{id}/data/ (what the provisioner saved).
3. Every chart, as its dashboard shows it (saved query_context + the dashboard's default filter
   values, posted to POST /api/v1/chart/data), returns exactly the rows the gold tables give.
   The expected rows come from an independent path: the gold Delta tables read with delta-rs
   (`deltalake`, not DuckDB's delta extension that Superset uses), the dataset SQL of
   dashboards/definitions/datasets.yaml and the chart's own columns, metrics and filters, run by an
   in-memory DuckDB over those Arrow tables. Numbers are compared exactly at 2 decimals (gold's scale).

Standard library HTTP; exit status 1 on any difference.
"""

import argparse
import datetime as dt
import glob
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from decimal import Decimal

import duckdb
import yaml
from deltalake import DeltaTable

HERE = os.path.dirname(os.path.abspath(__file__))
COUNTRY_MAP_CSV = os.path.join(os.path.dirname(HERE), "country_map_vn.csv")


class Api:
    def __init__(self, url, user, password):
        self.url = url.rstrip("/")
        r = self.call(
            "POST",
            "/api/v1/security/login",
            {"username": user, "password": password, "provider": "db", "refresh": True},
            auth=False,
        )
        self.token = r["access_token"]

    def call(self, method, path, body=None, auth=True):
        req = urllib.request.Request(
            self.url + path, method=method, data=None if body is None else json.dumps(body).encode()
        )
        req.add_header("Accept", "application/json")
        if body is not None:
            req.add_header("Content-Type", "application/json")
        if auth:
            req.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(req, timeout=180) as resp:
                return json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path} -> HTTP {e.code}: {e.read()[:600]!r}") from None

    def count(self, resource, rison=""):
        q = urllib.parse.quote(f"(page:0,page_size:1{rison})")
        return self.call("GET", f"/api/v1/{resource}/?q={q}")["count"]


# ---------------------------------------------------------------- the oracle: gold read by delta-rs


def oracle(lake, datasets):
    con = duckdb.connect(":memory:")
    for path in sorted(glob.glob(os.path.join(lake, "gold", "*", "_delta_log"))):
        table = os.path.dirname(path)
        name = "gold_" + os.path.basename(table)
        arrow = DeltaTable(table).to_pyarrow_table()
        con.register(f"arrow_{name}", arrow)
        con.sql(f'CREATE TABLE "{name}" AS SELECT * FROM "arrow_{name}"')
        con.unregister(f"arrow_{name}")
    con.sql(
        "CREATE TABLE ref_country_map_vn AS SELECT * FROM "
        f"read_csv('{COUNTRY_MAP_CSV}', header = true, all_varchar = true)"
    )
    for name, spec in datasets.items():
        con.sql(f'CREATE VIEW "{name}" AS {spec["sql"]}')
    return con


def resolve_like(raw):
    out = {}
    for name, ds in raw.items():
        if ds.get("like"):
            base = raw[ds["like"]]
            merged = dict(ds)
            merged["metrics"] = {**base.get("metrics", {}), **ds.get("metrics", {})}
            out[name] = merged
        else:
            out[name] = ds
    return out


def q(ident):
    return '"' + str(ident).replace('"', '""') + '"'


def lit(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


def expected_sql(dataset, metrics_def, query):
    """The chart's query, written out against the oracle's dataset view."""
    select, group = [], []
    for c in query.get("columns", []):
        if isinstance(c, dict):  # the x axis (BASE_AXIS); the month grain on a first-of-month date is the date
            expr, label = c["sqlExpression"], c.get("label") or c["sqlExpression"]
            select.append(f"{q(expr)} AS {q(label)}")
            group.append(q(expr))
        else:
            select.append(q(c))
            group.append(q(c))
    for m in query.get("metrics", []):
        if isinstance(m, dict):
            select.append(f"{m['sqlExpression']} AS {q(m['label'])}")
        else:
            select.append(f"{metrics_def[m]['sql']} AS {q(m)}")
    where = []
    for f in query.get("filters", []):
        col, op, val = q(f["col"]), f["op"], f.get("val")
        vals = val if isinstance(val, list) else [val]
        if op in ("IN", "=="):
            where.append(f"{col} IN ({', '.join(lit(v) for v in vals)})")
        elif op in ("NOT IN", "!="):
            where.append(f"{col} NOT IN ({', '.join(lit(v) for v in vals)})")
        elif op == "IS NULL":
            where.append(f"{col} IS NULL")
        elif op == "IS NOT NULL":
            where.append(f"{col} IS NOT NULL")
        else:
            raise SystemExit(f"check_superset.py: filter operator {op} not handled")
    extra_where = (query.get("extras") or {}).get("where")
    if extra_where:
        where.append(f"({extra_where})")
    sql = f"SELECT {', '.join(select)} FROM {q(dataset)}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if query.get("metrics") and group:
        sql += " GROUP BY " + ", ".join(group)
    return sql


def norm(v):
    """Gold decimals have scale 2; JSON brings floats. Dates come back as epoch milliseconds."""
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, dt.datetime):
        v = v if v.tzinfo else v.replace(tzinfo=dt.timezone.utc)
        return int(v.timestamp() * 1000)
    if isinstance(v, dt.date):
        return int(dt.datetime(v.year, v.month, v.day, tzinfo=dt.timezone.utc).timestamp() * 1000)
    if isinstance(v, (int, float, Decimal)):
        d = Decimal(str(v)).quantize(Decimal("0.01"))
        return d.normalize() if d != 0 else Decimal(0)
    return v


# ---------------------------------------------------------------- checks


def check_idempotency(api, first, second, problems):
    created = {k: v for k, v in second["counts"].items() if k.endswith((".created", ".deleted"))}
    if created:
        problems.append(f"second provisioning run was not a no-op: {created}")

    def ids(summary):
        out = {"database": summary["database"]["id"]}
        out.update({f"dataset {k}": v["id"] for k, v in summary["datasets"].items()})
        for d in summary["dashboards"]:
            out[f"dashboard {d['slug']}"] = d["id"]
            out.update({f"chart {c['title']}": c.get("id") for c in d["charts"]})
        return out

    if first is not None and ids(first) != ids(second):
        diff = {k: (ids(first).get(k), v) for k, v in ids(second).items() if ids(first).get(k) != v}
        problems.append(f"ids changed between the two runs: {diff}")
    n_charts = sum(1 for d in second["dashboards"] for c in d["charts"] if "id" in c)
    have = {
        "databases": api.count("database"),
        "datasets": api.count("dataset"),
        "charts": api.count("chart"),
        "dashboards": api.count("dashboard"),
    }
    # the public catalog the provisioner makes, and the reviewers' one (access.py)
    want = {
        "databases": 2,
        "datasets": len(second["datasets"]),
        "charts": n_charts,
        "dashboards": len(second["dashboards"]),
    }
    print(f"objects in Superset after two runs: {have} (defined: {want})")
    if have != want:
        problems.append(f"Superset holds {have}, the definitions make {want}: duplicates or leftovers")


def dashboard_filters(api, dash_id):
    md = json.loads(api.call("GET", f"/api/v1/dashboard/{dash_id}")["result"]["json_metadata"] or "{}")
    out = []
    for f in md.get("native_filter_configuration", []):
        extra = (f.get("defaultDataMask") or {}).get("extraFormData") or {}
        for flt in extra.get("filters", []):
            out.append((set(f.get("chartsInScope", [])), flt))
    return out


def check_charts(api, con, datasets, summary, problems, shown):
    n_ok = 0
    for d in summary["dashboards"]:
        filters = dashboard_filters(api, d["id"])
        for c in d["charts"]:
            if "id" not in c:
                print(f"  -    {d['slug']}/{c['key']}: not made ({c.get('disabled')})")
                continue
            where = f"{d['slug']}/{c['key']}"
            saved = api.call("GET", f"/api/v1/chart/{c['id']}/data/")["result"][0]
            if saved.get("error"):
                problems.append(f"{where}: saved query failed: {saved['error']}")
                continue
            chart = api.call("GET", f"/api/v1/chart/{c['id']}")["result"]
            ctx = json.loads(chart["query_context"])
            query = ctx["queries"][0]
            applied = [flt for scope, flt in filters if c["id"] in scope]
            query["filters"] = list(query.get("filters", [])) + applied
            got = api.call("POST", "/api/v1/chart/data", ctx)["result"][0]
            if got.get("error"):
                problems.append(f"{where}: chart data API error: {got['error']}")
                continue
            rows = got["data"]
            names = got.get("colnames") or (list(rows[0].keys()) if rows else [])
            sql = expected_sql(c["dataset"], datasets[c["dataset"]].get("metrics", {}), query)
            exp_rel = con.sql(sql)
            exp_names = exp_rel.columns
            expected = exp_rel.fetchall()
            limit = query.get("row_limit") or 10**9
            if names != exp_names:
                problems.append(f"{where}: columns {names} != expected {exp_names}")
                continue
            got_rows = Counter(tuple(norm(r[n]) for n in names) for r in rows)
            exp_rows = Counter(tuple(norm(v) for v in r) for r in expected)
            label = ", ".join(f"{f['col']}={f['val']}" for f in applied) or "no filter"
            if len(expected) <= limit:
                ok = got_rows == exp_rows
            else:  # a top-N (or capped) chart: every row shown must be a gold row, and N of them
                ok = sum(got_rows.values()) == limit and not (got_rows - exp_rows)
            if not ok:
                extra = list((got_rows - exp_rows).elements())[:3]
                missing = list((exp_rows - got_rows).elements())[:3]
                problems.append(
                    f"{where}: rows differ from gold ({label}): {len(rows)} shown, "
                    f"{len(expected)} expected; shown only {extra}; missing {missing}"
                )
                print(f"  FAIL {where}")
                continue
            n_ok += 1
            print(f"  ok   {where}: {len(rows)} rows = gold ({label}); saved query {saved['rowcount']} rows")
            shown[where] = (rows, applied)
    return n_ok


def check_ranking_table_directly(lake, shown, problems):
    """The national ranking table against gold/rankings filtered by hand (no dataset SQL involved):
    what GET /api/v1/rankings?period=P&index=progress serves for the provinces."""
    import pyarrow.compute as pc

    rows, applied = shown.get("xep-hang-quoc-gia/bang_xep_hang", (None, None))
    if rows is None:
        problems.append("the national ranking table was not checked")
        return
    period = next(f["val"][0] for f in applied if f["col"] == "period")
    t = DeltaTable(os.path.join(lake, "gold", "rankings")).to_pyarrow_table()
    t = t.filter(
        pc.and_(
            pc.and_(pc.equal(t["level"], "province"), pc.equal(t["index_code"], "progress")),
            pc.equal(t["period"], period),
        )
    )
    gold = Counter((r["rank"], r["unit_name"], norm(r["score"])) for r in t.to_pylist())
    got = Counter((r["rank"], r["unit_name"], norm(r["score"])) for r in rows)
    if gold != got or len(gold) == 0:
        problems.append(
            f"national ranking table != gold/rankings (province, progress, {period}): "
            f"{sum(got.values())} vs {sum(gold.values())} rows"
        )
    else:
        print(
            f"  ok   national ranking table = gold/rankings filtered directly (province, progress, {period}):"
            f" {sum(gold.values())} provinces, rank/name/score equal"
        )


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", required=True)
    p.add_argument("--lake", required=True)
    p.add_argument("--definitions", required=True)
    p.add_argument("--summary", required=True, help="summary JSON of the (second) provisioning run")
    p.add_argument("--first-summary", help="summary JSON of the first run (idempotency check)")
    a = p.parse_args()
    with open(os.path.join(a.definitions, "datasets.yaml"), encoding="utf-8") as f:
        datasets = resolve_like(yaml.safe_load(f)["datasets"])
    with open(a.summary, encoding="utf-8") as f:
        second = json.load(f)
    first = None
    if a.first_summary:
        with open(a.first_summary, encoding="utf-8") as f:
            first = json.load(f)
    api = Api(a.url, os.environ.get("SUPERSET_ADMIN_USER", "admin"), os.environ["SUPERSET_ADMIN_PASSWORD"])
    problems = []
    check_idempotency(api, first, second, problems)
    con = oracle(a.lake, datasets)
    print("chart data (POST /api/v1/chart/data with each dashboard's default filters) vs gold read by delta-rs:")
    shown = {}
    n_ok = check_charts(api, con, datasets, second, problems, shown)
    check_ranking_table_directly(a.lake, shown, problems)
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for pr in problems:
            print("  - " + pr, file=sys.stderr)
        sys.exit(1)
    print(f"all {n_ok} charts equal the gold tables; provisioning is idempotent")


if __name__ == "__main__":
    main()
