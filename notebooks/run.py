"""Runs the notebooks headless (what CI does) and checks that committed notebooks carry no outputs.

    python run.py execute [--lake DIR] [--out DIR] [-p NAME=VALUE …] [NOTEBOOK …]
                                                                   every notebook here, or those named
    python run.py check-stripped                                   exit 1 if a notebook has outputs

execute: each notebook runs top to bottom in a fresh kernel (nbclient) with CHISO_LAKE set to the
lake, in this folder (so `import chiso_lake` works). The executed copy, with its outputs, is written
to --out (never over the committed notebook), figures go to --out/figures/<notebook>/. A notebook
fails if any cell raises or if it shows no figure at all. Prints each notebook's run time; exits 1
if any failed.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

HERE = Path(__file__).resolve().parent
CELL_TIMEOUT = int(os.environ.get("CHISO_NB_CELL_TIMEOUT", "900"))


def notebooks(names: list[str]) -> list[Path]:
    if not names:
        return sorted(HERE.glob("[0-9]*.ipynb"))
    paths = []
    for name in names:
        p = Path(name)
        if not p.is_absolute() and not p.exists():
            p = HERE / name
        if not p.exists():
            raise SystemExit(f"no notebook {name}")
        paths.append(p.resolve())
    return paths


def inject_parameters(nb, params: list[str]) -> None:
    """papermill-style: a cell after the one tagged 'parameters' overrides its values (-p NAME=VALUE).

    A parameter whose default is a string takes VALUE as it is (-p PROVINCE=79 → "79"); any other
    takes a Python literal (-p N_BOOT=200, -p YEAR=None, -p YEAR=2023).
    """
    if not params:
        return
    index = next((i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if index is None:
        raise SystemExit("the notebook has no cell tagged 'parameters'")
    defaults = {}
    for node in ast.parse(nb.cells[index].source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                defaults[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                defaults[node.targets[0].id] = None
    lines = ["# injected by run.py -p"]
    for p in params:
        name, sep, value = p.partition("=")
        if not sep or name not in defaults:
            raise SystemExit(f"-p {p!r}: not NAME=VALUE with NAME one of {sorted(defaults)}")
        if isinstance(defaults[name], str):
            literal = repr(value)
        else:
            try:
                literal = repr(ast.literal_eval(value))
            except (ValueError, SyntaxError):
                literal = repr(value)
        lines.append(f"{name} = {literal}")
    nb.cells.insert(index + 1, nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": ["injected-parameters"]}))


def figures_in(nb) -> int:
    return sum(
        1
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
    )


def execute(args) -> int:
    lake = Path(args.lake).resolve() if args.lake else None
    if lake is not None and not lake.is_dir():
        print(f"[notebooks] error: no lake at {lake}", file=sys.stderr)
        return 2
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    results = []
    for path in notebooks(args.notebooks):
        nb = nbformat.read(path, as_version=4)
        inject_parameters(nb, args.param)
        env_lake = str(lake) if lake else os.environ.get("CHISO_LAKE", "")
        os.environ["CHISO_LAKE"] = env_lake
        os.environ["CHISO_NB_FIGURES"] = str(out / "figures" / path.stem)
        os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        # The kernel talks to this process over loopback TCP (127.0.0.1) and is shut down after each notebook.
        client = NotebookClient(
            nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}
        )
        print(f"[notebooks] {path.name} … (lake {env_lake or '../lakehouse'})", flush=True)
        start = time.monotonic()
        error = None
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
            error = str(e)
        seconds = time.monotonic() - start
        figures = figures_in(nb)
        if error is None and figures == 0:
            error = "the notebook showed no figure"
        executed = out / path.name
        nbformat.write(nb, executed)
        results.append(
            {
                "notebook": path.name,
                "seconds": round(seconds, 1),
                "figures": figures,
                "ok": error is None,
                "executed_copy": str(executed),
            }
        )
        if error:
            print(f"[notebooks] FAILED {path.name} after {seconds:.1f} s:\n{_tail(error)}", file=sys.stderr, flush=True)
        else:
            print(f"[notebooks] ok {path.name}: {seconds:.1f} s, {figures} figures", flush=True)
    (out / "timings.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("[notebooks] run times:")
    for r in results:
        print(
            f"  {'ok    ' if r['ok'] else 'FAILED'} {r['seconds']:7.1f} s  {r['figures']:2d} figures  {r['notebook']}"
        )
    failed = [r for r in results if not r["ok"]]
    print(f"[notebooks] {len(results) - len(failed)} passed, {len(failed)} failed; executed copies in {out}")
    return 1 if failed else 0


def _tail(text: str, lines: int = 40) -> str:
    parts = text.strip().splitlines()
    return "\n".join(parts[-lines:])


def check_stripped(args) -> int:
    """Committed notebooks must have no outputs or execution counts (diffs stay readable)."""
    dirty = []
    for path in notebooks(args.notebooks):
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
                dirty.append(f"{path.name}: cell {i} has outputs")
                break
    for d in dirty:
        print(f"[notebooks] {d} — strip it: .venv/bin/nbstripout {HERE.name}/*.ipynb", file=sys.stderr)
    return 1 if dirty else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("execute", help="run notebooks headless")
    ex.add_argument("--lake", help="lake directory (default: $CHISO_LAKE, else ../lakehouse)")
    ex.add_argument(
        "--out",
        default=str(HERE.parent / "target" / "notebooks"),
        help="where executed copies go (default: target/notebooks)",
    )
    ex.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a parameter of the notebook's parameters cell, e.g. -p PROVINCE=79 -p N_BOOT=200",
    )
    ex.add_argument("notebooks", nargs="*")
    ck = sub.add_parser("check-stripped", help="fail if a notebook has outputs")
    ck.add_argument("notebooks", nargs="*")
    args = parser.parse_args(argv)
    return execute(args) if args.command == "execute" else check_stripped(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
