"""Sessions: a login always starts a new session (fixation), a copied cookie does not work from
another browser, a password reset or deactivation ends the account's sessions, logout ends this
one, and the cookie is HttpOnly, SameSite=Lax (and Secure in production)."""
from __future__ import annotations

from tests.security.conftest import ACCOUNTS, csrf_from, login


def cookie(client) -> str | None:  # noqa: ANN001
    found = client.get_cookie("session")
    return found.value if found else None


def test_login_starts_a_new_session_so_a_planted_one_is_worthless(app, world):  # noqa: ANN001
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


def test_a_copied_cookie_does_not_work_from_another_browser(app, world):  # noqa: ANN001
    staff = app.test_client()
    login(staff, ACCOUNTS["admin"][0])
    thief = app.test_client()
    thief.set_cookie("session", cookie(staff))
    resp = thief.get("/admin/", headers={"User-Agent": "Mozilla/5.0 (thief)"})
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/admin/login")


def test_password_reset_and_deactivation_end_the_accounts_sessions(app, world, as_role):  # noqa: ANN001
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


def test_logout_ends_the_session(app, world):  # noqa: ANN001
    client = app.test_client()
    login(client, ACCOUNTS["executive"][0])
    token = csrf_from(client.get("/admin/").get_data(as_text=True))
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/admin/").status_code == 302


def test_session_cookie_flags(app, world):  # noqa: ANN001
    client = app.test_client()
    token = csrf_from(client.get("/admin/login").get_data(as_text=True))
    resp = client.post("/admin/login", data={"username": ACCOUNTS["admin"][0], "password": "correct-horse-battery",
                                             "csrf_token": token})
    header = "; ".join(v for k, v in resp.headers.items() if k.lower() == "set-cookie" and v.startswith("session="))
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert app.config["SESSION_COOKIE_SECURE"] is False  # plain http in tests; production: test_production_mode.py


def test_login_redirects_only_to_this_site(app, world):  # noqa: ANN001
    for target in ("https://evil.example/", "//evil.example/admin", "/\\evil.example", "javascript:alert(1)"):
        client = app.test_client()
        token = csrf_from(client.get("/admin/login").get_data(as_text=True))
        resp = client.post(f"/admin/login?next={target}", data={"username": ACCOUNTS["admin"][0],
                                                                 "password": "correct-horse-battery", "csrf_token": token})
        assert resp.status_code == 302 and resp.headers["Location"].startswith("/admin"), (target, resp.headers)
        assert "evil" not in resp.headers["Location"]
