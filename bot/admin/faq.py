"""The FAQ at /admin/faq that the bot answers inquiries from: list by topic, add, edit, switch off.

Who edits: admins and officers. Officers are the ones who answer inquiries and know the answers
(fees, opening hours, documents); an entry belongs to no division, so any officer may keep it
right. Executives may read the list. Starter entries (`sample`) are marked until someone saves them.
"""
from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from bot.admin import bp
from bot.admin.auth import db_engine, log_action, roles_required
from bot.admin.permissions import roles
from messages_th.admin_feedback import ft
from models import inquiry_queries as q
from models.db import read_scope, session_scope
from models.inquiry import Faq, Inquiry

READ_ROLES = roles("faq.read")
EDIT_ROLES = roles("faq.edit")
KIND = "faq"
MAX_TOPIC, MAX_QUESTION, MAX_KEYWORDS = 100, 500, 2000



@bp.get("/faq")
@roles_required(*READ_ROLES)
def faq_list():
    """Every entry by topic (a few dozen: one page); ?show=samples leaves only the samples to review."""
    with read_scope(db_engine()) as s:
        entries = q.faq_entries(session=s)
        names = q.staff_names({e.updated_by for e in entries}, session=s)
    samples = [e for e in entries if e.sample and e.active]
    only_samples = request.args.get("show") == "samples"
    shown = samples if only_samples else entries
    return render_template("admin/faq_list.html", title=ft("faq.title"), groups=q.faq_by_topic(shown),
                           total=len(entries), samples=len(samples), only_samples=only_samples,
                           names=names, edits=current_user.has_role(*EDIT_ROLES))


def _form(values: dict[str, Any], *, entry: Faq | None = None, error: str = "", inquiry_id: int | None = None,
          code: int = 200):
    with read_scope(db_engine()) as s:
        topics = q.faq_topics(session=s)
    title = ft("faq.edit_title" if entry else "faq.new_title")
    return render_template("admin/faq_edit.html", title=title, entry=entry, values=values, error=error,
                           topics=topics, inquiry_id=inquiry_id, max_answer=q.MAX_ANSWER,
                           max_question=MAX_QUESTION, max_topic=MAX_TOPIC), code


def _fields() -> tuple[dict[str, Any], str]:
    """The entry's fields from the form, and the first thing wrong with them as Thai text ("" if none)."""
    form = request.form
    keywords = "\n".join(dict.fromkeys(k.strip() for k in form.get("keywords", "").splitlines() if k.strip()))
    fields: dict[str, Any] = {"topic": " ".join(form.get("topic", "").split()), "question": form.get("question", "").strip(),
              "answer": form.get("answer", "").strip(), "keywords": keywords,
              "sort_order": form.get("sort_order", type=int, default=0) or 0, "active": form.get("active") == "1"}
    if len(fields["topic"]) > MAX_TOPIC:
        return fields, ft("error.faq_topic", n=MAX_TOPIC)
    if not fields["question"] or len(fields["question"]) > MAX_QUESTION:
        return fields, ft("error.faq_question", n=MAX_QUESTION)
    if not fields["answer"] or len(fields["answer"]) > q.MAX_ANSWER:
        return fields, ft("error.faq_answer", n=q.MAX_ANSWER)
    if len(keywords) > MAX_KEYWORDS:
        return fields, ft("error.faq_keywords")
    return fields, ""


@bp.get("/faq/new")
@roles_required(*EDIT_ROLES)
def faq_new():
    """An empty form, or one filled from an answered inquiry (?inquiry=<id>)."""
    values: dict[str, Any] = {"topic": "", "question": "", "answer": "", "keywords": "", "sort_order": 0, "active": True}
    inquiry_id = request.args.get("inquiry", type=int)
    if inquiry_id:
        with read_scope(db_engine()) as s:
            inquiry = s.get(Inquiry, inquiry_id)
        if inquiry is None:
            inquiry_id = None
        else:
            values.update(question=inquiry.question.strip(), answer=inquiry.answer.strip() if inquiry.status == "answered" else "")
    return _form(values, inquiry_id=inquiry_id)


@bp.post("/faq")
@roles_required(*EDIT_ROLES)
def faq_create():
    fields, error = _fields()
    if error:
        return _form(fields, error=error, inquiry_id=request.form.get("inquiry", type=int), code=400)
    with session_scope(db_engine()) as s:
        entry = q.save_faq(Faq(question="", answer=""), fields, current_user.staff_id, session=s)
        detail = f"from inquiry {request.form.get('inquiry')}" if request.form.get("inquiry", "").isdigit() else ""
        log_action("add_faq", session=s, target_kind=KIND, target_id=str(entry.id), detail=detail)
    flash(ft("faq.saved"), "info")
    return redirect(url_for("admin.faq_list") + f"#faq-{entry.id}")


@bp.get("/faq/<int:faq_id>")
@roles_required(*EDIT_ROLES)
def faq_edit(faq_id: int):
    with read_scope(db_engine()) as s:
        entry = s.get(Faq, faq_id) or abort(404)
    values = {k: getattr(entry, k) for k in ("topic", "question", "answer", "keywords", "sort_order", "active")}
    return _form(values, entry=entry)


@bp.post("/faq/<int:faq_id>")
@roles_required(*EDIT_ROLES)
def faq_update(faq_id: int):
    fields, error = _fields()
    with session_scope(db_engine()) as s:
        entry = s.get(Faq, faq_id) or abort(404)
        if not error:
            was_sample = entry.sample
            q.save_faq(entry, fields, current_user.staff_id, session=s)
            log_action("update_faq", session=s, target_kind=KIND, target_id=str(faq_id),
                       detail="reviewed sample" if was_sample else "")
    if error:
        return _form(fields, entry=entry, error=error, code=400)
    flash(ft("faq.saved"), "info")
    return redirect(url_for("admin.faq_list") + f"#faq-{faq_id}")


@bp.post("/faq/<int:faq_id>/active")
@roles_required(*EDIT_ROLES)
def faq_active(faq_id: int):
    active = request.form.get("active") == "1"
    with session_scope(db_engine()) as s:
        entry = s.get(Faq, faq_id) or abort(404)
        q.set_faq_active(entry, active, current_user.staff_id, session=s)
        log_action("reactivate_faq" if active else "deactivate_faq", session=s, target_kind=KIND, target_id=str(faq_id))
    flash(ft("faq.reactivated" if active else "faq.deactivated"), "info")
    return redirect(url_for("admin.faq_list") + f"#faq-{faq_id}")
