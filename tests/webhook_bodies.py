"""Helpers shared by tests (moved out of tests.test_webhook: a test module is not a library)."""
from __future__ import annotations

from sqlalchemy import select

from models.db import session_scope
from models.events import InboundEvent

USER = "U" + "a" * 32


def stored(engine) -> list[InboundEvent]:  # noqa: ANN001
    with session_scope(engine) as s:
        return list(s.exec(select(InboundEvent).order_by(InboundEvent.id)).scalars())
