"""Staff accounts, for admins: list, create, change roles, reset a password, deactivate/reactivate.

Every change writes an audit row. Nobody locks themself out: an admin can neither deactivate their
own account nor take away their own admin role. A new password, other roles or deactivation end the
account's open sessions (models/staff.py). The integrity role reads every corruption report: only
someone who holds it already (or the server's command line, `flask staff integrity`) may give or
take it, or set a new password for its holder, and that is logged as what it is."""
from __future__ import annotations

import re
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlmodel import col
from werkzeug.datastructures import MultiDict

from bot.admin import bp
from bot.admin.auth import db_engine, log_action, roles_required
from bot.admin.line_link import unlink_account
from bot.admin.permissions import roles
from messages_th import admin_accounts as text
from models.complaint import Division
from models.corruption_queries import integrity_staff
from models.db import read_scope, session_scope
from models.staff import INTEGRITY, ROLES, Staff, create_staff, integrity_change, set_active, set_password, set_roles
from models.staff_queries import all_staff, username_taken

USERNAME = re.compile(r"^[a-z0-9._-]{3,64}$")
MIN_PASSWORD, MAX_PASSWORD = 10, 200
KIND = "staff"

bp.add_app_template_global(text.t, "t_accounts")



def _active_divisions(s) -> list[Division]:
    return list(s.execute(select(Division).where(col(Division.active).is_(True)).order_by(col(Division.id))).scalars())


def _profile(form: MultiDict, s) -> tuple[dict[str, Any], list[str]]:
    """Display name, roles and division from a form, and the keys of what is wrong with them."""
    roles = sorted(set(form.getlist("roles")) & set(ROLES))
    wanted = form.get("division_id", "")
    division = s.get(Division, int(wanted)) if wanted.isdigit() and len(wanted) < 10 else None
    display = " ".join(form.get("display_name", "").split())
    errors = []
    if len(display) > 200:
        errors.append("error.display_name")
    if not roles:
        errors.append("error.roles")
    if wanted and (division is None or not division.active):
        errors.append("error.division_unknown")
    elif "officer" in roles and division is None:
        errors.append("error.division")  # an officer sees the cases of their division
    return {"display_name": display, "roles": roles, "division_id": division.id if division else None}, errors


def _integrity_refusal(s) -> list[str]:
    """Empty when the person acting may give, take or reset the integrity role; else why not. An
    admin without it must not be able to make themself (or a friend) a reader of corruption reports."""
    if current_user.has_role(INTEGRITY):
        return []
    return ["error.integrity" if integrity_staff(session=s) else "error.integrity_none"]


def _keep(staff: Staff) -> int | None:
    """One's own session survives a change one makes to one's own account."""
    return current_user.session_id if staff.id == current_user.staff_id else None


def _password_error(password: str) -> list[str]:
    return [] if MIN_PASSWORD <= len(password) <= MAX_PASSWORD else ["error.password"]


@bp.get("/staff")
@roles_required(*roles("staff"))
def staff_list(form: MultiDict | None = None, errors: list[str] | None = None, code: int = 200):
    with read_scope(db_engine()) as s:
        rows, divisions = all_staff(session=s), _active_divisions(s)
    return render_template("admin/staff_list.html", title=text.t("staff.title"), rows=rows, divisions=divisions,
                           roles=ROLES, form=form or MultiDict(), errors=errors or []), code


@bp.post("/staff")
@roles_required(*roles("staff"))
def staff_create():
    form = request.form
    username, password = form.get("username", "").strip().lower(), form.get("password", "")
    with session_scope(db_engine()) as s:
        fields, errors = _profile(form, s)
        if not USERNAME.match(username):
            errors.append("error.username")
        elif username_taken(username, session=s):
            errors.append("error.username_taken")
        errors += _password_error(password)
        if INTEGRITY in fields["roles"]:
            errors += _integrity_refusal(s)
        if not errors:
            staff = create_staff(username, password, fields["roles"], session=s, division_id=fields["division_id"],
                                 display_name=fields["display_name"])
            log_action("create_staff", session=s, target_kind=KIND, target_id=str(staff.id),
                       detail=f"{username}: {' '.join(fields['roles'])}")
            if INTEGRITY in fields["roles"]:
                log_action("grant_integrity", session=s, target_kind=KIND, target_id=str(staff.id), detail=username)
    if errors:  # shown again with what was typed, except the password
        return staff_list(MultiDict([(k, v) for k, v in form.items(multi=True) if k != "password"]), errors, 400)
    flash(text.t("staff.created", username=username), "info")
    return redirect(url_for("admin.staff_list"))


@bp.get("/staff/<int:staff_id>")
@roles_required(*roles("staff"))
def staff_edit(staff_id: int, errors: list[str] | None = None, code: int = 200):
    with read_scope(db_engine()) as s:
        staff = s.get(Staff, staff_id) or abort(404)
        divisions = _active_divisions(s)
    return render_template("admin/staff_edit.html", title=text.t("staff.edit_title", username=staff.username),
                           staff=staff, divisions=divisions, roles=ROLES, errors=errors or [],
                           is_self=staff.id == current_user.staff_id), code


@bp.post("/staff/<int:staff_id>/update")
@roles_required(*roles("staff"))
def staff_update(staff_id: int):
    with session_scope(db_engine()) as s:
        staff = s.get(Staff, staff_id) or abort(404)
        fields, errors = _profile(request.form, s)
        if staff.id == current_user.staff_id and "admin" not in fields["roles"]:
            errors.append("error.self_admin")
        if fields["roles"] and integrity_change(staff.role_set(), frozenset(fields["roles"])) is not None:
            errors += _integrity_refusal(s)
        if not errors:
            staff.display_name = fields["display_name"] or staff.username
            staff.division_id = fields["division_id"]
            granted = set_roles(staff, fields["roles"], session=s, keep_session=_keep(staff))
            log_action("update_staff", session=s, target_kind=KIND, target_id=str(staff.id),
                       detail=f"{staff.username}: {staff.roles}")
            if granted is not None:
                log_action("grant_integrity" if granted else "revoke_integrity", session=s, target_kind=KIND,
                           target_id=str(staff.id), detail=staff.username)
    if errors:
        return staff_edit(staff_id, errors, 400)
    flash(text.t("staff.updated"), "info")
    return redirect(url_for("admin.staff_edit", staff_id=staff_id))


@bp.post("/staff/<int:staff_id>/password")
@roles_required(*roles("staff"))
def staff_password(staff_id: int):
    password = request.form.get("password", "")
    errors = _password_error(password)
    with session_scope(db_engine()) as s:
        staff = s.get(Staff, staff_id) or abort(404)
        # Whoever sets the password of an integrity handler can read what they read.
        if staff.has_role(INTEGRITY):
            errors += _integrity_refusal(s)
        if not errors:
            set_password(staff, password, session=s, keep_session=_keep(staff))
            log_action("reset_integrity_password" if staff.has_role(INTEGRITY) else "reset_password", session=s,
                       target_kind=KIND, target_id=str(staff.id), detail=staff.username)
    if errors:
        return staff_edit(staff_id, errors, 400)
    flash(text.t("staff.password_set"), "info")
    return redirect(url_for("admin.staff_edit", staff_id=staff_id))


@bp.post("/staff/<int:staff_id>/active")
@roles_required(*roles("staff"))
def staff_active(staff_id: int):
    active = request.form.get("active") == "1"
    if staff_id == current_user.staff_id and not active:
        return staff_edit(staff_id, ["error.self_deactivate"], 400)
    with session_scope(db_engine()) as s:
        staff = s.get(Staff, staff_id) or abort(404)
        set_active(staff, active, session=s)
        if not active:  # a deactivated account's LINE no longer acts, nor keeps the staff menu
            unlink_account(staff, session=s)
        log_action("reactivate_staff" if active else "deactivate_staff", session=s, target_kind=KIND,
                   target_id=str(staff.id), detail=staff.username)
    flash(text.t("staff.reactivated" if active else "staff.deactivated"), "info")
    return redirect(url_for("admin.staff_edit", staff_id=staff_id))
