"""How fast do `flask --help` and each command group's help start? (target: under 1 s, issue 14)

    .venv/bin/python -m bench.startup [--runs 3]

Runs the project's own `flask` (FLASK_APP from .flaskenv) in a fresh process per run, on a scratch
instance folder, and prints per command the median wall time of the runs and the median CPU time the
process used (user + system): on a shared machine the CPU time says what the start costs, the wall
time what a person waits. For comparison it also times `flask routes`, which builds the whole web app
(every page and the database layer), and a bare `python -c pass`.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLASK = str(Path(sys.executable).parent / "flask")
GROUPS = ("db", "demo", "ita", "nlu", "privacy", "richmenu", "staff", "worker")


def _once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of the command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    samples = [_once(cmd, env) for _ in range(runs)]
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "INSTANCE_PATH": tmp, "DATABASE_URL": f"sqlite:///{tmp}/startup.db", "WORKER_THREADS": "0"}
        env.pop("FLASK_APP", None)  # the project's own choice, .flaskenv
        rows = [("python -c pass", [sys.executable, "-c", "pass"]), ("flask --help", [FLASK, "--help"])]
        rows += [(f"flask {g} --help", [FLASK, g, "--help"]) for g in GROUPS]
        rows += [("flask routes (whole web app)", [FLASK, "routes"])]
        print(f"median of {args.runs} runs; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'command':32} {'wall s':>7} {'CPU s':>7}")
        for label, cmd in rows:
            wall, cpu = measure(cmd, env, args.runs)
            print(f"{label:32} {wall:7.2f} {cpu:7.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
