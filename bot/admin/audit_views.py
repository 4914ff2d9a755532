"""The audit log page (/admin/audit) for admin and integrity staff: filters, paging, Thai times.

Rows about corruption reports are shown to integrity staff only: to anyone else even the row
"someone viewed NMKC6811-0001" would tell that a report exists and who handles it."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from flask import current_app, render_template, request
from flask_login import current_user
from sqlalchemy import select
from sqlmodel import col

from bot.admin import bp
from bot.admin.auth import roles_required
from bot.admin.be_dates import be_text, parse_date
from bot.admin.permissions import may, roles
from messages_th import admin_accounts as text
from messages_th.dates import BANGKOK, thai_date
from models import date_bounds
from models.audit import AuditLog
from models.complaint import Division
from models.db import id_of, read_scope
from models.staff import Staff
from models.staff_queries import AuditFilter, audit_choices, audit_page

FILTER_ARGS = ("action", "username", "target_kind", "target_id", "date_from", "date_to")

bp.add_app_template_global(text.t, "t_accounts")  # also set by accounts.py; either may be loaded alone


def _day(value: str, field: str) -> date | None:
    """A date from the form, Buddhist era as staff type it (bot/admin/be_dates.py); ValueError when
    malformed, DateOutOfRange (the admin's 400 page) when it is too far off to compute with."""
    return parse_date(value, field)


def _bangkok_midnight(day: date) -> datetime:
    """The instant a Bangkok calendar day begins, in UTC (the database keeps UTC)."""
    return datetime.combine(day, time.min, tzinfo=BANGKOK).astimezone(UTC)


def _read_filters() -> tuple[AuditFilter, dict[str, str], str]:
    """The filter, the arguments to keep in paging links, and the date range in Thai ("" if none)."""
    args = {k: request.args.get(k, "").strip()[:64] for k in FILTER_ARGS}
    try:
        first, last = _day(args["date_from"], "date_from"), _day(args["date_to"], "date_to")
    except date_bounds.DateOutOfRange:
        raise
    except ValueError:
        first = last = None
        args["date_from"] = args["date_to"] = ""
        args["bad_date"] = "1"
    else:  # shown back as the calendar writes it, "7/12/2569"
        args["date_from"], args["date_to"] = be_text(first), be_text(last)
    f = AuditFilter(action=args["action"], username=args["username"].lower(), target_kind=args["target_kind"],
                    target_id=args["target_id"], start=_bangkok_midnight(first) if first else None,
                    end=_bangkok_midnight(last + timedelta(days=1)) if last else None)
    shown = ""
    if first or last:
        shown = text.t("audit.range", start=thai_date(first) if first else "…", end=thai_date(last) if last else "…")
    return f, args, shown


def _details(rows: list[AuditLog], s) -> dict[int, str]:
    """Each row's detail as shown: Thai status labels, division and staff names looked up now (the
    stored detail stays machine-readable; one query per kind of name for the whole page)."""
    div_ids, staff_ids = set(), set()
    for r in rows:
        ids = text.assign_ids(r.detail) if r.action == "assign_case" else None
        if ids:
            div_ids.add(ids[0])
            staff_ids.add(ids[1])
    div_ids.discard(None)
    staff_ids.discard(None)
    divisions: dict[int, str] = {}
    staff: dict[int, str] = {}
    if div_ids:
        divisions = dict(s.execute(select(col(Division.id), col(Division.name))
                                .where(col(Division.id).in_(div_ids))).all())
    if staff_ids:
        staff = {i: name or username for i, name, username in s.execute(
            select(col(Staff.id), col(Staff.display_name), col(Staff.username))
            .where(col(Staff.id).in_(staff_ids))).all()}
    return {id_of(r): text.detail_text(r.action, r.detail, divisions=divisions, staff=staff) for r in rows}


@bp.get("/audit")
@roles_required(*roles("audit"))
def audit():
    f, args, shown = _read_filters()
    page = max(1, min(request.args.get("page", 1, type=int), 100_000))
    see_confidential = may(current_user, "audit.confidential")
    with read_scope(current_app.extensions["db_engine"]) as s:
        rows, more = audit_page(f, session=s, see_confidential=see_confidential, page=page)
        actions, kinds = audit_choices(session=s, see_confidential=see_confidential)
        details = _details(rows, s)
    keep = {k: v for k, v in args.items() if v and k in FILTER_ARGS}
    return render_template("admin/audit.html", title=text.t("audit.title"), rows=rows, more=more, page=page,
                           args=args, keep=keep, details=details, shown=shown, actions=actions, kinds=kinds,
                           see_confidential=see_confidential, action_label=text.action_label,
                           kind_label=text.target_kind_label)
