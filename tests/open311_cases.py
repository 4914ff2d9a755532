"""Cases with a planted name, phone and LINE id for the Open311 tests, and the checks that none is
published."""
from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from models.complaint import Case, Category
from models.db import session_scope, utcnow

NAME = "สมหญิง ใจดีมาก"


PHONE = "0891234567"


LINE_ID = "U0123456789abcdef0123456789abcdef"


SECRET_TICKET = "NMKC6811-0001"


def _categories(engine) -> list[tuple[int, int | None, str]]:
    with session_scope(engine) as s:
        rows = s.execute(select(Category.id, Category.division_id, Category.name)
                         .order_by(Category.sort_order)).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def add_case(engine, ticket: str, *, age: timedelta = timedelta(hours=1), category: int = 0,
             **fields: Any) -> None:
    cat_id, division_id, _ = _categories(engine)[category]
    created = utcnow() - age
    values: dict[str, Any] = dict(ticket=ticket, category_id=cat_id, division_id=division_id,
                                  description=f"เรื่อง {ticket}", created_at=created, updated_at=created,
                                  due_at=created + timedelta(days=15))
    values.update(fields)
    with session_scope(engine) as s:
        s.add(Case(**values))


def assert_error(body: Any, code: int) -> None:
    assert isinstance(body, list) and len(body) == 1
    assert body[0]["code"] == code and body[0]["description"]


def _assert_private(text: str) -> None:
    for secret in (SECRET_TICKET, NAME, PHONE, LINE_ID, "นายช่าง"):
        # Both as UTF-8 and as a JSON \u escape, whichever way the app encodes Thai.
        assert secret not in text
        assert json.dumps(secret)[1:-1] not in text
