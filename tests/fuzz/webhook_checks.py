"""What a fuzzed webhook request must end in: each example marked by its own destination, every event
it stored handled cleanly."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from models.db import read_scope
from models.enums import EventStatus
from models.events import InboundEvent

HANDLED = {EventStatus.DONE, EventStatus.SKIPPED}


def marker() -> str:
    """A destination unique to one example, so its stored events can be told from the others'."""
    return "U" + uuid.uuid4().hex


def handled_cleanly(engine, worker, destination: str) -> list[InboundEvent]:
    worker.drain(timeout=20)  # raises if the worker itself breaks
    with read_scope(engine) as s:
        rows = list(s.exec(select(InboundEvent).where(InboundEvent.destination == destination)).scalars())
    failed = [(r.event_type, r.status, r.error) for r in rows if r.status not in HANDLED
              or (r.error and not (r.status == EventStatus.SKIPPED and r.error.startswith("malformed ")))]
    assert not failed, f"the worker failed on: {failed}\n{[r.payload for r in rows]}"
    return rows
