"""Staff login (Flask-Login, CSRF on the form, failures counted per username and client) and role
checks. Sessions live in the database (models/staff_session.py): the cookie names one, nothing more."""
from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from flask import Flask, Request, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from messages_th.admin import t
from models import audit
from models.case_queries import MAX_ID
from models.db import id_of, read_scope, session_scope
from models.staff import Staff, authenticate
from models.staff_session import end_session, forget_old_sessions, live_session, needs_touch, start_session, touch

login_manager = LoginManager()
MAX_ROW_ID = MAX_ID  # ids are 32-bit on PostgreSQL; a bigger one in a URL or a form names no row


def row_id(value: Any) -> int:
    """A form field's row id (SelectField coerce): a number out of a row id's range is a bad form,
    never a query that fails on PostgreSQL."""
    number = int(value)
    if not 0 <= number <= MAX_ROW_ID:
        raise ValueError("not a row id")
    return number


class StaffUser(UserMixin):
    """What the session knows of a staff member; reloaded from the database on every request."""

    def __init__(self, staff: Staff, token: str, session_id: int):
        # Flask-Login keeps get_id() (= self.id) in the cookie: the server session's token, so that
        # ending the session in the database ends it for every copy of the cookie.
        self.id = token
        self.session_id = session_id
        self.staff_id = staff.id
        self.username = staff.username
        self.display_name = staff.display_name or staff.username
        self.roles = staff.role_set()
        self.division_id = staff.division_id

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))


class LoginForm(FlaskForm):
    username = StringField(validators=[DataRequired(), Length(max=64)])
    password = PasswordField(validators=[DataRequired(), Length(max=200)])


class _BoundedArgs(ImmutableMultiDict):
    """Query and form values where `get(name, type=int)` takes only a number a database column can
    hold: a larger one (9223372036854775808 in a sort order, found by tests/fuzz) made the database
    fail with a 500; now it is treated like any other value that is not a number. And no NUL
    character, which PostgreSQL text cannot hold (a %00 in any search or form was a 500 there)."""

    def __init__(self, mapping=None) -> None:
        items = MultiDict(mapping).items(multi=True) if mapping is not None else []
        super().__init__([(_no_nul(k), _no_nul(v)) for k, v in items])

    def get(self, key, default=None, type=None):  # type: ignore[override]
        if type is not int:
            return super().get(key, default, type)
        value = super().get(key, None, int)
        return value if value is not None and -MAX_ROW_ID <= value <= MAX_ROW_ID else default


class BoundedRequest(Request):
    parameter_storage_class = _BoundedArgs


def _no_nul(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


def _no_nul_in_url(endpoint: str | None, values: dict | None) -> None:
    """A NUL in a URL's part (/admin/cases/%00) names nothing, and PostgreSQL cannot even look it up."""
    if values and any(isinstance(v, str) and "\x00" in v for v in values.values()):
        abort(404)


def init_login(app: Flask) -> None:
    app.request_class = BoundedRequest
    app.url_value_preprocessor(_no_nul_in_url)
    login_manager.init_app(app)
    login_manager.login_view = "admin.login"
    login_manager.login_message = t("login.required")
    login_manager.session_protection = "strong"


def _lifetimes() -> tuple[timedelta, timedelta]:
    settings = current_app.extensions["settings"]
    return timedelta(hours=settings.session_idle_hours), timedelta(hours=settings.session_max_hours)


@login_manager.user_loader
def _load(token: str) -> StaffUser | None:
    idle, lifetime = _lifetimes()
    with read_scope(db_engine()) as s:
        row = live_session(token, session=s, idle=idle, lifetime=lifetime)
        staff = s.get(Staff, row.staff_id) if row else None
        if row is None or staff is None or not staff.active:
            return None
        user = StaffUser(staff, token, id_of(row))
    if needs_touch(row):  # a write now and then, not on every page view
        with session_scope(db_engine()) as s:
            touch(id_of(row), session=s)
    return user


def roles_required(*roles: str) -> Callable:
    """Logged in, and holding one of the roles; otherwise the login page or 403."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.has_role(*roles):
                abort(403)
            if any(isinstance(v, int) and not 0 <= v <= MAX_ROW_ID for v in kwargs.values()):
                abort(404)  # <int:…> takes any size; the database would fail on it (a 500)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def db_engine():
    """The application's database engine, for the views' read and write scopes."""
    return current_app.extensions["db_engine"]


def client_ip() -> str:
    """The client's address: the connection's, or, behind TRUSTED_PROXIES proxies, the one they
    forwarded (werkzeug's ProxyFix, set up in bot/__init__.py, has already put it here)."""
    return (request.remote_addr or "")[:64]


def log_action(action: str, *, session, target_kind: str = "", target_id: str = "", detail: str = "") -> None:
    """An audit row for the logged-in staff member's action, in the caller's transaction."""
    audit.record(action, session=session, staff_id=getattr(current_user, "staff_id", None),
                 username=getattr(current_user, "username", ""), target_kind=target_kind,
                 target_id=target_id, detail=detail, ip=client_ip())


def login_view():
    form = LoginForm()
    if request.method == "POST" and form.validate_on_submit():
        typed = (form.username.data or "")[:64]
        with session_scope(db_engine()) as s:
            staff, why = authenticate(typed, form.password.data or "", session=s, client=client_ip())
            if why != "throttled":  # a throttled address writes nothing (models/staff.py: authenticate)
                audit.record("login" if staff else "login_failed", session=s, staff_id=staff.id if staff else None,
                             username=typed, ip=client_ip(), detail=why)
            if staff is not None:
                forget_old_sessions(session=s, older_than=_lifetimes()[1] + timedelta(days=1))
                token, session_id = start_session(id_of(staff), session=s, ip=client_ip(),
                                                  user_agent=request.headers.get("User-Agent", ""))
                user = StaffUser(staff, token, session_id)
        if staff is None:
            # The same words whether or not the username exists (models/staff_login.py).
            flash(t({"locked": "login.locked", "throttled": "login.throttled"}.get(why, "login.bad")), "error")
            return render_template("admin/login.html", form=form), 429 if why == "throttled" else 401
        session.clear()  # a fresh session at login: nothing planted before it survives (fixation)
        login_user(user)
        target = request.args.get("next", "")
        # Only a local path: never send a freshly logged-in person to another site.
        if not target.startswith("/admin") or target.startswith("//"):
            target = url_for("admin.dashboard")
        return redirect(target)
    return render_template("admin/login.html", form=form)


def logout_view():
    if current_user.is_authenticated:  # the server session ends: a copy of the cookie is worthless
        with session_scope(db_engine()) as s:
            end_session(current_user.session_id, session=s)
    logout_user()
    session.clear()
    flash(t("login.logged_out"), "info")
    return redirect(url_for("admin.login"))
