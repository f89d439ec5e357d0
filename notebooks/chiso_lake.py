"""Reading the chiso lake from notebooks: table discovery, Delta reads, KPI arithmetic, plots.

Everything the four notebooks share lives here, so that each notebook reads as analysis:

* ``Lake`` finds every Delta table under the lake root (``layer/name``, e.g. ``gold/rankings``) and
  reads them with the ``deltalake`` package (delta-rs, no JVM). Reads go through
  ``DeltaTable.scan`` (DataFusion), which also handles tables with deletion vectors or column
  mapping; ``to_pandas``/``to_pyarrow_dataset`` refuse those features (see notebooks/README.md).
* KPI helpers re-derive rates from additive counts with the national portal's rounding
  (half-up to 0.01): a region, the nation or a 2025 province is the *sum of its counts*, never an
  average of rates.
* ``setup_plots``/``show`` use DejaVu Sans (it has every Vietnamese glyph) and fail the cell if a
  figure has a character the font cannot draw.

The lake is chosen by the notebook's ``LAKE`` parameter, else ``$CHISO_LAKE``, else
``../lakehouse`` relative to this folder (the launcher's default lake).
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
from deltalake import DeltaTable

NOTEBOOKS_DIR = Path(__file__).resolve().parent
DEFAULT_LAKE = NOTEBOOKS_DIR.parent / "lakehouse"
LAKE_ENV = "CHISO_LAKE"
FIGURES_ENV = "CHISO_NB_FIGURES"  # when set, every figure shown is also saved there as PNG
LOCAL_TZ = "Asia/Ho_Chi_Minh"

# Reader features that the read path below (DeltaTable.scan of deltalake 1.6.6) reads correctly,
# verified against tables written by the pipeline's own Spark and Delta versions
# (tests/test_reader_features.py). deltalake 1.6.6 cannot read typeWidening at all, and its
# to_pandas/to_pyarrow_* refuse deletionVectors and v2Checkpoint and return NULLs for renamed
# columns under columnMapping: read through Lake.read / read_arrow only.
READER_FEATURES_SUPPORTED = frozenset(
    {"deletionVectors", "columnMapping", "timestampNtz", "v2Checkpoint", "variantType"}
)
MAX_READER_VERSION = 3

# Additive measures of gold/unit_kpis: sums of these are meaningful, rates are derived from them.
KPI_COUNTS = [
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
]


# ---- the lake ---------------------------------------------------------------------------------


def lake_root(lake: str | os.PathLike | None = None) -> Path:
    """The lake directory: the argument, else $CHISO_LAKE, else ../lakehouse next to notebooks/."""
    chosen = lake or os.environ.get(LAKE_ENV) or DEFAULT_LAKE
    root = Path(chosen).expanduser()
    if not root.is_absolute():
        root = (NOTEBOOKS_DIR / root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(
            f"no lake at {root}: build one with `./chiso demo --scale tiny --no-serve` "
            f"(or point {LAKE_ENV} / the LAKE parameter at an existing lake)"
        )
    return root


def discover_tables(root: Path, max_depth: int = 3) -> dict[str, Path]:
    """Every Delta table under root (a directory holding _delta_log), keyed by its relative path."""
    found: dict[str, Path] = {}

    def walk(directory: Path, depth: int) -> None:
        if (directory / "_delta_log").is_dir():
            found[directory.relative_to(root).as_posix()] = directory
            return
        if depth >= max_depth:
            return
        for child in sorted(directory.iterdir()):
            if child.is_dir() and not child.name.startswith((".", "_")):
                walk(child, depth + 1)

    walk(root, 0)
    return found


@dataclass
class Read:
    """One read of one table, for the provenance notes under figures."""

    table: str
    version: int
    rows: int


@dataclass
class Lake:
    root: Path
    tables: dict[str, Path] = field(default_factory=dict)
    reads: list[Read] = field(default_factory=list)

    @classmethod
    def open(cls, lake: str | os.PathLike | None = None) -> "Lake":
        root = lake_root(lake)
        return cls(root=root, tables=discover_tables(root))

    def has(self, name: str) -> bool:
        return name in self.tables

    def path(self, name: str) -> Path:
        if name not in self.tables:
            raise KeyError(f"no table {name} in {self.root} (tables: {', '.join(sorted(self.tables))})")
        return self.tables[name]

    def delta(self, name: str, version: int | None = None) -> DeltaTable:
        dt = DeltaTable(str(self.path(name)), version=version)
        check_readable(dt, name)
        return dt

    def version(self, name: str) -> int:
        return DeltaTable(str(self.path(name))).version()

    def columns(self, name: str, version: int | None = None) -> list[str]:
        """Column names from the log (no data read, so no reader-feature check)."""
        return [f.name for f in DeltaTable(str(self.path(name)), version=version).schema().fields]

    def has_columns(self, name: str, *columns: str) -> bool:
        return self.has(name) and set(columns) <= set(self.columns(name))

    def read(
        self,
        name: str,
        columns: Sequence[str] | None = None,
        where: str | None = None,
        version: int | None = None,
        decimals_as_float: bool = True,
    ) -> pd.DataFrame:
        """A table (at a version, optionally projected and filtered) as pandas.

        ``where`` is a SQL predicate evaluated by DataFusion, e.g. ``"level = 'province'"``.
        Decimal rates become float64 (for plotting); counts stay int64; timestamps are shown in
        Vietnam time.
        """
        dt = self.delta(name, version)
        table = read_arrow(dt, columns=list(columns) if columns else None, predicate=where)
        self.reads.append(Read(name, dt.version(), table.num_rows))
        return to_pandas(table, decimals_as_float=decimals_as_float)

    def count(self, name: str, version: int | None = None) -> int:
        """Exact row count (a scan of one column). DeltaTable.count() sums file statistics and
        over-counts tables with deletion vectors."""
        dt = self.delta(name, version)
        first = [dt.schema().fields[0].name] if dt.schema().fields else None
        return sum(b.num_rows for b in pa.RecordBatchReader.from_stream(dt.scan(columns=first)))

    def history(self, name: str) -> pd.DataFrame:
        """The table's commits, oldest first: version, time, operation, rows written, engine."""
        rows = []
        for commit in DeltaTable(str(self.path(name))).history():
            metrics = commit.get("operationMetrics") or {}
            rows.append(
                {
                    "version": commit.get("version"),
                    "timestamp": pd.to_datetime(commit.get("timestamp"), unit="ms", utc=True).tz_convert(LOCAL_TZ),
                    "operation": commit.get("operation"),
                    "parameters": _short_params(commit.get("operationParameters") or {}),
                    "rows_written": _int_or_none(metrics.get("numOutputRows")),
                    "files_added": _int_or_none(metrics.get("numFiles", metrics.get("numAddedFiles"))),
                    "files_removed": _int_or_none(metrics.get("numRemovedFiles")),
                    "engine": commit.get("engineInfo"),
                }
            )
        return pd.DataFrame(rows).sort_values("version").reset_index(drop=True)

    def provenance(self, *names: str) -> str:
        """'gold/unit_kpis@v1, silver/units@v1': which table versions a figure was drawn from."""
        latest: dict[str, int] = {}
        for r in self.reads:
            if not names or r.table in names:
                latest[r.table] = r.version
        return ", ".join(f"{t}@v{v}" for t, v in latest.items())

    def summary(self) -> pd.DataFrame:
        rows = []
        for name, path in sorted(self.tables.items()):
            dt = DeltaTable(str(path))
            p = dt.protocol()
            rows.append(
                {
                    "table": name,
                    "version": dt.version(),
                    "rows (file stats)": dt.count(),
                    "columns": len(dt.schema().fields),
                    "reader_version": p.min_reader_version,
                    "reader_features": ", ".join(p.reader_features or []) or "-",
                }
            )
        return pd.DataFrame(rows)


class UnsupportedTableError(RuntimeError):
    pass


def unsupported_features(dt: DeltaTable) -> set[str]:
    """Reader requirements of the table that this read path has not been verified to handle."""
    p = dt.protocol()
    missing = set(p.reader_features or []) - READER_FEATURES_SUPPORTED
    if p.min_reader_version > MAX_READER_VERSION:
        missing.add(f"readerVersion {p.min_reader_version}")
    return missing


def check_readable(dt: DeltaTable, name: str = "") -> None:
    missing = unsupported_features(dt)
    if missing:
        raise UnsupportedTableError(
            f"{name or dt.table_uri}: the table requires {sorted(missing)}, which the notebooks' reader "
            f"(deltalake) does not read; see notebooks/README.md, 'Reader compatibility'"
        )


def read_arrow(dt: DeltaTable, columns: list[str] | None = None, predicate: str | None = None) -> pa.Table:
    """Reads through delta-rs's DataFusion scan: it supports deletion vectors and column mapping."""
    reader = dt.scan(columns=columns, predicate=predicate)
    table = pa.RecordBatchReader.from_stream(reader).read_all()
    # DataFusion hands out string_view columns; plain strings keep pandas and equality simple.
    fields = [pa.field(f.name, pa.string(), f.nullable) if f.type == pa.string_view() else f for f in table.schema]
    return table.cast(pa.schema(fields))


def to_pandas(table: pa.Table, decimals_as_float: bool = True) -> pd.DataFrame:
    df = table.to_pandas()
    for f in table.schema:
        if decimals_as_float and pa.types.is_decimal(f.type):
            df[f.name] = df[f.name].astype("float64")
        elif pa.types.is_timestamp(f.type) and f.type.tz is not None:
            df[f.name] = df[f.name].dt.tz_convert(LOCAL_TZ)
    return df


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _short_params(params: dict) -> str:
    keep = {k: v for k, v in params.items() if k in ("mode", "predicate", "partitionBy") and v not in (None, "[]")}
    return ", ".join(f"{k}={v}" for k, v in keep.items())


# ---- KPI arithmetic (the portal's rounding, from counts) ----------------------------------------


def ratio_half_up(numerator, denominator) -> np.ndarray:
    """100 × num ÷ den rounded half-up to 0.01, exactly (integer arithmetic); 0 where den is 0.

    This is the national portal's ratio (Decision 766): the same numbers as gold's on_time_ratio.
    """
    num = np.asarray(numerator, dtype=np.int64)
    den = np.asarray(denominator, dtype=np.int64)
    safe = np.where(den > 0, den, 1)
    cents = (20000 * num + safe) // (2 * safe)  # round(10000·num/den) half-up
    return np.where(den > 0, cents / 100.0, 0.0)


def score_half_up(ratio_percent, max_points: int = 20) -> np.ndarray:
    """max_points × ratio ÷ 100, rounded half-up to 0.01 (the portal's progress score)."""
    cents = np.rint(np.asarray(ratio_percent, dtype=float) * 100).astype(np.int64)
    return ((2 * max_points * cents + 100) // 200) / 100.0


def with_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """Adds on_time_ratio, progress_score, online_share and postal_share computed from the counts."""
    out = counts.copy()
    out["on_time_ratio"] = ratio_half_up(out["on_time"], out["received"])
    out["progress_score"] = score_half_up(out["on_time_ratio"])
    if "online" in out:
        out["online_share"] = ratio_half_up(out["online"], out["received"])
    if "postal" in out:
        out["postal_share"] = ratio_half_up(out["postal"], out["received"])
    return out


def sum_counts(kpis: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """Sums the additive KPI counts over groups and recomputes the rates (never averages rates)."""
    counts = [c for c in KPI_COUNTS if c in kpis.columns]
    return with_rates(kpis.groupby(list(by), as_index=False, observed=True)[counts].sum())


REFORM_DATE = date(2025, 7, 1)  # the 34 provinces replace the 63


def province_successors(units: pd.DataFrame) -> pd.DataFrame:
    """The 63 provinces → the 1 July 2025 province each joined, from silver/units.

    silver/units is versioned (codes are reused: '01' is Hà Nội of the 63 and of the 34): the old
    provinces are the province rows valid before the reform, which carry a successor_code.
    """
    provinces = units[units["unit_level"] == "province"]
    if "valid_from" in provinces:
        starts = pd.to_datetime(provinces["valid_from"])
        provinces = provinces[starts.isna() | (starts < pd.Timestamp(REFORM_DATE))]
    provinces = provinces[provinces["successor_code"].notna()]
    return (
        provinces[["unit_code", "unit_name", "region", "successor_code", "successor_name"]]
        .rename(columns={"unit_code": "province_code", "unit_name": "province_name"})
        .drop_duplicates("province_code")
        .reset_index(drop=True)
    )


def reexpress_on_34(
    kpis: pd.DataFrame, successors: pd.DataFrame, by: Sequence[str] = ("period_type", "period", "year")
) -> pd.DataFrame:
    """Province KPIs of the 63 old provinces re-expressed on the 34 new ones: counts summed by successor."""
    old = kpis[kpis["level"] == "province"].merge(
        successors[["province_code", "successor_code", "successor_name"]],
        left_on="unit_code",
        right_on="province_code",
        how="left",
        suffixes=("", "_map"),
    )
    missing = old[old["successor_code"].isna()]["unit_code"].unique()
    if len(missing):
        raise ValueError(f"provinces without a successor in silver/units: {sorted(missing)}")
    new = sum_counts(old, ["successor_code", "successor_name", *by])
    merged = (
        old.groupby(["successor_code", *by], observed=True)["unit_code"]
        .agg(lambda s: ", ".join(sorted(set(s))))
        .rename("old_provinces")
        .reset_index()
    )
    return new.merge(merged, on=["successor_code", *by]).rename(
        columns={"successor_code": "unit_code", "successor_name": "unit_name"}
    )


# ---- ranking ----------------------------------------------------------------------------------


def competition_rank(scores: np.ndarray) -> np.ndarray:
    """Ranks 1, 2, 2, 4 by descending score along the last axis (as gold/rankings ranks)."""
    s = np.asarray(scores)
    return (s[..., None, :] > s[..., :, None]).sum(axis=-1) + 1


# ---- plots ------------------------------------------------------------------------------------

FONT = "DejaVu Sans"


class MissingGlyphError(RuntimeError):
    pass


def setup_plots() -> None:
    """Matplotlib with DejaVu Sans (full Vietnamese coverage); missing glyphs fail the cell."""
    import matplotlib
    import matplotlib.pyplot as plt

    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [FONT],
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "figure.figsize": (10, 5),
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    plt.close("all")


def missing_glyphs(fig) -> dict[str, set[str]]:
    """Characters in the figure's texts that the font of that text cannot draw, by font file."""
    from matplotlib import font_manager, ft2font
    from matplotlib.text import Text

    missing: dict[str, set[str]] = {}
    charmaps: dict[str, set[int]] = {}
    for text in fig.findobj(Text):
        s = text.get_text()
        if not s or (s.startswith("$") and s.endswith("$")):
            continue
        path = font_manager.findfont(text.get_fontproperties())
        if path not in charmaps:
            charmaps[path] = set(ft2font.FT2Font(path).get_charmap())
        lacking = {ch for ch in s if not ch.isspace() and ord(ch) not in charmaps[path]}
        if lacking:
            missing.setdefault(Path(path).name, set()).update(lacking)
    return missing


def show(fig, name: str, source: str | None = None) -> None:
    """Renders the figure (failing on any missing glyph), saves it if asked, and displays it.

    ``source`` is printed under the figure: which tables (and versions) it was drawn from.
    """
    import matplotlib.pyplot as plt

    if source:
        fig.text(0.01, 0.002, f"Nguồn / source: {source}", fontsize=8, color="#555555", ha="left", va="bottom")
    lacking = missing_glyphs(fig)
    buffer = io.BytesIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.tight_layout(rect=(0, 0.03 if source else 0, 1, 1))
        fig.savefig(buffer, format="png")
    glyph_warnings = [
        str(w.message) for w in caught if "missing from font" in str(w.message) or "Glyph" in str(w.message)
    ]
    if lacking or glyph_warnings:
        raise MissingGlyphError(f"figure {name!r}: glyphs missing {lacking or ''} {glyph_warnings or ''}")
    out = os.environ.get(FIGURES_ENV)
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / f"{name}.png").write_bytes(buffer.getvalue())
    plt.show()


def fmt_table(df: pd.DataFrame, floats: int = 2) -> pd.DataFrame:
    """Rounded copy for display."""
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_float_dtype(out[c]):
            out[c] = out[c].round(floats)
    return out


def first_existing(candidates: Iterable[str], available: Iterable[str]) -> str | None:
    available = set(available)
    return next((c for c in candidates if c in available), None)
