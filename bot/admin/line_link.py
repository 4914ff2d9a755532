"""Linking one's own LINE account (issue 13), at /admin/me for every staff member: a one-time code
(shown once, on the page that made it; only its hash is stored) and unlinking. An admin unlinks any
account from the accounts page; deactivating an account unlinks it too (bot/admin/accounts.py).

Every link code, link and unlink is audited. The LINE id is personal data: shown masked, logged masked.
The per-user rich menu is changed after the transaction commits (bot/line/staff_menu.py).
"""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from bot.admin import bp
from bot.admin.auth import db_engine, log_action, roles_required
from bot.admin.permissions import roles
from bot.line import staff_menu
from messages_th import admin_staff_line as text
from messages_th.dates import thai_datetime
from models.db import id_of, read_scope, session_scope
from models.link_code import shown
from models.staff import Staff
from models.staff_link import live_code_expiry, masked_line_id, new_code, unlink

KIND = "staff"
bp.add_app_template_global(text.t, "t_line")
bp.add_app_template_global(masked_line_id, "masked_line_id")


def _gateway():
    return current_app.extensions["services"].gateway


def unlink_account(staff: Staff, *, session) -> bool:
    """Forget the account's LINE id, audited, and give that LINE user the citizens' menu back after
    the commit. Whether there was one (the accounts page and deactivation call this too)."""
    before = unlink(staff, session=session)
    if not before:
        return False
    log_action("unlink_line", session=session, target_kind=KIND, target_id=str(staff.id),
               detail=f"{staff.username}: {masked_line_id(before)}")
    staff_menu.after_commit(session, _gateway(), before, linked=False)
    return True


def _page(code: str = "", until: str = ""):
    with read_scope(db_engine()) as s:
        staff = s.get(Staff, current_user.staff_id) or abort(404)
        waiting = live_code_expiry(id_of(staff), session=s) if not code else None
    return render_template("admin/me.html", title=text.t("me.title"), staff=staff, code=code, until=until,
                           waiting=thai_datetime(waiting, short=True) if waiting else "",
                           name=current_app.config.get("MUNICIPALITY_NAME", ""))


@bp.get("/me")
@roles_required(*roles("me"))
def me():
    return _page()


@bp.post("/me/line-code")
@roles_required(*roles("me"))
def me_line_code():
    with session_scope(db_engine()) as s:
        staff = s.get(Staff, current_user.staff_id) or abort(404)
        if not staff.active:
            abort(403)
        code, expires = new_code(staff, session=s)
        log_action("link_code", session=s, target_kind=KIND, target_id=str(staff.id), detail=staff.username)
    # Shown in this answer only: never in a flash message, which would keep it in the session cookie.
    response = _page(shown(code), thai_datetime(expires, short=True))
    return response, 200, {"Cache-Control": "no-store"}


@bp.post("/me/line-unlink")
@roles_required(*roles("me"))
def me_line_unlink():
    with session_scope(db_engine()) as s:
        staff = s.get(Staff, current_user.staff_id) or abort(404)
        unlink_account(staff, session=s)
    flash(text.t("me.unlinked"), "info")
    return redirect(url_for("admin.me"))


@bp.post("/staff/<int:staff_id>/line-unlink")
@roles_required(*roles("staff"))
def staff_line_unlink(staff_id: int):
    with session_scope(db_engine()) as s:
        staff = s.get(Staff, staff_id) or abort(404)
        unlink_account(staff, session=s)
        username = staff.username
    flash(text.t("staff.line_unlinked", username=username), "info")
    return redirect(url_for("admin.staff_edit", staff_id=staff_id))
