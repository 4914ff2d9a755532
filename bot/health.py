"""GET /healthz: the database answers, and how much work is waiting or stuck."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from models.db import read_scope
from models.enums import EventStatus, OutboxStatus
from models.events import InboundEvent, OutboundMessage

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():  # noqa: ANN201
    try:
        with read_scope(current_app.extensions["db_engine"]) as s:
            s.exec(text("SELECT 1"))  # type: ignore[call-overload]
            counts = dict(s.exec(select(InboundEvent.status, func.count())  # type: ignore[call-overload]
                                 .where(InboundEvent.status.in_([EventStatus.PENDING, EventStatus.PARKED]))
                                 .group_by(InboundEvent.status)).all())
            outbox = dict(s.exec(select(OutboundMessage.status, func.count())  # type: ignore[call-overload]
                                 .where(OutboundMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.DEAD]))
                                 .group_by(OutboundMessage.status)).all())
    except SQLAlchemyError as exc:
        return jsonify(status="error", database=type(exc).__name__), 503
    pool = current_app.extensions.get("worker_pool")
    return jsonify(status="ok", events_pending=counts.get(EventStatus.PENDING, 0),
                   events_parked=counts.get(EventStatus.PARKED, 0),
                   outbox_pending=outbox.get(OutboxStatus.PENDING, 0), outbox_dead=outbox.get(OutboxStatus.DEAD, 0),
                   worker_threads=len(pool.threads) if pool else 0)
