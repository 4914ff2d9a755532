"""Read-only queries behind the Open311 GeoReport v2 API.

Only public complaints are read, and only the columns the API publishes: the reporter's name,
phone and LINE id are never selected, and corruption reports (their own table) are never touched.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from models.complaint import Case, Category, Division
from models.enums import CLOSED_STATUSES, OPEN_STATUSES, CaseStatus, MediaStatus
from models.masking import general_area
from models.media import Media


@dataclass(frozen=True)
class Service:
    code: int
    name: str
    keywords: tuple[str, ...]
    group: str


@dataclass(frozen=True)
class PublicRequest:
    ticket: str
    status: str
    description: str
    service_code: int | None
    service_name: str
    agency: str
    requested_at: datetime
    updated_at: datetime
    due_at: datetime | None
    address: str
    lat: float | None
    long: float | None


@dataclass(frozen=True)
class RequestFilter:
    """What /requests.json asks for; empty tuples and None mean "no restriction"."""

    tickets: tuple[str, ...] = ()
    service_codes: tuple[int, ...] = ()
    open_states: tuple[bool, ...] = ()  # True = open, False = closed
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # inclusive
    offset: int = 0
    limit: int = 50


def list_services(*, session: Session) -> list[Service]:
    stmt = (select(col(Category.id), col(Category.name), col(Category.keywords), col(Division.name))
            .outerjoin(Division, col(Division.id) == Category.division_id)
            .where(col(Category.active).is_(True))
            .order_by(col(Category.sort_order), col(Category.id)))
    return [Service(code=cid, name=name, group=group or "",
                    keywords=tuple(k.strip() for k in (keywords or "").splitlines() if k.strip()))
            for cid, name, keywords, group in session.execute(stmt)]


# The published columns, and nothing else: a PII column cannot leak if it is never loaded.
_COLUMNS = tuple(col(c) for c in (
    Case.ticket, Case.status, Case.description, Case.category_id, Category.name, Division.name,
    Case.created_at, Case.updated_at, Case.due_at, Case.location_address, Case.landmark,
    Case.location_title, Case.latitude, Case.longitude))


def _base():
    # The case's own division (where it is now), not the category's default one.
    return (select(*_COLUMNS)
            .outerjoin(Category, col(Category.id) == Case.category_id)
            .outerjoin(Division, col(Division.id) == Case.division_id))


def _row(r) -> PublicRequest:
    (ticket, status, description, code, service, agency, created, updated, due,
     address, landmark, title, lat, long) = r
    # LINE's address of a shared spot names the house ("99/1 หมู่ 3 …"): only its sub-district, district
    # and province are published, as the coordinates are rounded to about 100 m; without those, the
    # place as the citizen described it, or the name of the shared place.
    return PublicRequest(ticket=ticket, status=status, description=description, service_code=code,
                         service_name=service or "", agency=agency or "", requested_at=created,
                         updated_at=updated, due_at=due,
                         address=general_area(address) or landmark or title or "",
                         lat=lat, long=long)


def find_requests(f: RequestFilter, *, session: Session) -> list[PublicRequest]:
    stmt = _base()
    if f.tickets:
        stmt = stmt.where(col(Case.ticket).in_(f.tickets))
    if f.service_codes:
        stmt = stmt.where(col(Case.category_id).in_(f.service_codes))
    if set(f.open_states) == {True}:
        stmt = stmt.where(col(Case.status).in_([s.value for s in OPEN_STATUSES]))
    elif set(f.open_states) == {False}:
        stmt = stmt.where(col(Case.status).in_([s.value for s in CLOSED_STATUSES]))
    if f.start is not None:
        stmt = stmt.where(col(Case.created_at) >= f.start)
    if f.end is not None:
        stmt = stmt.where(col(Case.created_at) <= f.end)
    # Newest first; the id breaks ties so that pages never overlap or skip a row.
    stmt = (stmt.order_by(col(Case.created_at).desc(), col(Case.id).desc())
            .offset(f.offset).limit(f.limit))
    return [_row(r) for r in session.execute(stmt)]


def request_by_ticket(ticket: str, *, session: Session) -> PublicRequest | None:
    r = session.execute(_base().where(Case.ticket == ticket)).first()
    return _row(r) if r is not None else None


def first_after_photos(tickets: list[str], *, session: Session) -> dict[str, int]:
    """The first stored after-photo (staff's photo of the work done) of each resolved case among
    `tickets`: Open311's media_url when OPEN311_AFTER_PHOTOS allows. One query for a page of requests."""
    if not tickets:
        return {}
    stmt = (select(col(Case.ticket), func.min(col(Media.id)))
            .join(Media, col(Media.case_id) == Case.id)
            .where(col(Case.ticket).in_(tickets), col(Case.status) == CaseStatus.RESOLVED,
                   col(Media.purpose) == "after", col(Media.status) == MediaStatus.STORED)
            .group_by(col(Case.ticket)))
    return {ticket: media_id for ticket, media_id in session.execute(stmt) if media_id is not None}
