"""Inquiries at /admin/inquiries: what citizens asked that the FAQ did not answer, answered by staff
in LINE; also the ones the FAQ answered, to see whether it helped.

Inquiries belong to no division, so every officer may answer any of them (like the FAQ they feed);
executives read only. An answer, its audit row and the push that carries it to the citizen are one
transaction: the citizen is never sent an answer that was not saved, nor one saved twice.
"""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from bot.admin import NAV_COUNTS, bp
from bot.admin.auth import db_engine, log_action, roles_required
from bot.admin.news import tell_citizen
from bot.admin.permissions import roles
from messages_th.admin_feedback import ft, inquiry_status_label, waited
from messages_th.feedback_push import inquiry_answer
from models import inquiry_queries as q
from models.db import read_scope, session_scope, utcnow
from models.inquiry import Faq, Inquiry, InquiryStatus

READ_ROLES = roles("inquiries.read")
ACT_ROLES = roles("inquiries.act")
KIND = "inquiry"  # audit target kind
MAX_PAGE = 100_000

bp.add_app_template_global(ft, "ft")



def _pending() -> int:
    with read_scope(db_engine()) as s:
        return q.pending_count(session=s)


NAV_COUNTS["admin.inquiries"] = _pending  # the menu shows how many wait for an answer


def page_number() -> int:
    return max(1, min(request.args.get("page", 1, type=int), MAX_PAGE))


@bp.get("/inquiries")
@roles_required(*READ_ROLES)
def inquiries():
    show = request.args.get("show", "")
    show = show if show in q.FILTERS else ""
    page = page_number()
    with read_scope(db_engine()) as s:
        rows, more = q.list_inquiries(show, session=s, page=page)
        counts = q.counts(session=s)
    return render_template("admin/inquiries.html", title=ft("inq.title"), rows=rows, more=more, page=page,
                           show=show, counts=counts, filters=q.FILTERS, now=utcnow(), waited=waited,
                           status_label=inquiry_status_label)


@bp.get("/inquiries/<int:inquiry_id>")
@roles_required(*READ_ROLES)
def inquiry_page(inquiry_id: int):
    with read_scope(db_engine()) as s:
        inquiry = s.get(Inquiry, inquiry_id) or abort(404)
        faq = s.get(Faq, inquiry.faq_id) if inquiry.faq_id else None
        push = q.answer_push(inquiry_id, session=s)
        names = q.staff_names({inquiry.answered_by}, session=s)
    return render_template("admin/inquiry.html", title=ft("inq.page_title", id=inquiry.id), inquiry=inquiry,
                           faq=faq, push=push, answerer=names.get(inquiry.answered_by or 0, ""),
                           acts=current_user.has_role(*ACT_ROLES), now=utcnow(), waited=waited,
                           status_label=inquiry_status_label, max_answer=q.MAX_ANSWER, max_note=q.MAX_NOTE,
                           answerable=inquiry.status in q.ANSWERABLE, closable=inquiry.status == InquiryStatus.PENDING)


def _back(inquiry_id: int):
    return redirect(url_for("admin.inquiry_page", inquiry_id=inquiry_id))


@bp.post("/inquiries/<int:inquiry_id>/answer")
@roles_required(*ACT_ROLES)
def inquiry_answer_post(inquiry_id: int):
    text = request.form.get("answer", "").strip()
    with session_scope(db_engine()) as s:
        inquiry = s.get(Inquiry, inquiry_id) or abort(404)
        if not text or len(text) > q.MAX_ANSWER:
            flash(ft("inq.refused.answer", n=q.MAX_ANSWER), "error")
            return _back(inquiry_id)
        if not q.answer(inquiry_id, text, current_user.staff_id, session=s):
            flash(ft("inq.refused.taken"), "error")
            return _back(inquiry_id)
        log_action("answer_inquiry", session=s, target_kind=KIND, target_id=str(inquiry_id))
        message = inquiry_answer(inquiry.question, text, current_app.config.get("MUNICIPALITY_NAME", ""))
        pushed = tell_citizen(s, inquiry.line_user_id, [{"type": "text", "text": message}],
                              purpose=q.PUSH_PURPOSE, ticket=q.push_key(inquiry_id))
    flash(ft("inq.done.answered"), "info")
    if pushed:
        flash(ft("pushed"), "info")
    if request.form.get("add_faq") == "1":
        return redirect(url_for("admin.faq_new", inquiry=inquiry_id))
    return _back(inquiry_id)


@bp.post("/inquiries/<int:inquiry_id>/close")
@roles_required(*ACT_ROLES)
def inquiry_close(inquiry_id: int):
    note = request.form.get("note", "").strip()
    with session_scope(db_engine()) as s:
        s.get(Inquiry, inquiry_id) or abort(404)
        if not note or len(note) > q.MAX_NOTE:
            flash(ft("inq.refused.note", n=q.MAX_NOTE), "error")
            return _back(inquiry_id)
        if not q.close(inquiry_id, note, current_user.staff_id, session=s):
            flash(ft("inq.refused.taken"), "error")
            return _back(inquiry_id)
        log_action("close_inquiry", session=s, target_kind=KIND, target_id=str(inquiry_id))
    flash(ft("inq.done.closed"), "info")
    return _back(inquiry_id)
