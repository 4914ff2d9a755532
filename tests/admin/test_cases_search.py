"""The Thai word index behind the queue's search, and the helpers that make cases for the queue tests."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from models.case_queries import QueueFilter, queue_page, ticket_query
from models.complaint import Case
from models.db import session_scope, utcnow
from models.search import CaseWord, index_case, query_words, words_of
from tests.admin.cases import make_case, search


def test_words_of_thai_text_include_the_parts_of_compounds() -> None:
    words = words_of("ไฟถนนหน้าบ้านดับมา 3 วันแล้วค่ะ มืดมาก")
    assert {"ไฟถนน", "ไฟ", "ถนน", "หน้าบ้าน", "หน้า", "บ้าน", "ดับ", "มืด", "3"} <= words
    assert not {"แล้ว", "ค่ะ", "มา", " "} & words  # stop words and spaces are not indexed
    assert "บ้า" not in words  # not a part: บ้า + น is no segmentation of บ้าน


def test_query_words_drop_stop_words_and_normalise() -> None:
    assert set(query_words("ไฟถนน ที่ หน้าบ้าน")) == {"ไฟถนน", "หน้าบ้าน"}
    assert query_words("ที่ และ") == []
    assert query_words("HELLO") == ["hello"]
    assert ticket_query(" nmk6811-0042 ") == "NMK6811-0042" and ticket_query("ถนน 6811") is None


def test_search_finds_cases_by_thai_words_with_and(engine) -> None:
    light = make_case(engine, "ไฟถนนหน้าบ้านดับมา 3 วันแล้วค่ะ", category="ไฟฟ้าสาธารณะ")
    road = make_case(engine, "ถนนเป็นหลุมใหญ่ รถล้มบ่อย")
    rubbish = make_case(engine, "ขยะไม่มีคนเก็บ ส่งกลิ่นเหม็น", category="ขยะ/ความสะอาด")
    assert set(search(engine, "ถนน")) == {light, road}  # "ถนน" inside the compound "ไฟถนน" too
    assert search(engine, "ไฟดับ") == [light]
    assert search(engine, "ถนน หลุม") == [road]  # every word must be there
    assert search(engine, "ขยะเหม็น") == [rubbish]
    assert search(engine, "น้ำประปาไม่ไหล") == []
    assert search(engine, "ที่") == []  # only stop words: nothing, not everything
    assert search(engine, road.lower()) == [road]  # a ticket number, in any case
    assert search(engine, "ถนน", category_id=None, status="resolved") == []


def test_location_words_are_searchable_but_contact_data_is_not(engine) -> None:
    ticket = make_case(engine, "น้ำท่วมขัง", location_title="ตลาดสดนามะเขือ", reporter_name="สมศรี มีสุข",
                       reporter_phone="0812345678", contact_mode="given")
    assert search(engine, "ตลาดสด") == [ticket]
    assert search(engine, "สมศรี") == [] and search(engine, "0812345678") == []


def test_index_case_fills_and_rewrites_a_case_s_words(engine) -> None:
    old = make_case(engine, "ท่อระบายน้ำอุดตัน", index=False)
    assert search(engine, "ท่อระบายน้ำ") == []
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.ticket == old)).scalars().one()
        index_case(case, session=s)
        index_case(case, session=s)  # again: the same words, not twice (checked below)
    assert search(engine, "ท่อระบายน้ำ") == [old] == search(engine, "อุดตัน")
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.ticket == old)).scalars().one()
        case.description = "สุนัขจรจัดกัดเด็ก"
        index_case(case, session=s)
    assert search(engine, "อุดตัน") == [] and search(engine, "สุนัข") == [old]
    with session_scope(engine) as s:
        rows = s.exec(select(CaseWord.word)).scalars().all()
    assert len(rows) == len(set(rows))


def test_deleting_a_case_deletes_its_words(engine) -> None:
    """PDPA erasure: the words of a deleted complaint go with it (ON DELETE CASCADE)."""
    ticket = make_case(engine, "เสียงดังจากโรงงานทั้งคืน", category="เหตุเดือดร้อนรำคาญ (เสียง กลิ่น ควัน การเผา)")
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.ticket == ticket)).scalars().one()
        from models.complaint import CaseHistory
        for h in s.exec(select(CaseHistory).where(CaseHistory.case_id == case.id)).scalars():
            s.delete(h)
        s.flush()
        s.delete(case)
    with session_scope(engine) as s:
        assert s.exec(select(CaseWord)).first() is None


def test_search_pages_through_many_matches_newest_first(engine) -> None:
    start = utcnow() - timedelta(days=3)
    tickets = [make_case(engine, f"ไฟฟ้าดับ ซอย {i}", created_at=start + timedelta(minutes=i)) for i in range(7)]
    seen: list[str] = []
    after = None
    with session_scope(engine) as s:
        while True:
            page = queue_page(QueueFilter(q="ไฟฟ้าดับ"), session=s, now=utcnow(), after=after, size=3)
            seen += [r.ticket for r in page.rows]
            if not page.next_cursor:
                break
            after = page.next_cursor
    assert seen == list(reversed(tickets))


def test_a_case_filed_in_line_is_indexed_when_created(client, worker, fake_line, engine) -> None:
    from tests.citizen import Citizen, file_street_light_complaint

    ticket = file_street_light_complaint(Citizen(client, worker, fake_line))
    assert search(engine, "ไฟถนน") == [ticket]
