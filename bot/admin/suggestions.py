"""Suggestions at /admin/suggestions: read them (with photos), decide, record what was done, and tell
the citizen; and the printable "you said, we did" list (ITA indicator 8).

Like inquiries, suggestions belong to no division: admins and officers act, executives read. The
status change, its audit row and the push to the citizen are one transaction.
"""
from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from bot.admin import bp
from bot.admin.auth import db_engine, log_action, roles_required
from bot.admin.inquiries import page_number
from bot.admin.news import tell_citizen
from bot.admin.permissions import roles
from messages_th.admin_feedback import ft, suggestion_status_label
from messages_th.dates import thai_date
from messages_th.feedback_push import suggestion_update
from models import suggestion_queries as q
from models.db import read_scope, session_scope, utcnow
from models.inquiry_queries import staff_names
from models.stats import fiscal_year_bounds, fiscal_year_of
from models.suggestion import Suggestion

READ_ROLES = roles("suggestions.read")
ACT_ROLES = roles("suggestions.act")
KIND = "suggestion"
MAX_MESSAGE = 1000
FISCAL_YEARS_SHOWN = 5
ONE_SECOND = timedelta(seconds=1)  # the last day of a period is the day before its (exclusive) end



@bp.get("/suggestions")
@roles_required(*READ_ROLES)
def suggestions():
    status = request.args.get("status", "")
    status = status if status in q.STATUSES else ""
    page = page_number()
    with read_scope(db_engine()) as s:
        rows, more = q.list_suggestions(status, session=s, page=page)
        counts = q.counts(session=s)
    return render_template("admin/suggestions.html", title=ft("sug.title"), rows=rows, more=more, page=page,
                           status=status, counts=counts, statuses=q.STATUSES, status_label=suggestion_status_label)


@bp.get("/suggestions/<int:suggestion_id>")
@roles_required(*READ_ROLES)
def suggestion_page(suggestion_id: int):
    with read_scope(db_engine()) as s:
        sug = s.get(Suggestion, suggestion_id) or abort(404)
        photos, waiting = q.photos_of(suggestion_id, session=s)
        names = staff_names({sug.action_by}, session=s)
    targets = q.TRANSITIONS.get(sug.status, ())
    return render_template("admin/suggestion.html", title=ft("sug.page_title", ticket=sug.ticket), sug=sug,
                           photos=photos, waiting=waiting, actor=names.get(sug.action_by or 0, ""),
                           acts=current_user.has_role(*ACT_ROLES), targets=targets,
                           status_label=suggestion_status_label, max_action=q.MAX_ACTION,
                           max_message=MAX_MESSAGE, max_topic=q.MAX_TOPIC)


def _back(suggestion_id: int):
    return redirect(url_for("admin.suggestion_page", suggestion_id=suggestion_id))


@bp.post("/suggestions/<int:suggestion_id>/status")
@roles_required(*ACT_ROLES)
def suggestion_status(suggestion_id: int):
    target = request.form.get("status", "")
    action = request.form.get("action", "").strip()
    message = request.form.get("message", "").strip()[:MAX_MESSAGE]
    with session_scope(db_engine()) as s:
        sug = s.get(Suggestion, suggestion_id) or abort(404)
        old = sug.status
        try:
            q.change_status(sug, target, current_user.staff_id, session=s, action=action)
        except q.Refused as exc:
            s.rollback()
            flash(ft(exc.reason, n=q.MAX_ACTION), "error")
            return _back(suggestion_id)
        log_action("suggestion_status", session=s, target_kind=KIND, target_id=sug.ticket, detail=f"{old} -> {target}")
        text = suggestion_update(sug.ticket, target, sug.action if target in q.NEEDS_ACTION else "", message)
        pushed = tell_citizen(s, sug.line_user_id, [{"type": "text", "text": text}], purpose="suggestion",
                              ticket=sug.ticket)
    flash(ft("sug.done.status", status=suggestion_status_label(target)), "info")
    if pushed:
        flash(ft("pushed"), "info")
    return _back(suggestion_id)


@bp.post("/suggestions/<int:suggestion_id>/details")
@roles_required(*ACT_ROLES)
def suggestion_details(suggestion_id: int):
    """The heading shown in "you said, we did", and whether the suggestion is listed there at all."""
    topic = " ".join(request.form.get("topic", "").split())
    if len(topic) > q.MAX_TOPIC:
        flash(ft("sug.refused.topic", n=q.MAX_TOPIC), "error")
        return _back(suggestion_id)
    with session_scope(db_engine()) as s:
        sug = s.get(Suggestion, suggestion_id) or abort(404)
        sug.topic, sug.public = topic, request.form.get("public") == "1"
        s.add(sug)
        log_action("update_suggestion", session=s, target_kind=KIND, target_id=sug.ticket,
                   detail=f"public={sug.public}")
    flash(ft("sug.done.details"), "info")
    return _back(suggestion_id)


@bp.get("/suggestions/you-said-we-did")
@roles_required(*READ_ROLES)
def you_said_we_did():
    """Printable for a notice board or the website: headings and actions only, no names, no LINE ids."""
    current = fiscal_year_of(utcnow())
    fy = request.args.get("fy", type=int)
    fy = fy if fy is not None and current - FISCAL_YEARS_SHOWN < fy <= current else current
    start, end = fiscal_year_bounds(fy)
    with read_scope(db_engine()) as s:
        rows = q.you_said_we_did(start, end, session=s)
    period = ft("ysd.period", fy=fy, start=thai_date(start), end=thai_date(end.replace(microsecond=0) - ONE_SECOND))
    return render_template("admin/you_said_we_did.html", title=ft("ysd.title"), rows=rows, fy=fy, period=period,
                           fiscal_years=list(range(current, current - FISCAL_YEARS_SHOWN, -1)),
                           status_label=suggestion_status_label)
