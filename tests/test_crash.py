"""A worker process killed with SIGKILL mid-event: after restart the event is handled exactly once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from bot.devchat.events import text_event, webhook_body
from bot.runtime.worker import Worker
from models.db import session_scope
from models.enums import EventStatus
from models.events import InboundEvent
from tests.conftest import post_body

ROOT = Path(__file__).resolve().parents[1]
USER = "U" + "c" * 32


def _start(mode: str, database_url: str, fake_url: str, marker: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.crash_worker", mode, database_url, fake_url, str(marker)],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, "the worker process ended early"
        assert time.monotonic() < deadline, "the worker process never reached the crash point"
        time.sleep(0.05)


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)


def test_killed_inside_the_handler_is_handled_again_once(client, services, fake_line, engine, database_url,
                                                         tmp_path):
    token = fake_line.store.issue_reply_token(USER)
    post_body(client, webhook_body([text_event(USER, "สวัสดี", reply_token=token)]))
    marker = tmp_path / "marker"
    proc = _start("in-handler", database_url, fake_line.base_url, marker)
    _wait_for(marker, proc)
    _kill(proc)
    assert fake_line.store.replies() == []  # nothing was committed or sent by the dead worker
    time.sleep(1.2)  # its one-second lease on the chat runs out
    Worker(services, name="after-restart").drain()
    with session_scope(engine) as s:
        ev = s.exec(select(InboundEvent)).scalars().one()
    assert ev.status == EventStatus.DONE and ev.attempts == 2
    assert len(fake_line.store.messages_for(USER)) >= 1
    assert len(fake_line.store.replies()) == 1


def test_killed_while_sending_the_reply_does_not_answer_twice(client, services, fake_line, engine,
                                                              database_url, tmp_path):
    token = fake_line.store.issue_reply_token(USER)
    post_body(client, webhook_body([text_event(USER, "สวัสดี", reply_token=token)]))
    fake_line.store.hang_next("/v2/bot/message/reply", 30)
    marker = tmp_path / "marker"
    proc = _start("in-reply", database_url, fake_line.base_url, marker)
    _wait_for(marker, proc)
    time.sleep(0.3)  # the request is inside the fake LINE API now
    _kill(proc)
    services.settings.line_timeout_seconds = 2.0
    time.sleep(2.5)  # the outbox lease of the dead sender runs out
    Worker(services, name="after-restart").drain()
    batch = fake_line.store.replies()[0]["body"]["messages"]
    assert len(fake_line.store.messages_for(USER)) == len(batch)  # one copy of the answer
    assert fake_line.store.pushes() == []  # and no second copy by push


def test_killed_while_submitting_a_complaint_creates_exactly_one_case(client, worker, services, fake_line,
                                                                      engine, database_url, tmp_path):
    from bot.devchat.events import postback_event
    from models.complaint import Case
    from tests.citizen import Citizen, text_of

    c = Citizen(client, worker, fake_line, user_id=USER)
    c.say("ถนนหน้าวัดเป็นหลุมลึก รถล้มบ่อย")
    c.tap("ใช่ หมวดนี้")
    c.tap("ข้าม")
    c.tap("ข้าม")
    c.tap("ไม่ระบุตัวตน")
    confirm = c.find_action("ยืนยัน")
    post_body(client, webhook_body([postback_event(USER, confirm["data"], reply_token=c.token())]))
    marker = tmp_path / "marker"
    proc = _start("in-handler", database_url, fake_line.base_url, marker)
    _wait_for(marker, proc)
    _kill(proc)  # dies after deciding to submit, before the case is committed
    with session_scope(engine) as s:
        assert s.exec(select(Case)).first() is None
    time.sleep(1.2)
    Worker(services, name="after-restart").drain()
    with session_scope(engine) as s:
        cases = list(s.exec(select(Case)).scalars())
    assert len(cases) == 1
    assert cases[0].ticket in text_of(c.new_messages())
