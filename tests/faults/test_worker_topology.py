"""Events are handled in every topology of bot/runtime/event_workers.py: the Procfile's one `web:` line
with event-worker processes beside the web processes (gunicorn brings back one that dies) or with
threads inside them (WORKER_PROCESSES=0), and a web line without workers beside `flask worker`."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests

from bot.devchat.events import signed, text_event, webhook_body
from tests.conftest import CHANNEL_SECRET
from tests.faults.web_process import GUNICORN, ROOT, WebProcess

pytestmark = pytest.mark.slow


def _children(pid: int) -> dict[int, str]:
    """The master's child processes and their names (an event worker names itself)."""
    out = {}
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        try:
            out[int(child)] = Path(f"/proc/{child}/comm").read_text().strip()
        except OSError:  # gone meanwhile
            pass
    return out


def _event_workers(web: WebProcess) -> list[int]:
    return [pid for pid, name in _children(web.proc.pid).items() if name == "event-worker"]


def _answered(web: WebProcess, store, user: str, text: str) -> None:
    """A signed event is acknowledged, then answered with its own reply token."""
    token = store.issue_reply_token(user)
    raw, headers = signed(webhook_body([text_event(user, text, reply_token=token)]), CHANNEL_SECRET)
    assert requests.post(web.url + "/callback", data=raw, headers=headers, timeout=10).status_code == 200
    store.wait_for(lambda: any(r["reply_token"] == token for r in store.replies()), timeout=60)


def _wait(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_gunicorn_runs_an_event_worker_process_and_restarts_it(engine, fake_line, database_url,
                                                              tmp_path):
    web = WebProcess(database_url=database_url, line_url=fake_line.base_url, instance=tmp_path / "instance",
                     log=tmp_path / "gunicorn.log", WEB_CONCURRENCY="2", WORKER_PROCESSES="1")
    web.start()
    try:
        [first] = _wait(lambda: _event_workers(web))
        assert len(_children(web.proc.pid)) == 3  # two web processes beside it
        _answered(web, fake_line.store, "U" + "1" * 32, "สวัสดีครับ")

        os.kill(first, signal.SIGKILL)
        [_second] = _wait(lambda: [p for p in _event_workers(web) if p != first])
        assert len(_event_workers(web)) == 1 and len(_children(web.proc.pid)) == 3
        _answered(web, fake_line.store, "U" + "2" * 32, "สวัสดีครับ")
    finally:
        web.stop()


def test_without_event_worker_processes_the_web_process_handles_events(engine, fake_line, database_url,
                                                                      tmp_path):
    web = WebProcess(database_url=database_url, line_url=fake_line.base_url, instance=tmp_path / "instance",
                     log=tmp_path / "gunicorn.log", WEB_CONCURRENCY="1", WORKER_PROCESSES="0")
    web.start()
    try:
        _answered(web, fake_line.store, "U" + "3" * 32, "สวัสดีครับ")
        assert len(_children(web.proc.pid)) == 1 and _event_workers(web) == []  # the one web process
    finally:
        web.stop()


def test_web_without_workers_and_a_flask_worker_beside_it(engine, fake_line, database_url, tmp_path):
    """A Procfile `worker: flask worker` line beside a web dyno that keeps to the webhook."""
    web = WebProcess(database_url=database_url, line_url=fake_line.base_url, instance=tmp_path / "instance",
                     log=tmp_path / "gunicorn.log", WEB_CONCURRENCY="1", WORKER_PROCESSES="0", WORKER_THREADS="0")
    web.start()
    worker = None
    try:
        store, user = fake_line.store, "U" + "4" * 32
        token = store.issue_reply_token(user)
        raw, headers = signed(webhook_body([text_event(user, "สวัสดีครับ", reply_token=token)]), CHANNEL_SECRET)
        assert requests.post(web.url + "/callback", data=raw, headers=headers, timeout=10).status_code == 200
        time.sleep(2)
        assert store.replies() == []  # nobody handles events in this web process
        with (tmp_path / "worker.log").open("ab") as out:
            worker = subprocess.Popen([str(GUNICORN.parent / "flask"), "--app", "bot:create_app()", "worker"],
                                      cwd=ROOT, env=web.env, stdout=out, stderr=subprocess.STDOUT)
        store.wait_for(lambda: any(r["reply_token"] == token for r in store.replies()), timeout=60)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(30) == 0
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
        web.stop()


def test_a_reload_keeps_one_event_worker_process(engine, fake_line, database_url, tmp_path):
    """SIGHUP makes gunicorn fork a whole new set of workers and then stop the old one: the new set
    has its event worker too (choose_role counts only the workers that stay)."""
    web = WebProcess(database_url=database_url, line_url=fake_line.base_url, instance=tmp_path / "instance",
                     log=tmp_path / "gunicorn.log", WEB_CONCURRENCY="2", WORKER_PROCESSES="1")
    web.start()
    try:
        old = set(_wait(lambda: len(_children(web.proc.pid)) == 3 and _children(web.proc.pid)))
        os.kill(web.proc.pid, signal.SIGHUP)
        # Once the old set is gone: three new workers, one of them an event worker.
        _wait(lambda: len(_children(web.proc.pid)) == 3 and not old & set(_children(web.proc.pid)))
        time.sleep(1)  # nothing left to start or stop
        assert len(_children(web.proc.pid)) == 3 and len(_event_workers(web)) == 1
        _answered(web, fake_line.store, "U" + "5" * 32, "สวัสดีครับ")
    finally:
        web.stop()
