"""Saved replies (issue 13) at /admin/templates, for admins: add, edit, switch off. Staff pick them on
the case page (bot/admin/case_actions.py) and in LINE (handlers/staff.py) when telling a citizen."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from sqlmodel import col, select

from bot.admin import bp
from bot.admin.auth import db_engine, log_action, roles_required
from bot.admin.permissions import roles
from messages_th import admin_staff_line as text
from models.complaint import Category
from models.db import read_scope, session_scope
from models.reply_template import MAX_BODY, MAX_TITLE, ReplyTemplate

KIND = "template"


def _fields(s) -> dict | None:
    """The form's values, or None when they do not make a template."""
    title = " ".join(request.form.get("title", "").split())
    body = request.form.get("body", "").strip()
    category_id = request.form.get("category_id", type=int) or None
    if category_id is not None and s.get(Category, category_id) is None:
        return None
    if not title or len(title) > MAX_TITLE or not body or len(body) > MAX_BODY:
        return None
    return {"title": title, "body": body, "category_id": category_id,
            "sort_order": request.form.get("sort_order", 0, type=int) or 0,
            "active": request.form.get("active", "1") == "1"}


@bp.get("/templates")
@roles_required(*roles("templates"))
def templates():
    with read_scope(db_engine()) as s:
        rows = s.exec(select(ReplyTemplate).order_by(col(ReplyTemplate.category_id), col(ReplyTemplate.sort_order),
                                                     col(ReplyTemplate.id))).all()
        cats = s.exec(select(Category).order_by(col(Category.sort_order), col(Category.id))).all()
    return render_template("admin/reply_templates.html", title=text.t("tpl.title"), rows=rows, categories=cats,
                           names={c.id: c.name for c in cats}, max_title=MAX_TITLE, max_body=MAX_BODY)


@bp.post("/templates")
@roles_required(*roles("templates"))
def template_add():
    with session_scope(db_engine()) as s:
        fields = _fields(s)
        if fields is not None:
            row = ReplyTemplate(**fields)
            s.add(row)
            s.flush()
            log_action("add_template", session=s, target_kind=KIND, target_id=str(row.id), detail=row.title)
    flash(text.t("tpl.added" if fields else "tpl.bad"), "info" if fields else "error")
    return redirect(url_for("admin.templates"))


@bp.post("/templates/<int:template_id>")
@roles_required(*roles("templates"))
def template_update(template_id: int):
    with session_scope(db_engine()) as s:
        row = s.get(ReplyTemplate, template_id) or abort(404)
        fields = _fields(s)
        if fields is not None:
            for key, value in fields.items():
                setattr(row, key, value)
            s.add(row)
            log_action("update_template", session=s, target_kind=KIND, target_id=str(row.id),
                       detail=f"{row.title}{'' if row.active else ' (off)'}")
    flash(text.t("tpl.saved" if fields else "tpl.bad"), "info" if fields else "error")
    return redirect(url_for("admin.templates"))
