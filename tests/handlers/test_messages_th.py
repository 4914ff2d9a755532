"""messages_th: Thai dates in the Buddhist era, status labels, strings, defaults and Flex templates."""
from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from handlers import ui
from messages_th import defaults, strings
from messages_th.dates import status_label, thai_date, thai_date_short, thai_datetime
from messages_th.flex import cases_carousel, status_bubble, summary_bubble
from messages_th.strings import t
from models.enums import CaseStatus


@pytest.mark.parametrize("d, long, short", [
    (date(2025, 10, 1), "1 ตุลาคม 2568", "1 ต.ค. 68"),
    (date(2026, 9, 30), "30 กันยายน 2569", "30 ก.ย. 69"),
    (date(2024, 2, 29), "29 กุมภาพันธ์ 2567", "29 ก.พ. 67"),
    (date(2043, 1, 5), "5 มกราคม 2586", "5 ม.ค. 86"),
    (date(2057, 12, 31), "31 ธันวาคม 2600", "31 ธ.ค. 00"),
])
def test_thai_dates(d: date, long: str, short: str) -> None:
    assert thai_date(d) == long
    assert thai_date_short(d) == short


def test_datetimes_are_shown_in_bangkok_time() -> None:
    late_utc = datetime(2025, 9, 30, 18, 30, tzinfo=UTC)  # already 1 Oct in Bangkok
    assert thai_date(late_utc) == "1 ตุลาคม 2568"
    assert thai_datetime(late_utc) == "1 ตุลาคม 2568 เวลา 01.30 น."
    assert thai_datetime(late_utc, short=True) == "1 ต.ค. 68 01.30 น."
    naive_utc = datetime(2025, 9, 30, 18, 30)  # the database keeps naive UTC
    assert thai_datetime(naive_utc) == thai_datetime(late_utc)
    other_zone = late_utc.astimezone(timezone(timedelta(hours=-5)))
    assert thai_datetime(other_zone) == thai_datetime(late_utc)


def test_status_labels() -> None:
    expected = {"received": "รับเรื่องแล้ว", "in_progress": "กำลังดำเนินการ", "resolved": "เสร็จสิ้น",
                "forwarded": "ส่งต่อหน่วยงานอื่น", "rejected": "ไม่รับพิจารณา/ยุติเรื่อง",
                "cancelled": "ยกเลิกโดยผู้แจ้ง"}
    for status in CaseStatus:
        assert status_label(status) == expected[status.value] == status_label(status.value)
    assert status_label("mystery") == "mystery"


def test_labels_fit_line() -> None:
    labels = {k: v for k, v in strings.TEXT.items() if k.startswith("qr.")}
    assert len(labels) > 20
    for key, value in labels.items():
        assert 0 < len(value) <= 20, key
    for category in defaults.CATEGORIES:
        assert 0 < len(category["label"]) <= 20, category["name"]


def test_text_placeholders_and_lookup() -> None:
    assert t("greeting", name="เทศบาลตำบลนามะเขือ").startswith("สวัสดีค่ะ เทศบาลตำบลนามะเขือ")
    assert t("no.such.key") == "no.such.key"
    assert t("cx.received", ticket="X") .count("{") == 2  # unknown placeholders stay visible, no error
    for key, value in strings.TEXT.items():
        names = set(re.findall(r"{(\w+)}", value))
        assert t(key, **{n: "v" for n in names}).count("{") == 0, key
        assert ui.utf16_len(value) < 1000, key  # short messages for elderly readers


def test_office_contact_shows_phone_only_when_set() -> None:
    assert "โทร." not in strings.office("เทศบาลตำบลนามะเขือ")
    block = strings.office("เทศบาลตำบลนามะเขือ", "0 4300 0000")
    assert block.startswith("สำนักงานเทศบาลตำบลนามะเขือ") and block.endswith("โทร. 0 4300 0000")


def test_default_divisions_and_categories() -> None:
    """What the seed relies on and a copy of the lists could not check: names that tell one
    division or category from another, keywords that point to one category only, and the
    catch-all category last and alone without keywords."""
    assert len(set(defaults.DIVISIONS)) == len(defaults.DIVISIONS) >= 3
    assert all(d.startswith(("สำนัก", "กอง")) for d in defaults.DIVISIONS), defaults.DIVISIONS
    names = [c["name"] for c in defaults.CATEGORIES]
    labels = [c["label"] for c in defaults.CATEGORIES]
    assert len(set(names)) == len(names) and len(set(labels)) == len(labels)
    assert names[-1] == defaults.OTHER_CATEGORY
    owners: dict[str, str] = {}
    for category in defaults.CATEGORIES:
        assert category["division"] in defaults.DIVISIONS
        assert isinstance(category["keywords"], tuple)
        assert bool(category["keywords"]) == (category["name"] != defaults.OTHER_CATEGORY), category["name"]
        for keyword in category["keywords"]:
            assert owners.setdefault(keyword, category["name"]) == category["name"], keyword
    assert set(defaults.INTENT_KEYWORDS) >= {"complaint", "corruption", "inquiry", "suggestion", "tracking",
                                             "greeting"}


def test_commands_and_words_do_not_clash() -> None:
    from handlers.common import plain

    commands = {plain(c) for c in strings.COMMANDS}
    words = [plain(w) for group in strings.WORDS.values() for w in group]
    assert len(words) == len(set(words)), "a typed word must mean one thing"
    assert not commands & set(words)


def test_summary_bubble_shape() -> None:
    bubble = summary_bubble("สรุป", [("รายละเอียด", "ก" * 5000), ("หมวด", "")], [("ยืนยัน", "cx:ok"),
                                                                                 ("แก้ไข", "cx:edit")])
    assert bubble["type"] == "bubble"
    body_texts = [c["contents"][1]["text"] for c in bubble["body"]["contents"]]
    assert len(body_texts[0]) <= 400 and body_texts[1] == "-"
    buttons = bubble["footer"]["contents"]
    assert [b["action"]["data"] for b in buttons] == ["cx:ok", "cx:edit"]
    assert all("color" not in b or b["color"] for b in buttons)
    assert len(json.dumps(bubble, ensure_ascii=False).encode()) < 30_000
    message = ui.flex("alt", bubble)
    assert ui.problems(message) == []


def test_status_bubble_and_carousel() -> None:
    when = datetime(2025, 10, 1, 3, tzinfo=UTC)
    bubble = status_bubble(ticket="NMK6810-0001", status=CaseStatus.IN_PROGRESS, category="ถนน/ทางเท้า",
                           division="กองช่าง", created_at=when, updated_at=when, due_at=when + timedelta(days=15),
                           last_message="กำลังซ่อม", summary="ถนนเป็นหลุม")
    text = json.dumps(bubble, ensure_ascii=False)
    for expected in ("NMK6810-0001", "กำลังดำเนินการ", "กองช่าง", "16 ต.ค. 2568", "กำลังซ่อม", "ถนนเป็นหลุม"):
        assert expected in text
    secret = status_bubble(ticket="NMKC6810-0001", status="received", kind="corruption", summary="ลับมาก",
                           last_message="ลับ", category="x", division="y")
    assert "ลับมาก" not in json.dumps(secret, ensure_ascii=False)
    done = status_bubble(ticket="T", status="resolved", due_at=when)
    assert "กำหนดแล้วเสร็จ" not in json.dumps(done, ensure_ascii=False)
    carousel = cases_carousel([bubble] * 20)
    assert carousel["type"] == "carousel" and len(carousel["contents"]) == 12
