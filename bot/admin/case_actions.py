"""The case page /admin/cases/<ticket> and what staff do there: status, assignment, category, notes.

Every action is a POST with a CSRF token, then a redirect back to the page. The change and its history
row (models/lifecycle.py), the audit row and the push to the citizen (bot/admin/news.py: through the
outbox, sent by a worker with a retry key) are one transaction: the citizen is never told about a change
that was not saved.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlmodel import col, select
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from bot.admin import after_photo_upload as uploads
from bot.admin import auth, bp
from bot.admin.cases import ACT_ROLES, QUEUE_ROLES, case_or_404, push_quota
from bot.admin.news import tell_about_case
from bot.admin.permissions import can_act
from bot.runtime.after_photos import BadPhoto
from bot.runtime.case_news import MAX_PHOTOS
from messages_th.admin_cases import ct
from messages_th.case_result import t as result_t
from messages_th.dates import status_label, to_bangkok
from models import audit
from models import lifecycle as life
from models.case_details import case_details
from models.complaint import Case, Category, Division
from models.db import read_scope, session_scope, utcnow
from models.enums import OPEN_STATUSES, CaseStatus
from models.reply_template import templates_for

TEXT_MAX = life.MAX_TEXT


class StatusForm(FlaskForm):
    status = SelectField(choices=[""] + [s.value for s in CaseStatus])
    reason = TextAreaField(validators=[Length(max=TEXT_MAX)])
    message = TextAreaField(validators=[Length(max=TEXT_MAX)])


class AssignForm(FlaskForm):
    division = SelectField(coerce=auth.row_id, validate_choice=False)
    person = SelectField(coerce=auth.row_id, validate_choice=False)
    message = TextAreaField(validators=[Length(max=TEXT_MAX)])


class CategoryForm(FlaskForm):
    category = SelectField(coerce=auth.row_id, validate_choice=False)


class NoteForm(FlaskForm):
    note = TextAreaField(validators=[DataRequired(), Length(max=TEXT_MAX)])


VIEW_WINDOW = timedelta(minutes=30)


@bp.get("/cases/<ticket>")
@auth.roles_required(*QUEUE_ROLES)
def case_page(ticket: str):
    engine = current_app.extensions["db_engine"]
    with read_scope(engine) as s:
        case = case_or_404(ticket, session=s)
        details = case_details(case, session=s)
    personal = bool(case.reporter_name or case.reporter_phone)
    if personal:  # PDPA: who saw a citizen's name or phone, and when
        with session_scope(engine) as s:
            # One row per person, case and half hour: the redirect after every action reloads this
            # page, and a log flooded with repeats hides what an auditor looks for.
            if not audit.seen_lately("view_personal", session=s, staff_id=current_user.staff_id,
                                     target_kind="complaint", target_id=case.ticket, within=VIEW_WINDOW):
                auth.log_action("view_personal", session=s, target_kind="complaint", target_id=case.ticket)
    acts = can_act(current_user, case)
    status_form = StatusForm()
    targets = [(s.value, status_label(s)) for s in life.allowed_targets(case.status)]
    status_form.status.choices = [("", ct("act.choose"))] + targets if targets else []
    assign_form = AssignForm(division=case.division_id or 0, person=case.assigned_staff_id or 0)
    assign_form.division.choices = [(d.id, d.name) for d in details.divisions]
    assign_form.person.choices = [(0, ct("act.assign_nobody"))] + [(p.id, life.staff_name(p)) for p in details.people]
    category_form = CategoryForm(category=case.category_id or 0)
    with read_scope(engine) as s:
        category_form.category.choices = [(c.id, c.name) for c in s.exec(
            select(Category).where(col(Category.active).is_(True)).order_by(col(Category.sort_order), col(Category.id))).all()]
    with read_scope(engine) as s:
        reply_templates = templates_for(case.category_id, session=s) if acts else []
    due_text, overdue = _due(case, utcnow())
    return render_template("admin/case.html", title=ct("case.title", ticket=case.ticket), case=case, d=details,
                           personal=personal, acts=acts, due_text=due_text, overdue=overdue,
                           quota=push_quota() if acts else None, category_form=category_form,
                           status_form=status_form, assign_form=assign_form, note_form=NoteForm(),
                           reply_templates=reply_templates, rt=result_t, max_after=MAX_PHOTOS, photos_reach_line=uploads.public_https(),
                           max_mb=current_app.extensions["settings"].max_image_bytes // (1024 * 1024))


def _due(case: Case, now: datetime) -> tuple[str, bool]:
    """(days left or days late, as text; overdue) for an open case, counted in Bangkok calendar days."""
    if case.due_at is None or case.status not in OPEN_STATUSES:
        return "", False
    days = (to_bangkok(case.due_at).date() - to_bangkok(now).date()).days
    overdue = case.due_at < now
    if overdue:
        return ct("case.overdue_by", days=max(-days, 0)) if days < 0 else ct("queue.overdue"), True
    return (ct("case.due_left", days=days) if days > 0 else ct("case.due_today")), False


# --- actions -------------------------------------------------------------------------------------------

def _actor() -> life.Actor:
    return life.Actor(username=current_user.username, staff_id=current_user.staff_id)


def _acting_on(ticket: str, s) -> Case:
    case = case_or_404(ticket, session=s)
    if not can_act(current_user, case):
        abort(403)
    return case


def _done(ticket: str, pushed: bool, *notices: str):
    for notice in notices + ((ct("done.pushed"),) if pushed else ()):
        flash(notice, "info")
    return redirect(url_for("admin.case_page", ticket=ticket))


def _refused(ticket: str, key: str):
    flash(ct(key), "error")
    return redirect(url_for("admin.case_page", ticket=ticket))


def _picked(case: Case, s) -> str:
    """The saved reply chosen in the form (when no message was typed), if it fits this case."""
    chosen = request.form.get("template", type=int)
    return next((x.body for x in templates_for(case.category_id, session=s) if x.id == chosen), "")


@bp.post("/cases/<ticket>/status")
@auth.roles_required(*ACT_ROLES)
def case_status(ticket: str):
    form = StatusForm()
    with session_scope(current_app.extensions["db_engine"]) as s:
        case = _acting_on(ticket, s)
        if not form.validate_on_submit():
            return _refused(case.ticket, "refused.form")
        if not form.status.data:
            return _refused(case.ticket, "refused.choose")
        old = case.status
        files = uploads.uploaded_files()
        try:
            row = life.change_status(case, form.status.data or "", _actor(), session=s,
                                     reason=form.reason.data or "", message=form.message.data or _picked(case, s))
            ids, links = uploads.store(case, files, current_user.username, session=s)
        except life.Refused as exc:
            s.rollback()
            return _refused(case.ticket, "refused." + exc.reason)
        except BadPhoto as exc:
            s.rollback()
            flash(result_t("admin.bad." + exc.reason, n=MAX_PHOTOS,
                           mb=current_app.extensions["settings"].max_image_bytes // (1024 * 1024)), "error")
            return redirect(url_for("admin.case_page", ticket=case.ticket))
        auth.log_action("change_status", session=s, target_kind="complaint", target_id=case.ticket,
                        detail=f"{old} -> {case.status}" + (f" photos={len(ids)}" if ids else ""))
        pushed = tell_about_case(case, s, status=case.status, message=row.message, photos=links)
        ticket = case.ticket
    photos = (result_t("admin.done.photos", n=len(ids)),) if ids else ()
    return _done(ticket, pushed, ct("done.status", status=status_label(case.status)), *photos)


@bp.post("/cases/<ticket>/assign")
@auth.roles_required(*ACT_ROLES)
def case_assign(ticket: str):
    form = AssignForm()
    with session_scope(current_app.extensions["db_engine"]) as s:
        case = _acting_on(ticket, s)
        if not form.validate_on_submit():
            return _refused(case.ticket, "refused.form")
        division = s.get(Division, form.division.data) if form.division.data else None
        try:
            row = life.assign(case, _actor(), session=s, division_id=division.id if division else None,
                              staff_id=form.person.data or None, message=form.message.data or "")
        except life.Refused as exc:
            s.rollback()
            return _refused(case.ticket, "refused." + exc.reason)
        auth.log_action("assign_case", session=s, target_kind="complaint", target_id=case.ticket,
                        detail=f"division={case.division_id} staff={case.assigned_staff_id or ''}")
        pushed = bool(row.message) and tell_about_case(case, s, status=None, message=row.message)
        ticket, label = case.ticket, row.note
    return _done(ticket, pushed, ct("done.assign", label=label))


@bp.post("/cases/<ticket>/category")
@auth.roles_required(*ACT_ROLES)
def case_category(ticket: str):
    """Correct the category; the correction also teaches the text model (flask nlu train --with-cases)."""
    form = CategoryForm()
    with session_scope(current_app.extensions["db_engine"]) as s:
        case = _acting_on(ticket, s)
        try:
            if not form.validate_on_submit() or not form.category.data:
                raise life.Refused("form")
            row = life.recategorize(case, _actor(), session=s, category_id=form.category.data)
        except life.Refused as exc:
            s.rollback()
            return _refused(case.ticket, "refused." + exc.reason)
        auth.log_action("recategorize_case", session=s, target_kind="complaint", target_id=case.ticket,
                        detail=row.note)
        ticket, name = case.ticket, s.get_one(Category, case.category_id).name
    return _done(ticket, False, ct("done.category", category=name))


@bp.post("/cases/<ticket>/note")
@auth.roles_required(*ACT_ROLES)
def case_note(ticket: str):
    form = NoteForm()
    with session_scope(current_app.extensions["db_engine"]) as s:
        case = _acting_on(ticket, s)
        try:
            if not form.validate_on_submit():
                raise life.Refused("empty")
            life.add_note(case, _actor(), form.note.data or "", session=s)
        except life.Refused as exc:
            s.rollback()
            return _refused(case.ticket, "refused." + exc.reason)
        auth.log_action("add_note", session=s, target_kind="complaint", target_id=case.ticket)
        ticket = case.ticket
    return _done(ticket, False, ct("done.note"))
