"""Corruption reports, for integrity staff only (an admin without that role gets 403 everywhere):
the list, one report, revealing the reporter, status changes with news to the reporter, internal
notes, assignment, and the evidence photos. Every view and every reveal leaves an audit row."""
from __future__ import annotations

from flask import (
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from bot.admin import bp
from bot.admin.auth import db_engine, log_action, roles_required
from bot.admin.media_send import send_media
from bot.admin.news import tell_about_case
from bot.admin.permissions import roles
from messages_th import admin_corruption as text
from messages_th.admin_cases import ct
from messages_th.dates import status_label
from models import corruption_queries as q
from models import lifecycle as life
from models.conversation import Follower
from models.corruption import CorruptionReport, report_by_ticket
from models.db import as_aware, id_of, read_scope, session_scope, utcnow
from models.enums import OPEN_STATUSES, CaseStatus
from models.reply_template import templates_for
from models.staff import Staff
from models.staff_session import allow_reveal, take_reveal

ROLES = roles("corruption")
KIND = "corruption"  # the audit rows' target_kind; the audit page hides these from non-integrity staff
MAX_NOTE, MAX_MESSAGE, MIN_REASON = life.MAX_NOTE, life.MAX_TEXT, 5

bp.add_app_template_global(text.t, "t_corruption")



def _private(body: str):
    """Confidential pages stay out of browser and proxy caches (a shared office computer)."""
    resp = make_response(body)
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _back(ticket: str):
    return redirect(url_for("admin.corruption_detail", ticket=ticket))


def overdue(report: CorruptionReport) -> bool:
    due = as_aware(report.due_at)
    return bool(due and report.status in OPEN_STATUSES and due < utcnow())


@bp.get("/corruption")
@roles_required(*ROLES)
def corruption_list():
    status = request.args.get("status", "")
    if status not in ("open", *CaseStatus):
        status = ""
    page = max(1, min(request.args.get("page", 1, type=int), 100_000))
    with read_scope(db_engine()) as s:
        rows, more = q.list_reports(session=s, status=status, page=page)
        counts = q.status_counts(session=s)
    open_count = sum(n for st, n in counts.items() if st in OPEN_STATUSES)
    return _private(render_template(
        "admin/corruption_list.html", title=text.t("list.title"), rows=rows, more=more, page=page,
        status=status, counts=counts, open_count=open_count, total=sum(counts.values()),
        statuses=list(CaseStatus), status_label=status_label, overdue=overdue))


@bp.get("/corruption/<ticket>")
@roles_required(*ROLES)
def corruption_detail(ticket: str):
    with session_scope(db_engine()) as s:
        report = report_by_ticket(ticket, session=s) or abort(404)
        # Once per logged reveal, kept in the server session: a reload, or a replayed copy of the
        # cookie, shows the reporter hidden again.
        reveal = take_reveal(current_user.session_id, ticket, session=s)
        log_action("view_corruption", session=s, target_kind=KIND, target_id=ticket)
        history = q.history_of(id_of(report), session=s)
        evidence = q.evidence_of(id_of(report), session=s)
        handlers = q.integrity_staff(session=s)
        assignee = s.get(Staff, report.assigned_staff_id) if report.assigned_staff_id else None
        follower = s.get(Follower, report.reporter_line_id) if reveal and report.reporter_line_id else None
    line = text.line_account(report.reporter_line_id, (follower.display_name or "") if follower else "") \
        if report.reporter_line_id else ""
    targets = life.allowed_targets(report.status)  # the enum's order, as on the complaint page
    names = {h.id: h.display_name or h.username for h in handlers}
    return _private(render_template(
        "admin/corruption_detail.html", title=text.t("report.title", ticket=ticket), report=report,
        history=history, evidence=evidence, handlers=handlers, assignee=assignee, targets=targets,
        reveal=reveal and report.contact_mode == "given", line_account=line, names=names,
        status_label=status_label,
        overdue=overdue(report), max_note=MAX_NOTE, max_message=MAX_MESSAGE, min_reason=MIN_REASON,
        reply_templates=_templates()))


def _templates() -> list:
    """The saved replies for every category (a report has none), as in the staff's LINE."""
    with read_scope(db_engine()) as s:
        return templates_for(None, session=s)


@bp.post("/corruption/<ticket>/reveal")
@roles_required(*ROLES)
def corruption_reveal(ticket: str):
    reason = " ".join(request.form.get("reason", "").split())[:MAX_NOTE]
    with session_scope(db_engine()) as s:
        report = report_by_ticket(ticket, session=s) or abort(404)
        if report.contact_mode != "given":
            flash(text.t("error.anonymous"), "error")  # they chose not to be known: nothing to show
        elif len(reason) < MIN_REASON:
            flash(text.t("error.reveal_reason", min=MIN_REASON), "error")
        else:
            log_action("reveal_reporter", session=s, target_kind=KIND, target_id=ticket, detail=reason)
            allow_reveal(current_user.session_id, ticket, session=s)  # in the audit row's transaction
    return _back(ticket)


def _actor() -> life.Actor:
    return life.Actor(username=current_user.username, staff_id=current_user.staff_id)


def _refused(ticket: str, refused: life.Refused):
    flash(ct("refused." + refused.reason), "error")  # the same rules, and words, as for a complaint
    return _back(ticket)


@bp.post("/corruption/<ticket>/status")
@roles_required(*ROLES)
def corruption_status(ticket: str):
    target = request.form.get("status", "")
    note, message = request.form.get("note", "").strip(), request.form.get("message", "").strip()
    chosen = request.form.get("template", type=int)
    message = message or next((x.body for x in _templates() if x.id == chosen), "")
    if len(note) > MAX_NOTE or len(message) > MAX_MESSAGE:
        flash(text.t("error.too_long", max=MAX_MESSAGE if len(message) > MAX_MESSAGE else MAX_NOTE), "error")
        return _back(ticket)
    with session_scope(db_engine()) as s:
        report = report_by_ticket(ticket, session=s) or abort(404)
        try:
            row = life.change_status(report, target, _actor(), session=s, reason=note, message=message)
        except life.Refused as refused:
            return _refused(ticket, refused)
        log_action("change_status" if target else "send_message", session=s, target_kind=KIND, target_id=ticket,
                   detail=f"{row.from_status} -> {row.to_status}" if target else "")
        # The LINE id is used there, to send, and nowhere shown.
        pushed = tell_about_case(report, s, status=report.status, message=row.message)
    flash(text.t("flash.status"), "info")
    flash(text.t("flash.pushed" if pushed else "flash.no_line"), "info")
    return _back(ticket)


@bp.post("/corruption/<ticket>/note")
@roles_required(*ROLES)
def corruption_note(ticket: str):
    with session_scope(db_engine()) as s:
        report = report_by_ticket(ticket, session=s) or abort(404)
        try:
            life.add_note(report, _actor(), request.form.get("note", ""), session=s)
        except life.Refused as refused:
            return _refused(ticket, refused)
        log_action("add_note", session=s, target_kind=KIND, target_id=ticket)
    flash(text.t("flash.note"), "info")
    return _back(ticket)


@bp.post("/corruption/<ticket>/assign")
@roles_required(*ROLES)
def corruption_assign(ticket: str):
    wanted = request.form.get("staff_id", "")
    with session_scope(db_engine()) as s:
        report = report_by_ticket(ticket, session=s) or abort(404)
        try:
            if wanted and not (wanted.isdigit() and len(wanted) < 10):
                raise life.Refused("assignee")
            life.assign(report, _actor(), session=s, staff_id=int(wanted) if wanted else None)
        except life.Refused as refused:
            return _refused(ticket, refused)
        person = s.get(Staff, int(wanted)) if wanted else None
        log_action("assign", session=s, target_kind=KIND, target_id=ticket, detail=person.username if person else "")
    flash(text.t("flash.assigned" if wanted else "flash.unassigned"), "info")
    return _back(ticket)


@bp.get("/corruption/evidence/<int:media_id>")
@roles_required(*ROLES)
def corruption_evidence(media_id: int):
    """A report's evidence photo; any other photo (a complaint's) or a guessed id is not found."""
    with read_scope(db_engine()) as s:
        media = q.evidence_file(media_id, session=s)
    if media is None:
        abort(404)
    return send_media(media.path, media.content_type, etag=media.sha256)
