"""How long does a fiscal year's ITA export take with 100,000 and 1,000,000 complaints?
(target in SPEC: a 1,000,000-case fiscal year in a few seconds, under 500 MB, cost growing far slower
than the data)

    .venv/bin/python -m bench.ita_export [--sizes 100000,1000000] [--db sqlite|postgresql|both]
                                         [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
                                         [--runs 2] [--index] [--keep]

For each database and size: a fresh database (an SQLite file in a temporary folder, or a PostgreSQL
database created and dropped here), `flask db upgrade`, `flask demo seed` of N complaints over the
twelve months of the last complete fiscal year (with surveys, inquiries, suggestions, corruption
reports and followers in proportion), then `flask ita export --fiscal-year` of that year, each run
as its own process, as people run them: wall time and peak resident memory of that process (from
wait4), and the sizes of the files written. The seed leaves out the search index unless --index:
the export never searches, and the index is most of a million-case seed's time.
"""
from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
FLASK = [sys.executable, "-m", "flask", "--app", "bot:create_app"]


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str


@dataclass
class Result:
    db: str
    size: int
    seed: Run | None = None
    exports: list[Run] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)
    db_mb: float = 0.0


def last_fiscal_year(today: date) -> tuple[int, str]:
    """The newest fiscal year that has ended: (its Buddhist-era number, its last day)."""
    year = today.year if today.month >= 10 else today.year - 1
    return year + 543, f"{year}-09-30"


def timed(cmd: list[str], env: dict[str, str]) -> Run:
    """Runs one command; its wall time and peak RSS come from its own rusage (wait4)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[3:])} failed ({proc.returncode}):\n{out[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, out)


def quiet(output: str) -> str:
    """The command's own lines, without the log lines of the migration library."""
    return "\n".join(line for line in output.splitlines() if " INFO " not in line)


def bench_one(db: str, size: int, args: argparse.Namespace, fy: int, until: str) -> Result:
    work = Path(tempfile.mkdtemp(prefix=f"ita-bench-{db}-"))
    admin_url = make_url(args.pg_url)
    name = f"ita_bench_{os.getpid()}_{size}"
    if db == "sqlite":
        url = f"sqlite:///{work / 'bench.db'}"
    else:
        url = admin_url.set(database=name).render_as_string(hide_password=False)
        _pg(admin_url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url, "INSTANCE_PATH": str(work), "APP_ENV": "development",
           "WORKER_THREADS": "0", "PYTHONUNBUFFERED": "1"}
    result = Result(db, size)
    try:
        timed(FLASK + ["db", "upgrade"], env)
        seed = FLASK + ["demo", "seed", "--cases", str(size), "--months", "12", "--until", until, "--seed", "2569",
                        "--password", "bench-password-0"] + ([] if args.index else ["--no-index"])
        print(f"[{db} {size:,}] seeding ...", flush=True)
        result.seed = timed(seed, env)
        summary = result.seed.output[result.seed.output.find("demo data for"):].split("demo staff")[0]
        print(f"{summary.rstrip()}\n  peak {result.seed.peak_mb:.0f} MB", flush=True)
        result.db_mb = _db_mb(url, work)
        out = work / "out"
        for i in range(args.runs):
            shutil.rmtree(out, ignore_errors=True)
            run = timed(FLASK + ["ita", "export", "--fiscal-year", str(fy), "--out", str(out)], env)
            result.exports.append(run)
            print(f"[{db} {size:,}] export {i + 1}: {run.seconds:.1f} s, peak {run.peak_mb:.0f} MB", flush=True)
            print(quiet(run.output), flush=True)
        result.files = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
            if db == "postgresql":
                _pg(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            print(f"kept {url}", flush=True)
    return result


def _pg(admin_url, *statements: str) -> None:
    engine = create_engine(admin_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for sql in statements:
            conn.execute(text(sql))
    engine.dispose()


def _db_mb(url: str, work: Path) -> float:
    if url.startswith("sqlite"):
        return sum(p.stat().st_size for p in work.glob("bench.db*")) / 2**20
    engine = create_engine(url)
    with engine.connect() as conn:
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    engine.dispose()
    return size / 2**20


def report(results: list[Result], fy: int, index: bool) -> None:
    print(f"\nFiscal year {fy} export (flask ita export --fiscal-year {fy}), best of the runs; "
          f"seed = flask demo seed{'' if index else ' --no-index'}")
    head = f"{'database':10} {'cases':>10} {'seed':>8} {'db size':>9} {'export':>8} {'peak RSS':>9} {'files':>24}"
    print(head)
    print("-" * len(head))
    for r in results:
        best = min(x.seconds for x in r.exports)
        peak = max(x.peak_mb for x in r.exports)
        files = ", ".join(f"{n.rsplit('.', 1)[-1]} {s / 1024:,.0f} KB" for n, s in r.files.items())
        seed = r.seed.seconds if r.seed else 0.0
        print(f"{r.db:10} {r.size:>10,} {seed:>7.0f}s {r.db_mb:>7.0f}MB {best:>7.1f}s {peak:>7.0f}MB {files:>24}")
    for db in sorted({r.db for r in results}):
        mine = sorted((r for r in results if r.db == db), key=lambda r: r.size)
        for small, big in itertools.pairwise(mine):
            data = big.size / small.size
            grew = min(x.seconds for x in big.exports) / min(x.seconds for x in small.exports)
            print(f"{db}: {data:.0f}x the cases -> export time x{grew:.2f}, "
                  f"peak memory x{max(x.peak_mb for x in big.exports) / max(x.peak_mb for x in small.exports):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000", help="comma-separated complaint counts")
    ap.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
                    help="a PostgreSQL server where a scratch database may be created and dropped")
    ap.add_argument("--runs", type=int, default=2, help="exports per database (the first reads a cold cache)")
    ap.add_argument("--index", action="store_true", help="seed the search index too (slower; the export ignores it)")
    ap.add_argument("--keep", action="store_true", help="keep the databases and files (printed) for a look")
    args = ap.parse_args()
    fy, until = last_fiscal_year(date.today())
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    dbs = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    print(f"fiscal year {fy} (data: the 12 months up to {until}); sizes {sizes}; {', '.join(dbs)}; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)
    results = [bench_one(db, n, args, fy, until) for db in dbs for n in sizes]
    report(results, fy, args.index)


if __name__ == "__main__":
    main()
