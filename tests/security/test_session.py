"""Sessions: a login always starts a new session (fixation), a copied cookie does not work from
another browser, a password reset, role change or deactivation ends the account's sessions, logout
ends this one (for every copy of the cookie too: the session lives on the server), sessions end when
idle or old, the one-time reveal of a reporter cannot be replayed, and the cookie is HttpOnly,
SameSite=Lax (and Secure in production)."""
from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import select, update

from models.db import session_scope, utcnow
from models.staff_session import StaffSession
from tests.security.conftest import ACCOUNTS, csrf_from, login


def cookie(client) -> str | None:
    found = client.get_cookie("session")
    return found.value if found else None


def test_login_starts_a_new_session_so_a_planted_one_is_worthless(app, world):
    victim = app.test_client()
    victim.get("/admin/login")
    with victim.session_transaction() as sess:
        sess["planted"] = "by the attacker"
    planted = cookie(victim)
    attacker = app.test_client()
    attacker.set_cookie("session", planted)  # the attacker kept a copy of the cookie they handed over
    assert login(victim, ACCOUNTS["admin"][0]).status_code == 302
    assert cookie(victim) != planted
    with victim.session_transaction() as sess:
        assert "planted" not in sess and sess.get("_user_id")
    assert victim.get("/admin/").status_code == 200
    resp = attacker.get("/admin/")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/admin/login")


def test_a_copied_cookie_does_not_work_from_another_browser(app, world):
    staff = app.test_client()
    login(staff, ACCOUNTS["admin"][0])
    thief = app.test_client()
    thief.set_cookie("session", cookie(staff))
    resp = thief.get("/admin/", headers={"User-Agent": "Mozilla/5.0 (thief)"})
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/admin/login")


def test_password_reset_and_deactivation_end_the_accounts_sessions(app, world, as_role):
    officer = app.test_client()
    login(officer, ACCOUNTS["officer"][0])
    kept = cookie(officer)
    admin, token = as_role("admin")
    officer_id = world["staff"]["officer"]
    assert admin.post(f"/admin/staff/{officer_id}/password",
                      data={"csrf_token": token, "password": "a-new-long-password-2569"}).status_code == 302
    assert officer.get("/admin/cases").status_code == 302  # the session of the old password is over
    replay = app.test_client()
    replay.set_cookie("session", kept)
    assert replay.get("/admin/cases").status_code == 302
    assert login(officer, ACCOUNTS["officer"][0], "a-new-long-password-2569").status_code == 302
    assert officer.get("/admin/cases").status_code == 200
    admin.post(f"/admin/staff/{officer_id}/active", data={"csrf_token": token, "active": "0"})
    assert officer.get("/admin/cases").status_code == 302


def test_logout_ends_the_session(app, world):
    client = app.test_client()
    login(client, ACCOUNTS["executive"][0])
    token = csrf_from(client.get("/admin/").get_data(as_text=True))
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/admin/").status_code == 302


def test_session_cookie_flags(app, world):
    client = app.test_client()
    token = csrf_from(client.get("/admin/login").get_data(as_text=True))
    resp = client.post("/admin/login", data={"username": ACCOUNTS["admin"][0], "password": "correct-horse-battery",
                                             "csrf_token": token})
    header = "; ".join(v for k, v in resp.headers.items() if k.lower() == "set-cookie" and v.startswith("session="))
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert app.config["SESSION_COOKIE_SECURE"] is False  # plain http in tests; production: test_production_mode.py


def test_login_redirects_only_to_this_site(app, world):
    for target in ("https://evil.example/", "//evil.example/admin", "/\\evil.example", "javascript:alert(1)"):
        client = app.test_client()
        token = csrf_from(client.get("/admin/login").get_data(as_text=True))
        resp = client.post(f"/admin/login?next={target}", data={"username": ACCOUNTS["admin"][0],
                                                                 "password": "correct-horse-battery", "csrf_token": token})
        assert resp.status_code == 302 and resp.headers["Location"].startswith("/admin"), (target, resp.headers)
        assert "evil" not in resp.headers["Location"]


# --- sessions kept on the server (security review 5) --------------------------------------------
def _replay(app, kept: str):
    """Another browser holding a copy of the cookie (same user agent and address, so only the
    server's record of the session can stop it)."""
    thief = app.test_client()
    thief.set_cookie("session", kept)
    return thief


def _sessions(engine) -> list[StaffSession]:
    with session_scope(engine) as s:
        return list(s.exec(select(StaffSession).order_by(StaffSession.id)).scalars())


def test_a_copied_cookie_replayed_after_logout_is_refused(app, world, engine):
    client = app.test_client()
    login(client, ACCOUNTS["admin"][0])
    kept = cookie(client)
    assert _replay(app, kept).get("/admin/").status_code == 200  # the copy works while the session lives
    token = csrf_from(client.get("/admin/").get_data(as_text=True))
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 302
    resp = _replay(app, kept).get("/admin/")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/admin/login")
    assert [row.revoked_at is not None for row in _sessions(engine)] == [True]


def test_the_cookie_names_a_server_session_and_keeps_no_account_data(app, world, engine):
    client = app.test_client()
    login(client, ACCOUNTS["officer"][0])
    with client.session_transaction() as sess:
        token = sess["_user_id"]
    (row,) = _sessions(engine)
    assert row.staff_id == world["staff"]["officer"] and row.revoked_at is None
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in row.token_hash
    assert str(world["staff"]["officer"]) != token and len(token) >= 40
    assert row.user_agent.startswith("Werkzeug") and row.ip == "127.0.0.1"


def test_idle_and_absolute_lifetimes(app, world, engine, settings):
    client = app.test_client()
    login(client, ACCOUNTS["executive"][0])
    assert client.get("/admin/").status_code == 200
    idle, most = timedelta(hours=settings.session_idle_hours), timedelta(hours=settings.session_max_hours)
    with session_scope(engine) as s:
        s.exec(update(StaffSession).values(last_seen_at=utcnow() - idle - timedelta(minutes=1)))
    assert client.get("/admin/").status_code == 302  # idle too long
    login(client, ACCOUNTS["executive"][0])
    assert client.get("/admin/").status_code == 200
    with session_scope(engine) as s:  # in use all along, but started too long ago
        s.exec(update(StaffSession).values(created_at=utcnow() - most - timedelta(minutes=1), last_seen_at=utcnow()))
    assert client.get("/admin/").status_code == 302
    assert app.permanent_session_lifetime == most  # and the signed cookie itself no longer lives 31 days


def test_page_views_move_last_seen_on(app, world, engine):
    client = app.test_client()
    login(client, ACCOUNTS["executive"][0])
    long_ago = utcnow() - timedelta(hours=1)
    with session_scope(engine) as s:
        s.exec(update(StaffSession).values(last_seen_at=long_ago))
    assert client.get("/admin/").status_code == 200
    (row,) = _sessions(engine)
    assert row.last_seen_at > long_ago + timedelta(minutes=59)


def test_a_role_change_and_a_new_password_from_the_command_line_end_the_sessions(app, world, as_role, engine, monkeypatch):
    officer = app.test_client()
    login(officer, ACCOUNTS["officer"][0])
    kept = cookie(officer)
    admin, token = as_role("admin")
    division = str(world["division"])
    resp = admin.post(f"/admin/staff/{world['staff']['officer']}/update",
                      data={"csrf_token": token, "roles": ["officer", "executive"], "division_id": division})
    assert resp.status_code == 302
    assert officer.get("/admin/").status_code == 302 and _replay(app, kept).get("/admin/").status_code == 302
    login(officer, ACCOUNTS["officer"][0])
    kept = cookie(officer)
    monkeypatch.setenv("STAFF_PASSWORD", "a-new-long-password-2569")
    result = app.test_cli_runner().invoke(args=["staff", "password", ACCOUNTS["officer"][0]])
    assert result.exit_code == 0, result.output
    assert _replay(app, kept).get("/admin/").status_code == 302
    assert admin.get("/admin/").status_code == 200  # nobody else's session ended


def test_the_reporter_is_shown_once_per_logged_reveal_even_to_a_replayed_cookie(app, world, as_role, engine):
    from models.audit import AuditLog
    from tests.admin.access import make_report

    ticket = make_report(engine)
    handler, token = as_role("integrity")
    resp = handler.post(f"/admin/corruption/{ticket}/reveal", data={"csrf_token": token, "reason": "นัดให้ถ้อยคำ"})
    assert resp.status_code == 302
    kept = cookie(handler)  # copied after the reveal, before the page that shows it
    assert "0812345678" in handler.get(f"/admin/corruption/{ticket}").get_data(as_text=True)
    assert "0812345678" not in handler.get(f"/admin/corruption/{ticket}").get_data(as_text=True)
    replayed = _replay(app, kept).get(f"/admin/corruption/{ticket}")
    assert replayed.status_code == 200 and "0812345678" not in replayed.get_data(as_text=True)
    with session_scope(engine) as s:
        reveals = s.exec(select(AuditLog).where(AuditLog.action == "reveal_reporter")).scalars().all()
    assert len(reveals) == 1
