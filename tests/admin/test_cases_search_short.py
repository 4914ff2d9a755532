"""Queue search by a short ticket number as read out on the phone, and by a category name word."""
from __future__ import annotations

from sqlalchemy import select

from models.case_queries import (
    QueueFilter,
    queue_page,
    resolve,
    short_ticket_candidates,
    status_counts,
)
from models.complaint import Case, Category, TicketCounter
from models.db import session_scope, utcnow
from tests.admin.cases import make_case, search
from tests.admin.pages import listed


def _ticket(engine, ticket: str, new: str) -> str:
    """Gives a test case a ticket of another month, and records the month as next_ticket would."""
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.ticket == ticket)).scalars().one()
        case.ticket = new
        key, _, seq = new.rpartition("-")
        row = s.get(TicketCounter, key)
        if row is None:
            s.add(TicketCounter(key=key, last=int(seq)))
        else:
            row.last = max(row.last, int(seq))
    return new


def test_short_ticket_numbers_find_the_cases_ending_with_them(engine) -> None:
    a = _ticket(engine, make_case(engine, "ถนนพัง"), "NMK6911-0001")
    b = _ticket(engine, make_case(engine, "น้ำไม่ไหล"), "NMK6912-0001")
    c = _ticket(engine, make_case(engine, "ไฟดับ"), "NMK6912-0002")
    assert set(search(engine, "0001")) == {a, b}
    assert search(engine, "6911-0001") == [a]
    assert search(engine, " 6912-0002 ") == [c]
    assert search(engine, "69120002") == [c]
    assert search(engine, "6910-0001") == []  # a month with no such case: nothing (no word matches)
    assert search(engine, "0001", status="resolved") == []  # other filters still apply
    assert search(engine, "nmk6911-0001") == [a]  # the whole ticket still works
    with session_scope(engine) as s:
        counts = status_counts(QueueFilter(q="0001"), session=s, now=utcnow())
        assert counts.by_status["received"] == 2
        # Candidates come from the months ever numbered: lookups on the unique ticket index.
        assert sorted(short_ticket_candidates("0001", session=s)) == ["NMK6911-0001", "NMK6912-0001"]
        assert short_ticket_candidates("0003", session=s) == []  # no month went that far
        assert short_ticket_candidates("ถนน", session=s) == []


def test_a_category_name_word_finds_the_cases_of_that_category(engine) -> None:
    lamp = make_case(engine, "หน้าบ้านมืดมากตอนกลางคืน", category="ไฟฟ้าสาธารณะ")  # the text never says ไฟฟ้า
    wire = make_case(engine, "สายไฟฟ้าห้อยต่ำ", category="ถนน/ทางเท้า")  # the word in the text
    road = make_case(engine, "ถนนเป็นหลุม")
    found = search(engine, "ไฟฟ้า")
    assert set(found) == {lamp, wire} and len(found) == 2  # each once
    assert road not in found
    assert search(engine, "ไฟฟ้า", status="resolved") == []
    with session_scope(engine) as s:
        ids = resolve(QueueFilter(q="ไฟฟ้า"), session=s).category_ids
        names = set(s.exec(select(Category.name).where(Category.id.in_(ids))).scalars())
        assert names == {"ไฟฟ้าสาธารณะ"}
        assert status_counts(QueueFilter(q="ไฟฟ้า"), session=s, now=utcnow()).by_status["received"] == 2


def test_a_category_search_pages_without_repeats(engine) -> None:
    tickets = {make_case(engine, f"โคมไฟเสีย จุดที่ {i}", category="ไฟฟ้าสาธารณะ") for i in range(7)}
    tickets.add(make_case(engine, "ไฟฟ้าดับทั้งซอย"))
    seen: list[str] = []
    after = None
    with session_scope(engine) as s:
        while True:
            page = queue_page(QueueFilter(q="ไฟฟ้า"), session=s, now=utcnow(), after=after, size=3)
            seen += [r.ticket for r in page.rows]
            if not page.next_cursor:
                break
            after = page.next_cursor
    assert len(seen) == len(set(seen)) == 8 and set(seen) == tickets


def test_staff_search_reads_a_ticket_the_way_citizens_type_it(engine, as_role) -> None:
    # The same reader as the chat (models/tickets.py): a space after the letters, lower case, the
    # sequence without its zeros, Thai digits; each lands on the one ticket, not on a word search.
    made = make_case(engine, "ถนนพัง")
    ticket = _ticket(engine, made, made)  # its month recorded, as next_ticket does
    make_case(engine, "ไฟดับ")
    period, seq = ticket.removeprefix("NMK").split("-")
    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    for typed in (f"nmk {period}-{int(seq)}", ticket, f" {ticket.lower()} ", f"NMK{period.translate(thai)}-{seq.translate(thai)}",
                  f"nmk {period.translate(thai)}-{str(int(seq)).translate(thai)}", f"{period}-{seq}".translate(thai)):
        assert search(engine, typed) == [ticket], typed
    assert listed(as_role("admin"), f"/admin/cases?q=nmk+{period}-{int(seq)}") == [ticket]  # the queue page too
    assert search(engine, f"nmk {period}-{int(seq)} ถนน") == []  # more than a ticket: a word search, as before
