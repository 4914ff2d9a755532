"""A citizen files a complaint and a corruption report through the real webhook, worker and fake LINE."""
from __future__ import annotations

from sqlalchemy import select

from models.complaint import Case, Category, Division
from models.corruption import CorruptionReport
from models.db import session_scope
from models.enums import MediaStatus
from models.media import Media
from tests.citizen import CORRUPTION_TICKET, Citizen, file_street_light_complaint, text_of
from tests.media_files import JPEG


def test_street_light_complaint_end_to_end(client, worker, fake_line, engine):
    c = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(c)
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.ticket == ticket)).scalars().one()
        category = s.get(Category, case.category_id)
        division = s.get(Division, case.division_id)
        photos = list(s.exec(select(Media).where(Media.case_id == case.id)).scalars())
    assert category.name == "ไฟฟ้าสาธารณะ" and division.name == "กองช่าง"
    assert (case.latitude, case.longitude) == (16.5757, 103.4955)
    assert case.contact_mode == "anonymous" and case.reporter_name == "" and case.reporter_phone == ""
    assert case.reporter_line_id == c.user_id  # kept only to send status news
    assert len(photos) == 1 and photos[0].status == MediaStatus.STORED
    # Tracking by the ticket number shows its status.
    status = text_of(c.say(ticket))
    assert ticket in status and "รับเรื่องแล้ว" in status and "ไฟถนน" in status
    # Someone else who types the number learns the status only, not what the citizen wrote.
    neighbour = text_of(Citizen(client, worker, fake_line).say(ticket))
    assert "รับเรื่องแล้ว" in neighbour and "ไฟถนน" not in neighbour
    # The public Open311 list carries it, without the reporter.
    listed = client.get("/open311/v2/requests.json").get_json()
    assert [r["service_request_id"] for r in listed] == [ticket]
    assert c.user_id not in client.get(f"/open311/v2/requests/{ticket}.json").get_data(as_text=True)
    # Every reply used the free reply token; nothing was pushed.
    assert fake_line.store.pushes() == []


def test_corruption_report_gets_its_own_ticket_and_stays_private(client, worker, fake_line, engine):
    c = Citizen(client, worker, fake_line)
    c.follow()
    assert "ผู้ถูกร้องเรียน" in text_of(c.tap("แจ้งเบาะแสทุจริต"))
    assert "เกิดอะไรขึ้น" in text_of(c.say("เจ้าหน้าที่กองช่าง ชื่อนายสมมติ"))
    c.say("เรียกเงิน 5,000 บาทเพื่อให้ใบอนุญาตก่อสร้างผ่านเร็ว")
    if "ข้าม" in c.labels() and "หลักฐาน" not in text_of(c.all_messages()[-1:]):
        c.tap("ข้าม")  # "anything to add?": no
    c.photo(JPEG)
    c.tap("เสร็จแล้ว")
    c.tap("ไม่ระบุตัวตน")
    done = text_of(c.tap("ยืนยัน"))
    found = CORRUPTION_TICKET.search(done)
    assert found, done
    ticket = found.group(0)
    with session_scope(engine) as s:
        report = s.exec(select(CorruptionReport).where(CorruptionReport.ticket == ticket)).scalars().one()
        assert s.exec(select(Case)).first() is None  # not a public complaint
    assert report.contact_mode == "anonymous" and "5,000" in report.description
    assert report.reporter_name == "" and report.reporter_phone == ""
    assert "นายสมมติ" in report.accused
    with session_scope(engine) as s:
        evidence = list(s.exec(select(Media).where(Media.report_id == report.id)).scalars())
    assert len(evidence) == 1 and evidence[0].path.startswith("confidential/")
    assert client.get("/open311/v2/requests.json").get_json() == []
    assert client.get(f"/open311/v2/requests/{ticket}.json").status_code == 404
    # Its reporter can track it; nobody else learns it exists.
    assert ticket in text_of(c.say(ticket))
    other = Citizen(client, worker, fake_line)
    assert "รับเรื่องแล้ว" not in text_of(other.say(ticket))

