"""The Open311 GeoReport v2 read API: services and public complaints, JSON only.

Corruption reports are not complaints and never appear here; a corruption ticket answers like an
unknown one, so the API does not even reveal that it exists. No reporter identity is published.
The XML format is not offered: `.xml` paths 404.
"""
from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for

from bot.runtime import after_photos
from messages_th.dates import BANGKOK, status_label, to_bangkok
from models import date_bounds
from models.db import read_scope, utcnow
from models.enums import OPEN_STATUSES
from models.masking import mask_text
from models.open311_queries import (
    PublicRequest,
    RequestFilter,
    find_requests,
    first_after_photos,
    list_services,
    request_by_ticket,
)

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")

DEFAULT_WINDOW = timedelta(days=90)  # GeoReport: "the range defaults to most recent 90 days"
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_IDS = 200  # bounds the IN list of a service_request_id query
_LINK_PARAMS = ("jurisdiction_id", "service_request_id", "service_code", "start_date", "end_date", "status")


class BadRequest(ValueError):
    pass


def _error(status: int, description: str):
    return jsonify([{"code": status, "description": description}]), status


@bp.errorhandler(BadRequest)
def _bad_request(exc: BadRequest):
    return _error(400, str(exc))


def _session():
    return read_scope(current_app.extensions["db_engine"])


@bp.get("/services.json")
def services():
    with _session() as s:
        rows = list_services(session=s)
    return jsonify([{"service_code": str(r.code), "service_name": r.name, "description": r.name,
                     "metadata": False, "type": "realtime", "keywords": ",".join(r.keywords),
                     "group": r.group} for r in rows])


@bp.get("/requests.json")
def requests_list():
    f, page, size = _filter(request.args)
    with _session() as s:
        rows = find_requests(f, session=s)
        photos = _after_photos([r.ticket for r in rows[:size]], s)
    resp = jsonify([_request_json(r, photos) for r in rows[:size]])
    if len(rows) > size:  # one extra row was fetched only to know that a next page exists
        # Only the known parameters are carried over: arbitrary keys must not reach url_for's own options.
        args: dict[str, Any] = {k: v for k, v in request.args.lists() if k in _LINK_PARAMS}
        args |= {"page": [str(page + 1)], "page_size": [str(size)]}
        resp.headers["Link"] = f'<{url_for(".requests_list", **args)}>; rel="next"'
    return resp


@bp.get("/requests/<ticket>.json")
def request_one(ticket: str):
    with _session() as s:
        row = request_by_ticket(ticket.strip().upper(), session=s)
        photos = _after_photos([row.ticket], s) if row is not None else {}
    if row is None:
        # The same answer for unknown and confidential tickets: nothing tells them apart.
        return _error(404, "service request not found")
    return jsonify([_request_json(row, photos)])


def _after_photos(tickets: list[str], session) -> dict[str, str]:
    """media_url by ticket: a resolved case's first after-photo, only when OPEN311_AFTER_PHOTOS allows
    (a photo of the street may show faces, which the blurred coordinates otherwise keep private)."""
    settings = current_app.extensions["settings"]
    if not settings.open311_after_photos:
        return {}
    return {ticket: after_photos.photo_url(settings.public_url, settings.secret_key, media_id)
            for ticket, media_id in first_after_photos(tickets, session=session).items()}


# --- parameters ---------------------------------------------------------------------------------
def _filter(args) -> tuple[RequestFilter, int, int]:
    page = _int(args, "page", 1)
    size = min(_int(args, "page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    paging: dict[str, Any] = {"offset": (page - 1) * size, "limit": size + 1}
    tickets = _list(args, "service_request_id")
    if tickets:
        if len(tickets) > MAX_IDS:
            raise BadRequest(f"at most {MAX_IDS} service_request_id values")
        # GeoReport: service_request_id overrides all other arguments.
        return RequestFilter(tickets=tuple(t.upper() for t in tickets), **paging), page, size
    codes = _list(args, "service_code")
    if not all(c.isascii() and c.isdigit() and len(c) <= 9 for c in codes):
        raise BadRequest("service_code must be a service_code from services.json")
    states = _list(args, "status")
    if not set(states) <= {"open", "closed"}:
        raise BadRequest("status must be open or closed")
    start = _date(args, "start_date", end_of_day=False)
    end = _date(args, "end_date", end_of_day=True)
    if start is None:
        start = (end or utcnow()) - DEFAULT_WINDOW
    if end is not None and start > end:
        raise BadRequest("start_date is after end_date")
    return RequestFilter(service_codes=tuple(int(c) for c in codes),
                         open_states=tuple(s == "open" for s in states),
                         start=start, end=end, **paging), page, size


def _list(args, name: str) -> list[str]:
    # Comma-separated, and the parameter may also be repeated.
    return [v.strip() for raw in args.getlist(name) for v in raw.split(",") if v.strip()]


def _int(args, name: str, default: int) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    # isascii: "๑" is a digit to Python; at most 9 digits: a larger page or code overflows a database
    # integer (a 500, found by tests/security/test_sql_injection.py) and can never exist anyway.
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        raise BadRequest(f"{name} must be a positive whole number")
    return int(raw)


# An offset's "+" sent without URL encoding arrives as a space: "2025-11-01T08:00:00 07:00".
_UNENCODED_PLUS = re.compile(r"(T[\d:.]+) (\d\d:?\d\d)$")


def _date(args, name: str, *, end_of_day: bool) -> datetime | None:
    raw = args.get(name, "").strip()
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(_UNENCODED_PLUS.sub(r"\1+\2", raw))
    except ValueError:
        raise BadRequest(f"{name} must be an ISO 8601 date or datetime") from None
    try:
        date_bounds.check(name, value)  # year 1 or 9999 would overflow on the way to the database
    except date_bounds.DateOutOfRange as exc:
        raise BadRequest(str(exc)) from None
    if len(raw) <= 10 and end_of_day:  # a bare date as end_date includes that whole day
        value = datetime.combine(value.date(), time.max)
    # GeoReport asks for an offset; without one, the municipality's own clock is meant.
    return value if value.tzinfo is not None else value.replace(tzinfo=BANGKOK)


# --- output -------------------------------------------------------------------------------------
def _iso(dt: datetime | None) -> str | None:
    return to_bangkok(dt).isoformat(timespec="seconds") if dt is not None else None


def _request_json(r: PublicRequest, photos: dict[str, str]) -> dict[str, Any]:
    out = {
        "service_request_id": r.ticket,
        "status": "open" if r.status in OPEN_STATUSES else "closed",
        "status_notes": status_label(r.status),
        "service_name": r.service_name,
        "service_code": str(r.service_code) if r.service_code is not None else None,
        # Citizens sometimes type their phone (or ID number, e-mail, LINE id) into the description or the
        # place; the public never sees it (the same masking as the retention purge).
        "description": mask_text(r.description),
        "agency_responsible": r.agency,
        "requested_datetime": _iso(r.requested_at),
        "updated_datetime": _iso(r.updated_at),
        "expected_datetime": _iso(r.due_at),
        "address": mask_text(r.address) or None,  # a shared spot's address is made general (open311_queries)
        # About 100 m: enough to find a broken street light, not to pinpoint a citizen's house.
        "lat": round(r.lat, 3) if r.lat is not None else None,
        "long": round(r.long, 3) if r.long is not None else None,
    }
    if r.ticket in photos:
        out["media_url"] = photos[r.ticket]
    return out
