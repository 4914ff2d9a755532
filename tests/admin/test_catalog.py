"""Divisions and categories in the admin view; a category's new division routes the next complaint."""
from __future__ import annotations

from sqlalchemy import select

from models.complaint import Case, Category, Division
from models.db import session_scope
from tests.admin.access import ROLES, audit_rows, clients, expect, token  # noqa: F401
from tests.citizen import Citizen, file_street_light_complaint


def row(engine, model, name: str):
    with session_scope(engine) as s:
        return s.exec(select(model).where(model.name == name)).scalars().first()


def post(client, url: str, **data: str):
    return client.post(url, data=data | {"csrf_token": token(client)})


def test_role_matrix(clients, engine):
    category, division = row(engine, Category, "ขยะ/ความสะอาด"), row(engine, Division, "กองคลัง")
    gets = ["/admin/catalog", f"/admin/catalog/categories/{category.id}"]
    posts = [("/admin/catalog/divisions", {"name": "กองใหม่"}),
             (f"/admin/catalog/divisions/{division.id}", {"name": "กองคลัง"}),
             ("/admin/catalog/categories", {"name": "หมวดใหม่"}),
             (f"/admin/catalog/categories/{category.id}", {"name": category.name, "active": "1"})]
    for role in ROLES:
        for url in gets:
            expect(role, clients[role].get(url), {"admin", "admin+integrity"})
        for url, data in posts:
            resp = post(clients[role], url, **data)
            expect(role, resp, {"admin", "admin+integrity"}, "/admin/catalog")
            assert resp.status_code != 200


def test_divisions(as_role, engine):
    client = as_role("admin")
    assert post(client, "/admin/catalog/divisions", name="  กองสวัสดิการสังคม ").status_code == 302
    added = row(engine, Division, "กองสวัสดิการสังคม")
    assert added.active
    post(client, "/admin/catalog/divisions", name="กองคลัง")  # taken
    post(client, "/admin/catalog/divisions", name="")
    assert len(audit_rows(engine, "add_division")) == 1
    post(client, f"/admin/catalog/divisions/{added.id}", name="กองสวัสดิการ")
    assert row(engine, Division, "กองสวัสดิการ").id == added.id
    post(client, f"/admin/catalog/divisions/{added.id}", active="0")
    assert row(engine, Division, "กองสวัสดิการ").active is False
    post(client, f"/admin/catalog/divisions/{added.id}", active="1")
    assert row(engine, Division, "กองสวัสดิการ").active is True
    # A division that categories still route to cannot be switched off.
    works = row(engine, Division, "กองช่าง")
    post(client, f"/admin/catalog/divisions/{works.id}", active="0")
    assert row(engine, Division, "กองช่าง").active is True
    assert "ไฟฟ้าสาธารณะ" in client.get("/admin/catalog").get_data(as_text=True)
    details = [a.detail for a in audit_rows(engine, "update_division")]
    assert details == ["rename: กองสวัสดิการสังคม -> กองสวัสดิการ", "deactivate: กองสวัสดิการ",
                       "reactivate: กองสวัสดิการ"]


def test_categories_and_keywords(as_role, engine):
    client = as_role("admin")
    health = row(engine, Division, "กองสาธารณสุขและสิ่งแวดล้อม")
    post(client, "/admin/catalog/categories", name="ยุงลาย", division_id=str(health.id),
         keywords="ยุง\n  ไข้เลือดออก \n\nยุง\nพ่นหมอกควัน")
    added = row(engine, Category, "ยุงลาย")
    assert added.division_id == health.id and added.keywords == "ยุง\nไข้เลือดออก\nพ่นหมอกควัน" and added.active
    page = client.get(f"/admin/catalog/categories/{added.id}").get_data(as_text=True)
    assert "ไข้เลือดออก" in page
    resp = post(client, f"/admin/catalog/categories/{added.id}", name="ไฟฟ้าสาธารณะ", keywords="ยุง")  # name taken
    assert resp.status_code == 400 and "มีชื่อนี้แล้ว" in resp.get_data(as_text=True)
    resp = post(client, f"/admin/catalog/categories/{added.id}", name="ยุงลาย", division_id="99999")
    assert resp.status_code == 400
    post(client, f"/admin/catalog/categories/{added.id}", name="ยุงและแมลง", division_id=str(health.id),
         keywords="ยุง\nแมลงวัน", sort_order="3")  # "active" unticked: switched off
    changed = row(engine, Category, "ยุงและแมลง")
    assert changed.keywords == "ยุง\nแมลงวัน" and changed.active is False and changed.sort_order == 3
    assert [a.action for a in audit_rows(engine) if a.target_kind == "category"] == ["add_category",
                                                                                     "update_category"]


def test_new_division_routes_the_next_complaint(as_role, engine, client, worker, fake_line):
    before = file_street_light_complaint(Citizen(client, worker, fake_line))
    admin = as_role("admin")
    post(admin, "/admin/catalog/divisions", name="กองไฟฟ้าและแสงสว่าง")
    lights_division = row(engine, Division, "กองไฟฟ้าและแสงสว่าง")
    lights = row(engine, Category, "ไฟฟ้าสาธารณะ")
    resp = post(admin, f"/admin/catalog/categories/{lights.id}", name=lights.name, division_id=str(lights_division.id),
                keywords=lights.keywords, active="1", sort_order=str(lights.sort_order))
    assert resp.status_code == 302
    after = file_street_light_complaint(Citizen(client, worker, fake_line))
    with session_scope(engine) as s:
        cases = {c.ticket: c for c in s.exec(select(Case)).scalars()}
    assert cases[after].category_id == lights.id and cases[after].division_id == lights_division.id
    # A case filed before the change keeps its division: only new cases follow the table.
    assert cases[before].division_id == row(engine, Division, "กองช่าง").id


def test_every_post_needs_the_csrf_token(as_role, engine):
    client = as_role("admin")
    category, division = row(engine, Category, "ขยะ/ความสะอาด"), row(engine, Division, "กองคลัง")
    for url, data in [("/admin/catalog/divisions", {"name": "กองปลอม"}),
                      (f"/admin/catalog/divisions/{division.id}", {"active": "0"}),
                      ("/admin/catalog/categories", {"name": "หมวดปลอม"}),
                      (f"/admin/catalog/categories/{category.id}", {"name": "เปลี่ยนชื่อ"})]:
        assert client.post(url, data=data).status_code == 400, url
    assert row(engine, Division, "กองปลอม") is None and row(engine, Category, "หมวดปลอม") is None
    assert row(engine, Division, "กองคลัง").active and row(engine, Category, "ขยะ/ความสะอาด") is not None
    assert [a for a in audit_rows(engine) if a.target_kind in ("division", "category")] == []
