"""Staff login: CSRF, failures counted per username and client, session fixation, role checks, and
the `flask staff create` command."""
from __future__ import annotations

import re

from sqlalchemy import select

from bot import create_app
from models.audit import AuditLog
from models.db import session_scope
from models.staff import Staff
from models.staff_login import CLIENT_MAX, PAIR_MAX
from tests.admin.conftest import PASSWORD, csrf_from, login

LOCKED = "เข้าสู่ระบบผิดหลายครั้ง"  # the start of login.locked


def from_address(app, address: str):
    """A browser on another computer: its own cookies and its own client address."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def flash_of(resp) -> str:
    found = re.search(r'class="flash error"[^>]*>([^<]*)<', resp.get_data(as_text=True))
    return found.group(1) if found else ""


def test_admin_pages_need_login(client):
    resp = client.get("/admin/")
    assert resp.status_code == 302 and "/admin/login" in resp.headers["Location"]


def test_login_and_logout(client, staff, engine):
    resp = login(client, "officer1")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/admin/")
    page = client.get("/admin/").get_data(as_text=True)
    assert "officer1" in page and "เจ้าหน้าที่ประจำกอง" in page
    token = csrf_from(page)
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/admin/").status_code == 302
    with session_scope(engine) as s:
        assert [a.action for a in s.exec(select(AuditLog)).scalars()] == ["login"]


def test_login_without_csrf_token_is_refused(client, staff):
    resp = client.post("/admin/login", data={"username": "admin1", "password": PASSWORD})
    assert resp.status_code == 400
    assert "แบบฟอร์มหมดอายุ" in resp.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302  # not logged in


def test_logout_without_csrf_token_is_refused(as_role):
    client = as_role("admin")
    assert client.post("/admin/logout").status_code == 400
    assert client.get("/admin/").status_code == 200  # still logged in


def test_wrong_passwords_lock_that_client_out_of_that_account_not_the_owner(app, staff, engine):
    """Security review 2: five wrong passwords locked the real admin out everywhere for 15 minutes."""
    attacker = from_address(app, "198.51.100.7")
    for _ in range(PAIR_MAX):
        resp = login(attacker, "admin1", "wrong-password!")
        assert resp.status_code == 401 and "ไม่ถูกต้อง" in resp.get_data(as_text=True)
    resp = login(attacker, "admin1")  # even the right password, from the client that failed
    assert resp.status_code == 401 and LOCKED in resp.get_data(as_text=True)
    assert attacker.get("/admin/").status_code == 302
    owner = from_address(app, "203.0.113.20")  # the owner at their own desk
    assert login(owner, "admin1").status_code == 302
    assert owner.get("/admin/").status_code == 200
    with session_scope(engine) as s:
        rows = [a for a in s.exec(select(AuditLog)).scalars() if a.action.startswith("login")]
    assert [(a.action, a.ip, a.detail) for a in rows] == (
        [("login_failed", "198.51.100.7", "bad")] * PAIR_MAX + [("login_failed", "198.51.100.7", "locked"),
                                                               ("login", "203.0.113.20", "")])


def test_real_and_unknown_usernames_get_the_same_answers(app, staff):
    """Security review 2: the lockout message told which usernames exist."""
    answers = {}
    for n, username in enumerate(("admin1", "nobody", "exec1")):
        client = from_address(app, f"198.51.100.{10 + n}")
        answers[username] = [(r.status_code, flash_of(r)) for r in
                             (login(client, username, "wrong-password!") for _ in range(PAIR_MAX + 2))]
    assert answers["admin1"] == answers["nobody"] == answers["exec1"]
    assert answers["nobody"][-1][0] == 401 and answers["nobody"][-1][1].startswith(LOCKED)


def test_successful_logins_do_not_count_toward_the_throttle(app, staff):
    """Trial 3: after about 20 good logins in 5 minutes the whole office got 429."""
    office = from_address(app, "203.0.113.30")
    for _ in range(CLIENT_MAX + 5):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = "203.0.113.30"
        assert login(client, "officer1").status_code == 302
    assert login(office, "admin1").status_code == 302


def test_one_client_failing_on_many_usernames_is_throttled_in_every_web_process(app, settings, services, staff):
    """The per-client cap across usernames is kept in the database: a second web process (another
    app on the same database) sees the same count, as gunicorn's processes do."""
    client = from_address(app, "198.51.100.9")
    for n in range(CLIENT_MAX):
        assert login(client, f"guess{n}", "wrong-password!").status_code == 401
    other_process = create_app(settings, services=services)
    other_process.config.update(TESTING=True)
    resp = login(from_address(other_process, "198.51.100.9"), "admin1")
    assert resp.status_code == 429 and "มากเกินไป" in resp.get_data(as_text=True)
    assert login(from_address(other_process, "203.0.113.31"), "admin1").status_code == 302


def test_unknown_user_gets_the_same_answer(client, staff):
    resp = login(client, "nobody", "whatever-password")
    assert resp.status_code == 401 and "ไม่ถูกต้อง" in resp.get_data(as_text=True)


def test_session_is_renewed_at_login(client, staff):
    """A session planted before login (fixation) does not carry over."""
    with client.session_transaction() as sess:
        sess["planted"] = "attacker"
    login(client, "admin1")
    with client.session_transaction() as sess:
        assert "planted" not in sess


def test_login_never_redirects_off_site(client, staff):
    token = csrf_from(client.get("/admin/login").get_data(as_text=True))
    resp = client.post("/admin/login?next=https://evil.example/x",
                       data={"username": "admin1", "password": PASSWORD, "csrf_token": token})
    assert resp.headers["Location"].endswith("/admin/")


def test_staff_create_command(app, engine, monkeypatch):
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


def test_the_stylesheet_is_served(client):
    page = client.get("/admin/login").get_data(as_text=True)
    href = re.search(r'href="([^"]+/admin\.css)"', page).group(1)
    resp = client.get(href)
    assert resp.status_code == 200 and b".topbar" in resp.data


def test_real_and_unknown_usernames_cost_the_same_hash_work(app, engine, monkeypatch):
    """A wrong password for a real username and for an unknown one cost one hash check each, and a
    locked-out attempt none for either (the old lock answered a real, locked username without hashing
    and an unknown one with a hash: measurable from outside). Counted, not timed, so a busy machine
    cannot make it pass or fail by chance."""
    from werkzeug.security import generate_password_hash

    import models.staff

    with session_scope(engine) as s:
        s.add(Staff(username="realuser", password_hash=generate_password_hash(PASSWORD), roles="executive"))
    checks: list[str] = []
    real_check = models.staff.check_password_hash

    def counted(pwhash: str, password: str) -> bool:
        checks.append(pwhash)
        return real_check(pwhash, password)

    monkeypatch.setattr(models.staff, "check_password_hash", counted)
    real, unknown = from_address(app, "198.51.100.41"), from_address(app, "198.51.100.42")

    def hashes_per_try(client, name: str, tries: int) -> list[int]:
        counts = []
        for _ in range(tries):
            before = len(checks)
            login(client, name, "wrong-password!")
            counts.append(len(checks) - before)
        return counts

    assert hashes_per_try(real, "realuser", PAIR_MAX) == hashes_per_try(unknown, "nobody", PAIR_MAX) == [1] * PAIR_MAX
    # Now locked out from those addresses: no hash for either.
    assert hashes_per_try(real, "realuser", 3) == hashes_per_try(unknown, "nobody", 3) == [0, 0, 0]


