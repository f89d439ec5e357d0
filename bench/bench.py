"""./chiso bench: our pipeline and DuckDB on the same generated exports, side by side.

Per stage it prints rows, wall seconds, rows/s and peak RSS (the stage's process tree, from the
kernel's accounting when the process is reaped: exact, no sampling). Each of our stages runs as
its own JVM exactly as ./chiso runs it. Then the peer (peer_duckdb.py) on the same files, the
ratio ours/peer, and a check that both produced the same gold numbers (province x year: received,
resolved, on time, online, on-time ratio, online share). Then the incremental case: one day's
batch (new dossiers and updates of existing ones) appended to the history, ingest + transform.
The last line is one machine-readable summary.

Invoked by ./chiso bench, which builds first and passes the job command lines in the environment.
"""

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEER = os.path.join(HERE, "peer_duckdb.py")


def say(msg):
    print(f"[bench] {msg}", flush=True)


def human(n):
    if n >= 1_000_000:
        return f"{n / 1e6:g}M"
    if n >= 1_000:
        return f"{n / 1e3:g}k"
    return str(n)


def rows_of(scale):
    s = scale.strip().lower().replace("_", "")
    mult = 1
    if s.endswith("m"):
        mult, s = 1_000_000, s[:-1]
    elif s.endswith("k"):
        mult, s = 1_000, s[:-1]
    return int(float(s) * mult)


# ---------------------------------------------------------------- running stages


class Stage:
    def __init__(self, name, rows, seconds, rss_mb, log, cpu=0.0):
        self.name, self.rows, self.seconds, self.rss_mb, self.log, self.cpu = name, rows, seconds, rss_mb, log, cpu

    def line(self):
        rate = self.rows / self.seconds if self.seconds > 0 else 0
        return (
            f"{self.name:<28} {self.rows:>12,} rows {self.seconds:>8.1f} s {rate:>12,.0f} rows/s "
            f"{self.rss_mb:>7,.0f} MB peak RSS {self.cpu:>8.1f} s CPU"
        )


def run(name, argv, rows, log_dir, env=None):
    """Runs one stage as a child process; wall time and the peak RSS of its process tree."""
    log = os.path.join(log_dir, name.replace(" ", "_").replace("/", "_") + ".log")
    with open(log, "w") as out:
        start = time.perf_counter()
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stdout.write(open(log).read()[-4000:])
        raise SystemExit(f"[bench] stage '{name}' failed with exit code {code}; log: {log}")
    # CPU (user + system) of the process tree: the figure that stays comparable on a shared machine
    stage = Stage(name, rows, seconds, usage.ru_maxrss / 1024, log, usage.ru_utime + usage.ru_stime)
    print("  " + stage.line(), flush=True)
    phases(stage)
    return stage


PHASE = re.compile(r"^\[chiso\s+([0-9.]+)s\] (.*)$")


def phases(stage):
    """Where a job's time went: its progress lines ([chiso 12.3s] message), as seconds between them."""
    out, last = [], 0.0
    with open(stage.log, errors="replace") as log:
        for line in log:
            m = PHASE.match(line.rstrip("\n"))
            if m:
                t = float(m.group(1))
                words = m.group(2).split()
                label = " ".join(w for w in words[:3] if not w[:1].isdigit()) or words[0]
                out.append(f"{label.rstrip(':,')} {t - last:.1f}")
                last = t
    if out:
        print(f"    {stage.name} phases (s, time up to each progress line): " + " | ".join(out), flush=True)


def java(module, main, *args):
    cmd = [c for c in os.environ["CHISO_JAVA"].split("\x1f") if c]
    return cmd + ["-cp", os.environ[f"CHISO_CP_{module.upper()}"], main, *args]


def ingest(lake, *paths):
    return java("ingest", "vn.chiso.ingest.IngestMain", "ingest", "--lake", lake, *paths)


def transform(lake):
    return java("transforms", "vn.chiso.transforms.TransformMain", "transform", "--lake", lake)


def generate(out, rows, seed, log_dir):
    """Generates once per (rows, seed): a marker file records a completed generation."""
    marker = os.path.join(out, ".generated")
    want = f"rows={rows} seed={seed}"
    if os.path.exists(marker) and open(marker).read().strip() == want:
        say(f"input: {human(rows)} dossiers already generated in {out}")
        return None
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    stage = run(
        f"generate {human(rows)}",
        java(
            "ingest",
            "vn.chiso.ingest.IngestMain",
            "generate",
            "--out",
            out,
            "--scale",
            str(rows),
            "--seed",
            str(seed),
            # dossiers only: the peer does the dossier work alone
            "--no-indices",
        ),
        rows,
        log_dir,
    )
    with open(marker, "w") as f:
        f.write(want + "\n")
    return stage


def input_bytes(data):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(data) for f in fs if f.endswith(".csv"))


# ---------------------------------------------------------------- reading gold, comparing


def active_files(table):
    """Replays a Delta log (JSON commits after the last checkpoint) into the live data files."""
    import duckdb

    log = os.path.join(table, "_delta_log")
    files = {}
    start = -1
    last = os.path.join(log, "_last_checkpoint")
    if os.path.exists(last):
        start = json.load(open(last))["version"]
        parts = sorted(
            f for f in os.listdir(log) if f.startswith(f"{start:020d}.checkpoint") and f.endswith(".parquet")
        )
        rel = duckdb.sql(
            "SELECT add.path, add.partitionValues FROM read_parquet(?) WHERE add IS NOT NULL",
            params=[[os.path.join(log, p) for p in parts]],
        ).fetchall()
        for path, pv in rel:
            files[path] = dict(pv) if not isinstance(pv, dict) else pv
    for name in sorted(os.listdir(log)):
        if name.endswith(".json") and int(name[:20]) > start:
            for line in open(os.path.join(log, name)):
                action = json.loads(line)
                if "add" in action:
                    files[action["add"]["path"]] = action["add"].get("partitionValues", {})
                elif "remove" in action:
                    files.pop(action["remove"]["path"], None)
    from urllib.parse import unquote

    return [(os.path.join(table, unquote(p)), pv) for p, pv in files.items()]


def our_gold(lake):
    import duckdb

    files = [p for p, pv in active_files(os.path.join(lake, "gold", "unit_kpis")) if pv.get("period_type") == "year"]
    rows = duckdb.sql(
        """SELECT unit_code, year, received, resolved, on_time, online,
                                CAST(on_time_ratio * 100 AS BIGINT), CAST(online_share * 100 AS BIGINT)
                         FROM read_parquet(?) WHERE level = 'province' ORDER BY 1, 2""",
        params=[files],
    ).fetchall()
    return [tuple(str(v) for v in r) for r in rows]


def peer_gold(path):
    with open(path, newline="") as f:
        r = csv.reader(f)
        next(r)
        return sorted(tuple(row) for row in r)


def compare(lake, peer_csv):
    ours, peer = our_gold(lake), peer_gold(peer_csv)
    if ours == peer:
        return True, f"identical: {len(ours)} (province, year) rows x 6 KPIs"
    diff = sorted(set(ours) ^ set(peer))[:6]
    return False, f"DIFFERENT: ours {len(ours)} rows, peer {len(peer)}; first differences {diff}"


# ---------------------------------------------------------------- incremental batches


def day_batch(data, day, out_file):
    """One day's batch, built from the exports: the rows received on `day` (dd/MM/yyyy), as new
    dossiers (new ids: sequence 9xxxxx) except every 10th row, which keeps its id and arrives as an
    update (a pending dossier now resolved on time)."""
    year = day[-4:]
    needle = f",{day} "
    rows = []
    header = None
    for prov in sorted(os.listdir(data)):
        path = os.path.join(data, prov, f"ho_so_{prov}_{year}.csv")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", newline="") as f:
            header = f.readline()
            for line in f:
                if needle in line:
                    rec = next(csv.reader([line]))
                    if rec[9].startswith(day):
                        rows.append(rec)
    updates = 0
    with open(out_file, "w", encoding="utf-8", newline="") as f:
        f.write(header)
        w = csv.writer(f, lineterminator="\n")
        for i, rec in enumerate(rows):
            if i % 10 == 0:
                updates += 1
                if rec[12].startswith("Đang giải quyết"):
                    rec[12], rec[11] = "Đã giải quyết đúng hạn", rec[10]
            else:
                rec[0] = rec[0][:-6] + "9" + rec[0][-5:]
            w.writerow(rec)
    return len(rows), updates


def incremental(lake, batches, log_dir, label):
    """Ingest + transform of each day's batch in turn; returns the per-batch costs in seconds."""
    costs = []
    for path, rows in batches:
        name = os.path.basename(path)[:-4]
        a = run(f"{label} ingest {name}", ingest(lake, path), rows, log_dir)
        b = run(f"{label} transform {name}", transform(lake), rows, log_dir)
        costs.append((a.seconds + b.seconds, max(a.rss_mb, b.rss_mb)))
    return costs


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(prog="./chiso bench")
    ap.add_argument("--quick", action="store_true", help="1M dossiers, one run (the CI smoke test)")
    ap.add_argument("--rows", default=None, help="dossiers to generate (default 10M; --quick 1M)")
    ap.add_argument("--runs", type=int, default=None, help="full runs, medians quoted (default 3; --quick 1)")
    ap.add_argument("--days", type=int, default=None, help="incremental day batches (default 3; --quick 1)")
    ap.add_argument(
        "--second-history",
        default=None,
        help="also measure the incremental batches on a history of this size (default 1M when "
        "--rows is larger; 'none' to skip)",
    )
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument(
        "--work",
        "--lake",
        dest="work",
        default=os.path.join(ROOT, "target", "bench"),
        help="working directory: generated data, the lakes, logs (default target/bench)",
    )
    ap.add_argument("--threads", type=int, default=2, help="DuckDB threads (Spark uses local[*])")
    a = ap.parse_args()

    rows = rows_of(a.rows) if a.rows else (1_000_000 if a.quick else 10_000_000)
    runs = a.runs or (1 if a.quick else 3)
    days = a.days or (1 if a.quick else 3)
    second = (
        a.second_history if a.second_history is not None else ("1M" if rows > 1_000_000 and not a.quick else "none")
    )
    work = os.path.abspath(a.work)
    logs = os.path.join(work, "logs")
    os.makedirs(logs, exist_ok=True)
    load = os.getloadavg()
    say(
        f"{human(rows)} dossiers, {runs} run(s), {days} day batch(es); {os.cpu_count()} cores, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; logs in {logs}"
    )

    data = os.path.join(work, f"data-{human(rows)}")
    generate(data, rows, a.seed, logs)
    mb = input_bytes(data) / 2**20
    say(f"input: {mb:,.0f} MB of CSV in {data}")

    ours_s, peer_s, ingest_s, transform_s, rss = [], [], [], [], []
    same = True
    lake = None
    for i in range(1, runs + 1):
        say(f"run {i}/{runs}")
        lake = os.path.join(work, f"lake-{human(rows)}")
        shutil.rmtree(lake, ignore_errors=True)
        peer_out = os.path.join(work, "peer-gold.csv")

        def ours(lake=lake):
            s1 = run("ours ingest", ingest(lake, data), rows, logs)
            s2 = run("ours transform", transform(lake), rows, logs)
            ingest_s.append(s1.seconds)
            transform_s.append(s2.seconds)
            ours_s.append(s1.seconds + s2.seconds)
            rss.append(max(s1.rss_mb, s2.rss_mb))
            print(
                f"  {'ours end to end':<28} {rows:>12,} rows {ours_s[-1]:>8.1f} s {rows / ours_s[-1]:>12,.0f} rows/s",
                flush=True,
            )

        def peer(peer_out=peer_out):
            s = run(
                "peer duckdb",
                [
                    sys.executable,
                    PEER,
                    "--data",
                    data,
                    "--work",
                    os.path.join(work, "peer"),
                    "--out",
                    peer_out,
                    "--threads",
                    str(a.threads),
                ],
                rows,
                logs,
            )
            peer_s.append(s.seconds)

        # alternate the order so neither side always gets the warmer page cache
        for step in (ours, peer) if i % 2 else (peer, ours):
            step()
        ok, message = compare(lake, peer_out)
        same &= ok
        say(f"run {i}: ours/peer {ours_s[-1] / peer_s[-1]:.2f}; gold {message}")

    med_ours, med_peer = statistics.median(ours_s), statistics.median(peer_s)
    say(
        f"medians of {runs} run(s): ingest {statistics.median(ingest_s):.1f} s, transform "
        f"{statistics.median(transform_s):.1f} s, ours {med_ours:.1f} s ({rows / med_ours:,.0f} rows/s), "
        f"peer {med_peer:.1f} s ({rows / med_peer:,.0f} rows/s), ratio ours/peer {med_ours / med_peer:.2f}, "
        f"peak RSS {max(rss):,.0f} MB"
    )

    # incremental: day batches appended to the history just built
    batch_dir = os.path.join(work, f"batches-{human(rows)}")
    os.makedirs(batch_dir, exist_ok=True)
    batches = []
    for d in range(days):
        day = f"{30 - d:02d}/12/2024"
        path = os.path.join(batch_dir, f"day_{day[6:]}{day[3:5]}{day[:2]}.csv")
        n, upd = day_batch(data, day, path)
        batches.append((path, n))
        say(f"day batch {day}: {n:,} rows ({upd:,} updates of existing dossiers, {n - upd:,} new)")
    inc = incremental(lake, batches, logs, f"{human(rows)} history:")
    inc_s = statistics.median(c for c, _ in inc)
    inc_pct = 100 * inc_s / med_ours
    say(
        f"incremental on {human(rows)} history: median {inc_s:.1f} s per day batch (ingest + transform) = "
        f"{inc_pct:.1f}% of the full run"
    )

    if second != "none":
        srows = rows_of(second)
        sdata = os.path.join(work, f"data-{human(srows)}")
        generate(sdata, srows, a.seed, logs)
        slake = os.path.join(work, f"lake-{human(srows)}")
        shutil.rmtree(slake, ignore_errors=True)
        say(f"second history: {human(srows)} dossiers")
        run(f"{human(srows)} history ingest", ingest(slake, sdata), srows, logs)
        run(f"{human(srows)} history transform", transform(slake), srows, logs)
        inc2 = incremental(slake, batches, logs, f"{human(srows)} history:")
        inc2_s = statistics.median(c for c, _ in inc2)
        say(
            f"incremental on {human(srows)} history: median {inc2_s:.1f} s per day batch; on {human(rows)}: "
            f"{inc_s:.1f} s (same batches)"
        )

    load = os.getloadavg()
    say(
        f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; gold numbers "
        + ("identical to DuckDB's in every run" if same else "DIFFER from DuckDB's")
    )
    print(
        f"bench: rows={rows} ours_s={med_ours:.1f} peer_s={med_peer:.1f} ratio={med_ours / med_peer:.2f} "
        f"rows_per_s={rows / med_ours:.0f} incremental_pct={inc_pct:.1f}",
        flush=True,
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
