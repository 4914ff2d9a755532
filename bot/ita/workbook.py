"""The XLSX evidence workbook: a summary sheet, one sheet per indicator (5-8) with a column per
month, and the de-identified rows of every complaint, continued on further sheets past Excel's
row limit. All text is Thai (messages_th/ita.py)."""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from sqlalchemy import select
from sqlmodel import Session, col

from bot.ita import sheets
from bot.ita.report import Report
from bot.ita.xlsx_writer import MAX_ROWS, Cell, Workbook, cell_xml, row_xml
from messages_th.dates import status_label
from messages_th.ita import tx
from models.complaint import Category, Division
from models.enums import CaseStatus
from models.periods import BE_OFFSET, Period
from models.stats_rows import complaint_rows

RAW_WIDTHS = (18, 13, 13, 30, 26, 22, 12, 12)
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def write_workbook(report: Report, path: Path, *, session: Session, rows_per_sheet: int = MAX_ROWS - 1,
                   raw: RawPart | None = None) -> int:
    """Write the workbook; returns the number of raw rows. `rows_per_sheet` is lowered by tests.
    `raw`: the raw rows' sheets are in `path` already (write_raw, run beside the figures), the other
    sheets are added to it."""
    if raw is None:
        raw = write_raw(report.period, path, session=session, rows_per_sheet=rows_per_sheet)
    book = Workbook(path, append=True)
    try:
        book.add_sheet(tx("sheet.summary"), sheets.summary(report), widths=(12, 58, 16, 16, 14))
        wide = (52, *([11] * len(report.period.months)), 12)
        book.add_sheet(tx("sheet.5"), sheets.indicator5(report), widths=wide)
        book.add_sheet(tx("sheet.6"), sheets.indicator6(report), widths=wide)
        book.add_sheet(tx("sheet.7"), sheets.indicator7(report), widths=wide)
        book.add_sheet(tx("sheet.8"), sheets.indicator8(report), widths=(52, *([16] * max(5, len(report.period.months))), 14))
        book.adopt(raw.sheets)
    finally:
        book.close()
    return raw.rows


@dataclass(frozen=True)
class RawPart:
    sheets: list[tuple[str, str]]  # (sheet name, file in the zip)
    rows: int


def write_raw(period: Period, path: Path, *, session: Session, rows_per_sheet: int = MAX_ROWS - 1) -> RawPart:
    """Start the workbook at `path` with the de-identified rows' sheets alone: they need the database
    but none of the figures, so `flask ita export` writes them in a second process while the first
    computes the figures (bot/ita/export.py); write_workbook then adds the rest."""
    book = Workbook(path, part="raw")
    try:
        rows = _raw_sheets(book, period, session, rows_per_sheet)
    finally:
        book.part_done()
    return RawPart(book.sheets(), rows)


def _raw_sheets(book: Workbook, period: Period, session: Session, per_sheet: int) -> int:
    rows = _raw_rows_xml(period, session, book.shared_cell)
    header = row_xml([Cell(tx(k), "header") for k in ("raw.ticket", "raw.received", "raw.closed", "raw.category",
                                                     "raw.division", "raw.status", "raw.days", "raw.on_time")]).encode()
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


class _Cells(dict):
    """Cell XML (UTF-8) by value, made on first use: names, days and day counts repeat endlessly."""

    def __init__(self, make, known: dict | None = None) -> None:
        super().__init__(known or {})
        self._make = make

    def __missing__(self, key):
        self[key] = value = self._make(key).encode()
        return value


_ROW = b'<row><c t="inlineStr"><is><t>%s</t></is></c>%s%s%s%s%s%s%s</row>'


def _raw_rows_xml(period: Period, session: Session, shared: Callable[[str], str]) -> Iterator[bytes]:
    """One <row> element per complaint: a few dict lookups and one bytes format per row. Every text
    but the ticket is one of a few hundred (names, days, statuses): a shared string (`shared`)."""
    unknown = lambda key: shared(str(key))  # noqa: E731  (an id added while the export ran)
    empty = b"<c/>"
    categories = _Cells(unknown, {i: shared(n).encode()
                                  for i, n in session.execute(select(col(Category.id), col(Category.name)))})
    divisions = _Cells(unknown, {i: shared(n).encode()
                                 for i, n in session.execute(select(col(Division.id), col(Division.name)))})
    categories[None], divisions[None] = shared(tx("c6.no_category")).encode(), shared(tx("c6.no_division")).encode()
    statuses = _Cells(unknown, {s.value: shared(status_label(s.value)).encode() for s in CaseStatus})
    on_time = {1: shared(tx("yes")).encode(), 0: shared(tx("no")).encode(), None: empty}
    dates = _Cells(lambda day: shared(_date_text(day)), {None: empty})
    days = _Cells(lambda v: cell_xml(Cell(v, "decimal")), {None: empty})
    for ticket, received, closed, category, division, status, handled, in_time in complaint_rows(
            period, session=session):
        if "&" in ticket or "<" in ticket or ">" in ticket:  # never so far: tickets are letters, digits, "-"
            ticket = escape(ticket)
        yield _ROW % (ticket.encode(), dates[received], dates[closed], categories[category], divisions[division],
                      statuses[status], days[handled], on_time[in_time])


def _date_text(day: int) -> str:
    """A Bangkok day number since 1970 -> '2568-10-01' (Buddhist era)."""
    d = date.fromordinal(day + EPOCH_ORDINAL)
    return f"{d.year + BE_OFFSET}-{d.month:02d}-{d.day:02d}"
