"""The integrity role reads every corruption report (security review 10: an admin could give it to
themself, and only an update_staff row recorded it). Giving or taking it, or setting a new password
for its holder, needs someone who holds it already or the server's command line, and is logged as
what it is."""
from __future__ import annotations

import pytest

from models.db import session_scope
from models.staff import Staff
from tests.admin.access import audit_rows
from tests.admin.accounts import NEW_PASSWORD, post, staff_named
from tests.admin.conftest import login, make_staff

CLI = "flask staff integrity"


def staff_rows(engine) -> list[tuple[str, str, str]]:
    return [(a.action, a.username, a.detail) for a in audit_rows(engine) if a.target_kind == "staff"]


def test_an_admin_cannot_give_themself_or_anyone_the_integrity_role(app, as_role, engine, staff):
    admin = as_role("admin")
    attempts = {
        "self": (f"/admin/staff/{staff['admin']}/update", [("roles", "admin"), ("roles", "integrity")]),
        "a colleague": (f"/admin/staff/{staff['executive']}/update", [("roles", "executive"), ("roles", "integrity")]),
        "a new account": ("/admin/staff", [("username", "friend"), ("roles", "integrity"), ("password", NEW_PASSWORD)]),
        "take it away": (f"/admin/staff/{staff['integrity']}/update", [("roles", "executive")]),
        "its holder's password": (f"/admin/staff/{staff['integrity']}/password", {"password": NEW_PASSWORD}),
    }
    for why, (url, data) in attempts.items():
        resp = post(admin, url, data)
        assert resp.status_code == 400, why
        assert CLI in resp.get_data(as_text=True), why  # the refusal says how it can be done
    assert staff_named(engine, "admin1").roles == "admin" and staff_named(engine, "exec1").roles == "executive"
    assert staff_named(engine, "integrity1").roles == "integrity" and staff_named(engine, "friend") is None
    assert login(app.test_client(), "integrity1").status_code == 302  # the password is unchanged
    assert admin.get("/admin/corruption").status_code == 403
    assert staff_rows(engine) == []


def test_with_no_integrity_handler_the_refusal_points_to_the_command_line(as_role, engine, staff):
    with session_scope(engine) as s:
        s.get(Staff, staff["integrity"]).active = False
    resp = post(as_role("admin"), f"/admin/staff/{staff['admin']}/update", [("roles", "admin"), ("roles", "integrity")])
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert "ยังไม่มีผู้รับผิดชอบเรื่องทุจริต" in html and CLI in html


def test_an_integrity_handler_who_is_admin_gives_and_takes_it_and_it_is_logged(app, engine, staff):
    make_staff(engine, "both1", "admin", "integrity")
    both = app.test_client()
    assert login(both, "both1").status_code == 302
    executive = app.test_client()
    assert login(executive, "exec1").status_code == 302
    resp = post(both, f"/admin/staff/{staff['executive']}/update", [("roles", "executive"), ("roles", "integrity")])
    assert resp.status_code == 302
    assert staff_named(engine, "exec1").role_set() == {"executive", "integrity"}
    assert executive.get("/admin/").status_code == 302  # a role change ends that person's sessions
    assert post(both, f"/admin/staff/{staff['integrity']}/password", {"password": NEW_PASSWORD}).status_code == 302
    assert post(both, f"/admin/staff/{staff['integrity']}/update", [("roles", "executive")]).status_code == 302
    assert post(both, "/admin/staff", [("username", "auditor2"), ("roles", "integrity"),
                                       ("password", NEW_PASSWORD)]).status_code == 302
    assert staff_rows(engine) == [
        ("update_staff", "both1", "exec1: executive integrity"), ("grant_integrity", "both1", "exec1"),
        ("reset_integrity_password", "both1", "integrity1"),
        ("update_staff", "both1", "integrity1: executive"), ("revoke_integrity", "both1", "integrity1"),
        ("create_staff", "both1", "auditor2: integrity"), ("grant_integrity", "both1", "auditor2")]
    audit = both.get("/admin/audit").get_data(as_text=True)
    for label in ("ให้สิทธิ์ผู้รับผิดชอบเรื่องทุจริต", "ถอนสิทธิ์ผู้รับผิดชอบเรื่องทุจริต",
                  "ตั้งรหัสผ่านใหม่ให้ผู้รับผิดชอบเรื่องทุจริต"):
        assert label in audit


def test_the_command_line_gives_and_takes_it_and_resets_passwords(app, engine, staff, monkeypatch):
    runner = app.test_cli_runner()
    integrity = app.test_client()
    assert login(integrity, "integrity1").status_code == 302
    result = runner.invoke(args=["staff", "integrity", "admin1"])
    assert result.exit_code == 0, result.output
    assert staff_named(engine, "admin1").role_set() == {"admin", "integrity"}
    monkeypatch.setenv("STAFF_PASSWORD", NEW_PASSWORD)
    assert runner.invoke(args=["staff", "password", "integrity1"]).exit_code == 0
    assert integrity.get("/admin/corruption").status_code == 302  # the new password ended the session
    assert login(app.test_client(), "integrity1", NEW_PASSWORD).status_code == 302
    assert runner.invoke(args=["staff", "integrity", "admin1", "--remove"]).exit_code == 0
    assert staff_named(engine, "admin1").roles == "admin"
    again = runner.invoke(args=["staff", "integrity", "integrity1", "--remove"])
    assert again.exit_code != 0 and "no other role" in again.output
    assert runner.invoke(args=["staff", "integrity", "nobody"]).exit_code != 0
    rows = staff_rows(engine)
    assert [(a, d) for a, _, d in rows] == [("grant_integrity", "admin1"), ("reset_integrity_password", "integrity1"),
                                            ("revoke_integrity", "admin1")]
    assert all(who.startswith("cli") for _, who, _ in rows)  # never a staff username: those have no colon


@pytest.mark.parametrize("roles", [["admin"], ["integrity"]])
def test_a_created_account_through_the_command_line_is_logged(app, engine, monkeypatch, roles):
    monkeypatch.setenv("STAFF_PASSWORD", NEW_PASSWORD)
    args = ["staff", "create", "newcomer"] + [x for r in roles for x in ("--role", r)]
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    assert [a.action for a in audit_rows(engine)] == ["create_staff"] + (["grant_integrity"] if "integrity" in roles else [])
