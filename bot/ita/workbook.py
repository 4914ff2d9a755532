"""The XLSX evidence workbook: a summary sheet, one sheet per indicator (5-8) with a column per
month, and the de-identified rows of every complaint, continued on further sheets past Excel's
row limit. All text is Thai (messages_th/ita.py)."""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Iterator

from sqlalchemy import select
from sqlmodel import Session

from bot.ita import sheets
from bot.ita.report import Report
from bot.ita.xlsx_writer import MAX_ROWS, Cell, Workbook, row_xml, text_cell
from messages_th.dates import status_label
from messages_th.ita import tx
from models.complaint import Category, Division
from models.enums import CaseStatus
from models.stats import ANSWERED_STATUSES, DEADLINE_SECONDS
from models.stats_rows import complaint_rows

RAW_WIDTHS = (18, 13, 13, 30, 26, 22, 12, 12)


def write_workbook(report: Report, path: Path, *, session: Session, rows_per_sheet: int = MAX_ROWS - 1) -> int:
    """Write the workbook; returns the number of raw rows. `rows_per_sheet` is lowered by tests."""
    book = Workbook(path)
    try:
        book.add_sheet(tx("sheet.summary"), sheets.summary(report), widths=(12, 58, 16, 16, 14))
        wide = (52, *([11] * len(report.period.months)), 12)
        book.add_sheet(tx("sheet.5"), sheets.indicator5(report), widths=wide)
        book.add_sheet(tx("sheet.6"), sheets.indicator6(report), widths=wide)
        book.add_sheet(tx("sheet.7"), sheets.indicator7(report), widths=wide)
        book.add_sheet(tx("sheet.8"), sheets.indicator8(report), widths=(52, *([16] * max(5, len(report.period.months))), 14))
        total = _raw_sheets(book, report, session, rows_per_sheet)
    finally:
        book.close()
    return total


def _raw_sheets(book: Workbook, report: Report, session: Session, per_sheet: int) -> int:
    rows = _raw_rows_xml(report, session)
    header = row_xml([Cell(tx(k), "header") for k in ("raw.ticket", "raw.received", "raw.closed", "raw.category",
                                                     "raw.division", "raw.status", "raw.days", "raw.on_time")])
    total, part = 0, 1
    while True:
        chunk = itertools.islice(rows, per_sheet)
        first = next(chunk, None)
        if first is None and part > 1:
            return total
        name = tx("sheet.raw") if part == 1 else tx("sheet.raw.more", n=part)
        body = itertools.chain([header], [first] if first is not None else [], chunk)
        total += book.add_sheet_xml(name, body, widths=RAW_WIDTHS, freeze=1) - 1
        if first is None:
            return total
        part += 1


def _raw_rows_xml(report: Report, session: Session) -> Iterator[str]:
    """One <row> string per complaint. Names are looked up in dicts made once and their cells
    escaped once: the loop does no more than one string format per row."""
    categories = {i: text_cell(n) for i, n in session.execute(select(Category.id, Category.name))}
    divisions = {i: text_cell(n) for i, n in session.execute(select(Division.id, Division.name))}
    no_category, no_division = text_cell(tx("c6.no_category")), text_cell(tx("c6.no_division"))
    statuses = {s.value: text_cell(status_label(s.value)) for s in CaseStatus}
    answered = {s.value for s in ANSWERED_STATUSES}
    yes, no, empty = text_cell(tx("yes")), text_cell(tx("no")), "<c/>"
    open_statuses = {CaseStatus.RECEIVED.value, CaseStatus.IN_PROGRESS.value}
    for ticket, received, closed, category, division, status, seconds in complaint_rows(report.period, session=session):
        if closed is None or seconds is None or status in open_statuses:
            closed_cell = days_cell = on_time = empty  # a reopened case keeps an old closed_at: not shown
        else:
            closed_cell = f'<c t="inlineStr"><is><t>{int(closed[:4]) + 543}{closed[4:]}</t></is></c>'
            days_cell = f'<c s="3"><v>{round(seconds / 86400, 1)!r}</v></c>'
            on_time = (yes if seconds <= DEADLINE_SECONDS else no) if status in answered else empty
        yield (f'<row><c t="inlineStr"><is><t>{_escape_ticket(ticket)}</t></is></c>'
               f'<c t="inlineStr"><is><t>{int(received[:4]) + 543}{received[4:]}</t></is></c>{closed_cell}'
               f'{categories.get(category, no_category)}{divisions.get(division, no_division)}'
               f'{statuses.get(status) or text_cell(status)}{days_cell}{on_time}</row>')


def _escape_ticket(ticket: str) -> str:
    # Tickets are letters, digits and "-"; escape anyway should an odd one ever be stored.
    return ticket if ticket.isalnum() or ticket.replace("-", "").isalnum() else \
        ticket.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
