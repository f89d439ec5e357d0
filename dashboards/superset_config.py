"""Superset configuration for chiso's local dashboards (loaded through SUPERSET_CONFIG_PATH).

All state lives in one project-local directory, CHISO_SUPERSET_HOME (superset.sh sets it;
default dashboards/.superset/): the SQLite metadata database, the secret key, logs, the DuckDB
catalog of the lake and DuckDB's extension directory. Nothing secret is committed: the secret
key comes from SUPERSET_SECRET_KEY or from a key file generated on first use (mode 600).
"""

import os
import secrets

HOME = os.path.abspath(
    os.environ.get("CHISO_SUPERSET_HOME", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".superset"))
)
os.makedirs(HOME, exist_ok=True)


def _secret_key():
    key = os.environ.get("SUPERSET_SECRET_KEY")
    if key:
        return key
    path = os.path.join(HOME, "secret_key")
    if not os.path.exists(path):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
    with open(path) as f:
        return f.read().strip()


SECRET_KEY = _secret_key()
DATA_DIR = HOME
SQLALCHEMY_DATABASE_URI = f"sqlite:///{os.path.join(HOME, 'superset.db')}?check_same_thread=false"

# No example data, no telemetry, nothing fetched from the internet.
SUPERSET_LOAD_EXAMPLES = False
# The REST API and the UI both need CSRF tokens for writes (the provisioning client sends the
# token of GET /api/v1/security/csrf_token/ with that call's session cookie).
WTF_CSRF_ENABLED = True
# Flask-Limiter keeps its counters in memory (one gunicorn process; no Redis here).
RATELIMIT_STORAGE_URI = "memory://"
# Chart data always comes from the lake: no result cache that could disagree with the API.
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
FEATURE_FLAGS = {
    "DASHBOARD_RBAC": False,
    "ENABLE_TEMPLATE_PROCESSING": False,
    "THUMBNAILS": False,
    "ALERT_REPORTS": False,
}
# Local only (127.0.0.1, plain HTTP).
TALISMAN_ENABLED = False
SESSION_COOKIE_SECURE = False
WEBDRIVER_BASEURL = os.environ.get("CHISO_SUPERSET_URL", "http://127.0.0.1:8088/")
LOG_LEVEL = os.environ.get("CHISO_SUPERSET_LOG_LEVEL", "INFO")

# SQL Lab is Admin's only (dashboards/access.py takes its permissions off every other role). A
# second lock behind DuckDB's own (the connections run with external access off): Superset refuses
# queries calling DuckDB's file readers.
try:
    from superset.config import DISALLOWED_SQL_FUNCTIONS as _DEFAULT_DISALLOWED
except ImportError:
    _DEFAULT_DISALLOWED = {}
DISALLOWED_SQL_FUNCTIONS = {
    **_DEFAULT_DISALLOWED,
    "duckdb": {
        "read_csv",
        "read_csv_auto",
        "sniff_csv",
        "read_parquet",
        "parquet_scan",
        "parquet_metadata",
        "parquet_schema",
        "parquet_file_metadata",
        "parquet_kv_metadata",
        "read_json",
        "read_json_auto",
        "read_json_objects",
        "read_ndjson",
        "read_ndjson_auto",
        "read_ndjson_objects",
        "read_text",
        "read_blob",
        "glob",
        "delta_scan",
        "iceberg_scan",
        "sqlite_scan",
        "read_xlsx",
    },
}
