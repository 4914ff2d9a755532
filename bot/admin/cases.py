"""The complaint queue at /admin/cases.

Who may see or act on which case is bot/admin/permissions.py's can_view/can_act. A case another
officer's division owns is answered 404, the same as one that does not exist.
"""
from __future__ import annotations

import threading
import time
from datetime import date
from typing import Any

from flask import abort, current_app, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlmodel import Session, col

from bot.admin import auth, bp
from bot.admin.be_dates import be_text, parse_date
from bot.admin.permissions import can_view, roles, sees_everything
from bot.runtime.quota import runs_low
from messages_th.admin_cases import ct
from messages_th.dates import status_label, thai_date
from models.case_queries import OPEN, OPEN_TAB, PAGE_SIZE, SORTS, QueueFilter, queue_page, status_counts, ticket_query
from models.complaint import Case, Category, Division, case_by_ticket
from models.db import read_scope, utcnow
from models.enums import CaseStatus

QUEUE_ROLES = roles("cases.read")
ACT_ROLES = roles("cases.act")
MAX_QUERY = 200  # characters of a search

bp.add_app_template_global(ct, "ct")
bp.add_app_template_global(status_label, "status_label")
bp.add_app_template_global(be_text, "be_text")


def case_or_404(ticket: str, *, session: Session) -> Case:
    case = case_by_ticket(ticket.strip().upper()[:32], session=session)
    if case is None or not can_view(current_user, case):
        abort(404)  # not 403: another division's case number says nothing about it
    return case


# --- the push quota -----------------------------------------------------------------------------------
# Looked up in a background thread and kept a few minutes: a page view does not call LINE each
# time, and waits at most QUOTA_WAIT for it (only when nothing is known yet), even if LINE hangs.

QUOTA_TTL, QUOTA_FAILED_TTL, QUOTA_WAIT = 300.0, 60.0, 1.0  # seconds
_quota_lock = threading.Lock()


def _refresh_quota(gateway: Any, state: dict[str, Any]) -> None:
    try:
        value = gateway.quota()
    except Exception:
        value = (None, None)
    with _quota_lock:
        state["value"] = value
        state["expires"] = time.monotonic() + (QUOTA_TTL if value[1] is not None else QUOTA_FAILED_TTL)


def push_quota() -> dict[str, Any]:
    """{"limit", "used", "known", "left", "low"}: the month's push limit (None: unlimited), use and
    what is left; "low" as bot/runtime/quota.py decides it for staff alerts."""
    gateway = current_app.extensions["services"].gateway
    with _quota_lock:  # per app: each app has its own gateway
        state = current_app.extensions.setdefault("push_quota", {"value": None, "expires": 0.0, "thread": None})
        worker = state["thread"]
        if state["expires"] < time.monotonic() and not (worker and worker.is_alive()):
            worker = state["thread"] = threading.Thread(target=_refresh_quota, args=(gateway, state),
                                                        name="push-quota", daemon=True)
            worker.start()
    if state["value"] is None and worker is not None:
        worker.join(QUOTA_WAIT)
    limit, used = state["value"] or (None, None)
    threshold = current_app.extensions["settings"].alerts_digest_only_below
    return {"limit": limit, "used": used, "known": used is not None,
            "left": None if limit is None or used is None else max(limit - used, 0),
            "low": runs_low(limit, used, threshold)}  # the point where staff alerts wait for the digest


# --- the queue ---------------------------------------------------------------------------------------

def _int(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def _date(name: str, problems: list[str]) -> date | None:
    try:
        return parse_date(request.args.get(name, ""), name)
    except ValueError:  # also DateOutOfRange: the queue tells on the page, as for a typo
        problems.append(ct("queue.bad_date"))
        return None


ALL_TAB = "all"


def _status_arg() -> str | None:
    """The tab: the not-finished cases unless another is asked for (what staff open the queue for);
    a search from there looks through every case (a ticket asked about is often a finished one)."""
    status = request.args.get("status", "") or ("" if request.args.get("q", "").strip() else OPEN_TAB)
    return status if status in {OPEN_TAB, *(s.value for s in CaseStatus)} else None


def filter_from_request(problems: list[str]) -> QueueFilter:
    sort = request.args.get("sort", "newest")
    scoped = not sees_everything(current_user)
    return QueueFilter(
        status=_status_arg(),
        category_id=_int("category"), division_id=None if scoped else _int("division"),
        date_from=_date("from", problems), date_to=_date("to", problems),
        overdue=request.args.get("overdue") == "1", q=request.args.get("q", "").strip()[:MAX_QUERY],
        sort=sort if sort in SORTS else "newest",
        scoped=scoped, scope_division_id=current_user.division_id if scoped else None)


def filter_args(f: QueueFilter) -> dict[str, str]:
    """The filter as query-string arguments (cursors left out), for links that keep it."""
    args = {"status": "" if f.status == OPEN_TAB else f.status or ALL_TAB, "category": str(f.category_id or ""),
            "division": str(f.division_id or ""),
            "from": f.date_from.isoformat() if f.date_from else "", "to": f.date_to.isoformat() if f.date_to else "",
            "overdue": "1" if f.overdue else "", "q": f.q, "sort": "" if f.sort == "newest" else f.sort}
    return {k: v for k, v in args.items() if v}


def queue_url(f: QueueFilter, **changes: str) -> str:
    args: dict[str, Any] = {**filter_args(f), **changes}
    return url_for("admin.cases", **{k: v for k, v in args.items() if v})


def _sum_shown(counts: Any, statuses: tuple[str, ...]) -> tuple[int, bool]:
    shown = [counts.shown(s) for s in statuses]
    return sum(n for n, _ in shown), any(more for _, more in shown)


def count_label(n: int, or_more: bool) -> str:
    return ct("queue.count_more", n=n) if or_more else f"{n:,}"


@bp.get("/cases")
@auth.roles_required(*QUEUE_ROLES)
def cases():
    problems: list[str] = []
    f = filter_from_request(problems)
    now = utcnow()
    with read_scope(current_app.extensions["db_engine"]) as s:
        page = queue_page(f, session=s, now=now, after=request.args.get("after"), before=request.args.get("before"),
                          size=current_app.config.get("QUEUE_PAGE_SIZE", PAGE_SIZE))
        counts = status_counts(f, session=s, now=now)
        categories = list(s.execute(select(Category).order_by(col(Category.sort_order), col(Category.id))).scalars())
        divisions = list(s.execute(select(Division).order_by(col(Division.id))).scalars())
    own_division = next((d.name for d in divisions if d.id == f.scope_division_id), "")
    date_range = ""
    if f.date_from or f.date_to:
        date_range = ct("queue.date_range", start=thai_date(f.date_from) if f.date_from else ct("queue.date_open"),
                        end=thai_date(f.date_to) if f.date_to else ct("queue.date_open"))
    return render_template(
        "admin/cases.html", title=ct("queue.title"), f=f, page=page, counts=counts,
        statuses=list(CaseStatus), categories=categories, divisions=divisions, own_division=own_division,
        problems=problems, date_range=date_range, sorts=SORTS, queue_url=queue_url, count_label=count_label,
        open_count=_sum_shown(counts, OPEN), open_tab=OPEN_TAB, all_tab=ALL_TAB,
        searched_nothing=bool(f.q and not ticket_query(f.q) and not page.words))
