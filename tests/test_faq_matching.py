"""FAQ matching quality on the seeded starter FAQ: paraphrased questions find the right entry above the
threshold (settings.faq_min_score), unrelated ones stay below it; the index is built once per edit counter.

This labelled set is what the threshold was tuned on: the lowest right answer and the highest
unrelated text are both printed by the assertion messages when a change moves them."""
from __future__ import annotations

import pytest
from sqlalchemy import event, select

from bot.runtime import faq_index
from bot.runtime.lookup import FAQ_MIN_SCORE, DbLookup
from models.db import session_scope, utcnow
from models.inquiry import Faq

# A citizen's wording -> the start of the FAQ question it should find.
PARAPHRASES = {
    "อยากทราบว่าจ่ายภาษีที่ดินได้ที่ไหนคะ": "ชำระภาษีที่ดินและสิ่งปลูกสร้างได้ที่ไหน",
    "ภาษีบ้านต้องจ่ายภายในเดือนไหน": "ชำระภาษีที่ดินและสิ่งปลูกสร้างได้ที่ไหน",
    "ภาษีที่ดินคิดยังไงครับ": "ภาษีที่ดินและสิ่งปลูกสร้างคิดอย่างไร",
    "บ้านที่อยู่เองต้องเสียภาษีไหมคะ": "บ้านที่อยู่อาศัยเองต้องเสียภาษี",
    "ลืมจ่ายภาษีที่ดิน เลยกำหนดแล้วทำไงดี": "ชำระภาษีล่าช้า",
    "โอนเงินจ่ายภาษีได้ไหม": "ชำระภาษีผ่านช่องทางออนไลน์",
    "ป้ายหน้าร้านต้องเสียภาษีไหมครับ": "ติดป้ายร้านค้าต้องเสียภาษีป้าย",
    "ค่าเก็บขยะเดือนละเท่าไหร่": "ค่าธรรมเนียมเก็บขยะ",
    "รถขยะมาเก็บวันไหนคะ": "รถเก็บขยะมาเก็บวันไหน",
    "ขอถังขยะใบใหม่ได้ไหม": "ขอถังขยะเพิ่ม",
    "หลอดไฟเสียทิ้งที่ไหน": "ทิ้งขยะอันตราย",
    "จะเปิดร้านขายของชำต้องจดทะเบียนพาณิชย์ไหม": "เปิดร้านค้าต้องจดทะเบียนพาณิชย์",
    "อยากเปิดร้านก๋วยเตี๋ยว ต้องขอใบอนุญาตอะไรบ้าง": "ขายอาหารหรือเปิดร้านอาหาร",
    "ปีหน้าแม่อายุครบ 60 จะลงทะเบียนเบี้ยคนแก่ได้ที่ไหน": "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ",
    "ลงทะเบียนเบี้ยยังชีพใช้เอกสารอะไร": "ลงทะเบียนเบี้ยยังชีพต้องใช้เอกสาร",
    "เบี้ยผู้สูงอายุเดือนนี้ยังไม่เข้าบัญชีเลย": "เบี้ยยังชีพเข้าบัญชีวันไหน",
    "ลูกพิการจะขอเบี้ยคนพิการต้องทำยังไง": "คนพิการลงทะเบียนรับเบี้ยความพิการ",
    "จะต่อเติมครัวหลังบ้านต้องขออนุญาตไหม": "ปลูกสร้างบ้านหรือต่อเติมบ้าน",
    "ขออนุญาตสร้างบ้านใช้เอกสารอะไรบ้าง": "ขออนุญาตก่อสร้างต้องใช้เอกสาร",
    "ขอติดตั้งมิเตอร์น้ำประปาใหม่": "ขอติดตั้งน้ำประปา",
    "จ่ายค่าน้ำประปาที่ไหนได้บ้าง": "ชำระค่าน้ำประปา",
    "เทศบาลเปิดกี่โมงคะ": "สำนักงานเทศบาลเปิดทำการ",
    "ขอเบอร์โทรเทศบาลหน่อยครับ": "เบอร์โทรศัพท์ติดต่อเทศบาล",
    "อยากยืมเต็นท์ไปจัดงานบวช": "ขอใช้สถานที่ เต็นท์",
    "หมาที่บ้านจะฉีดวัคซีนพิษสุนัขบ้าได้ที่ไหน": "ฉีดวัคซีนพิษสุนัขบ้า",
    "ศูนย์เด็กเล็กเปิดรับสมัครเมื่อไหร่": "ศูนย์พัฒนาเด็กเล็ก",
    # written after the threshold was chosen, and passed without changing the FAQ
    "ร้านอาหารเล็กๆ ต้องมีใบอนุญาตไหม": "ขายอาหารหรือเปิดร้านอาหาร",
    "ขอยืมโต๊ะเก้าอี้จัดงานศพ": "ขอใช้สถานที่ เต็นท์",
    "ขายของตลาดนัดต้องขออนุญาตไหม": "ตั้งแผงลอยหรือขายของริมทาง",
    "ยุงเยอะมาก ขอพ่นยาได้ไหม": "ขอให้ฉีดพ่นหมอกควันกำจัดยุง",
    "น้ำประปาขุ่นแจ้งใคร": "น้ำประปาไม่ไหล",
    "จะทำบัตรคนพิการต้องไปไหน": "ยังไม่มีบัตรประจำตัวคนพิการ",
    "ขอน้ำใช้หน้าแล้ง": "ขอรถบรรทุกน้ำ",
    "ขอบ้านเลขที่ใหม่": "ขอเลขที่บ้านใหม่",
    "มีเงินช่วยเด็กแรกเกิดไหม": "ลงทะเบียนเงินอุดหนุนเด็กแรกเกิด",
    "ปิดร้านแล้วต้องแจ้งไหม": "เลิกกิจการหรือเปลี่ยนแปลงรายการทะเบียนพาณิชย์",
    # typed into the chat simulator in the issue 4 trial: the payment day lost to the registration
    # entry (BM25 alone ranked "elderly" repeated above the question fully covered), and an
    # account number for the garbage fee fell below the threshold
    "เบี้ยผู้สูงอายุได้วันไหน": "เบี้ยยังชีพเข้าบัญชีวันไหน",
    "เงินคนแก่เข้าวันไหนคะ": "เบี้ยยังชีพเข้าบัญชีวันไหน",
    "ขอเลขบัญชีโอนค่าขยะ": "ค่าธรรมเนียมเก็บขยะ",
    "ขอเลขบัญชีโอนค่าภาษีที่ดินค่ะ": "ชำระภาษีผ่านช่องทางออนไลน์",
    "ภาษีที่ดินต้องจ่ายเมื่อไหร่คะ": "ชำระภาษีที่ดินและสิ่งปลูกสร้างได้ที่ไหน",
}
UNRELATED = [
    "พรุ่งนี้ฝนจะตกไหม", "ราคาทองวันนี้เท่าไหร่", "ทีมฟุตบอลไหนชนะเมื่อวาน", "สูตรทำต้มยำกุ้ง", "อยากกินส้มตำ",
    "รถไฟไปกรุงเทพออกกี่โมง", "หวยออกวันไหน", "ขอสมัครบัตรเครดิต", "วิธีเล่นเกมออนไลน์", "วันนี้ฝนตกไหมคะ",
    "ราคาน้ำมันวันนี้", "ดูดวงวันนี้", "ขอเบอร์หมอ",
]


@pytest.fixture
def lookup(engine):
    with session_scope(engine) as s:
        yield DbLookup(s)


def test_paraphrases_find_the_right_entry_above_the_threshold(lookup) -> None:
    assert len(PARAPHRASES) >= 20
    wrong, scores = [], []
    for text, expected in PARAPHRASES.items():
        match = lookup.faq_match(text)
        if match is None or not match.question.startswith(expected) or not match.confident:
            wrong.append((text, match and (match.question, match.score)))
        scores.append(match.score if match else 0.0)
    assert not wrong, wrong
    assert min(scores) >= FAQ_MIN_SCORE, min(scores)


def test_unrelated_texts_stay_below_the_threshold(lookup) -> None:
    assert len(UNRELATED) >= 5
    above = [(text, m.question, m.score) for text in UNRELATED if (m := lookup.faq_match(text)) and m.confident]
    assert not above, above
    assert lookup.faq_match("") is None and lookup.faq_match("ค่ะ ครับ ?") is None


def test_the_index_is_built_once_per_edit_counter(engine) -> None:
    with session_scope(engine) as s:
        first = faq_index.index_for(s)
        assert faq_index.index_for(s) is first  # no rebuild per message
        entry = s.exec(select(Faq).order_by(Faq.id)).scalars().first()
        entry.question, entry.updated_at = "ขอจองคิวรถดูดส้วมของเทศบาล", utcnow()  # staff edit one entry
        s.add(entry)
        s.flush()
        rebuilt = faq_index.index_for(s)
        assert rebuilt is not first
        assert DbLookup(s).faq_match("จองรถดูดส้วม").id == entry.id
        entry.active = False  # switched off: never offered again
        s.add(entry)
        s.flush()
        assert DbLookup(s).faq_match("จองรถดูดส้วม") is None or DbLookup(s).faq_match("จองรถดูดส้วม").id != entry.id


def test_the_threshold_is_a_setting(engine) -> None:
    with session_scope(engine) as s:
        strict, loose = DbLookup(s, faq_min_score=0.99), DbLookup(s, faq_min_score=0.1)
        text = "ป้ายหน้าร้านต้องเสียภาษีไหมครับ"
        assert strict.faq_match(text).score == loose.faq_match(text).score
        assert loose.faq_match(text).confident and not strict.faq_match(text).confident


def test_a_lookup_given_no_counter_reads_it_once_and_sees_an_edit_made_before_it(engine) -> None:
    """Staff paths and tools pass no edit counter (the worker reads it with the event): the lookup reads
    it, one statement, and the categories and the FAQ index then come from the cache while unchanged."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    with session_scope(engine) as s:
        DbLookup(s).categories()
        faq_index.index_for(s)  # both cached at this counter
        event.listen(engine, "before_cursor_execute", count)
        try:
            lookup = DbLookup(s)
            assert lookup.categories()
            match = lookup.faq_match("เทศบาลเปิดกี่โมงคะ")
            assert match is not None and match.confident
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert len(statements) == 1 and "config_version" in statements[0], statements
        entry = s.exec(select(Faq).order_by(Faq.id)).scalars().first()
        entry.question, entry.updated_at = "ขอจองคิวรถดูดส้วมของเทศบาล", utcnow()
        s.add(entry)
        s.flush()
        lookup = DbLookup(s)
        assert lookup.categories() and lookup.faq_match("จองรถดูดส้วม").id == entry.id
        assert faq_index.index_for(s, lookup._counter()) is faq_index.index_for(s)  # one counter, one index
