"""What leaves the service for the public or for the ITA never carries personal data.

(A name typed into free text cannot be told from any other Thai word, so names are planted only
where they are stored as names: the reporter fields, staff notes, the LINE profile.)

tests/test_open311.py already checks that Open311 publishes no corruption report and none of the
reporter fields; here: what citizens type into the public text (phones, ID numbers, e-mail, LINE ids
in the description and the place), what staff write (notes, messages), and names known from LINE.
"""
from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from models.complaint import Case, CaseHistory
from models.conversation import Follower
from models.db import session_scope, utcnow
from models.masking import mask_text
from tests import media_files
from tests.models.masking_data import AREA
from tests.open311_cases import LINE_ID, NAME, PHONE, _assert_private, add_case

THAI_ID, EMAIL = "1-2345-67890-12-3", "somying.j@example.com"
TYPED = f"ท่อแตกหน้าบ้าน โทร 081-234-5678 บัตร {THAI_ID} อีเมล {EMAIL} ไลน์ {LINE_ID}"
STAFF_NOTE = f"โทรหา {NAME} ที่ {PHONE} แล้ว นัดวันพรุ่งนี้"
PLANTED = (NAME, PHONE, LINE_ID, THAI_ID, "1234567890123", EMAIL, "081-234-5678", "0812345678", "5678",
           STAFF_NOTE, "Somying LINE")
URLS = ("/open311/v2/requests.json", "/open311/v2/requests.json?status=open",
        "/open311/v2/requests.json?service_request_id=NMK6811-0001,NMK6811-0002",
        "/open311/v2/requests/NMK6811-0001.json", "/open311/v2/requests/NMK6811-0002.json",
        "/open311/v2/services.json")


def _assert_clean(body: str) -> None:
    _assert_private(body)  # the corruption ticket, the reporter fields (test_open311)
    for secret in PLANTED:
        assert secret not in body and json.dumps(secret)[1:-1] not in body, secret


def test_open311_never_carries_what_citizens_typed_or_staff_wrote(client, engine) -> None:
    add_case(engine, "NMK6811-0001", description=TYPED, landmark=f"หน้าบ้านสีฟ้า โทร {PHONE}",
             contact_mode="given", reporter_name=NAME, reporter_phone=PHONE, reporter_line_id=LINE_ID,
             last_message=f"เรียนคุณ {NAME} ช่างจะเข้าไปวันพรุ่งนี้")
    add_case(engine, "NMK6811-0002", description="ไฟดับ", location_title=f"ร้าน {EMAIL}",
             location_address=f"บ้านเลขที่ 1 โทร {PHONE} บัตร 1234567890123", age=timedelta(hours=2))
    with session_scope(engine) as s:
        s.add(CaseHistory(case_id=1, actor="officer1", kind="note", note=STAFF_NOTE, message=STAFF_NOTE))
        s.add(Follower(user_id=LINE_ID, display_name="Somying LINE"))
    for url in URLS:
        resp = client.get(url)
        assert resp.status_code == 200, url
        _assert_clean(resp.get_data(as_text=True))
    by_id = {r["service_request_id"]: r for r in client.get("/open311/v2/requests.json").get_json()}
    # What was masked is the contact, not the problem: the public still reads what is wrong and where.
    assert by_id["NMK6811-0001"]["description"] == mask_text(TYPED)
    assert by_id["NMK6811-0001"]["description"].startswith("ท่อแตกหน้าบ้าน")
    # A place's address with no sub-district, district or province in it is not published: the name of
    # the place is (masked), as for a dropped pin (test_shared_location_address_is_made_general).
    assert by_id["NMK6811-0002"]["address"] == "ร้าน xxx@xxx"


def test_masking_keeps_ordinary_numbers() -> None:
    kept = "ไฟดับ 3 ต้น หมู่ 5 บ้านเลขที่ 123/4 ปี 2568 งบ 1,500,000 บาท เรื่อง NMK6811-0042 วันที่ 12/10/2568"
    assert mask_text(kept) == kept
    assert mask_text("+66 81 234 5678, 02-123-4567") == "xxx-xxx-xxxx, xxx-xxx-xxxx"


def test_purged_case_publishes_no_more_than_before(app, client, engine) -> None:
    """An anonymised old case is still listed (it is public evidence), with nothing personal either way."""
    old = utcnow() - timedelta(days=800)
    add_case(engine, "NMK6811-0001", description=TYPED, status="resolved", contact_mode="given",
             reporter_name=NAME, reporter_phone=PHONE, reporter_line_id=LINE_ID, created_at=old,
             updated_at=old, closed_at=old, latitude=16.575712, longitude=103.495543,
             location_address=f"99/1 หมู่ 3 {AREA}")
    url = "/open311/v2/requests/NMK6811-0001.json"
    before = client.get(url).get_json()
    result = app.test_cli_runner().invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    after = client.get(url).get_json()
    assert after == before and before[0]["address"] == AREA
    # What is kept of a closed case is what was published: the house number is gone from the database too.
    with session_scope(engine) as s:
        assert s.exec(select(Case.location_address)).scalars().one() == AREA
    _assert_clean(json.dumps(after, ensure_ascii=False))


# --- the ITA evidence -----------------------------------------------------------------------------
# tests/ita/test_export.py plants personal data everywhere and finds none in the XLSX or the PDF. What
# is left to show: forgetting people (the retention purge, a deletion request) changes no figure of
# the evidence already handed in.

def _workbook(engine, settings, tmp_path, name: str) -> dict:
    from bot.ita.export import export_period
    from models import periods
    from tests.ita.files import sheets

    (xlsx,) = export_period(engine, settings, periods.fiscal_year(2569), tmp_path / name, formats=("xlsx",))
    return sheets(xlsx)


def test_ita_evidence_is_the_same_after_the_purge_and_a_deletion_request(app, engine, settings, tmp_path) -> None:
    from models.privacy_erase import erase_person
    from tests.ita import data as ita_data

    ita_data.create(engine)
    before = _workbook(engine, settings, tmp_path, "before")
    result = app.test_cli_runner().invoke(args=["privacy", "purge", "--days", "1"])  # everything finished
    assert result.exit_code == 0 and "complaints: 0" not in result.output, result.output
    assert _workbook(engine, settings, tmp_path, "purged") == before
    with session_scope(engine) as s:
        erase_person(ita_data.LINE_ID, session=s, media=media_files.store(settings, engine),
                     key=settings.secret_key.encode(), actor="admin1", staff_id=None, open_note="-")
    assert _workbook(engine, settings, tmp_path, "erased") == before
