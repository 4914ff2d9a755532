"""The case page offers as assignees only active officers (or admins) of the case's division, by name;
the server refuses anyone else."""
from __future__ import annotations

import re

from sqlalchemy import update

from models.db import session_scope
from models.staff import Staff
from tests.admin.cases import make_case
from tests.admin.conftest import make_staff
from tests.admin.pages import case_of, post


def _named(engine, staff_id: int, name: str, **values) -> int:
    with session_scope(engine) as s:
        s.exec(update(Staff).where(Staff.id == staff_id).values(display_name=name, **values))
    return staff_id


def person_options(client, ticket: str) -> dict[str, str]:
    page = client.get(f"/admin/cases/{ticket}").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="person"[^>]*>(.*?)</select>', page, re.DOTALL)
    assert select, "the assignment form has a person list"
    return {v: label.strip() for v, label in re.findall(r'<option[^>]*value="(\d+)"[^>]*>([^<]*)</option>',
                                                         select.group(1))}


def test_only_active_handlers_of_the_cases_division_are_offered(engine, as_role):
    ticket = make_case(engine, "ถนนพัง")  # กองช่าง
    somchai = _named(engine, make_staff(engine, "somchai", "officer", division="กองช่าง"), "นายสมชาย ช่างดี")
    chief = _named(engine, make_staff(engine, "chief", "admin", division="กองช่าง"), "หัวหน้ากองช่าง")
    plain = make_staff(engine, "noname", "officer", division="กองช่าง")  # no display name: the username
    gone = _named(engine, make_staff(engine, "gone", "officer", division="กองช่าง"), "ลาออกแล้ว", active=False)
    sysadmin = _named(engine, make_staff(engine, "sysadmin", "admin"), "ผู้ดูแลระบบ")  # no division
    other = _named(engine, make_staff(engine, "clerk", "officer", division="กองคลัง"), "เจ้าหน้าที่กองคลัง")
    viewer = _named(engine, make_staff(engine, "boss", "executive", division="กองช่าง"), "ผู้บริหาร")
    admin = as_role("admin")
    options = person_options(admin, ticket)
    assert {"0": "— ไม่ระบุบุคคล —", str(somchai): "นายสมชาย ช่างดี", str(chief): "หัวหน้ากองช่าง",
            str(plain): "noname"}.items() <= options.items()
    with session_scope(engine) as s:  # everyone offered (the fixtures' officer1 too) is of กองช่าง
        assert {s.get(Staff, int(i)).division_id for i in options if i != "0"} == {3}
    for left_out in (gone, sysadmin, other, viewer):
        assert str(left_out) not in options
    # Posting someone who is not offered is refused too; the case is unchanged.
    for refused in (gone, sysadmin, viewer):
        post(admin, ticket, "assign", {"division": "3", "person": str(refused)})
        assert case_of(engine, ticket).assigned_staff_id is None
    post(admin, ticket, "assign", {"division": "3", "person": str(somchai)})
    assert case_of(engine, ticket).assigned_staff_id == somchai
    assert "นายสมชาย ช่างดี" in admin.get(f"/admin/cases/{ticket}").get_data(as_text=True)
    # Handed to กองคลัง, the case offers กองคลัง's people.
    post(admin, ticket, "assign", {"division": "2", "person": "0"})
    after = person_options(admin, ticket)
    assert str(other) in after and str(somchai) not in after and str(chief) not in after
