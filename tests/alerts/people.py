"""Staff with a linked LINE account, as the linking flow leaves them (set directly here)."""
from __future__ import annotations

import itertools
import json
from typing import Any

from sqlalchemy import select

from models.complaint import Division
from models.db import session_scope
from models.staff import Staff

_ids = itertools.count(1)


def line_id() -> str:
    return f"U{0xA1E47 * 10**6 + next(_ids):032x}"


def linked(engine: Any, username: str, roles: str, division: str | None = None, *, linked: bool = True,
           active: bool = True) -> str | None:
    """A staff member; their LINE id (None when not linked). No password: they never log in here."""
    uid = line_id() if linked else None
    with session_scope(engine) as s:
        division_id = None
        if division:
            division_id = s.exec(select(Division).where(Division.name == division)).scalars().one().id
        s.add(Staff(username=username, display_name=username, password_hash="!", roles=roles,
                    division_id=division_id, active=active, line_user_id=uid))
    return uid


def pushes_to(store: Any, to: str | None) -> list[dict]:
    return [p for p in store.pushes() if p["to"] == to]


def pushed_json(store: Any, to: str | None) -> str:
    return json.dumps([p["body"] for p in pushes_to(store, to)], ensure_ascii=False)


def buttons(flex: dict) -> list[dict]:
    return [b["action"] for b in flex["contents"]["footer"]["contents"]]
