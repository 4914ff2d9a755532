"""CPU per handled event in one handler thread, without contention: the worker's own cost.

    .venv/bin/python -m bench.worker_cpu [--db sqlite|postgresql] [--scenario greeting|question] [--events 1000]
        [--pg-url URL] [--profile]

Stores N one-message events from N new citizens (a greeting, or a different question from each,
bench/flows.py), lets the worker handle 50 to warm up, then handles the rest one chat after another
in this thread and prints that thread's CPU time per event (LINE is the benchmark's fake in its own
process, keeping connections alive as LINE does: bench/fake_api.py) and, on PostgreSQL, the database
server's CPU per event (its backends' time from /proc). The burst bench (bench/webhook_burst.py) measures the
same work with 32 threads and the display-name fetches, as a deployment runs it.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from bench.flows import questions
from bench.servers import FakeLine, ensure_pg_database, fresh_database
from bench.webhook_burst import PG_URL

GREETING = "สวัสดีครับ"
WARM_UP = 50


def _server_cpu(engine) -> float:
    """CPU seconds of this database's PostgreSQL backends so far (0 on SQLite)."""
    if engine.dialect.name != "postgresql":
        return 0.0
    from sqlalchemy import text

    with engine.connect() as conn:
        pids = conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")).scalars()
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # a backend on another machine, or gone
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--scenario", choices=["greeting", "question"], default="greeting")
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--pg-url", default=PG_URL, help="emptied first: never a database you keep")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile in CPU time (which slows it 2-3x)")
    args = parser.parse_args()

    from bot.devchat.events import new_reply_token, text_event, webhook_body
    from bot.runtime.worker import Worker, warm_up_once
    from bot.services import Services
    from bot.settings import Settings
    from bot.web.webhook_rows import rows_of
    from models.db import write_scope
    from models.events import store_events

    folder = tempfile.mkdtemp(prefix="bench-worker-cpu-")
    if args.db == "postgresql":
        ensure_pg_database(args.pg_url)
    url = fresh_database(args.db, Path(folder), args.pg_url, dict(os.environ))
    asked = questions()
    users = [f"U{i:032x}" for i in range(args.events + WARM_UP)]
    line = FakeLine(0.0, Path(folder) / "fake_line.log")
    try:
        settings = Settings(_env_file=None, app_env="test", secret_key="bench-" * 6, database_url=url,  # type: ignore[call-arg]
                            line_channel_secret="0" * 32, line_channel_access_token="bench-token",
                            line_api_base_url=line.base_url, line_data_api_base_url=line.base_url,
                            instance_path=folder, worker_threads=0, event_settle_seconds=0.0)
        services = Services.build(settings)
        for n, user in enumerate(users):
            said = GREETING if args.scenario == "greeting" else asked[n % len(asked)]
            body = webhook_body([text_event(user, said, reply_token=new_reply_token())])
            with write_scope(services.engine) as conn:
                store_events(rows_of(body), session=conn)
        warm_up_once()
        worker = Worker(services, name="bench")
        worker.profiles = lambda user_id: None  # names are fetched in the background in a deployment
        for user in users[:WARM_UP]:
            worker.handle_chat(f"user:{user}")
        # timed by this thread's CPU clock: the wait for LINE's answer is not the worker's cost
        profile = cProfile.Profile(time.thread_time) if args.profile else None
        server = _server_cpu(services.engine)
        started = time.thread_time()
        if profile:
            profile.enable()
        for user in users[WARM_UP:]:
            worker.handle_chat(f"user:{user}")
        if profile:
            profile.disable()
        spent = time.thread_time() - started
        server = _server_cpu(services.engine) - server
        replies = sum(d["kind"] == "reply" for d in line.deliveries()["deliveries"])
        services.engine.dispose()
    finally:
        line.close()
    load = os.getloadavg()[0]
    print(f"{args.db} {args.scenario}: {spent / args.events * 1000:.2f} ms of worker CPU per event"
          + (f", database server {server / args.events * 1000:.2f} ms" if args.db == "postgresql" else "")
          + f"; {replies} replies for {len(users)} events; load average {load:.1f}")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)
    return 0 if replies == len(users) else 1


if __name__ == "__main__":
    sys.exit(main())
