"""The webhook tests' LINE user id and the inbound events the webhook stored (stored)."""
from __future__ import annotations

from sqlalchemy import select

from models.db import session_scope
from models.events import InboundEvent

USER = "U" + "a" * 32


def stored(engine) -> list[InboundEvent]:
    with session_scope(engine) as s:
        return list(s.exec(select(InboundEvent).order_by(InboundEvent.id)).scalars())
