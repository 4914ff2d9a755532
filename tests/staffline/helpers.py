"""Staff accounts linked to simulated LINE users, for the staff-in-LINE tests."""
from __future__ import annotations

from sqlalchemy import select

from models.complaint import Division
from models.db import session_scope
from models.staff import create_staff, staff_by_username
from models.staff_link import new_code
from tests.citizen import Citizen

PASSWORD = "correct-horse-battery"


def division_id(engine, name: str) -> int:
    with session_scope(engine) as s:
        return s.exec(select(Division.id).where(Division.name == name)).scalars().one()


def make_staff(engine, username: str, roles: list[str], division: str | None = None) -> int:
    div = division_id(engine, division) if division else None
    with session_scope(engine) as s:
        return create_staff(username, PASSWORD, roles, division_id=div, session=s).id


def code_for(engine, username: str) -> str:
    with session_scope(engine) as s:
        code, _ = new_code(staff_by_username(username, session=s), session=s)
    return code


def linked(client, worker, fake_line, engine, username: str, roles: list[str], division: str | None = None
           ) -> Citizen:
    """A staff member whose LINE account is linked by sending the code, as a person would."""
    make_staff(engine, username, roles, division)
    person = Citizen(client, worker, fake_line)
    answer = person.say(code_for(engine, username))
    assert "เรียบร้อยแล้ว" in answer[-1]["text"], answer
    return person
