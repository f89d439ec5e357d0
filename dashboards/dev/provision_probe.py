"""Reference walk-through of Superset 6.1's REST API for provisioning, with the standard library
only: the exact calls, headers and payloads that the project's Java Superset client makes.
Idempotent: every object is found by its natural key (name/title/slug) and updated, or created.

  python provision_probe.py --url http://127.0.0.1:8088 --catalog FILE --extra JSON

Steps: login (JWT) -> CSRF token with its session cookie -> database -> datasets (physical
gold_rankings, virtual map dataset) -> charts (table, country map of Vietnam) with a saved
query_context -> dashboard -> charts attached -> chart data API read back and compared with
DuckDB. Prints the ids and a JSON summary; exits non-zero if the chart data differ.
"""

import argparse
import http.cookiejar
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal

DB_NAME = "chiso_lake"
DASH_SLUG = "chiso-probe"


class Superset:
    def __init__(self, url, user, password):
        self.url = url.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.token = None
        self.csrf = None
        # 1. login: JWT access token (provider "db" = Superset's own users)
        r = self.call(
            "POST",
            "/api/v1/security/login",
            {"username": user, "password": password, "provider": "db", "refresh": True},
            auth=False,
        )
        self.token = r["access_token"]
        # 2. CSRF token; the response also sets the `session` cookie the token is bound to.
        #    Writes must send both: X-CSRFToken header + that cookie (the jar does it).
        self.csrf = self.call("GET", "/api/v1/security/csrf_token/")["result"]

    def call(self, method, path, body=None, auth=True, ok=(200, 201)):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if auth:
            req.add_header("Authorization", f"Bearer {self.token}")
        if self.csrf and method in ("POST", "PUT", "DELETE"):
            req.add_header("X-CSRFToken", self.csrf)
            req.add_header("Referer", self.url + "/")
        try:
            with self.opener.open(req, timeout=120) as resp:
                text = resp.read().decode()
                status = resp.status
        except urllib.error.HTTPError as e:
            text, status = e.read().decode(), e.code
        if status not in ok:
            raise SystemExit(f"{method} {path} -> HTTP {status}: {text[:600]}")
        return json.loads(text) if text else {}

    def find(self, resource, column, value):
        """Id of the object whose `column` equals `value`, or None (rison query)."""
        q = f"(filters:!((col:{column},opr:eq,value:'{rison_str(value)}')))"
        r = self.call("GET", f"/api/v1/{resource}/?q={urllib.parse.quote(q)}")
        ids = [row["id"] for row in r.get("result", [])]
        if len(ids) > 1:
            raise SystemExit(f"{resource}: {len(ids)} objects with {column}={value!r}")
        return ids[0] if ids else None

    def upsert(self, resource, column, value, body, update_body=None):
        pk = self.find(resource, column, value)
        if pk is None:
            pk = self.call("POST", f"/api/v1/{resource}/", body)["id"]
            return pk, "created"
        self.call("PUT", f"/api/v1/{resource}/{pk}", update_body if update_body is not None else body)
        return pk, "updated"


def rison_str(s):
    return s.replace("!", "!!").replace("'", "!'")


def table_chart(ds_id, columns, order_by):
    form = {
        "datasource": f"{ds_id}__table",
        "viz_type": "table",
        "query_mode": "raw",
        "all_columns": columns,
        "order_by_cols": [json.dumps([c, True]) for c in order_by],
        "row_limit": 10000,
        "server_pagination": False,
        "adhoc_filters": [],
    }
    qc = {
        "datasource": {"id": ds_id, "type": "table"},
        "force": False,
        "queries": [
            {
                "columns": columns,
                "metrics": [],
                "orderby": [[c, True] for c in order_by],
                "row_limit": 10000,
                "filters": [],
                "extras": {"having": "", "where": ""},
            }
        ],
        "form_data": form,
        "result_format": "json",
        "result_type": "full",
    }
    return form, qc


def country_map_chart(ds_id, period):
    metric = {"expressionType": "SIMPLE", "aggregate": "MAX", "label": "score", "column": {"column_name": "score"}}
    flt = {"expressionType": "SIMPLE", "subject": "period", "operator": "==", "comparator": period, "clause": "WHERE"}
    form = {
        "datasource": f"{ds_id}__table",
        "viz_type": "country_map",
        "select_country": "vietnam",
        "entity": "iso_3166_2",
        "metric": metric,
        "adhoc_filters": [flt],
        "linear_color_scheme": "blue_white_yellow",
        "number_format": ".2f",
    }
    qc = {
        "datasource": {"id": ds_id, "type": "table"},
        "force": False,
        "queries": [
            {
                "columns": ["iso_3166_2"],
                "metrics": [metric],
                "row_limit": 100,
                "filters": [{"col": "period", "op": "==", "val": period}],
                "extras": {"having": "", "where": ""},
            }
        ],
        "form_data": form,
        "result_format": "json",
        "result_type": "full",
    }
    return form, qc


RANKING_COLUMNS = ["index_code", "period", "unit_code", "unit_name", "region", "score", "rank"]
RANKING_ORDER = ["index_code", "period", "rank"]
MAP_SQL = (
    "SELECT r.*, m.iso_3166_2 FROM gold_rankings r "
    "JOIN ref_country_map_vn m ON m.code = r.province_code "
    "WHERE r.level = 'province' AND r.index_code = '766'"
)


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://127.0.0.1:8088")
    p.add_argument("--catalog", required=True)
    p.add_argument("--extra", required=True, help="Superset database `extra` JSON")
    p.add_argument("--ext-dir", required=True)
    return p.parse_args()


def provision_database(s, catalog, extra):
    """3. database (PUT may not change database_name; send the same fields)."""
    db = {
        "database_name": DB_NAME,
        "sqlalchemy_uri": f"duckdb:///{os.path.abspath(catalog)}",
        "extra": extra,
        "expose_in_sqllab": True,
        "allow_dml": False,
    }
    return s.upsert("database", "database_name", DB_NAME, db)


def provision_datasets(s, db_id, out):
    """4. datasets: a physical one over the view, a virtual one joining the ISO codes."""
    out["ds_rankings"] = s.upsert(
        "dataset",
        "table_name",
        "gold_rankings",
        {"database": db_id, "schema": "main", "table_name": "gold_rankings"},
        update_body={"description": "gold/rankings (Delta) via DuckDB"},
    )
    out["ds_map"] = s.upsert(
        "dataset",
        "table_name",
        "rankings_766_map",
        {"database": db_id, "schema": "main", "table_name": "rankings_766_map", "sql": MAP_SQL},
        update_body={"sql": MAP_SQL},
    )
    # Virtual datasets get their columns from the SQL: refresh them after an update.
    s.call("PUT", f"/api/v1/dataset/{out['ds_map'][0]}/refresh")
    s.call("PUT", f"/api/v1/dataset/{out['ds_rankings'][0]}/refresh")


def upsert_chart(s, title, viz, ds_id, form, qc):
    chart = {
        "slice_name": title,
        "viz_type": viz,
        "datasource_id": ds_id,
        "datasource_type": "table",
        "params": json.dumps(form),
        "query_context": json.dumps(qc),
    }
    return s.upsert("chart", "slice_name", chart["slice_name"], chart)


def provision_charts(s, out):
    """5. charts, each with the query_context that GET /api/v1/chart/{id}/data/ replays."""
    ds_rankings, ds_map = out["ds_rankings"][0], out["ds_map"][0]
    form, qc = table_chart(ds_rankings, RANKING_COLUMNS, RANKING_ORDER)
    out["chart_table"] = upsert_chart(s, "Probe: rankings table", "table", ds_rankings, form, qc)
    form, qc = country_map_chart(ds_map, "2026-08")
    out["chart_map"] = upsert_chart(s, "Probe: 766 score map, 2026-08", "country_map", ds_map, form, qc)


def dashboard_position(ids):
    """position_json: one row holding the charts side by side."""
    position = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
        "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": ["ROW-1"], "parents": ["ROOT_ID"]},
        "ROW-1": {
            "type": "ROW",
            "id": "ROW-1",
            "children": [f"CHART-{i}" for i in ids],
            "parents": ["ROOT_ID", "GRID_ID"],
            "meta": {"background": "BACKGROUND_TRANSPARENT"},
        },
    }
    for i in ids:
        position[f"CHART-{i}"] = {
            "type": "CHART",
            "id": f"CHART-{i}",
            "children": [],
            "parents": ["ROOT_ID", "GRID_ID", "ROW-1"],
            "meta": {"chartId": i, "width": 6, "height": 60},
        }
    return position


def provision_dashboard(s, ids):
    """6. dashboard with a grid of the charts, then attach the charts to it."""
    dash = {
        "dashboard_title": "Chiso probe",
        "slug": DASH_SLUG,
        "published": True,
        "position_json": json.dumps(dashboard_position(ids)),
        "json_metadata": json.dumps({}),
    }
    dashboard = s.upsert("dashboard", "slug", DASH_SLUG, dash)
    for i in ids:
        s.call("PUT", f"/api/v1/chart/{i}", {"dashboards": [dashboard[0]]})
    return dashboard


def norm(v):
    """JSON numbers come back as floats: compare decimals at the column's scale."""
    return Decimal(str(v)).quantize(Decimal("0.01")) if isinstance(v, (float, Decimal)) else v


def table_chart_matches_duckdb(s, chart_id, catalog, ext_dir):
    """7. chart data API vs the table read directly: (rows from the API, whether they are equal)."""
    r = s.call("GET", f"/api/v1/chart/{chart_id}/data/")
    api_rows = r["result"][0]["data"]
    import duckdb

    con = duckdb.connect(
        os.path.abspath(catalog),
        read_only=True,
        config={"extension_directory": ext_dir, "autoinstall_known_extensions": False},
    )
    direct = con.sql(
        f"SELECT {', '.join(RANKING_COLUMNS)} FROM gold_rankings ORDER BY {', '.join(RANKING_ORDER)}"
    ).fetchall()
    api = [tuple(norm(row[c]) for c in RANKING_COLUMNS) for row in api_rows]
    ref = [tuple(norm(v) for v in row) for row in direct]
    return len(api), api == ref


def main():
    a = parse_args()
    s = Superset(
        a.url, os.environ.get("SUPERSET_ADMIN_USER", "admin"), os.environ.get("SUPERSET_ADMIN_PASSWORD", "admin")
    )
    out = {}
    out["database"] = provision_database(s, a.catalog, a.extra)
    provision_datasets(s, out["database"][0], out)
    provision_charts(s, out)
    out["dashboard"] = provision_dashboard(s, [out["chart_table"][0], out["chart_map"][0]])
    out["chart_data_rows"], out["chart_data_equal"] = table_chart_matches_duckdb(
        s, out["chart_table"][0], a.catalog, a.ext_dir
    )
    r = s.call("GET", f"/api/v1/chart/{out['chart_map'][0]}/data/")
    out["map_rows"] = r["result"][0]["data"]
    print(json.dumps(out, ensure_ascii=False, default=str))
    sys.exit(0 if out["chart_data_equal"] else 1)


if __name__ == "__main__":
    main()
