"""Staff login: CSRF, lockout, session fixation, role checks, and the `flask staff create` command."""
from __future__ import annotations

import re

from sqlalchemy import select

from models.audit import AuditLog
from models.db import session_scope
from models.staff import MAX_FAILED_LOGINS, Staff
from tests.admin.conftest import PASSWORD, csrf_from, login


def test_admin_pages_need_login(client):  # noqa: ANN001
    resp = client.get("/admin/")
    assert resp.status_code == 302 and "/admin/login" in resp.headers["Location"]


def test_login_and_logout(client, staff, engine):  # noqa: ANN001
    resp = login(client, "officer1")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/admin/")
    page = client.get("/admin/").get_data(as_text=True)
    assert "officer1" in page and "เจ้าหน้าที่ประจำกอง" in page
    token = csrf_from(page)
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/admin/").status_code == 302
    with session_scope(engine) as s:
        assert [a.action for a in s.exec(select(AuditLog)).scalars()] == ["login"]


def test_login_without_csrf_token_is_refused(client, staff):  # noqa: ANN001
    resp = client.post("/admin/login", data={"username": "admin1", "password": PASSWORD})
    assert resp.status_code == 400
    assert "แบบฟอร์มหมดอายุ" in resp.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302  # not logged in


def test_logout_without_csrf_token_is_refused(as_role):  # noqa: ANN001
    client = as_role("admin")
    assert client.post("/admin/logout").status_code == 400
    assert client.get("/admin/").status_code == 200  # still logged in


def test_wrong_password_then_lockout(client, staff, engine):  # noqa: ANN001
    for _ in range(MAX_FAILED_LOGINS):
        resp = login(client, "admin1", "wrong-password!")
        assert resp.status_code == 401
        assert "ไม่ถูกต้อง" in resp.get_data(as_text=True)
    resp = login(client, "admin1")  # the right password, but locked now
    assert resp.status_code == 401 and "ระงับชั่วคราว" in resp.get_data(as_text=True)
    with session_scope(engine) as s:
        failed = [a for a in s.exec(select(AuditLog)).scalars() if a.action == "login_failed"]
    assert len(failed) == MAX_FAILED_LOGINS + 1


def test_unknown_user_gets_the_same_answer(client, staff):  # noqa: ANN001
    resp = login(client, "nobody", "whatever-password")
    assert resp.status_code == 401 and "ไม่ถูกต้อง" in resp.get_data(as_text=True)


def test_session_is_renewed_at_login(client, staff):  # noqa: ANN001
    """A session planted before login (fixation) does not carry over."""
    with client.session_transaction() as sess:
        sess["planted"] = "attacker"
    login(client, "admin1")
    with client.session_transaction() as sess:
        assert "planted" not in sess


def test_login_never_redirects_off_site(client, staff):  # noqa: ANN001
    token = csrf_from(client.get("/admin/login").get_data(as_text=True))
    resp = client.post("/admin/login?next=https://evil.example/x",
                       data={"username": "admin1", "password": PASSWORD, "csrf_token": token})
    assert resp.headers["Location"].endswith("/admin/")


def test_staff_create_command(app, engine, monkeypatch):  # noqa: ANN001
    runner = app.test_cli_runner()
    monkeypatch.setenv("STAFF_PASSWORD", "a-long-enough-password")
    result = runner.invoke(args=["staff", "create", "somchai", "--role", "officer", "--division", "กองช่าง"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["staff", "create", "auditor", "--role", "admin", "--role", "integrity"])
    assert result.exit_code == 0, result.output
    with session_scope(engine) as s:
        somchai = s.exec(select(Staff).where(Staff.username == "somchai")).scalars().one()
        auditor = s.exec(select(Staff).where(Staff.username == "auditor")).scalars().one()
    assert somchai.roles == "officer" and somchai.division_id is not None
    assert auditor.role_set() == {"admin", "integrity"}
    assert "a-long-enough-password" not in somchai.password_hash  # only a hash is stored
    bad = runner.invoke(args=["staff", "create", "x", "--role", "officer"])
    assert bad.exit_code != 0 and "division" in bad.output
    dup = runner.invoke(args=["staff", "create", "somchai", "--role", "admin"])
    assert dup.exit_code != 0 and "exists" in dup.output


def test_the_stylesheet_is_served(client):  # noqa: ANN001
    page = client.get("/admin/login").get_data(as_text=True)
    href = re.search(r'href="([^"]+\.css)"', page).group(1)
    resp = client.get(href)
    assert resp.status_code == 200 and b".topbar" in resp.data
