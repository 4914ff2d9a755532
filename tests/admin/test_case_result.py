"""The result told back (issue 13 items 4-6): after-photos on the resolution news as LINE images at
signed public URLs, "fixed"/"not fixed" quick replies, reopening by the citizen within 14 days (and
a polite no after), the officer alerted, the case page showing the photos."""
from __future__ import annotations

import io
import json
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from PIL import Image
from sqlalchemy import select

from models.complaint import Case
from models.db import session_scope, utcnow
from models.enums import CaseStatus
from models.events import OutboundMessage
from models.media import Media
from models.staff import Staff
from tests.admin.conftest import csrf_from
from tests.admin.pages import case_of, history
from tests.citizen import Citizen, file_street_light_complaint, text_of

PUBLIC = "https://bot.example.test"
OFFICER_LINE = "U" + "0f" * 16


@pytest.fixture
def settings(settings):
    """LINE takes only https image URLs: the service's public address is one here."""
    return settings.model_copy(update={"public_base_url": PUBLIC})


def photo_with_gps(color=(200, 30, 30), size=(64, 48)) -> bytes:
    """A JPEG carrying EXIF with a GPS position and a camera model, as a phone's photo does."""
    img = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[0x0110] = "PhoneCam 9"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (16.0, 34.0, 32.0), "E", (103.0, 29.0, 43.0)
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(buf.getvalue())).getexif().get_ifd(0x8825), "the fixture must carry GPS"
    return buf.getvalue()


def resolve_with_photos(client, ticket: str, photos: list[bytes], message: str = "เปลี่ยนหลอดไฟใหม่แล้วค่ะ"):
    token = csrf_from(client.get(f"/admin/cases/{ticket}").get_data(as_text=True))
    files = [(io.BytesIO(p), f"after{i}.jpg", "image/jpeg") for i, p in enumerate(photos)]
    return client.post(f"/admin/cases/{ticket}/status", content_type="multipart/form-data",
                       data={"status": "resolved", "message": message, "csrf_token": token, "photos": files})


def link_officer_line(engine, staff_id: int) -> None:
    with session_scope(engine) as s:
        person = s.get(Staff, staff_id)
        person.line_user_id = OFFICER_LINE
        s.add(person)


def assign_to(engine, ticket: str, staff_id: int) -> None:
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.ticket == ticket)).scalars().one()
        case.assigned_staff_id = staff_id
        s.add(case)


def test_resolution_push_carries_the_after_photos_and_the_two_replies(client, app, worker, fake_line, engine,
                                                                     as_role, staff):
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    citizen.new_messages()
    officer = as_role("officer")
    resp = resolve_with_photos(officer, ticket, [photo_with_gps(), photo_with_gps((20, 200, 20))])
    assert resp.status_code == 302
    page = officer.get(resp.headers["Location"]).get_data(as_text=True)
    assert "แนบรูปผลการดำเนินงาน 2 รูปแล้ว" in page and "รูปผลการดำเนินงาน" in page
    worker.drain()
    [push] = fake_line.store.pushes()
    messages = push["messages"]
    assert [m["type"] for m in messages] == ["text", "image", "image"]
    assert ticket in messages[0]["text"] and "เปลี่ยนหลอดไฟใหม่แล้วค่ะ" in messages[0]["text"]
    assert "quickReply" not in messages[0]  # only the last message's quick replies are shown
    data = [i["action"]["data"] for i in messages[-1]["quickReply"]["items"]]
    labels = [i["action"]["label"] for i in messages[-1]["quickReply"]["items"]]
    assert data[:3] == [f"ro:ok:{ticket}", f"ro:no:{ticket}", f"sv:case:{ticket}"]
    assert labels[:2] == ["เรียบร้อยแล้ว", "ยังไม่เรียบร้อย"]
    for image in messages[1:]:
        assert image["originalContentUrl"].startswith(PUBLIC + "/photos/after/")
        assert image["previewImageUrl"].endswith("/preview.jpg")
    # LINE fetches them with no session: a fresh client, no login.
    anonymous = app.test_client()
    original = anonymous.get(urlsplit(messages[1]["originalContentUrl"]).path)
    assert original.status_code == 200 and original.mimetype == "image/jpeg"
    img = Image.open(io.BytesIO(original.data))
    assert not img.getexif() and "exif" not in img.info  # no GPS, no camera model left
    preview = anonymous.get(urlsplit(messages[1]["previewImageUrl"]).path)
    assert preview.status_code == 200 and max(Image.open(io.BytesIO(preview.data)).size) <= 480
    # A wrong signature, another id with this signature, or a citizen's photo: the same 404.
    path = urlsplit(messages[1]["originalContentUrl"]).path
    media_id, sig = path.split("/")[3], path.split("/")[4].removesuffix(".jpg")
    assert anonymous.get(path.replace(sig, "0" * len(sig))).status_code == 404
    assert anonymous.get(f"/photos/after/{int(media_id) + 1000}/{sig}.jpg").status_code == 404
    with session_scope(engine) as s:
        citizens = s.exec(select(Media.id).where(Media.purpose == "complaint")).scalars().all()
    from bot.runtime.after_photos import signature
    assert citizens and anonymous.get(f"/photos/after/{citizens[0]}/{signature(app.config['SECRET_KEY'], citizens[0])}.jpg").status_code == 404
    # Staff see them on the case page, through the logged-in media route.
    with session_scope(engine) as s:
        after = s.exec(select(Media.id).where(Media.purpose == "after")).scalars().all()
    assert len(after) == 2 and f"/admin/media/{after[0]}" in page
    assert officer.get(f"/admin/media/{after[0]}").status_code == 200


def test_more_photos_than_a_push_holds_or_not_a_photo_are_refused(client, worker, fake_line, engine, as_role):
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    officer = as_role("officer")
    resp = resolve_with_photos(officer, ticket, [photo_with_gps()] * 5)
    assert "แนบรูปได้ไม่เกิน 4 รูป" in officer.get(resp.headers["Location"]).get_data(as_text=True)
    resp = resolve_with_photos(officer, ticket, [b"%PDF-1.4 not a photo"])
    assert "ไม่ใช่รูปภาพ" in officer.get(resp.headers["Location"]).get_data(as_text=True)
    assert case_of(engine, ticket).status == CaseStatus.RECEIVED  # nothing saved, nothing told
    with session_scope(engine) as s:
        assert s.exec(select(Media).where(Media.purpose == "after")).first() is None
        assert not s.exec(select(OutboundMessage).where(OutboundMessage.purpose == "status")).first()


def test_not_fixed_within_14_days_reopens_to_the_division_and_alerts_the_officer(
        client, worker, fake_line, engine, as_role, staff):
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    link_officer_line(engine, staff["officer"])
    assign_to(engine, ticket, staff["officer"])
    resolve_with_photos(as_role("officer"), ticket, [photo_with_gps()])
    worker.drain()
    citizen.new_messages()
    asked = text_of(citizen.tap("ยังไม่เรียบร้อย"))
    assert "ยังมีอะไรไม่เรียบร้อย" in asked and ticket in asked
    assert case_of(engine, ticket).status == CaseStatus.RESOLVED  # nothing changes before they say what
    assert "ได้รับรูปแล้ว" in text_of(citizen.photo(photo_with_gps((90, 90, 90))))
    done = text_of(citizen.say("ไฟยังดับอยู่เลยค่ะ ช่วงหัวค่ำเปิดไม่ติด"))
    assert "เปิดเรื่องเลขที่" in done and "กองช่าง" in done
    case = case_of(engine, ticket)
    assert case.status == CaseStatus.IN_PROGRESS and case.reopened_count == 1 and case.closed_at is None
    last = history(engine, ticket)[-1]
    assert (last.kind, last.actor, last.from_status, last.to_status) == ("reopen", "citizen", "resolved", "in_progress")
    assert last.note == "ไฟยังดับอยู่เลยค่ะ ช่วงหัวค่ำเปิดไม่ติด"
    with session_scope(engine) as s:
        reopen_photos = s.exec(select(Media).where(Media.purpose == "reopen")).scalars().all()
        assert [m.case_id for m in reopen_photos] == [case.id]
    alerts = [p for p in fake_line.store.pushes() if p["to"] == OFFICER_LINE]
    assert len(alerts) == 1
    alert = text_of(alerts[0]["messages"])
    assert ticket in alert and "ไฟยังดับอยู่เลยค่ะ" in alert
    [button] = [i["action"] for i in alerts[0]["messages"][-1]["quickReply"]["items"]]
    assert button["type"] == "postback" and button["data"].startswith("st:open:") and ticket in button["data"]
    with session_scope(engine) as s:
        row = s.exec(select(OutboundMessage).where(OutboundMessage.to == OFFICER_LINE)).scalars().one()
        assert row.purpose == "staff_alert" and row.ticket == ticket
    page = as_role("officer").get(f"/admin/cases/{ticket}").get_data(as_text=True)
    assert "ผู้แจ้งเปิดเรื่องอีกครั้ง 1 ครั้ง" in page and "ไฟยังดับอยู่เลยค่ะ" in page
    # Resolved again: answered, and the new resolution can be answered again.
    resolve_with_photos(as_role("officer"), ticket, [])
    case = case_of(engine, ticket)
    assert case.status == CaseStatus.RESOLVED and case.closed_at is not None and case.reopened_count == 1


def test_not_fixed_after_14_days_offers_a_new_complaint(client, worker, fake_line, engine, as_role):
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    resolve_with_photos(as_role("officer"), ticket, [])
    worker.drain()
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.ticket == ticket)).scalars().one()
        case.closed_at = utcnow() - timedelta(days=15)
        s.add(case)
    citizen.new_messages()
    answer = text_of(citizen.tap("ยังไม่เรียบร้อย"))
    assert "เกิน 14 วัน" in answer and "เปิดเรื่องเดิมอีกครั้งไม่ได้" in answer
    assert "แจ้งเรื่องใหม่" in citizen.labels()
    case = case_of(engine, ticket)
    assert case.status == CaseStatus.RESOLVED and case.reopened_count == 0
    assert citizen.find_action("แจ้งเรื่องใหม่")["data"] == "menu:complaint"


def test_fixed_is_recorded_once_and_offers_the_survey(client, worker, fake_line, engine, as_role):
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    resolve_with_photos(as_role("officer"), ticket, [])
    worker.drain()
    citizen.new_messages()
    thanks = text_of(citizen.tap("เรียบร้อยแล้ว"))
    assert "บันทึกแล้วว่าเรื่องเลขที่" in thanks and "ประเมินความพึงพอใจ" in citizen.labels()
    assert case_of(engine, ticket).citizen_confirmed_at is not None
    assert [h.kind for h in history(engine, ticket)].count("confirmed") == 1
    again = text_of(citizen.postback(f"ro:ok:{ticket}"))
    assert "บันทึกไว้แล้วว่าเรียบร้อย" in again
    assert [h.kind for h in history(engine, ticket)].count("confirmed") == 1


def test_someone_else_cannot_answer_for_a_case(client, worker, fake_line, engine, as_role):
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    resolve_with_photos(as_role("officer"), ticket, [])
    worker.drain()
    stranger = Citizen(client, worker, fake_line)
    stranger.follow()
    assert "ไม่พบเรื่องเลขที่" in text_of(stranger.postback(f"ro:no:{ticket}"))
    assert "ไม่พบเรื่องเลขที่" in text_of(stranger.postback(f"ro:ok:{ticket}"))
    case = case_of(engine, ticket)
    assert case.status == CaseStatus.RESOLVED and case.citizen_confirmed_at is None


def test_without_a_public_https_address_the_news_goes_without_images(client, worker, fake_line, engine, as_role,
                                                                     app):
    app.extensions["settings"].__dict__["public_base_url"] = ""  # the simulator's http://127.0.0.1
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    resolve_with_photos(as_role("officer"), ticket, [photo_with_gps()])
    worker.drain()
    [push] = fake_line.store.pushes()
    assert [m["type"] for m in push["messages"]] == ["text"]  # LINE would refuse the whole push
    assert json.dumps(push["messages"], ensure_ascii=False).count("ro:no:") == 1


def test_dashboard_shows_the_share_reopened(engine, as_role, monkeypatch):
    from bot.admin import dashboard
    from tests.models.test_stats_reopen import JAN, reopened_cases

    reopened_cases(engine)
    monkeypatch.setattr(dashboard, "utcnow", lambda: JAN + timedelta(days=30))
    html = as_role("admin").get("/admin/").get_data(as_text=True)
    assert 'id="key-reopened">50%<' in html and "2 จาก 4 เรื่องที่เสร็จสิ้น" in html


def test_an_after_photo_sent_from_line_is_fetched_when_line_asks_for_it(app, engine, fake_line):
    """The staff flow in LINE resolves with photos the workers may not have fetched yet: the public
    address fetches it on the spot rather than answering 404 to LINE."""
    from bot.runtime.after_photos import photo_links

    ticket = make_case_for_photo(engine)
    fake_line.store.put_content("77770001", photo_with_gps(), "image/jpeg")
    with session_scope(engine) as s:
        case_id = s.exec(select(Case.id).where(Case.ticket == ticket)).scalars().one()
        m = Media(purpose="after", chat_key="user:" + OFFICER_LINE, line_message_id="77770001", case_id=case_id)
        s.add(m)
        s.flush()
        media_id = m.id
    [link] = photo_links(PUBLIC, app.config["SECRET_KEY"], [media_id])
    anonymous = app.test_client()
    resp = anonymous.get(urlsplit(link.original).path)
    assert resp.status_code == 200 and Image.open(io.BytesIO(resp.data)).size == (64, 48)
    assert anonymous.get(urlsplit(link.preview).path).status_code == 200
    with session_scope(engine) as s:
        assert s.get(Media, media_id).status == "stored"


def make_case_for_photo(engine) -> str:
    from tests.admin.cases import make_case

    return make_case(engine, "ไฟดับ", category="ไฟฟ้าสาธารณะ", status=CaseStatus.RESOLVED, closed_at=utcnow())


def test_erasing_a_case_s_photos_erases_the_after_photo_and_its_preview(client, worker, fake_line, engine, as_role,
                                                                      services):
    from models.media import preview_key
    from models.privacy_anonymise import erase_media

    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    resolve_with_photos(as_role("officer"), ticket, [photo_with_gps()])
    with session_scope(engine) as s:
        key = s.exec(select(Media.path).where(Media.purpose == "after")).scalars().one()
    assert services.media.get(key) and services.media.get(preview_key(key))
    with session_scope(engine) as s:
        erase_media(Media.case_id == case_of(engine, ticket).id, session=s, media=services.media)
    assert services.media.get(key) is None and services.media.get(preview_key(key)) is None
