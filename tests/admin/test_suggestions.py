"""Suggestions in the admin view: the list, the page with photos, status changes with what was done
(pushed to the citizen with the ticket), the printable "you said, we did" list; roles, CSRF, escaping."""
from __future__ import annotations

from datetime import timedelta

import pytest

from messages_th.admin_accounts import detail_text
from models.db import session_scope, utcnow
from models.media import Media
from models.suggestion import Suggestion, SuggestionStatus
from tests.admin.feedback_rows import (
    LINE_USER,
    XSS,
    audit_rows,
    make_suggestion,
    pushes_of,
    suggestion_of,
    suggestion_photo,
    token_of,
)
from tests.admin.pages import (
    change,
    rows_of,
)
from tests.citizen import text_of


@pytest.mark.parametrize("role,read,act", [("admin", 200, 302), ("officer", 200, 302), ("executive", 200, 403),
                                           ("integrity", 403, 403)])
def test_who_may_read_and_act(engine, as_role, settings, role, read, act):
    sid, _ = make_suggestion(engine)
    photo = suggestion_photo(engine, settings, sid)
    client = as_role(role)
    for url in ("/admin/suggestions", f"/admin/suggestions/{sid}", "/admin/suggestions/you-said-we-did",
                f"/admin/media/{photo}"):
        assert client.get(url).status_code == read, url
    token = token_of(client, "/admin/")
    assert client.post(f"/admin/suggestions/{sid}/status", data={"status": "considering", "csrf_token": token}).status_code == act
    assert client.post(f"/admin/suggestions/{sid}/details", data={"topic": "x", "csrf_token": token}).status_code == act
    if role == "executive":
        assert suggestion_of(engine, sid).status == SuggestionStatus.RECEIVED
        assert "บัญชีของท่านดูได้อย่างเดียว" in client.get(f"/admin/suggestions/{sid}").get_data(as_text=True)


def test_logged_out_is_sent_to_login(client, engine, settings):
    sid, _ = make_suggestion(engine)
    photo = suggestion_photo(engine, settings, sid)
    for url in ("/admin/suggestions", f"/admin/suggestions/{sid}", "/admin/suggestions/you-said-we-did",
                f"/admin/media/{photo}"):
        resp = client.get(url)
        assert resp.status_code == 302 and "/admin/login" in resp.headers["Location"], url


def test_photos_are_shown_and_served_only_as_suggestion_photos(engine, as_role, settings):
    sid, ticket = make_suggestion(engine)
    photo = suggestion_photo(engine, settings, sid)
    admin = as_role("admin")
    page = admin.get(f"/admin/suggestions/{sid}").get_data(as_text=True)
    assert f'src="/admin/media/{photo}"' in page and f"รูปที่ 1 ของข้อเสนอ {ticket}" in page
    resp = admin.get(f"/admin/media/{photo}")
    assert resp.status_code == 200 and resp.mimetype == "image/jpeg"
    assert resp.headers["Cache-Control"] == "private, no-store"
    # A row that says "suggestion" but belongs to no suggestion is refused like any unknown id.
    with session_scope(engine) as s:
        s.get(Media, photo).suggestion_id = None
    assert admin.get(f"/admin/media/{photo}").status_code == 404


def test_newest_first_with_status_filters(engine, as_role):
    make_suggestion(engine, "ข้อเสนอเก่า", ago=timedelta(days=5))
    make_suggestion(engine, "ข้อเสนอใหม่", ago=timedelta(hours=1))
    make_suggestion(engine, "ข้อเสนอที่ทำแล้ว", status=SuggestionStatus.DONE, action="ทำแล้ว", ago=timedelta(days=2))
    client = as_role("officer")
    body = client.get("/admin/suggestions").get_data(as_text=True).split("<tbody>")[1]
    assert body.index("ข้อเสนอใหม่") < body.index("ข้อเสนอที่ทำแล้ว") < body.index("ข้อเสนอเก่า")
    done = client.get("/admin/suggestions?status=done").get_data(as_text=True).split("<tbody>")[1]
    assert "ข้อเสนอที่ทำแล้ว" in done and "ข้อเสนอใหม่" not in done
    chips = client.get("/admin/suggestions").get_data(as_text=True)
    assert "ทั้งหมด (3)" in chips and "รับข้อเสนอแล้ว (2)" in chips and "นำไปปรับปรุงแล้ว (1)" in chips


def test_citizen_text_is_escaped(engine, as_role):
    sid, _ = make_suggestion(engine, f"ข้อเสนอ {XSS}", status=SuggestionStatus.DONE, action=f"ทำแล้ว {XSS}",
                             topic=f"หัวข้อ {XSS}")
    with session_scope(engine) as s:
        s.get(Suggestion, sid).action_at = utcnow()
    admin = as_role("admin")
    for url in ("/admin/suggestions", f"/admin/suggestions/{sid}", "/admin/suggestions/you-said-we-did"):
        page = admin.get(url).get_data(as_text=True)
        assert XSS not in page and "&lt;script&gt;" in page, url


def test_done_with_the_action_reaches_the_citizen_with_the_ticket(engine, as_role, worker, fake_line, staff):
    sid, ticket = make_suggestion(engine)
    officer = as_role("officer")
    resp = change(officer, sid, "considering", message="จะนำเข้าที่ประชุมประจำเดือน")
    assert "ส่งข้อความถึงประชาชนทางไลน์แล้ว" in officer.get(resp.headers["Location"]).get_data(as_text=True)
    resp = change(officer, sid, "done", action="ตั้งจุดรับขยะอันตรายที่ศาลาหมู่บ้าน 3 จุดแล้ว")
    row = suggestion_of(engine, sid)
    assert row.status == SuggestionStatus.DONE and row.action == "ตั้งจุดรับขยะอันตรายที่ศาลาหมู่บ้าน 3 จุดแล้ว"
    assert row.action_by == staff["officer"] and row.action_at is not None
    queued = pushes_of(engine, "suggestion")
    assert [q.to for q in queued] == [LINE_USER, LINE_USER] and {q.ticket for q in queued} == {ticket}
    worker.drain()
    pushes = fake_line.store.pushes()
    assert len(pushes) == 2 and all(p["to"] == LINE_USER and p["headers"].get("X-Line-Retry-Key") for p in pushes)
    first, second = text_of(pushes[0]["messages"]), text_of(pushes[1]["messages"])
    assert ticket in first and "กำลังพิจารณา" in first and "จะนำเข้าที่ประชุมประจำเดือน" in first
    assert ticket in second and "ตั้งจุดรับขยะอันตรายที่ศาลาหมู่บ้าน 3 จุดแล้ว" in second
    assert [a for a, _, _ in audit_rows(engine, "suggestion")] == ["suggestion_status", "suggestion_status"]
    shown = rows_of(as_role("admin"), f"?target_id={ticket}")
    assert "อยู่ระหว่างพิจารณา → นำไปปรับปรุงแล้ว" in shown
    assert detail_text("suggestion_status", "received -> considering") == "รับข้อเสนอแล้ว → อยู่ระหว่างพิจารณา"


def test_done_and_not_adopted_need_the_action_and_only_table_transitions_pass(engine, as_role):
    sid, _ = make_suggestion(engine)
    admin = as_role("admin")
    for status in ("done", "not_adopted"):
        resp = change(admin, sid, status, action="  ")
        assert "โปรดระบุสิ่งที่ดำเนินการ" in admin.get(resp.headers["Location"]).get_data(as_text=True)
    for status in ("", "received", "nonsense"):
        change(admin, sid, status, action="x")
    assert suggestion_of(engine, sid).status == SuggestionStatus.RECEIVED and pushes_of(engine, "suggestion") == []
    change(admin, sid, "not_adopted", action="งบประมาณปีนี้ไม่พอ จะเสนอในแผนปีหน้า")
    assert suggestion_of(engine, sid).status == SuggestionStatus.NOT_ADOPTED
    assert "งบประมาณปีนี้ไม่พอ" in pushes_of(engine, "suggestion")[0].messages


def test_topic_and_public_flag(engine, as_role):
    sid, ticket = make_suggestion(engine)
    admin = as_role("admin")
    token = token_of(admin, f"/admin/suggestions/{sid}")
    admin.post(f"/admin/suggestions/{sid}/details", data={"topic": "  จุดทิ้ง   ขยะอันตราย ", "csrf_token": token})
    row = suggestion_of(engine, sid)
    assert row.topic == "จุดทิ้ง ขยะอันตราย" and row.public is False  # unticked box: not listed
    admin.post(f"/admin/suggestions/{sid}/details", data={"topic": "ก" * 101, "public": "1", "csrf_token": token})
    assert suggestion_of(engine, sid).topic == "จุดทิ้ง ขยะอันตราย"
    assert ("update_suggestion", "admin1", ticket) in audit_rows(engine, "suggestion")


def test_you_said_we_did_lists_public_actions_without_names_or_line_ids(engine, as_role):
    shown, _ = make_suggestion(engine, "ไฟส่องสว่างหน้าโรงเรียนไม่พอ นายสมชาย 0812345678", topic="ไฟหน้าโรงเรียน")
    private, _ = make_suggestion(engine, "เรื่องส่วนตัวของฉัน", topic="เรื่องเฉพาะบุคคล", public=False)
    waiting, _ = make_suggestion(engine, "ยังพิจารณาอยู่", topic="รอพิจารณา")
    admin = as_role("admin")
    change(admin, shown, "done", action="ติดตั้งไฟเพิ่ม 4 ต้นแล้ว")
    change(admin, private, "done", action="โทรแจ้งผู้เสนอแล้ว")
    change(admin, waiting, "considering")
    page = admin.get("/admin/suggestions/you-said-we-did").get_data(as_text=True)
    body = page.split("<tbody>")[1]
    assert "ไฟหน้าโรงเรียน" in body and "ติดตั้งไฟเพิ่ม 4 ต้นแล้ว" in body
    assert "เรื่องเฉพาะบุคคล" not in body and "รอพิจารณา" not in body
    assert "นายสมชาย" not in page and "0812345678" not in page and LINE_USER not in page  # the topic is shown
    assert "คุณเสนอ เราทำ" in page and "ปีงบประมาณ" in page and "รวม 1 เรื่อง" in page
    earlier = admin.get("/admin/suggestions/you-said-we-did?fy=2000").get_data(as_text=True)  # out of range: current
    assert "ไฟหน้าโรงเรียน" in earlier


def test_csrf_is_required(engine, as_role):
    sid, _ = make_suggestion(engine)
    admin = as_role("admin")
    assert admin.post(f"/admin/suggestions/{sid}/status", data={"status": "considering"}).status_code == 400
    assert admin.post(f"/admin/suggestions/{sid}/details", data={"topic": "x"}).status_code == 400
    assert suggestion_of(engine, sid).status == SuggestionStatus.RECEIVED and pushes_of(engine, "suggestion") == []
