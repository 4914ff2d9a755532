"""Processes the webhook benchmark starts: gunicorn as the Procfile does, the fake LINE API, and a
fresh database for each run; and what it reads from them (resident memory, what reached LINE)."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return  # it answers (a 404 from the floor app is an answer)
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def stop(proc: subprocess.Popen, timeout: float = 30.0) -> None:
    """SIGTERM to the process group (gunicorn and all its children), then SIGKILL if needed."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def start_gunicorn(app_spec: str, env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    cmd = [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), app_spec]
    with open(log, "ab") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env, "PORT": str(port)},
                                stdout=out, stderr=out, start_new_session=True)
    try:
        wait_http(f"http://127.0.0.1:{port}/healthz")
    except RuntimeError:
        stop(proc)
        raise SystemExit(f"gunicorn did not start; see {log}:\n" + log.read_text()[-3000:]) from None
    return proc


class FakeLine:
    """bench.fake_api in its own process."""

    def __init__(self, latency: float, log: Path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        with open(log, "ab") as out:
            self.proc = subprocess.Popen([sys.executable, "-m", "bench.fake_api", str(self.port), str(latency)],
                                         cwd=ROOT, stdout=out, stderr=out, start_new_session=True)
        wait_http(self.base_url + "/_bench/deliveries")

    def deliveries(self) -> dict:
        with urllib.request.urlopen(self.base_url + "/_bench/deliveries", timeout=30) as resp:
            return json.load(resp)

    def reset(self) -> None:
        req = urllib.request.Request(self.base_url + "/_bench/reset", data=b"", method="POST")
        urllib.request.urlopen(req, timeout=10).read()

    def close(self) -> None:
        stop(self.proc)


def fresh_database(kind: str, tmp: Path, pg_url: str, env: dict[str, str]) -> str:
    """An empty, migrated database: a new SQLite file, or the PostgreSQL one emptied."""
    if kind == "sqlite":
        path = tmp / f"bench-{time.monotonic_ns()}.db"
        url = f"sqlite:///{path}"
    else:
        from sqlalchemy import create_engine, text

        url = pg_url
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    subprocess.run([str(BIN / "flask"), "--app", "bot:create_app()", "db", "upgrade"], cwd=ROOT,
                   env={**os.environ, **env, "DATABASE_URL": url}, check=True, capture_output=True)
    return url


def wait_log(log: Path, offset: int, needle: str, count: int, proc: subprocess.Popen,
             timeout: float = 120.0) -> None:
    """Until `needle` appears `count` times in `log` past `offset` (e.g. every event-worker process
    has finished its warm-up and started its threads)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        with open(log, "rb") as f:
            f.seek(offset)
            if f.read().decode("utf-8", "replace").count(needle) >= count:
                return
        time.sleep(0.2)
    raise SystemExit(f"{needle!r} did not appear {count} times in {log}")


def handled_events(url: str) -> int:
    """Events no longer pending: handled, skipped or parked."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM inbound_event WHERE status <> 'pending'")).scalar_one()
    finally:
        engine.dispose()


def ensure_pg_database(url: str) -> None:
    """Create the benchmark's own PostgreSQL database if it is not there (never the tests' one)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}).first():
            conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def _rss_mb(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (its threads included)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


class MemoryWatch:
    """Samples the resident memory of each of gunicorn's web processes and of its event-worker
    processes (which name themselves `event-worker`, bot/runtime/event_workers.py), keeping each
    one's peak; and reads the event workers' CPU time."""

    def __init__(self, master_pid: int, every: float = 0.25):
        self.master, self.every = master_pid, every
        self.web: dict[int, float] = {}  # pid -> peak MB
        self.workers: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def web_peak(self) -> float:
        return max(self.web.values(), default=0.0)

    @property
    def worker_peak(self) -> float:
        return max(self.workers.values(), default=0.0)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> None:
        for child in _children(self.master):
            into = self.workers if _name(child) == "event-worker" else self.web
            into[child] = max(into.get(child, 0.0), _rss_mb(child))

    def worker_cpu(self) -> float:
        """CPU seconds used so far by the event-worker processes alive now."""
        return sum(_cpu_seconds(pid) for pid in _children(self.master) if _name(pid) == "event-worker")

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()
