"""Tracking: my cases, a ticket typed anywhere, and withdrawing an open complaint."""
from __future__ import annotations

import pytest

from handlers.types import CancelCase, State
from models.tickets import find_ticket
from tests.handlers.conftest import Chat, all_text, data_of, effects_of, labels, words_of


def test_my_cases_as_a_carousel(chat: Chat, lookup) -> None:
    for i in range(14):
        lookup.add(chat.user_id, f"NMK6809-{i:04d}", days_ago=i + 1)
    lookup.add("someone-else", "NMK6809-9999")
    out = chat.tap("menu:track")
    carousel = out.replies[-1]
    assert carousel["type"] == "flex" and carousel["contents"]["type"] == "carousel"
    bubbles = carousel["contents"]["contents"]
    assert 0 < len(bubbles) <= 12
    assert bubbles[0]["header"]["contents"][0]["text"] == "NMK6809-0000"  # newest first
    assert "NMK6809-9999" not in all_text(out)
    tickets = [d for d in data_of(out) if d.startswith("tr:case:")]
    assert tickets[0] == "tr:case:NMK6809-0000" and len(data_of(out)) <= 13
    assert chat.state == State.idle()


def test_my_cases_when_there_are_none(chat: Chat) -> None:
    out = chat.text("เรื่องของฉัน")
    assert "ยังไม่พบ" in all_text(out) and "menu:complaint" in data_of(out)


def test_ticket_in_a_sentence(chat: Chat, lookup) -> None:
    lookup.add("other-citizen", "NMK6810-0042", status="in_progress", last_message="ช่างจะเข้าซ่อมวันศุกร์")
    out = chat.text("เรื่อง nmk6810-0042 ถึงไหนแล้วคะ")
    assert ("find_case", "NMK6810-0042", chat.user_id) in lookup.calls
    text = all_text(out)
    for expected in ("NMK6810-0042", "กำลังดำเนินการ", "ถนน/ทางเท้า", "กองช่าง", "ช่างจะเข้าซ่อมวันศุกร์",
                     "30 ก.ย. 2568 เวลา 15.00 น."):  # last update: a short month, the whole BE year
        assert expected in text
    assert "tr:cancel:NMK6810-0042" not in data_of(out)  # not theirs: no cancel


def test_status_bubble_dates(chat: Chat, lookup) -> None:
    lookup.add(chat.user_id, "NMK6809-0001", days_ago=3)
    out = chat.tap("tr:case:NMK6809-0001")
    text = all_text(out)
    assert "28 ก.ย. 2568" in text  # created 3 days before 1 Oct 2025
    assert "13 ต.ค. 2568" in text  # due 15 days after
    assert "รับเรื่องแล้ว" in text


def test_unknown_ticket(chat: Chat) -> None:
    out = chat.text("NMK6801-0001")
    assert "ไม่พบ" in all_text(out) and chat.state == State.idle()


def test_cancel_own_open_complaint_after_confirming(chat: Chat, lookup) -> None:
    lookup.add(chat.user_id, "NMK6810-0005")
    out = chat.text("NMK6810-0005")
    assert "tr:cancel:NMK6810-0005" in data_of(out)
    out = chat.tap("tr:cancel:NMK6810-0005")
    assert not out.effects and data_of(out) == ["tr:yes:NMK6810-0005", "tr:keep:NMK6810-0005"]
    # The same answers as buttons in the message itself: LINE for PC shows no quick replies.
    [asked] = out.replies
    assert asked["type"] == "flex" and "ต้องการยกเลิกเรื่อง NMK6810-0005" in asked["altText"]
    assert [b["action"]["data"] for b in asked["contents"]["footer"]["contents"]] == data_of(out)
    out = chat.tap("tr:keep:NMK6810-0005")
    assert not out.effects
    out = chat.tap("tr:yes:NMK6810-0005")
    assert effects_of(out, CancelCase) == [CancelCase("NMK6810-0005")]
    assert "ยกเลิกเรื่อง NMK6810-0005 แล้ว" in all_text(out)


@pytest.mark.parametrize("owner, status, kind", [("other", "received", "complaint"),
                                                 ("mine", "resolved", "complaint"),
                                                 ("mine", "received", "corruption")])
def test_cannot_cancel(chat: Chat, lookup, owner: str, status: str, kind: str) -> None:
    lookup.add(chat.user_id if owner == "mine" else "U-other", "NMK6810-0009", status=status, kind=kind)
    out = chat.tap("tr:yes:NMK6810-0009")
    assert not effects_of(out, CancelCase)
    assert "ไม่ได้" in all_text(out)


def test_corruption_report_shows_no_details(chat: Chat, lookup) -> None:
    lookup.add(chat.user_id, "NMKC6810-0001", kind="corruption", summary="นายทดสอบเรียกเงิน",
               category="", division="", last_message="ผลการสอบสวนลับ")
    out = chat.text("NMKC6810-0001")
    text = all_text(out)
    assert "NMKC6810-0001" in text and "ความลับ" in text
    assert "นายทดสอบ" not in text and "ผลการสอบสวนลับ" not in text
    assert "tr:cancel:NMKC6810-0001" not in data_of(out)
    out = chat.tap("menu:track")
    assert "นายทดสอบ" not in all_text(out)


def test_someone_elses_corruption_report_is_not_found(chat: Chat, lookup) -> None:
    lookup.add("U-other", "NMKC6810-0002", kind="corruption")
    out = chat.text("NMKC6810-0002")
    assert "ไม่พบ" in all_text(out)


def test_bad_tracking_buttons(chat: Chat) -> None:
    for data in ("tr:case:", "tr:case:<script>", "tr:zap:NMK6810-0001", "tr"):
        out = chat.tap(data)
        assert not out.effects and out.replies and chat.state == State.idle()


def test_quick_reply_labels_fit(chat: Chat, lookup) -> None:
    lookup.add(chat.user_id, "NMKLONGPREFIX6810-000000000001")
    out = chat.tap("menu:track")
    assert all(0 < len(label) <= 20 for label in labels(out))
    assert "NMKLONGPREFIX6810-000000000001" in words_of(out.replies[-1]["contents"])


@pytest.mark.parametrize("text, ticket", [
    ("NMK6811-0042", "NMK6811-0042"),
    ("ขอติดตามเรื่องnmkc6811-0001ค่ะ", "NMKC6811-0001"),
    ("เลขที่ NMK6811-12345 ครับ", "NMK6811-12345"),
    ("โทร 081-2345678", None),
    ("NMK681-0042", None),
    ("NMK6811-004", "NMK6811-0004"),  # the leading zeros left out
    ("NMK๖๙๑๒-๐๐๐๑", "NMK6912-0001"),  # Thai digits
    ("NMK 6912-0001", "NMK6912-0001"),
    ("nmk6912-1", "NMK6912-0001"),
    ("เรื่อง nmkc ๖๙๑๒-๒ ค่ะ", "NMKC6912-0002"),
    ("6912-0001", "NMK6912-0001"),  # no letters: the municipality's prefix
    ("เลข ๖๙๑๒-๐๐๐๑ ครับ", "NMK6912-0001"),
    ("0812-345678", None),  # a phone number, not a ticket without letters
    ("02-1012-3456", None),
    ("6913-0001", None),  # no 13th month
    ("2566-05-17", None),
])
def test_ticket_pattern(text: str, ticket: str | None) -> None:
    assert find_ticket(text, "NMK") == ticket


def test_a_number_without_letters_needs_the_prefix() -> None:
    assert find_ticket("6912-0001") is None and find_ticket("6912-0001", "ABC") == "ABC6912-0001"


@pytest.mark.parametrize("typed", ["NMK๖๙๑๒-๐๐๐๑", "NMK 6912-0001", "6912-0001", "nmk6912-1"])
def test_a_ticket_typed_as_people_type_it_is_found(chat: Chat, lookup, typed: str) -> None:
    """The trial: each of these was not found, or not even seen as a ticket."""
    lookup.add(chat.user_id, "NMK6912-0001", status="in_progress")
    out = chat.text(typed)
    assert ("find_case", "NMK6912-0001", chat.user_id) in lookup.calls
    assert "NMK6912-0001" in all_text(out) and "กำลังดำเนินการ" in all_text(out)


def test_a_corruption_ticket_typed_in_thai_digits_is_found(chat: Chat, lookup) -> None:
    lookup.add(chat.user_id, "NMKC6912-0003", kind="corruption")
    chat.text("nmkc๖๙๑๒-๓")
    assert ("find_case", "NMKC6912-0003", chat.user_id) in lookup.calls


def test_a_ticket_typed_with_a_space_mid_complaint_shows_it_and_keeps_the_draft(chat: Chat, lookup) -> None:
    lookup.add(chat.user_id, "NMK6912-0001")
    chat.text("ไฟถนนหน้าวัดดับ")
    flow = chat.state.flow
    out = chat.text("NMK 6912-1")
    assert "NMK6912-0001" in all_text(out) and chat.state.flow == flow == "complaint"


@pytest.mark.parametrize("typed", ["ติดตามเรื่อง", "ติดตามเรื่องค่ะ", "เรื่องของฉัน"])
def test_tracking_words_list_my_cases(chat: Chat, lookup, typed: str) -> None:
    lookup.add(chat.user_id, "NMK6810-0011")
    out = chat.text(typed)
    assert "tr:case:NMK6810-0011" in data_of(out) and chat.state == State.idle()
