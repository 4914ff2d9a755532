"""The dashboard's data: a fixed "now" and works, health and corruption cases worked out in comments."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.admin import dashboard as dashboard_module
from models.complaint import Category, Division, due_date
from models.corruption import CorruptionReport
from models.db import session_scope
from tests.models.stats_cases import add_case, ids

NOW = datetime(2026, 3, 15, 5, 0, tzinfo=UTC)


def at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 3, 0, tzinfo=UTC)  # 10:00 in Bangkok, the same day


@pytest.fixture
def cases(engine, monkeypatch):
    """Works (กองช่าง) and health cases, and corruption reports; worked out in the comments."""
    monkeypatch.setattr(dashboard_module, "utcnow", lambda: NOW)
    works, health = ids(engine, Division, "กองช่าง", "กองสาธารณสุขและสิ่งแวดล้อม")
    road, light, rubbish = ids(engine, Category, "ถนน/ทางเท้า", "ไฟฟ้าสาธารณะ", "ขยะ/ความสะอาด")
    with session_scope(engine) as s:
        def add(ticket, created, status="received", division=works, **kw):
            add_case(s, created, status, division=division, ticket=ticket, **kw).due_at = due_date(created)
        add("WORKS-1", at(2026, 3, 2), category=road)  # open, due 17 March: not overdue
        add("WORKS-2", at(2026, 3, 5), "resolved", handled_days=4, category=road)
        add("WORKS-3", at(2026, 2, 10), "resolved", handled_days=20, category=light)  # answered late
        add("WORKS-4", at(2025, 11, 1), "in_progress")  # open and overdue
        add("WORKS-5", at(2025, 9, 20))  # FY 2568: in the oldest list, not in this year's counts
        add("HEALTH-1", at(2026, 3, 3), "forwarded", division=health, handled_days=2, category=rubbish)
        add("HEALTH-2", at(2025, 10, 5), division=health)  # open and overdue
        for n, status in enumerate(("received", "in_progress", "resolved")):
            s.add(CorruptionReport(ticket=f"CORR-{n}", status=status, description="secret words",
                                   created_at=at(2026, 1, 9)))
        s.add(CorruptionReport(ticket="CORR-OLD", description="x", created_at=at(2025, 5, 1)))
    return {"works": works, "health": health}
