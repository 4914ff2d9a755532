"""Staff login (Flask-Login, CSRF on the form, lockout, per-address throttle) and role checks."""
from __future__ import annotations

import hashlib
import threading
import time
from collections import deque
from functools import wraps
from typing import Any, Callable

from flask import Flask, Request, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from messages_th.admin import t
from models import audit
from models.db import read_scope, session_scope
from models.staff import Staff, authenticate

login_manager = LoginManager()
MAX_ROW_ID = 2**31 - 1  # ids are 32-bit on PostgreSQL; a bigger one in a URL names no row
THROTTLE_WINDOW = 300.0  # seconds
THROTTLE_MAX = 20  # login attempts per address per window


class StaffUser(UserMixin):
    """What the session knows of a staff member; reloaded from the database on every request."""

    def __init__(self, staff: Staff):
        # The session keeps "id.mark of the password": a password reset ends every session of the
        # account (a stolen cookie stops working), and an old cookie cannot come back to life.
        self.id = f"{staff.id}.{_password_mark(staff)}"
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


class _Throttle:
    """Attempts per client address in a sliding window, in memory: a cheap first line; the
    per-account lockout in the database is the one that holds across processes."""

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] > THROTTLE_WINDOW:
                hits.popleft()
            if len(hits) >= THROTTLE_MAX:
                return False
            hits.append(now)
            return True


class _BoundedArgs(ImmutableMultiDict):
    """Query and form values where `get(name, type=int)` takes only a number a database column can
    hold: a larger one (9223372036854775808 in a sort order, found by tests/fuzz) made the database
    fail with a 500; now it is treated like any other value that is not a number. And no NUL
    character, which PostgreSQL text cannot hold (a %00 in any search or form was a 500 there)."""

    def __init__(self, mapping=None) -> None:  # noqa: ANN001
        items = MultiDict(mapping).items(multi=True) if mapping is not None else []
        super().__init__([(_no_nul(k), _no_nul(v)) for k, v in items])

    def get(self, key, default=None, type=None):  # noqa: ANN001, ANN201, A002
        if type is not int:
            return super().get(key, default, type)
        value = super().get(key, None, int)
        return value if value is not None and -MAX_ROW_ID <= value <= MAX_ROW_ID else default


class BoundedRequest(Request):
    parameter_storage_class = _BoundedArgs


def _no_nul(value):  # noqa: ANN001, ANN202
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
    app.extensions["login_throttle"] = _Throttle()


def _password_mark(staff: Staff) -> str:
    return hashlib.sha256(staff.password_hash.encode()).hexdigest()[:16]


@login_manager.user_loader
def _load(user_id: str) -> StaffUser | None:
    ident, _, mark = user_id.partition(".")
    if not ident.isdigit() or len(ident) > 9:
        return None
    with read_scope(current_app.extensions["db_engine"]) as s:
        staff = s.get(Staff, int(ident))
        if staff is None or not staff.active or mark != _password_mark(staff):
            return None
        return StaffUser(staff)


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


def db_engine():  # noqa: ANN201
    """The application's database engine, for the views' read and write scopes."""
    return current_app.extensions["db_engine"]


def client_ip() -> str:
    return (request.remote_addr or "")[:64]


def log_action(action: str, *, session, target_kind: str = "", target_id: str = "", detail: str = "") -> None:  # noqa: ANN001
    """An audit row for the logged-in staff member's action, in the caller's transaction."""
    audit.record(action, session=session, staff_id=getattr(current_user, "staff_id", None),
                 username=getattr(current_user, "username", ""), target_kind=target_kind,
                 target_id=target_id, detail=detail, ip=client_ip())


def login_view():  # noqa: ANN201
    form = LoginForm()
    if request.method == "POST" and form.validate_on_submit():
        if not current_app.extensions["login_throttle"].allow(client_ip()):
            flash(t("login.throttled"), "error")
            return render_template("admin/login.html", form=form), 429
        engine = current_app.extensions["db_engine"]
        with session_scope(engine) as s:
            staff, why = authenticate(form.username.data or "", form.password.data or "", session=s)
            audit.record("login" if staff else "login_failed", session=s, staff_id=staff.id if staff else None,
                         username=(form.username.data or "")[:64], ip=client_ip(), detail=why)
            user = StaffUser(staff) if staff else None
        if user is None:
            flash(t("login.locked" if why == "locked" else "login.bad"), "error")
            return render_template("admin/login.html", form=form), 401
        session.clear()  # a fresh session at login: nothing planted before it survives (fixation)
        login_user(user)
        target = request.args.get("next", "")
        # Only a local path: never send a freshly logged-in person to another site.
        if not target.startswith("/admin") or target.startswith("//"):
            target = url_for("admin.dashboard")
        return redirect(target)
    return render_template("admin/login.html", form=form)


def logout_view():  # noqa: ANN201
    logout_user()
    session.clear()
    flash(t("login.logged_out"), "info")
    return redirect(url_for("admin.login"))
