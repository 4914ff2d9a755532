"""The staff queue of complaints: filters, keyset pages and capped counts per status.

Built to stay fast with a million cases on SQLite and PostgreSQL: a page is read in order from one
index and stops at the page size (never OFFSET, never COUNT(*) over the table); counts per status
stop at COUNT_CAP. Where one index cannot give the order (several statuses at once), each status is
read on its own and the pages are merged here. A search walks the postings of its rarest word.

Over 250 lines on purpose: the filter, the keyset walk and the capped counts share one set of
conditions (`conditions`, `statuses_of`, `search_words`); apart, they would import one another.
"""
from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, false, func, literal, or_, select, union
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from messages_th.dates import BANGKOK
from models.complaint import Case, Category, Division, TicketCounter
from models.enums import OPEN_STATUSES, CaseStatus
from models.search import CaseWord, clean_text, query_words, walk_postings
from models.staff import Staff
from models.thai_text import ascii_digits
from models.tickets import find, without_ticket

PAGE_SIZE = 25
COUNT_CAP = 10_000  # tabs say "10,000+" beyond this: exact totals are the dashboard's job
SEARCH_COUNT_CAP = 1_000  # a search's matches are counted by walking them: fewer
SORTS = ("newest", "oldest", "due")
MAX_ID = 2**31 - 1  # ids are 32-bit on PostgreSQL: a bigger one in a URL must not reach the database
OPEN = tuple(s.value for s in CaseStatus if s in OPEN_STATUSES)
OPEN_TAB = "open"  # the "not finished" tab: every open status (the queue's default)


@dataclass(frozen=True)
class QueueFilter:
    status: str | None = None  # a CaseStatus, OPEN_TAB, or None for every status
    category_id: int | None = None
    division_id: int | None = None
    date_from: date | None = None  # inclusive, Bangkok calendar day
    date_to: date | None = None  # inclusive
    overdue: bool = False  # open and past due_at
    q: str = ""  # a ticket number, or words that must all be in the case
    sort: str = "newest"  # newest | oldest | due (open cases only, unless a status is chosen)
    # Set by the view from the viewer's roles, never from the request: an officer's own division.
    scoped: bool = False
    scope_division_id: int | None = None
    # Set by resolve() from q, never from the request: the whole tickets a short ticket number stands
    # for, and the categories whose name the search text is part of.
    tickets: tuple[str, ...] = ()
    category_ids: tuple[int, ...] = ()


@dataclass
class QueueRow:
    ticket: str
    status: str
    created_at: datetime
    due_at: datetime | None
    summary: str
    category: str
    division: str
    overdue: bool
    assignee: str = ""  # the officer the case was assigned to, by name


@dataclass
class QueuePage:
    rows: list[QueueRow]
    next_cursor: str | None  # the page after this one, or None at the end
    prev_cursor: str | None  # the page before, or None on the first page
    words: list[str]  # the words a search looked for


def ticket_query(q: str) -> str | None:
    """A search that is a whole ticket number is looked up as one, read as the citizens' tickets are
    (models/tickets.py): "nmk 6912-1", Thai digits and the C and S series all land on the ticket."""
    found = find(q)
    return found.ticket if found and not without_ticket(q).strip() else None


SHORT_TICKET = re.compile(r"^(?:(\d{4})[-\s]?)?(\d{4,6})$")  # "0001", "6911-0001", "69110001"


def short_ticket_candidates(q: str, *, session: Session) -> list[str]:
    """The whole tickets a number read out on the phone may stand for: "0001" is the case 0001 of
    any month, "6911-0001" that of 6911, whatever the prefix. Built from ticket_counter (one row per
    prefix and month ever used: a few dozen a year), so the search is a handful of lookups on the
    unique ticket index instead of a scan for LIKE '%0001'."""
    m = SHORT_TICKET.match(ascii_digits(q).strip())
    if m is None:
        return []
    period, seq = m[1], int(m[2])
    if seq == 0:
        return []
    keys = session.execute(select(col(TicketCounter.key)).where(col(TicketCounter.last) >= seq)).scalars()
    return [f"{k}-{seq:04d}" for k in keys if period is None or k.endswith(period)]


def category_matches(q: str, *, session: Session) -> tuple[int, ...]:
    """Categories whose name contains the search text ("ไฟฟ้า" is in "ไฟฟ้าสาธารณะ"); spaces and
    case aside. The category table is a few dozen rows, read whole."""
    text = "".join(clean_text(q).split())
    if len(text) < 2:
        return ()
    rows = session.execute(select(col(Category.id), col(Category.name))).all()
    return tuple(i for i, name in rows if text in "".join(clean_text(name).split()))


def resolve(f: QueueFilter, *, session: Session) -> QueueFilter:
    """The filter with what its search text stands for looked up: a short ticket number that some
    case has becomes those tickets (no word search then); otherwise the matching categories are
    searched besides the words."""
    if not f.q.strip() or ticket_query(f.q):
        return f
    candidates = short_ticket_candidates(f.q, session=session)
    if candidates:
        found = tuple(session.execute(select(col(Case.ticket)).where(col(Case.ticket).in_(candidates))).scalars())
        if found:
            return replace(f, tickets=found)
    return replace(f, category_ids=category_matches(f.q, session=session))


def search_words(f: QueueFilter) -> list[str]:
    return query_words(f.q) if f.q.strip() and not ticket_query(f.q) and not f.tickets else []


def _day_start(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=BANGKOK).astimezone(UTC)  # staff type Thai calendar days


def statuses_of(f: QueueFilter) -> list[str]:
    """The statuses the filter keeps ([] for all): one, the open ones (their tab, overdue, by deadline)."""
    statuses = (list(OPEN) if f.status == OPEN_TAB else [f.status] if f.status
                else list(OPEN) if (f.overdue or f.sort == "due") else [])
    return [s for s in statuses if s in OPEN] if f.overdue else statuses


def conditions(f: QueueFilter, *, now: datetime) -> list[ColumnElement[bool]]:
    """Everything but the words of a search (those decide how the rows are walked, see queue_page)."""
    statuses = statuses_of(f)
    if (f.overdue and not statuses) or (f.scoped and not f.scope_division_id):
        return [false()]  # decided here, so the database never scans to find nothing
    conds: list[ColumnElement[bool]] = [col(Case.status).in_(statuses)] if statuses else []
    if f.scoped:
        conds.append(col(Case.division_id) == f.scope_division_id)
    if f.category_id:
        conds.append(col(Case.category_id) == f.category_id)
    if f.division_id:
        conds.append(col(Case.division_id) == f.division_id)
    if f.date_from:
        conds.append(col(Case.created_at) >= _day_start(f.date_from))
    if f.date_to:
        conds.append(col(Case.created_at) < _day_start(f.date_to + timedelta(days=1)))
    if f.overdue:
        conds.append(col(Case.due_at) < now)
    if f.q.strip():
        ticket = ticket_query(f.q)
        if ticket:
            conds.append(col(Case.ticket) == ticket)
        elif f.tickets:
            conds.append(col(Case.ticket).in_(f.tickets))
        elif not query_words(f.q) and not f.category_ids:
            return [false()]  # only words that say nothing ("ที่", "และ"): no case, rather than all
    return conds


# --- cursors: "<microseconds since 1970>.<id>" of the last row shown ---------------------------------

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def encode_cursor(value: datetime, ident: int) -> str:
    # Integer arithmetic: a float timestamp can lose the last microsecond, and with it a row.
    return f"{(value.replace(tzinfo=value.tzinfo or UTC) - EPOCH) // MICROSECOND}.{ident}"


def decode_cursor(raw: str | None) -> tuple[datetime, int] | None:
    """None for a missing or malformed cursor: the first page, never an error."""
    try:
        micros, ident = (raw or "").split(".")
        value, number = EPOCH + int(micros) * MICROSECOND, int(ident)
    except (ValueError, OverflowError):
        return None
    return (value, number) if 0 <= number <= MAX_ID else None


def _beyond(col: Any, ident_col: Any, ascending: bool, value: Any, ident: int) -> ColumnElement[bool]:
    """Rows after (value, ident) in this order, written as `col <= v AND (col < v OR id < i)` so
    that both planners use the column's index for the range."""
    if ascending:
        return and_(col >= value, or_(col > value, ident_col > ident))
    return and_(col <= value, or_(col < value, ident_col < ident))


# --- pages ---------------------------------------------------------------------------------------

ROW = (col(Case.id), col(Case.ticket), col(Case.status), col(Case.created_at), col(Case.due_at),
       col(Case.description), col(Category.name), col(Division.name), col(Staff.display_name), col(Staff.username))


def _with_names(stmt: Any) -> Any:
    return (stmt.outerjoin(Category, Category.id == Case.category_id)
            .outerjoin(Division, Division.id == Case.division_id)
            .outerjoin(Staff, Staff.id == Case.assigned_staff_id))


def _walk(f: QueueFilter, *, session: Session, now: datetime, cursor: tuple[datetime, int] | None,
          ascending: bool, limit: int) -> tuple[list[Any], list[str]]:
    """Up to `limit` rows after the cursor, in walk order; each row ends with its (key, id)."""
    conds = conditions(f, now=now)
    words = search_words(f)
    if words or f.category_ids:
        # A search walks the rarest word's postings in case-number order (the order cases were
        # filed in): an index range that stops at the page size, however common the other words are.
        # Cases of a matching category are read in the same order (Case.id) and merged.
        branches = []
        key = col(CaseWord.case_id)
        stmt = walk_postings([*ROW, key, key], words, session=session, cap=COUNT_CAP) if words else None
        if stmt is not None:
            stmt = _with_names(stmt).where(*conds)
            if cursor:
                stmt = stmt.where(key > cursor[1] if ascending else key < cursor[1])
            stmt = stmt.order_by(key.asc() if ascending else key.desc()).limit(limit)
            branches.append(list(session.execute(stmt).all()))
        if f.category_ids:
            stmt = _with_names(select(*ROW, col(Case.id), col(Case.id))).where(*conds, col(Case.category_id).in_(f.category_ids))
            if cursor:
                stmt = stmt.where(col(Case.id) > cursor[1] if ascending else col(Case.id) < cursor[1])
            stmt = stmt.order_by(col(Case.id).asc() if ascending else col(Case.id).desc()).limit(limit)
            branches.append(list(session.execute(stmt).all()))
        merged = heapq.merge(*branches, key=lambda r: r[-1], reverse=not ascending)
        seen: set[int] = set()
        rows = []
        for r in merged:  # a case both found by a word and of a matching category: once
            if r[0] not in seen:
                seen.add(r[0])
                rows.append(r)
        return rows[:limit], words
    # Overdue cases are walked by deadline (due = filed + 15 days, so the same order as filing):
    # the (status, due_at) index then gives both the "past due" range and the order.
    key_col = col(Case.due_at) if (f.sort == "due" or f.overdue) else col(Case.created_at)
    statuses: list[str | None] = [*statuses_of(f)] or [None]
    branches = []
    for status in statuses:  # one ordered index range per status, merged below
        stmt = _with_names(select(*ROW, key_col, col(Case.id))).where(*conds)
        if status:
            stmt = stmt.where(Case.status == status)
        if key_col is Case.due_at:
            stmt = stmt.where(key_col.is_not(None))
        if cursor:
            stmt = stmt.where(_beyond(key_col, Case.id, ascending, *cursor))
        order = (key_col.asc(), col(Case.id).asc()) if ascending else (key_col.desc(), col(Case.id).desc())
        branches.append(list(session.execute(stmt.order_by(*order).limit(limit)).all()))
    merged = heapq.merge(*branches, key=lambda r: (r[-2], r[-1]), reverse=not ascending)
    return list(merged)[:limit], []


def queue_page(f: QueueFilter, *, session: Session, now: datetime, after: str | None = None,
               before: str | None = None, size: int = PAGE_SIZE) -> QueuePage:
    f = resolve(f, session=session)
    ascending = f.sort in ("oldest", "due")
    backwards = decode_cursor(before) is not None
    cursor = decode_cursor(before if backwards else after)
    # Walking backwards is walking forwards in the opposite order, then turning the rows round.
    found, words = _walk(f, session=session, now=now, cursor=cursor, ascending=ascending != backwards,
                         limit=size + 1)
    more = len(found) > size
    found = found[:size]
    if backwards:
        found.reverse()
    has_next = bool(found) and (more or backwards)
    has_prev = bool(found) and (more if backwards else cursor is not None)
    return QueuePage(rows=[_row(r, now) for r in found], words=[f.q.strip()] if f.tickets else words,
                     next_cursor=_resume(found[-1], f) if has_next else None,
                     prev_cursor=_resume(found[0], f) if has_prev else None)


def _resume(r: Any, f: QueueFilter) -> str:
    """The cursor of a row: its sort key (due or created time; a search only needs the id) and id."""
    key = r[4] if (f.sort == "due" or f.overdue) and not (search_words(f) or f.category_ids) else r[3]
    return encode_cursor(key, r[0])


def _row(r: Any, now: datetime) -> QueueRow:
    due = r[4].replace(tzinfo=r[4].tzinfo or UTC) if r[4] else None
    return QueueRow(ticket=r[1], status=r[2], created_at=r[3], due_at=due, summary=summarise(r[5]),
                    category=r[6] or "", division=r[7] or "", overdue=bool(due and r[2] in OPEN and due < now),
                    assignee=r[8] or r[9] or "")


def summarise(text: str, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- counts --------------------------------------------------------------------------------------

@dataclass
class StatusCounts:
    by_status: dict[str, int]  # counted up to cap + 1
    cap: int
    at_least: bool = False  # a search with more matches than the cap: every number is a lower bound

    def shown(self, status: str) -> tuple[int, bool]:
        """(number, "or more") for a tab."""
        n = self.by_status[status]
        return min(n, self.cap), n > self.cap or (self.at_least and n > 0)

    def total(self) -> tuple[int, bool]:
        shown = [self.shown(s) for s in self.by_status]
        return sum(n for n, _ in shown), any(more for _, more in shown)


def status_counts(f: QueueFilter, *, session: Session, now: datetime, cap: int = COUNT_CAP,
                  search_cap: int = SEARCH_COUNT_CAP) -> StatusCounts:
    """Cases per status under the same filters (the status and the sort aside), in one round trip."""
    base = resolve(replace(f, status=None, sort="newest"), session=session)
    conds = conditions(base, now=now)
    counts = {s.value: 0 for s in CaseStatus}
    words = search_words(base)
    if words or base.category_ids:
        # The matches (at most search_cap + 1 from each way of finding them, walked as a page is),
        # without repeats, grouped by status.
        parts = []
        stmt = walk_postings([Case.id, Case.status], words, session=session, cap=COUNT_CAP) if words else None
        if stmt is not None:
            parts.append(stmt.where(*conds).limit(search_cap + 1).subquery())
        if base.category_ids:
            parts.append(select(col(Case.id), col(Case.status)).where(*conds, col(Case.category_id).in_(base.category_ids))
                         .order_by(col(Case.id).desc()).limit(search_cap + 1).subquery())
        if parts:
            found = union(*(select(p.c.id, p.c.status) for p in parts)).subquery()
            counts |= dict(session.execute(select(found.c.status, func.count()).group_by(found.c.status)).all())
        return StatusCounts(counts, search_cap, at_least=sum(counts.values()) > search_cap)
    # Each status counted from its own index range, stopping at cap + 1.
    wanted = [s for s in counts if s in OPEN or not f.overdue]
    columns = [select(func.count()).select_from(
        select(literal(1)).select_from(Case).where(*conds, col(Case.status) == s).limit(cap + 1).subquery()
    ).scalar_subquery() for s in wanted]
    counts |= dict(zip(wanted, (int(n) for n in session.execute(select(*columns)).one())))
    return StatusCounts(counts, cap)
