"""Staff accounts in the admin view: who may manage them, create, change, reset, deactivate."""
from __future__ import annotations

from sqlalchemy import select

from models.complaint import Division
from models.db import session_scope
from models.staff import authenticate
from tests.admin.access import ROLES, audit_rows, clients, expect, token  # noqa: F401
from tests.admin.accounts import NEW_PASSWORD, post, staff_named
from tests.admin.conftest import PASSWORD, login, make_staff


def division_id(engine, name: str) -> int:
    with session_scope(engine) as s:
        return s.exec(select(Division.id).where(Division.name == name)).scalar_one()


def test_role_matrix(clients, staff, engine):
    # Not a logged-in client's own account: a password reset ends that account's sessions.
    officer = make_staff(engine, "bystander1", "officer", division="กองช่าง")
    gets = ["/admin/staff", f"/admin/staff/{officer}"]
    posts = [("/admin/staff", [("username", "x-new"), ("roles", "executive"), ("password", NEW_PASSWORD)]),
             (f"/admin/staff/{officer}/update", [("display_name", "ช่างหนึ่ง"), ("roles", "officer"),
                                                 ("division_id", str(division_id(engine, "กองช่าง")))]),
             (f"/admin/staff/{officer}/password", {"password": NEW_PASSWORD}),
             (f"/admin/staff/{officer}/active", {"active": "1"})]
    for role in ROLES:
        client = clients[role]
        for url in gets:
            expect(role, client.get(url), {"admin", "admin+integrity"})
        for url, data in posts:
            resp = post(client, url, data)
            expect(role, resp, {"admin", "admin+integrity"}, "/admin/staff")
            assert resp.status_code != 200, (role, url)
            if url == "/admin/staff" and resp.status_code == 302:  # created: the next admin creates another
                data[0] = ("username", data[0][1] + "x")


def test_create_accounts(as_role, engine):
    client = as_role("admin")
    works = division_id(engine, "กองช่าง")
    resp = post(client, "/admin/staff", [("username", " Somchai "), ("display_name", "สมชาย ช่างดี"),
                                         ("roles", "officer"), ("roles", "executive"),
                                         ("division_id", str(works)), ("password", NEW_PASSWORD)])
    assert resp.status_code == 302
    created = staff_named(engine, "somchai")
    assert created.role_set() == {"officer", "executive"} and created.division_id == works
    assert created.display_name == "สมชาย ช่างดี" and NEW_PASSWORD not in created.password_hash
    with session_scope(engine) as s:
        assert authenticate("somchai", NEW_PASSWORD, session=s, client="127.0.0.1")[0] is not None
    assert [(a.target_kind, a.target_id) for a in audit_rows(engine, "create_staff")] == [("staff", str(created.id))]
    assert "somchai" in client.get("/admin/staff").get_data(as_text=True)

    bad = {
        "officer without a division": [("username", "nodiv"), ("roles", "officer"), ("password", NEW_PASSWORD)],
        "short password": [("username", "shorty"), ("roles", "executive"), ("password", "123456789")],
        "no role": [("username", "norole"), ("password", NEW_PASSWORD)],
        "unknown role only": [("username", "god"), ("roles", "superuser"), ("password", NEW_PASSWORD)],
        "taken": [("username", "somchai"), ("roles", "executive"), ("password", NEW_PASSWORD)],
        "bad name": [("username", "สมชาย"), ("roles", "executive"), ("password", NEW_PASSWORD)],
    }
    for why, data in bad.items():
        resp = post(client, "/admin/staff", data)
        assert resp.status_code == 400, why
        assert NEW_PASSWORD not in resp.get_data(as_text=True), why  # never echoed back
    assert [s.username for s in (staff_named(engine, n) for n in ("nodiv", "shorty", "norole", "god")) if s] == []
    assert len(audit_rows(engine, "create_staff")) == 1


def test_deactivate_reactivate_and_not_oneself(app, as_role, engine, staff):
    admin = as_role("admin")
    officer = as_role("officer")
    assert officer.get("/admin/").status_code == 200
    resp = post(admin, f"/admin/staff/{staff['officer']}/active", {"active": "0"})
    assert resp.status_code == 302
    assert staff_named(engine, "officer1").active is False
    assert officer.get("/admin/").status_code == 302  # their session ends at once
    assert login(app.test_client(), "officer1").status_code == 401
    post(admin, f"/admin/staff/{staff['officer']}/active", {"active": "1"})
    assert staff_named(engine, "officer1").active is True
    assert [a.action for a in audit_rows(engine) if a.target_kind == "staff"] == ["deactivate_staff",
                                                                                 "reactivate_staff"]
    # An admin cannot lock themself out.
    resp = post(admin, f"/admin/staff/{staff['admin']}/active", {"active": "0"})
    assert resp.status_code == 400 and "ระงับบัญชีของตนเองไม่ได้" in resp.get_data(as_text=True)
    resp = post(admin, f"/admin/staff/{staff['admin']}/update", [("roles", "executive")])
    assert resp.status_code == 400 and "ถอดสิทธิ์ผู้ดูแลระบบของตนเองไม่ได้" in resp.get_data(as_text=True)
    me = staff_named(engine, "admin1")
    assert me.active and me.roles == "admin"
    assert admin.get("/admin/staff").status_code == 200


def test_reset_password_and_change_roles(app, as_role, engine, staff):
    admin = as_role("admin")
    assert post(admin, f"/admin/staff/{staff['executive']}/password", {"password": "short"}).status_code == 400
    assert post(admin, f"/admin/staff/{staff['executive']}/password", {"password": NEW_PASSWORD}).status_code == 302
    assert login(app.test_client(), "exec1", PASSWORD).status_code == 401
    assert login(app.test_client(), "exec1", NEW_PASSWORD).status_code == 302
    resp = post(admin, f"/admin/staff/{staff['executive']}/update",
                [("display_name", "ผู้บริหาร ก"), ("roles", "executive"), ("roles", "admin")])
    assert resp.status_code == 302
    changed = staff_named(engine, "exec1")
    assert changed.role_set() == {"executive", "admin"} and changed.display_name == "ผู้บริหาร ก"
    assert [a.action for a in audit_rows(engine) if a.target_kind == "staff"] == ["reset_password", "update_staff"]
    assert NEW_PASSWORD not in "".join(a.detail for a in audit_rows(engine))


def test_every_post_needs_the_csrf_token(as_role, engine, staff):
    admin = as_role("admin")
    target = staff["executive"]
    for url, data in [("/admin/staff", {"username": "nocsrf", "roles": "executive", "password": NEW_PASSWORD}),
                      (f"/admin/staff/{target}/update", {"roles": "admin"}),
                      (f"/admin/staff/{target}/password", {"password": NEW_PASSWORD}),
                      (f"/admin/staff/{target}/active", {"active": "0"})]:
        assert admin.post(url, data=data).status_code == 400, url
    unchanged = staff_named(engine, "exec1")
    assert unchanged.active and unchanged.roles == "executive" and staff_named(engine, "nocsrf") is None
    assert [a for a in audit_rows(engine) if a.target_kind == "staff"] == []
