"""An independent reading of a Delta table's transaction log (no deltalake involved).

Replays ``_delta_log`` — the newest checkpoint (classic, multi-part or v2 with sidecars) at or below
the version asked for, then the JSON commits after it — to get the protocol, the metadata and the
active data files with their row counts (``stats.numRecords`` minus the rows their deletion vector
removes, or the Parquet footer when a file has no stats). The tests compare what the Python reader
returns against this: the lake's own record of what it holds.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pyarrow.parquet as pq

COMMIT = re.compile(r"^(\d{20})\.json$")
CHECKPOINT = re.compile(r"^(\d{20})\.checkpoint(\.\d{10}\.\d{10}|\.[0-9a-fA-F-]{36})?\.(parquet|json)$")


@dataclass
class LogState:
    version: int
    protocol: dict = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)  # (path, deletion vector id) → add action

    @property
    def reader_version(self) -> int:
        return int(self.protocol.get("minReaderVersion", 1))

    @property
    def reader_features(self) -> set[str]:
        return set(self.protocol.get("readerFeatures") or [])

    @property
    def writer_features(self) -> set[str]:
        return set(self.protocol.get("writerFeatures") or [])

    @property
    def configuration(self) -> dict:
        return self.metadata.get("configuration") or {}

    @property
    def schema(self) -> dict:
        return json.loads(self.metadata.get("schemaString") or "{}")

    def schema_types(self) -> set[str]:
        """Every primitive type name in the schema (nested types walked)."""
        found: set[str] = set()

        def walk(t):
            if isinstance(t, str):
                found.add(t)
            elif isinstance(t, dict):
                for key in ("type", "elementType", "keyType", "valueType"):
                    if key in t:
                        walk(t[key])
                for f in t.get("fields", []):
                    walk(f)

        walk(self.schema)
        return found


def versions(table: Path) -> list[int]:
    log = Path(table) / "_delta_log"
    return sorted(int(m.group(1)) for p in log.iterdir() if (m := COMMIT.match(p.name)))


def replay(table: Path, version: int | None = None) -> LogState:
    log = Path(table) / "_delta_log"
    commits = versions(table)
    checkpoints: dict[int, list[Path]] = {}
    for p in log.iterdir():
        m = CHECKPOINT.match(p.name)
        if m:
            checkpoints.setdefault(int(m.group(1)), []).append(p)
    target = version if version is not None else max(commits + list(checkpoints))
    state = LogState(version=target)
    start = -1
    usable = [v for v in checkpoints if v <= target]
    # A checkpoint is needed when the commits before it are gone (log cleanup); use the newest.
    if usable:
        start = max(usable)
        for part in sorted(checkpoints[start]):
            for action in _checkpoint_actions(part, log):
                _apply(state, action)
    for v in commits:
        if start < v <= target:
            with open(log / f"{v:020d}.json", encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        _apply(state, json.loads(line))
    return state


def _checkpoint_actions(part: Path, log: Path):
    if part.suffix == ".json":  # v2 checkpoint, JSON flavour
        with open(part, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
    else:
        rows = pq.read_table(part).to_pylist()
    for row in rows:
        action = {k: v for k, v in row.items() if v is not None}
        if "sidecar" in action:
            sidecar = log / "_sidecars" / unquote(action["sidecar"]["path"])
            yield from _checkpoint_actions(sidecar, log)
        else:
            yield action


def _dv_id(add: dict) -> str | None:
    dv = add.get("deletionVector")
    if not dv:
        return None
    return f"{dv.get('storageType')}{dv.get('pathOrInlineDv')}" + (
        f"@{dv['offset']}" if dv.get("offset") is not None else ""
    )


def _apply(state: LogState, action: dict) -> None:
    if "protocol" in action:
        state.protocol = action["protocol"]
    elif "metaData" in action:
        state.metadata = action["metaData"]
    elif "add" in action:
        add = action["add"]
        state.files[(add["path"], _dv_id(add))] = add
    elif "remove" in action:
        rm = action["remove"]
        state.files.pop((rm["path"], _dv_id(rm)), None)


def expected_rows(table: Path, state: LogState) -> int:
    """Rows the table holds at that version according to its own log (and Parquet footers)."""
    total = 0
    for add in state.files.values():
        stats = add.get("stats")
        if isinstance(stats, str):
            stats = json.loads(stats) if stats else None
        if stats and stats.get("numRecords") is not None:
            rows = int(stats["numRecords"])
        else:
            rows = pq.read_metadata(_data_file(table, add["path"])).num_rows
        dv = add.get("deletionVector")
        total += rows - (int(dv.get("cardinality", 0)) if dv else 0)
    return total


def _data_file(table: Path, path: str) -> Path:
    if "://" in path:
        return Path(unquote(path.split("://", 1)[1]))
    return Path(table) / unquote(path)


def null_counts(state: LogState) -> dict[str, int] | None:
    """Per top-level column, the NULLs the files' stats record (None when some file lacks them or
    a deletion vector makes file stats an over-count)."""
    totals: dict[str, int] = {}
    complete: set[str] | None = None
    for add in state.files.values():
        if add.get("deletionVector"):
            return None
        stats = add.get("stats")
        stats = json.loads(stats) if isinstance(stats, str) and stats else stats
        counts = (stats or {}).get("nullCount")
        if not isinstance(counts, dict):
            return None
        ints = {k: v for k, v in counts.items() if isinstance(v, int)}
        complete = set(ints) if complete is None else complete & set(ints)
        for k, v in ints.items():
            totals[k] = totals.get(k, 0) + v
    return {k: totals[k] for k in (complete or set())}
