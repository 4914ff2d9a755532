"""The web process exactly as the Procfile runs it (gunicorn + gunicorn.conf.py), for fault tests
that kill it with SIGKILL and start it again."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.conftest import ACCESS_TOKEN, CHANNEL_SECRET

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebProcess:
    """`web: gunicorn -c gunicorn.conf.py "bot:create_app()"`, bound to 127.0.0.1 only, in its own
    process group so that SIGKILL reaches the master and every worker at once, like a lost machine."""

    def __init__(self, *, database_url: str, line_url: str, instance: Path, log: Path, **env: str):
        self.port = free_port()
        self.log = log
        self.env = {
            "PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"),
            "APP_ENV": "test", "SECRET_KEY": "fault-test-secret-key-0123456789",
            "DATABASE_URL": database_url, "LINE_CHANNEL_SECRET": CHANNEL_SECRET,
            "LINE_CHANNEL_ACCESS_TOKEN": ACCESS_TOKEN, "LINE_API_BASE_URL": line_url,
            "LINE_DATA_API_BASE_URL": line_url, "INSTANCE_PATH": str(instance), "TICKET_PREFIX": "NMK",
            "PORT": str(self.port), "PYTHONPATH": str(ROOT), **env,
        }
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [str(GUNICORN), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}", "bot:create_app()"],
                cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"gunicorn exited: see {self.log}"
            try:
                requests.get(self.url + "/healthz", timeout=2)
                return
            except requests.RequestException:
                time.sleep(0.1)
        raise AssertionError(f"gunicorn did not answer within {timeout} s: see {self.log}")

    def kill(self) -> None:
        """SIGKILL to the whole group: no graceful shutdown, no atexit, no finally blocks."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
