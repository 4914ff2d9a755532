"""Complaints as the bot would store them (make_case) and the queue search, for the admin tests."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from models.case_queries import QueueFilter, queue_page
from models.complaint import Case, Category, Division, due_date
from models.db import session_scope, utcnow
from models.enums import CaseStatus
from models.lifecycle import CITIZEN, record
from models.search import index_case

_seq = iter(range(1, 1_000_000))


def make_case(engine: Any, description: str, *, category: str = "ถนน/ทางเท้า", division: str | None = None,
              status: str = CaseStatus.RECEIVED, created_at: datetime | None = None, index: bool = True,
              **fields: Any) -> str:
    """A complaint as the bot would store it (division from the category unless given); its ticket."""
    created = created_at or utcnow()
    with session_scope(engine) as s:
        cat = s.exec(select(Category).where(Category.name == category)).scalars().one()
        div_id = cat.division_id
        if division:
            div_id = s.exec(select(Division).where(Division.name == division)).scalars().one().id
        case = Case(ticket=f"NMK6811-{next(_seq):04d}", description=description, category_id=cat.id,
                    division_id=div_id, status=status, created_at=created, updated_at=created,
                    due_at=due_date(created), **fields)
        s.add(case)
        s.flush()
        record(case, CITIZEN, session=s, kind="created", to_status=CaseStatus.RECEIVED)
        if index:
            index_case(case, session=s)
        return case.ticket


def search(engine: Any, q: str, **filters: Any) -> list[str]:
    with session_scope(engine) as s:
        page = queue_page(QueueFilter(q=q, **filters), session=s, now=utcnow(), size=100)
    return [r.ticket for r in page.rows]
