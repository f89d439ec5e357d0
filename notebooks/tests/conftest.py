"""Shared setup: import chiso_lake (one folder up) and delta_log (here); find the lake under test.

The lake is $CHISO_LAKE (ci-test.sh passes the test lake), else ../lakehouse. Without a lake the
lake tests are skipped, unless CHISO_REQUIRE_LAKE=1 (ci-test.sh sets it), where they fail.
"""

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import chiso_lake  # noqa: E402


def lake_or_none():
    try:
        return chiso_lake.lake_root()
    except FileNotFoundError:
        return None


def pytest_generate_tests(metafunc):
    if "table" in metafunc.fixturenames:
        root = lake_or_none()
        tables = sorted(chiso_lake.discover_tables(root)) if root else []
        metafunc.parametrize("table", tables or [None], ids=tables or ["no-lake"])


@pytest.fixture(scope="session")
def lake():
    root = lake_or_none()
    if root is None:
        if os.environ.get("CHISO_REQUIRE_LAKE") == "1":
            pytest.fail(f"no lake at {os.environ.get('CHISO_LAKE') or chiso_lake.DEFAULT_LAKE}")
        pytest.skip("no lake: set CHISO_LAKE or build ./lakehouse (./chiso demo --no-serve)")
    return chiso_lake.Lake.open(root)
