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
FAIR_PEER = os.path.join(HERE, "peer_duckdb_fair.py")


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


# ---------------------------------------------------------------- the fair peer

# every KPI column of gold/unit_kpis (contract Schemas.GOLD_UNIT_KPIS), compared as text
KPI_COLUMNS = [
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
    "avg_rating",
    "online_share",
    "postal_share",
    "avg_processing_days",
    "on_time_ratio",
    "progress_score",
]


class Costs:
    """Wall and CPU seconds per run of one side of the comparison."""

    def __init__(self):
        self.wall, self.cpu = [], []

    def add(self, *stages):
        self.wall.append(sum(s.seconds for s in stages))
        self.cpu.append(sum(s.cpu for s in stages))

    def medians(self):
        return statistics.median(self.wall), statistics.median(self.cpu)


def run_fair_peer(data, rows, work, threads, logs):
    """peer_duckdb_fair.py on the same files: its own Parquet lake under WORK/fair-peer."""
    argv = [sys.executable, FAIR_PEER, "--data", data, "--work", os.path.join(work, "fair-peer")]
    stage = run("fair peer duckdb", argv + ["--threads", str(threads)], rows, logs)
    for line in open(stage.log, errors="replace"):
        if line.startswith("peer "):
            print(f"    fair {line.rstrip()}", flush=True)
    return stage


def kpi_rows(groups):
    """(level, unit_code, period_type, period, year) -> KPI values as text, from (period_type, files)."""
    import duckdb

    cols = ", ".join(f"CAST({c} AS VARCHAR)" for c in KPI_COLUMNS)
    out = {}
    for period_type, files in groups:
        sql = f"SELECT level, unit_code, period, CAST(year AS VARCHAR), {cols} FROM read_parquet(?)"
        for r in duckdb.sql(sql, params=[files]).fetchall():
            out[(r[0], r[1], period_type, r[2], r[3])] = tuple(r[4:])
    return out


def our_kpis(lake):
    by_type = {}
    for path, pv in active_files(os.path.join(lake, "gold", "unit_kpis")):
        by_type.setdefault(pv.get("period_type"), []).append(path)
    return kpi_rows(by_type.items())


def fair_kpis(work):
    gold = os.path.join(work, "fair-peer", "gold", "unit_kpis")
    parts = sorted(d for d in os.listdir(gold) if d.startswith("period_type="))
    return kpi_rows(
        (d.split("=", 1)[1], [os.path.join(gold, d, f) for f in os.listdir(os.path.join(gold, d))]) for d in parts
    )


def grain_differences(ours, peer, level, period_type):
    """Units only one side has, and units whose KPI values differ, at one grain."""
    mine = {k: v for k, v in ours.items() if k[0] == level and k[2] == period_type}
    theirs = {k: v for k, v in peer.items() if k[0] == level and k[2] == period_type}
    only = sorted(set(mine) ^ set(theirs))
    diff = sorted(k for k in set(mine) & set(theirs) if mine[k] != theirs[k])
    columns = sorted({c for k in diff for c, a, b in zip(KPI_COLUMNS, mine[k], theirs[k]) if a != b})
    return len(mine), len(theirs), only, diff, columns


def compare_fair(lake, work):
    """Every KPI column of gold/unit_kpis, ours against the fair peer's: province x year must be
    identical (else the bench fails); the other five grains are reported."""
    ours, peer = our_kpis(lake), fair_kpis(work)
    same, notes = True, []
    for level in ("province", "district"):
        for period_type in ("year", "quarter", "month"):
            n_ours, n_peer, only, diff, columns = grain_differences(ours, peer, level, period_type)
            grain = f"{level} x {period_type}"
            if not only and not diff and n_ours:
                notes.append(f"{grain}: identical ({n_ours} rows x {len(KPI_COLUMNS)} KPIs)")
                continue
            if (level, period_type) == ("province", "year"):
                same = False
            notes.append(
                f"{grain}: DIFFERENT (ours {n_ours} rows, fair peer {n_peer}; {len(only)} on one side only "
                f"{only[:3]}; {len(diff)} with other values in {columns}, first {diff[:3]})"
            )
    return same, "; ".join(notes)


def compare_ranks(lake, work):
    """The fair peer's progress ranking (rank, units ranked, percentile per level and period)
    against ours in gold/rankings (index progress): reported, not failed."""
    import duckdb

    table = os.path.join(lake, "gold", "rankings")
    if not os.path.isdir(os.path.join(table, "_delta_log")):
        return "no gold/rankings in our lake"
    files = [p for p, pv in active_files(table) if pv.get("index_code") == "progress"]
    if not files:
        return "no progress ranking in our gold/rankings"
    peer = os.path.join(work, "fair-peer", "gold", "unit_kpis", "*", "*.parquet")
    total, same = duckdb.sql(
        f"""SELECT count(*), count(*) FILTER (WHERE o.rank = p.rank AND o.units_ranked = p.units_ranked
                                              AND o.percentile = p.percentile)
            FROM read_parquet(?) o JOIN read_parquet('{peer}', hive_partitioning = true) p
              ON o.level = p.level AND o.period_type = p.period_type AND o.period = p.period
             AND o.unit_code = p.unit_code""",
        params=[files],
    ).fetchone()
    return f"progress ranking: {same:,} of {total:,} ranked units with the same rank, units ranked and percentile"


def fair_summary(ours, peer, fair, rows):
    """The medians' ratios, wall and CPU, against both peers."""
    (ow, oc), (pw, pc), (fw, fc) = ours.medians(), peer.medians(), fair.medians()
    say(
        f"peers: today's {pw:.1f} s wall / {pc:.1f} s CPU, fair {fw:.1f} s / {fc:.1f} s "
        f"({rows / fw:,.0f} rows/s); ours {ow:.1f} s / {oc:.1f} s; ratio ours/peer wall {ow / pw:.2f} "
        f"CPU {oc / pc:.2f}; ours/fair peer wall {ow / fw:.2f} CPU {oc / fc:.2f}"
    )
    return fw, ow / fw


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


def warm_batches(lake, batches, log_dir, label):
    """The same day batches through ./chiso watch: one JVM and one Spark session for all of them, each
    file dropped when the previous batch is done; returns each batch's seconds (ingest + transform, as
    the watch reports them) and the process's CPU seconds."""
    drop = lake.rstrip("/") + "-drop"
    shutil.rmtree(drop, ignore_errors=True)
    os.makedirs(drop)
    log = os.path.join(log_dir, f"{label} watch".replace(" ", "_").replace(":", "") + ".log")
    argv = java("pipeline", "vn.chiso.pipeline.PipelineMain", "watch", "--lake", lake, "--interval", "0.5")
    argv += ["--health-port", "0", "--batches", str(len(batches)), drop]
    with open(log, "w") as out:
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        for done, (path, _) in enumerate(batches):
            partial = os.path.join(drop, "." + os.path.basename(path) + ".part")
            shutil.copy(path, partial)
            os.rename(partial, os.path.join(drop, os.path.basename(path)))
            wait_for_batches(p, log, done + 1)
        _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"[bench] the watch failed; log: {log}")
    seconds = [float(i) + float(t) for i, t in WARM_BATCH.findall(open(log).read())]
    for (path, rows), s in zip(batches, seconds):
        print(f"  {label + ' warm ' + os.path.basename(path)[:-4]:<28} {rows:>12,} rows {s:>8.1f} s", flush=True)
    return seconds, usage.ru_utime + usage.ru_stime


WARM_BATCH = re.compile(r"; ingest ([0-9.]+) s, transform ([0-9.]+) s")


def wait_for_batches(process, log, count):
    while len(WARM_BATCH.findall(open(log).read())) < count:
        if process.poll() is not None:
            sys.stdout.write(open(log).read()[-4000:])
            raise SystemExit(f"[bench] the watch stopped; log: {log}")
        time.sleep(0.5)


# ---------------------------------------------------------------- main


def parse_args():
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
    return ap.parse_args()


class Plan:
    """What this bench run does, from the options."""

    def __init__(self, a):
        self.rows = rows_of(a.rows) if a.rows else (1_000_000 if a.quick else 10_000_000)
        self.runs = a.runs or (1 if a.quick else 3)
        self.days = a.days or (1 if a.quick else 3)
        quick_default = "1M" if self.rows > 1_000_000 and not a.quick else "none"
        self.second = a.second_history if a.second_history is not None else quick_default
        self.seed, self.threads = a.seed, a.threads
        self.work = os.path.abspath(a.work)
        self.logs = os.path.join(self.work, "logs")
        self.data = os.path.join(self.work, f"data-{human(self.rows)}")


class FullRuns:
    """The full runs' figures: ours, today's peer and the fair peer, side by side."""

    def __init__(self):
        self.ours_s, self.peer_s, self.ingest_s, self.transform_s, self.rss = [], [], [], [], []
        self.ours_c, self.peer_c, self.fair_c = Costs(), Costs(), Costs()
        self.same = True
        self.lake = None


def ours_once(plan, lake, results):
    s1 = run("ours ingest", ingest(lake, plan.data), plan.rows, plan.logs)
    s2 = run("ours transform", transform(lake), plan.rows, plan.logs)
    results.ingest_s.append(s1.seconds)
    results.transform_s.append(s2.seconds)
    results.ours_s.append(s1.seconds + s2.seconds)
    results.ours_c.add(s1, s2)
    results.rss.append(max(s1.rss_mb, s2.rss_mb))
    rate = plan.rows / results.ours_s[-1]
    print(f"  {'ours end to end':<28} {plan.rows:>12,} rows {results.ours_s[-1]:>8.1f} s {rate:>12,.0f} rows/s")


def peers_once(plan, peer_out, results):
    argv = [sys.executable, PEER, "--data", plan.data, "--work", os.path.join(plan.work, "peer")]
    s = run("peer duckdb", argv + ["--out", peer_out, "--threads", str(plan.threads)], plan.rows, plan.logs)
    results.peer_s.append(s.seconds)
    results.peer_c.add(s)
    # the fair peer right after today's: the same files, its own Parquet lake
    results.fair_c.add(run_fair_peer(plan.data, plan.rows, plan.work, plan.threads, plan.logs))


def full_runs(plan):
    results = FullRuns()
    for i in range(1, plan.runs + 1):
        say(f"run {i}/{plan.runs}")
        lake = os.path.join(plan.work, f"lake-{human(plan.rows)}")
        shutil.rmtree(lake, ignore_errors=True)
        peer_out = os.path.join(plan.work, "peer-gold.csv")
        steps = ((ours_once, lake), (peers_once, peer_out))
        # alternate the order so neither side always gets the warmer page cache
        for step, where in steps if i % 2 else reversed(steps):
            step(plan, where, results)
        ok, message = compare(lake, peer_out)
        results.same &= ok
        say(f"run {i}: ours/peer {results.ours_s[-1] / results.peer_s[-1]:.2f}; gold {message}")
        ok, message = compare_fair(lake, plan.work)
        results.same &= ok
        say(f"run {i}: ours/fair peer {results.ours_s[-1] / results.fair_c.wall[-1]:.2f}; gold unit_kpis {message}")
        say(f"run {i}: fair peer {compare_ranks(lake, plan.work)}")
        results.lake = lake
    return results


def day_batches(plan, first_day, label):
    batch_dir = os.path.join(plan.work, f"batches-{human(plan.rows)}")
    os.makedirs(batch_dir, exist_ok=True)
    batches = []
    for d in range(plan.days):
        day = f"{first_day - d:02d}/12/2024"
        path = os.path.join(batch_dir, f"day_{day[6:]}{day[3:5]}{day[:2]}.csv")
        n, upd = day_batch(plan.data, day, path)
        batches.append((path, n))
        say(f"{label} day batch {day}: {n:,} rows ({upd:,} updates of existing dossiers, {n - upd:,} new)")
    return batches


def second_history(plan, batches, inc_s):
    srows = rows_of(plan.second)
    sdata = os.path.join(plan.work, f"data-{human(srows)}")
    generate(sdata, srows, plan.seed, plan.logs)
    slake = os.path.join(plan.work, f"lake-{human(srows)}")
    shutil.rmtree(slake, ignore_errors=True)
    say(f"second history: {human(srows)} dossiers")
    run(f"{human(srows)} history ingest", ingest(slake, sdata), srows, plan.logs)
    run(f"{human(srows)} history transform", transform(slake), srows, plan.logs)
    inc2 = incremental(slake, batches, plan.logs, f"{human(srows)} history:")
    inc2_s = statistics.median(c for c, _ in inc2)
    say(
        f"incremental on {human(srows)} history: median {inc2_s:.1f} s per day batch; on {human(plan.rows)}: "
        f"{inc_s:.1f} s (same batches)"
    )


def main():
    plan = Plan(parse_args())
    os.makedirs(plan.logs, exist_ok=True)
    load = os.getloadavg()
    say(
        f"{human(plan.rows)} dossiers, {plan.runs} run(s), {plan.days} day batch(es); {os.cpu_count()} cores, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; logs in {plan.logs}"
    )
    generate(plan.data, plan.rows, plan.seed, plan.logs)
    say(f"input: {input_bytes(plan.data) / 2**20:,.0f} MB of CSV in {plan.data}")

    results = full_runs(plan)
    med_ours, med_peer = statistics.median(results.ours_s), statistics.median(results.peer_s)
    med_fair, fair_ratio = fair_summary(results.ours_c, results.peer_c, results.fair_c, plan.rows)
    say(
        f"medians of {plan.runs} run(s): ingest {statistics.median(results.ingest_s):.1f} s, transform "
        f"{statistics.median(results.transform_s):.1f} s, ours {med_ours:.1f} s ({plan.rows / med_ours:,.0f} "
        f"rows/s), peer {med_peer:.1f} s ({plan.rows / med_peer:,.0f} rows/s), ratio ours/peer "
        f"{med_ours / med_peer:.2f}, peak RSS {max(results.rss):,.0f} MB"
    )

    # incremental: day batches appended to the history just built, each by cold ingest + transform JVMs
    batches = day_batches(plan, 30, "cold")
    inc = incremental(results.lake, batches, plan.logs, f"{human(plan.rows)} history:")
    inc_s = statistics.median(c for c, _ in inc)
    inc_pct = 100 * inc_s / med_ours
    say(
        f"incremental on {human(plan.rows)} history: median {inc_s:.1f} s per day batch (ingest + transform) = "
        f"{inc_pct:.1f}% of the full run"
    )
    # the same kind of batches (other days) through the warm pipeline: one process for all of them
    warm, warm_cpu = warm_batches(results.lake, day_batches(plan, 20, "warm"), plan.logs, human(plan.rows))
    say(
        f"warm pipeline (./chiso watch) on {human(plan.rows)} history: batches {', '.join(f'{w:.1f}' for w in warm)}"
        f" s (the first warms the JVM); median {statistics.median(warm):.1f} s = "
        f"{100 * statistics.median(warm) / med_ours:.1f}% of the full run; {warm_cpu:.1f} CPU s for the process"
    )
    if plan.second != "none":
        second_history(plan, batches, inc_s)

    load = os.getloadavg()
    say(
        f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; gold numbers "
        + ("identical to both DuckDB peers' in every run" if results.same else "DIFFER from a DuckDB peer's")
    )
    print(
        f"bench: rows={plan.rows} ours_s={med_ours:.1f} peer_s={med_peer:.1f} fair_peer_s={med_fair:.1f} "
        f"ratio={med_ours / med_peer:.2f} fair_ratio={fair_ratio:.2f} "
        f"rows_per_s={plan.rows / med_ours:.0f} incremental_pct={inc_pct:.1f}",
        flush=True,
    )
    return 0 if results.same else 1


if __name__ == "__main__":
    sys.exit(main())
