"""A burst of citizens while the web process is killed with SIGKILL: nothing lost, nothing twice.

The real web process (gunicorn per the Procfile: web processes, and the event-worker process it
runs beside them) receives signed webhook events from many citizens at once: some file a whole complaint (six events each), some just
chat. Halfway through, the whole process group (master, web and event-worker processes) is killed with
SIGKILL and started again. Like LINE, a
citizen's event that got no 200 is sent again (isRedelivery) until it is acknowledged. Afterwards:
every acknowledged webhookEventId is handled exactly once, every complaint is one case, every event
got exactly one answer at the fake LINE API (no lost reply, no second copy by push).
"""
from __future__ import annotations

import json
import threading
import time
from collections import Counter

import pytest
import requests
from sqlalchemy import func, select

from bot.devchat.events import postback_event, signed, text_event, webhook_body
from models.complaint import Case
from models.db import read_scope
from models.enums import EventStatus, OutboxStatus
from models.events import InboundEvent, OutboundMessage
from tests.conftest import CHANNEL_SECRET
from tests.faults.web_process import WebProcess

pytestmark = pytest.mark.slow
COMPLAINANTS, CHATTERS = 16, 8
COMPLAINT = ["ถนนหน้าวัดเป็นหลุมลึก รถล้มบ่อย", "cx:catok", "cx:next", "cx:next", "cx:anon", "cx:ok"]
CHAT = ["สวัสดีครับ", "ขอบคุณครับ", "สอบถามหน่อยครับ"]


class Citizen(threading.Thread):
    """Sends its events in order, each until acknowledged, as LINE's redelivery would."""

    def __init__(self, n: int, script: list[str], web: WebProcess, store, acked: Counter, lock):
        super().__init__(name=f"citizen-{n}", daemon=True)
        self.user = f"U{n:032x}"
        self.web, self.acked, self.lock = web, acked, lock
        t0 = int(time.time() * 1000) + n
        self.events = []
        for i, step in enumerate(script):
            common = dict(reply_token=store.issue_reply_token(self.user), timestamp_ms=t0 + i * 1000)
            self.events.append(postback_event(self.user, step, **common) if step.startswith("cx:")
                               else text_event(self.user, step, **common))
        self.redelivered = 0
        self.error: str | None = None

    def run(self) -> None:
        http = requests.Session()
        try:
            for event in self.events:
                self._deliver(http, event)
        except Exception as exc:
            self.error = repr(exc)

    def _deliver(self, http: requests.Session, event: dict) -> None:
        deadline = time.monotonic() + 90
        again = False
        while time.monotonic() < deadline:
            body = webhook_body([dict(event, deliveryContext={"isRedelivery": again})])
            raw, headers = signed(body, CHANNEL_SECRET)
            try:
                if http.post(self.web.url + "/callback", data=raw, headers=headers, timeout=10).status_code == 200:
                    with self.lock:
                        self.acked[event["webhookEventId"]] += 1
                    return
            except requests.RequestException:
                http = requests.Session()  # the connection died with the process
            again = True
            self.redelivered += 1
            time.sleep(0.2)
        raise AssertionError(f"{self.user}: event never acknowledged")


def _settled(engine) -> bool:
    with read_scope(engine) as s:
        pending = s.exec(select(func.count()).select_from(InboundEvent)
                         .where(InboundEvent.status == EventStatus.PENDING)).scalar_one()
        unsent = s.exec(select(func.count()).select_from(OutboundMessage)
                        .where(OutboundMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]))).scalar_one()
    return pending == 0 and unsent == 0


def test_sigkill_mid_burst_loses_nothing_and_answers_once(engine, fake_line, database_url, tmp_path):
    store = fake_line.store
    store.latency = 0.05  # about LINE's own: kills land inside calls to it too
    web = WebProcess(database_url=database_url, line_url=fake_line.base_url, instance=tmp_path / "instance",
                     log=tmp_path / "gunicorn.log", WEB_CONCURRENCY="2", GUNICORN_THREADS="4", WORKER_THREADS="2",
                     WORKER_LEASE_SECONDS="3", LINE_TIMEOUT_SECONDS="2", WORKER_POLL_SECONDS="0.2")
    acked: Counter = Counter()
    lock = threading.Lock()
    citizens = ([Citizen(n, COMPLAINT, web, store, acked, lock) for n in range(COMPLAINANTS)]
                + [Citizen(100 + n, CHAT, web, store, acked, lock) for n in range(CHATTERS)])
    total = sum(len(c.events) for c in citizens)
    web.start()
    try:
        started = time.monotonic()
        for c in citizens:
            c.start()
        while len(acked) < total // 2:
            assert time.monotonic() - started < 60, f"burst stalled at {len(acked)} of {total}: {web.log}"
            time.sleep(0.01)
        acked_at_kill = len(acked)
        web.kill()
        killed_at = time.monotonic()
        web.start()
        restarted = time.monotonic() - killed_at
        for c in citizens:
            c.join(120)
        burst_done = time.monotonic() - killed_at
        assert not [c.error for c in citizens if c.error], [c.error for c in citizens if c.error]
        while not _settled(engine):
            assert time.monotonic() - killed_at < 90, f"work left over after the restart: see {web.log}"
            time.sleep(0.2)
        recovered = time.monotonic() - killed_at
    finally:
        web.stop()

    figures = {"events": total, "acknowledged before the kill": acked_at_kill,
               "sent again by the citizens": sum(c.redelivered for c in citizens),
               "seconds to restart": round(restarted, 1), "seconds to the last acknowledgement": round(burst_done, 1),
               "seconds from kill to all handled": round(recovered, 1),
               "replies": len(store.replies()), "pushes": len(store.pushes())}
    print("\nSIGKILL mid-burst:", json.dumps(figures, ensure_ascii=False))

    sent = {e["webhookEventId"]: c for c in citizens for e in c.events}
    assert set(acked) == set(sent)  # every event was acknowledged in the end
    with read_scope(engine) as s:
        rows = list(s.exec(select(InboundEvent)).scalars())
        out = list(s.exec(select(OutboundMessage)).scalars())
        cases = list(s.exec(select(Case)).scalars())
    assert sorted(r.webhook_event_id for r in rows) == sorted(sent)  # each stored once
    assert {r.status for r in rows} == {EventStatus.DONE}, [(r.event_type, r.status, r.error) for r in rows
                                                           if r.status != EventStatus.DONE]
    # One case per complaint, none for chatting; its ticket reached that citizen.
    complainants = [c for c in citizens if len(c.events) == len(COMPLAINT)]
    assert sorted(c.reporter_line_id for c in cases) == sorted(c.user for c in complainants)
    for case in cases:
        assert any(case.ticket in json.dumps(m, ensure_ascii=False) for m in store.messages_for(case.reporter_line_id))
    # One answer per event: one outbox batch each, sent once, by reply or (fallback) by push, never both.
    per_event = Counter(m.event_id for m in out)
    assert set(per_event.values()) == {1} and len(per_event) == total
    assert {m.status for m in out} == {OutboxStatus.SENT}
    replied = Counter(r["reply_token"] for r in store.replies())
    pushed = Counter(p["retry_key"] for p in store.pushes())
    assert max(replied.values(), default=1) == 1 and max(pushed.values(), default=1) == 1
    token_of = {r.id: json.loads(r.payload)["replyToken"] for r in rows}
    for m in out:
        by_reply, by_push = replied[token_of[m.event_id]], pushed[m.retry_key]
        assert by_reply + by_push == 1, f"event {m.event_id}: {by_reply} replies, {by_push} pushes"
    for c in citizens:
        assert len([d for d in store.replies() + store.pushes() if d["to"] == c.user]) == len(c.events)
