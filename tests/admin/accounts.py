"""Posting the staff account forms and finding a staff member by name."""
from __future__ import annotations

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from models.db import session_scope
from models.staff import Staff
from tests.admin.access import token

NEW_PASSWORD = "another-long-password"


def staff_named(engine, username: str) -> Staff | None:
    with session_scope(engine) as s:
        return s.exec(select(Staff).where(Staff.username == username)).scalars().first()


def post(client, url: str, data):
    return client.post(url, data=_with_token(client, data))


def _with_token(client, data):
    if isinstance(data, list):  # repeated keys (role checkboxes)
        return MultiDict(data + [("csrf_token", token(client))])
    return data | {"csrf_token": token(client)}
