"""Webhook acknowledgement under a burst, measured against gunicorn started as the Procfile says.

    .venv/bin/python -m bench.webhook_burst [--events 2000] [--concurrency 16] [--database-url URL]

Prints acknowledgements per second, p50/p99 acknowledgement time, event-to-reply time at the fake
LINE API (which answers after 100 ms like the real one), events replied / sent, and the same burst
against a bare Flask app that only checks the signature (the floor), as a ratio.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from bot.devchat.events import sign, text_event, webhook_body
from bot.devchat.fake_line import FakeLineServer

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-channel-secret-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(app_spec: str, env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    cmd = [str(Path(sys.executable).parent / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), app_spec]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env, "PORT": str(port),
                                                  "WEB_CONCURRENCY": str(workers)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return proc
        except requests.RequestException:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start: " + proc.stderr.read().decode()[-2000:])


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def burst(url: str, bodies: list[bytes], concurrency: int) -> tuple[list[float], float, int]:
    local = threading.local()

    def post(raw: bytes) -> tuple[float, int]:
        sess = getattr(local, "s", None) or requests.Session()
        local.s = sess
        t = time.perf_counter()
        r = sess.post(url, data=raw, headers={"X-Line-Signature": sign(raw, SECRET),
                                              "Content-Type": "application/json"}, timeout=10)
        return time.perf_counter() - t, r.status_code

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(post, bodies))
    elapsed = time.perf_counter() - start
    return [r[0] for r in results], elapsed, sum(1 for r in results if r[1] == 200)


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else values[0]


def make_bodies(n: int, users: int, store) -> tuple[list[bytes], dict[str, int]]:  # noqa: ANN001
    texts = ["สวัสดีครับ", "ติดตามเรื่อง", "ไฟถนนหน้าบ้านดับ", "ถนนเป็นหลุมลึกมาก", "ขอบคุณค่ะ"]
    bodies, sent_at = [], {}
    for i in range(n):
        user = f"U{i % users:032x}"
        token = store.issue_reply_token(user)
        ev = text_event(user, texts[i % len(texts)], reply_token=token)
        bodies.append(json.dumps(webhook_body([ev])).encode())
        sent_at[token] = ev["timestamp"]
    return bodies, sent_at


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=2000)
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--web-workers", type=int, default=2)
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    db_url = args.database_url or f"sqlite:///{tmp / 'bench.db'}"
    with FakeLineServer() as fake:
        fake.store.latency = 0.1  # like the real API
        env = {"APP_ENV": "development", "DATABASE_URL": db_url, "LINE_CHANNEL_SECRET": SECRET,
               "LINE_CHANNEL_ACCESS_TOKEN": "bench-token", "LINE_API_BASE_URL": fake.base_url,
               "LINE_DATA_API_BASE_URL": fake.base_url, "INSTANCE_PATH": str(tmp), "SECRET_KEY": "bench" * 8,
               }
        subprocess.run([str(Path(sys.executable).parent / "flask"), "db", "upgrade"], cwd=ROOT,
                       env={**os.environ, **env}, check=True, capture_output=True)
        port = free_port()
        proc = start_gunicorn("bot:create_app()", env, port, args.web_workers)
        try:
            bodies, sent_at = make_bodies(args.events, args.users, fake.store)
            acks, elapsed, ok = burst(f"http://127.0.0.1:{port}/callback", bodies, args.concurrency)
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and len(fake.store.replies()) + len(fake.store.pushes()) < ok:
                time.sleep(0.2)
            answered = fake.store.replies() + fake.store.pushes()
            to_reply = [c["time"] * 1000 - sent_at[c["body"]["replyToken"]] for c in fake.store.replies()
                        if c["body"].get("replyToken") in sent_at]
            rss = _rss_mb(proc.pid)
        finally:
            stop(proc)

        floor_port = free_port()
        floor = start_gunicorn("bench.floor_app:create_app()", env, floor_port, args.web_workers)
        try:
            floor_acks, floor_elapsed, _ = burst(f"http://127.0.0.1:{floor_port}/callback", bodies,
                                                 args.concurrency)
        finally:
            stop(floor)

    ours, base = ok / elapsed, len(bodies) / floor_elapsed
    print(f"database: {db_url.split('://')[0]}   events: {len(bodies)}   concurrency: {args.concurrency}"
          f"   web processes: {args.web_workers}")
    print(f"acknowledged: {ok}/{len(bodies)}   {ours:.0f} acks/s")
    print(f"ack time ms: p50 {pct(acks, 50) * 1000:.1f}   p99 {pct(acks, 99) * 1000:.1f}   max {max(acks) * 1000:.1f}")
    if to_reply:
        print(f"event to reply at fake LINE ms: p50 {pct(to_reply, 50):.0f}   p99 {pct(to_reply, 99):.0f}")
    print(f"events answered: {len(answered)}/{ok}")
    print(f"floor (bare Flask, signature only): {base:.0f} acks/s   p99 {pct(floor_acks, 99) * 1000:.1f} ms")
    print(f"ratio to floor: {ours / base:.2f}")
    if rss:
        print(f"web process resident memory, largest: {rss:.0f} MB")


def _rss_mb(master_pid: int) -> float:
    """The largest resident set among gunicorn's worker processes (Linux /proc)."""
    best = 0.0
    for child in Path("/proc").iterdir():
        try:
            stat = (child / "stat").read_text().split()
            if child.name.isdigit() and int(stat[3]) == master_pid:
                rss_pages = int((child / "statm").read_text().split()[1])
                best = max(best, rss_pages * os.sysconf("SC_PAGE_SIZE") / 1e6)
        except (OSError, ValueError, IndexError):
            continue
    return best


if __name__ == "__main__":
    main()
