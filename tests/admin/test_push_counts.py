"""This month's pushes by kind against LINE's quota, on the dashboard of admins and executives."""
from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

from models.db import session_scope
from models.enums import OutboxStatus
from models.events import OutboundMessage
from models.periods import bangkok_month_of, month_bounds


def add(engine, purpose: str, n: int = 1, *, kind: str = "push", status: str = OutboxStatus.SENT,
        sent_at: datetime | None = None) -> None:
    with session_scope(engine) as s:
        for _ in range(n):
            s.add(OutboundMessage(to="U" + "e" * 32, kind=kind, messages="[]", retry_key=str(uuid.uuid4()),
                                  purpose=purpose, status=status, sent_at=sent_at or datetime.now(UTC)))


def cell(html: str, kind: str) -> str:
    found = re.search(rf'id="pushes-{kind}">(?:<strong>)?([\d,]+)', html)
    assert found, kind
    return found.group(1)


def test_pushes_by_kind_against_the_quota(engine, services, fake_line, as_role):
    services.gateway.quota()  # the SDK loaded: the page waits at most a second for LINE's figures
    add(engine, "status", 3)
    add(engine, "corruption_news")
    add(engine, "inquiry_answer", 2)
    add(engine, "staff_alert", 4)
    add(engine, "staff_digest", 2)
    add(engine, "followup", 5)
    add(engine, "reply")  # a reply whose token had expired went out as a push
    add(engine, "status", 7, kind="reply")  # replies are free: never counted
    add(engine, "status", status=OutboxStatus.PENDING)  # not sent (yet)
    add(engine, "status", status=OutboxStatus.DEAD)
    start, _ = month_bounds(*bangkok_month_of(datetime.now(UTC)))
    add(engine, "staff_alert", 9, sent_at=start - timedelta(seconds=1))  # last month, in Bangkok
    fake_line.store.quota_limit = 300
    fake_line.store.push_count = 220  # LINE's own count: other channels (broadcasts) use the quota too

    html = as_role("admin").get("/admin/").get_data(as_text=True)
    assert [cell(html, k) for k in ("news", "staff", "followup", "late_replies", "total")] == ["6", "6", "5", "1", "18"]
    quota = re.search(r'<p id="pushes-quota" class="([^"]*)">(.*?)</p>', html, re.S)
    assert quota and "ใช้ไป 220 จาก 300 ข้อความ เหลือ 80" in quota.group(2)
    assert quota.group(1) == "overdue" and "รวมไว้ในสรุปงานประจำวัน" in quota.group(2)  # 80 < 100: low
    assert "แจ้งเตือนเจ้าหน้าที่" in as_role("executive").get("/admin/").get_data(as_text=True)
    for role in ("officer", "integrity"):
        assert 'id="pushes"' not in as_role(role).get("/admin/").get_data(as_text=True)


def test_plenty_left_and_unknown(app, engine, services, fake_line, as_role):
    services.gateway.quota()
    fake_line.store.quota_limit = 300
    html = as_role("admin").get("/admin/").get_data(as_text=True)
    assert "เหลือ 300" in html and "โควตาใกล้หมด" not in html and cell(html, "total") == "0"
    app.extensions.pop("push_quota")
    fake_line.store.fail_next("/v2/bot/message/quota", 500)
    html = as_role("admin").get("/admin/").get_data(as_text=True)
    assert "ไม่ทราบโควตาจาก LINE" in html and "โควตาใกล้หมด" not in html
