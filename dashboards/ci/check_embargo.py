"""The embargo through Superset (used by dashboards/ci-test.sh, on a copy of the test lake).

  check_embargo.py prepare --lake DIR --state FILE
      publishes one (index, period) in ops/releases (pinned at the current gold versions, as the
      API's publish records them), then recomputes it (new gold/rankings and gold/unit_kpis
      versions with other numbers and methodology, not published) and leaves every other
      (index, period) unreleased, i.e. draft; writes what it did to FILE.
  check_embargo.py check --url URL --lake DIR --state FILE
      after serve-sql rebuilt the catalogs (unreleased = draft), through Superset's API:
      - chiso_viewer (dashboard user) reads the public connection with the chart data API: only the
        published (index, period), with the numbers of its pinned versions (none of the
        recomputation); no other period's rankings or KPIs; the reviewers' connection is refused;
      - chiso_reviewer reads the drafts connection: the recomputed numbers and the draft periods;
      - SQL Lab is refused to both; Admin's SQL Lab on either connection cannot read a file
        (read_csv('/etc/passwd'), read_parquet of the lake) nor turn file access back on, and
        neither can an ad-hoc SQL expression in a chart query.

Users: admin (SUPERSET_ADMIN_USER / SUPERSET_ADMIN_PASSWORD), viewer and reviewer
(CHISO_SUPERSET_USERS_PASSWORD). Standard library HTTP; exit status 1 on any problem.
"""

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc
from deltalake import DeltaTable, write_deltalake

INDEX = "progress"
RECOMPUTED = "ci-recomputed"
BUMP = Decimal("1.11")


# ---------------------------------------------------------------- prepare


def gold(lake, name):
    return os.path.join(lake, "gold", name)


def year_periods(lake):
    t = DeltaTable(gold(lake, "rankings")).to_pyarrow_table(columns=["index_code", "period_type", "period"])
    t = t.filter(pc.and_(pc.equal(t["index_code"], INDEX), pc.equal(t["period_type"], "year")))
    return sorted(set(t["period"].to_pylist()))


def releases_schema():
    s = pa.string()
    return pa.schema(
        [
            ("event_id", s),
            ("index_code", s),
            ("period", s),
            ("status", s),
            ("action", s),
            ("actor", s),
            ("at", pa.timestamp("us", tz="UTC")),
            ("lake_versions", s),
            ("note", s),
        ]
    )


def recompute(path, period, column):
    """A new version of one gold table: the (INDEX, period) rows with `column` raised by BUMP."""
    dtab = DeltaTable(path)
    t = dtab.to_pyarrow_table()
    keep = pc.equal(t["period"], period)
    if "index_code" in t.column_names:
        keep = pc.and_(keep, pc.equal(t["index_code"], INDEX))
    rows = t.filter(keep)
    bumped = pa.array(
        [None if v is None else v + BUMP for v in rows[column].to_pylist()], type=rows.schema.field(column).type
    )
    rows = rows.set_column(rows.schema.get_field_index(column), column, bumped)
    if "methodology_version" in rows.column_names:
        i = rows.schema.get_field_index("methodology_version")
        rows = rows.set_column(i, "methodology_version", pa.array([RECOMPUTED] * rows.num_rows, pa.string()))
    where = f"period = '{period}'" + (f" AND index_code = '{INDEX}'" if "index_code" in t.column_names else "")
    write_deltalake(path, rows, mode="overwrite", predicate=where)
    return DeltaTable(path).version()


def prepare(lake, state_file):
    years = year_periods(lake)
    if len(years) < 2:
        sys.exit(f"check_embargo: the test lake needs two years of {INDEX}; it has {years}")
    published, draft = years[-1], years[-2]
    pins = {
        n: DeltaTable(gold(lake, n)).version()
        for n in ("rankings", "index_scores", "rank_changes", "unit_kpis")
        if os.path.isdir(gold(lake, n))
    }
    event = {
        "event_id": str(uuid.uuid4()),
        "index_code": INDEX,
        "period": published,
        "status": "published",
        "action": "publish",
        "actor": "ci",
        "at": dt.datetime.now(dt.timezone.utc),
        "lake_versions": ",".join(f"gold/{n}@{v}" for n, v in pins.items()),
        "note": "check_embargo",
    }
    write_deltalake(
        os.path.join(lake, "ops", "releases"), pa.Table.from_pylist([event], releases_schema()), mode="append"
    )
    after = {
        "rankings": recompute(gold(lake, "rankings"), published, "score"),
        "unit_kpis": recompute(gold(lake, "unit_kpis"), published, "progress_score"),
    }
    state = {"index": INDEX, "published": published, "draft": draft, "pins": pins, "recomputed": after}
    with open(state_file, "w") as f:
        json.dump(state, f, indent=2)
    print(
        f"published {INDEX} {published} at {event['lake_versions']}; recomputed it after publishing "
        f"(rankings v{after['rankings']}, unit_kpis v{after['unit_kpis']}); {INDEX} {draft} and the rest: draft"
    )


# ---------------------------------------------------------------- Superset's API


class Api:
    def __init__(self, url, user, password):
        self.url = url.rstrip("/")
        self.user = user
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.token = None
        status, r = self.call(
            "POST",
            "/api/v1/security/login",
            {"username": user, "password": password, "provider": "db", "refresh": True},
        )
        if status != 200:
            raise SystemExit(f"login {user}: HTTP {status} {r}")
        self.token = r["access_token"]
        status, r = self.call("GET", "/api/v1/security/csrf_token/")
        self.csrf = r.get("result") if status == 200 else None

    def call(self, method, path, body=None):
        req = urllib.request.Request(
            self.url + path, method=method, data=None if body is None else json.dumps(body).encode()
        )
        req.add_header("Accept", "application/json")
        if body is not None:
            req.add_header("Content-Type", "application/json")
            req.add_header("Referer", self.url + "/")
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        if getattr(self, "csrf", None):
            req.add_header("X-CSRFToken", self.csrf)
        try:
            with self.opener.open(req, timeout=180) as resp:
                raw = resp.read()
                return resp.status, json.loads(raw or b"{}")
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw or b"{}")
            except ValueError:
                return e.code, {"raw": raw[:300].decode(errors="replace")}

    def ok(self, method, path, body=None):
        status, r = self.call(method, path, body)
        if status not in (200, 201):
            raise SystemExit(f"{self.user}: {method} {path} -> HTTP {status}: {json.dumps(r)[:600]}")
        return r

    def rows(self, dataset_id, columns):
        """Every row of a dataset through the chart data API (what a chart reads)."""
        ctx = {
            "datasource": {"id": dataset_id, "type": "table"},
            "force": True,
            "queries": [
                {"columns": columns, "metrics": [], "orderby": [], "filters": [], "extras": {}, "row_limit": 1_000_000}
            ],
            "result_format": "json",
            "result_type": "full",
        }
        status, r = self.call("POST", "/api/v1/chart/data", ctx)
        if status != 200:
            return status, r
        return status, r["result"][0]["data"]


def database_id(admin, name):
    q = urllib.parse.quote(f"(filters:!((col:database_name,opr:eq,value:{name})))")
    found = admin.ok("GET", f"/api/v1/database/?q={q}")["result"]
    if not found:
        raise SystemExit(f"no Superset database {name}")
    return found[0]["id"]


def dataset(admin, db_id, table, name):
    """A dataset `name` reading one catalog table of one database (made once; dataset names are
    unique across databases in Superset's metadata, hence one name per connection)."""
    q = urllib.parse.quote(f"(filters:!((col:table_name,opr:eq,value:{name})),page_size:100)")
    for d in admin.ok("GET", f"/api/v1/dataset/?q={q}")["result"]:
        if d["database"]["id"] == db_id:
            return d["id"]
    return admin.ok(
        "POST",
        "/api/v1/dataset/",
        {"database": db_id, "schema": "main", "table_name": name, "sql": f"SELECT * FROM {table}"},
    )["id"]


def sql_lab(api, db_id, sql):
    return api.call(
        "POST",
        "/api/v1/sqllab/execute/",
        {
            "database_id": db_id,
            "sql": sql,
            "runAsync": False,
            "schema": "main",
            "tab": "ci",
            "client_id": uuid.uuid4().hex[:10],
        },
    )


# ---------------------------------------------------------------- check


def gold_at(lake, name, version, period):
    t = DeltaTable(gold(lake, name), version=version).to_pyarrow_table()
    keep = pc.equal(t["period"], period)
    if "index_code" in t.column_names:
        keep = pc.and_(keep, pc.equal(t["index_code"], INDEX))
    return t.filter(keep).to_pylist()


def dec(v):
    return None if v is None else Decimal(str(v)).quantize(Decimal("0.01"))


def check_public(viewer, pub, lake, st, problems):
    P, D = st["published"], st["draft"]
    status, rows = viewer.rows(
        pub["gold_rankings"], ["index_code", "period", "level", "unit_code", "score", "methodology_version"]
    )
    if status != 200:
        problems.append(f"viewer could not read the public rankings: HTTP {status} {rows}")
        return
    keys = {(r["index_code"], r["period"]) for r in rows}
    if keys != {(INDEX, P)}:
        problems.append(f"public rankings hold {sorted(keys)}; only ({INDEX}, {P}) is published")
    pinned = {
        (r["level"], r["unit_code"]): dec(r["score"]) for r in gold_at(lake, "rankings", st["pins"]["rankings"], P)
    }
    got = {(r["level"], r["unit_code"]): dec(r["score"]) for r in rows if r["period"] == P}
    if got != pinned or not pinned:
        problems.append(
            f"public {INDEX} {P} scores != the published (pinned) version: {len(got)} vs {len(pinned)} "
            f"rows, e.g. {sorted(set(got.items()) ^ set(pinned.items()))[:3]}"
        )
    if any(r["methodology_version"] == RECOMPUTED for r in rows):
        problems.append("the recomputation after publishing shows on the public connection")
    print(
        f"  public rankings: {len(rows)} rows, only {INDEX} {P}, numbers of the pinned version "
        f"(gold/rankings@{st['pins']['rankings']}), none of the recomputation"
    )

    status, rows = viewer.rows(pub["gold_unit_kpis"], ["period", "unit_code", "level", "progress_score"])
    if status != 200:
        problems.append(f"viewer could not read the public KPIs: HTTP {status} {rows}")
        return
    periods = {r["period"] for r in rows}
    if D in periods or any(not p.startswith(P) for p in periods):
        problems.append(f"public KPIs carry unpublished periods: {sorted(periods)}")
    pinned = {
        (r["level"], r["unit_code"]): dec(r["progress_score"])
        for r in gold_at(lake, "unit_kpis", st["pins"]["unit_kpis"], P)
    }
    got = {(r["level"], r["unit_code"]): dec(r["progress_score"]) for r in rows if r["period"] == P}
    if got != pinned or not pinned:
        problems.append(f"public KPIs of {P} != the pinned version ({len(got)} vs {len(pinned)} rows)")
    print(
        f"  public KPIs: periods {sorted(periods)[:4]}{'…' if len(periods) > 4 else ''} (the year {P}), "
        f"progress_score of the pinned version; {D} absent"
    )


def check_reviewer(reviewer, viewer, drafts, lake, st, problems):
    P, D = st["published"], st["draft"]
    status, rows = reviewer.rows(drafts["gold_rankings"], ["index_code", "period", "level", "unit_code", "score"])
    if status != 200:
        problems.append(f"reviewer could not read the drafts connection: HTTP {status} {rows}")
        return
    now = {(r["level"], r["unit_code"]): dec(r["score"]) for r in gold_at(lake, "rankings", None, P)}
    got = {(r["level"], r["unit_code"]): dec(r["score"]) for r in rows if r["index_code"] == INDEX and r["period"] == P}
    if got != now or not now:
        problems.append(f"reviewer's {INDEX} {P} != the recomputed version ({len(got)} vs {len(now)} rows)")
    if not any(r["index_code"] == INDEX and r["period"] == D for r in rows):
        problems.append(f"reviewer does not see the draft {INDEX} {D}")
    print(f"  reviewer (drafts connection): the recomputed {INDEX} {P} and the draft {D}")
    status, _ = viewer.rows(drafts["gold_rankings"], ["index_code", "period", "score"])
    if status in (200, 201):
        problems.append("a dashboard user (chiso_viewer) read the reviewers' connection")
    else:
        print(f"  viewer on the drafts connection: refused (HTTP {status})")


def check_sql(admin, viewer, reviewer, ids, lake, problems):
    for who in (viewer, reviewer):
        status, r = sql_lab(who, ids["chiso_lake"], "SELECT 1")
        if status in (200, 201) or status >= 500:
            problems.append(f"SQL Lab answered {who.user} (a non-admin): HTTP {status} {json.dumps(r)[:200]}")
        else:
            print(f"  SQL Lab for {who.user}: refused (HTTP {status})")
    status, r = sql_lab(admin, ids["chiso_lake"], "SELECT count(*) AS n FROM gold_rankings")
    if status != 200:
        problems.append(f"admin's SQL Lab failed on a plain query: HTTP {status} {json.dumps(r)[:300]}")
    parquet = next(
        os.path.join(dp, f)
        for dp, _, fs in os.walk(gold(lake, "rankings"))
        for f in fs
        if f.endswith(".parquet") and "_delta_log" not in dp
    )
    attempts = [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM '/etc/passwd'",
        f"SELECT * FROM read_parquet('{parquet}')",
        f"SELECT * FROM '{parquet}'",
        "SET enable_external_access = true",
        f"ATTACH '{lake}/x.duckdb' AS x",
    ]
    for name in ("chiso_lake", "chiso_lake_drafts"):
        for sql in attempts:
            status, r = sql_lab(admin, ids[name], sql)
            text = json.dumps(r)
            if status == 200 and "error" not in text.lower():
                problems.append(f"{name} ran {sql!r}: {text[:200]}")
            elif "root:" in text or "PAR1" in text:
                problems.append(f"{name}: {sql!r} leaked file contents")
        print(f"  {name}: file access refused ({len(attempts)} attempts through admin's SQL Lab)")


def check_adhoc(viewer, pub, problems):
    ctx = {
        "datasource": {"id": pub["gold_rankings"], "type": "table"},
        "force": True,
        "queries": [
            {
                "columns": [
                    {
                        "label": "x",
                        "expressionType": "SQL",
                        "sqlExpression": "(SELECT string_agg(column0, ',') FROM read_csv('/etc/passwd'))",
                    }
                ],
                "metrics": [],
                "row_limit": 5,
            }
        ],
        "result_format": "json",
        "result_type": "full",
    }
    status, r = viewer.call("POST", "/api/v1/chart/data", ctx)
    if status == 200 and "root" in json.dumps(r):
        problems.append("an ad-hoc SQL expression in a chart query read /etc/passwd")
    else:
        print(f"  viewer's ad-hoc expression reading /etc/passwd: refused (HTTP {status})")


def check_duckdb_config(admin, ids, problems):
    """The connections as Superset opens them (their `extra`), straight in DuckDB: no file access,
    whatever Superset's own SQL checks let through."""
    import duckdb

    for name, db_id in ids.items():
        d = admin.ok("GET", f"/api/v1/database/{db_id}/connection")["result"]
        args = json.loads(d["extra"])["engine_params"]["connect_args"]
        path = d["sqlalchemy_uri"].split("duckdb:///", 1)[1]
        con = duckdb.connect(path, **args)
        refused = 0
        for sql in (
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM '/etc/passwd'",
            "SET enable_external_access = true",
        ):
            try:
                con.sql(sql).fetchall()
                problems.append(f"{name}: DuckDB ran {sql!r} with Superset's connection settings")
            except duckdb.Error:
                refused += 1
        con.close()
        print(f"  {name}: DuckDB itself, with Superset's connect_args, refuses {refused} of 3 (file reads, SET)")


def check(url, lake, state_file):
    with open(state_file) as f:
        st = json.load(f)
    admin = Api(url, os.environ["SUPERSET_ADMIN_USER"], os.environ["SUPERSET_ADMIN_PASSWORD"])
    password = os.environ["CHISO_SUPERSET_USERS_PASSWORD"]
    viewer, reviewer = Api(url, "viewer", password), Api(url, "reviewer", password)
    ids = {n: database_id(admin, n) for n in ("chiso_lake", "chiso_lake_drafts")}
    pub = {t: dataset(admin, ids["chiso_lake"], t, f"ci_public_{t}") for t in ("gold_rankings", "gold_unit_kpis")}
    drafts = {"gold_rankings": dataset(admin, ids["chiso_lake_drafts"], "gold_rankings", "ci_drafts_gold_rankings")}
    problems = []
    print(
        f"embargo through Superset ({st['index']}: {st['published']} published then recomputed, {st['draft']} draft):"
    )
    check_public(viewer, pub, lake, st, problems)
    check_reviewer(reviewer, viewer, drafts, lake, st, problems)
    check_sql(admin, viewer, reviewer, ids, lake, problems)
    check_adhoc(viewer, pub, problems)
    check_duckdb_config(admin, ids, problems)
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for pr in problems:
            print("  - " + pr, file=sys.stderr)
        sys.exit(1)
    print("the public connection shows published numbers only; reviewers see drafts; no SQL Lab or file access")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("prepare")
    s.add_argument("--lake", required=True)
    s.add_argument("--state", required=True)
    s = sub.add_parser("check")
    s.add_argument("--url", required=True)
    s.add_argument("--lake", required=True)
    s.add_argument("--state", required=True)
    a = p.parse_args()
    if a.cmd == "prepare":
        prepare(a.lake, a.state)
        # delta-rs 1.6.6 may abort the interpreter at exit after writes (README, caveats)
        sys.stdout.flush()
        os._exit(0)
    else:
        check(a.url, a.lake, a.state)


if __name__ == "__main__":
    main()
