"""Staff accounts and logged-in clients for the admin view's tests."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from models.complaint import Division
from models.db import session_scope
from models.staff import create_staff

PASSWORD = "correct-horse-battery"
ROLES = ("admin", "officer", "executive", "integrity")
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_from(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def make_staff(engine, username: str, *roles: str, division: str | None = None) -> int:
    with session_scope(engine) as s:
        division_id = None
        if division:
            division_id = s.exec(select(Division).where(Division.name == division)).scalars().one().id
        return create_staff(username, PASSWORD, list(roles), division_id=division_id, session=s).id


def login(client, username: str, password: str = PASSWORD):
    token = csrf_from(client.get("/admin/login").get_data(as_text=True))
    return client.post("/admin/login", data={"username": username, "password": password, "csrf_token": token})


@pytest.fixture(autouse=True)
def _fast_password_hash(monkeypatch):
    """scrypt is slow on purpose; the admin tests create and log in many accounts. Production's
    hash is checked in tests/models/test_password_hash.py."""
    from functools import partial

    from werkzeug.security import generate_password_hash

    import models.staff

    monkeypatch.setattr(models.staff, "generate_password_hash",
                        partial(generate_password_hash, method="pbkdf2:sha256:1"))


@pytest.fixture
def staff(engine):
    """One account per role; the officer belongs to กองช่าง."""
    return {
        "admin": make_staff(engine, "admin1", "admin"),
        "officer": make_staff(engine, "officer1", "officer", division="กองช่าง"),
        "executive": make_staff(engine, "exec1", "executive"),
        "integrity": make_staff(engine, "integrity1", "integrity"),
    }


@pytest.fixture
def as_role(app, staff):
    """as_role("officer") -> a test client logged in with that role."""
    names = {"admin": "admin1", "officer": "officer1", "executive": "exec1", "integrity": "integrity1"}

    def make(role: str):
        client = app.test_client()
        resp = login(client, names[role])
        assert resp.status_code == 302, resp.get_data(as_text=True)
        return client

    return make
