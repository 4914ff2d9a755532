"""GET /healthz: 200 when the service can do its job, 503 (with reasons) when it cannot.

"Can do its job" means more than "the database answers": the schema must be the one this code
expects (an un-run migration makes every event fail), and events must not be waiting for long
(workers stopped or failing). A monitor polling this sees both.
"""
from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from flask import Blueprint, current_app, jsonify
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col

from models.db import as_aware, read_scope, utcnow
from models.enums import EventStatus, OutboxStatus
from models.events import InboundEvent, OutboundMessage

bp = Blueprint("health", __name__)
STUCK_AFTER = timedelta(minutes=2)


@lru_cache(maxsize=1)
def expected_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from bot.cli import ROOT

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    return ScriptDirectory.from_config(cfg).get_current_head() or ""


@bp.get("/healthz")
def healthz():
    try:
        with read_scope(current_app.extensions["db_engine"]) as s:
            revision = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
            counts = dict(s.execute(select(col(InboundEvent.status), func.count())
                                 .where(col(InboundEvent.status).in_([EventStatus.PENDING, EventStatus.PARKED]))
                                 .group_by(InboundEvent.status)).all())
            oldest = s.execute(select(func.min(InboundEvent.received_at))
                            .where(col(InboundEvent.status) == EventStatus.PENDING)).scalar()
            outbox = dict(s.execute(select(col(OutboundMessage.status), func.count())
                                 .where(col(OutboundMessage.status).in_([OutboxStatus.PENDING, OutboxStatus.DEAD]))
                                 .group_by(OutboundMessage.status)).all())
    except SQLAlchemyError as exc:
        return jsonify(status="error", problems=["database: " + type(exc).__name__]), 503
    problems = []
    if revision != expected_revision():
        problems.append(f"schema is at {revision}, code needs {expected_revision()}: run 'flask db upgrade'")
    waited = utcnow() - as_aware(oldest) if oldest is not None else timedelta(0)
    if waited > STUCK_AFTER:
        problems.append(f"oldest pending event has waited {int(waited.total_seconds())} s: are workers running?")
    pool = current_app.extensions.get("worker_pool")
    body = dict(status="error" if problems else "ok", problems=problems,
                events_pending=counts.get(EventStatus.PENDING, 0), events_parked=counts.get(EventStatus.PARKED, 0),
                outbox_pending=outbox.get(OutboxStatus.PENDING, 0), outbox_dead=outbox.get(OutboxStatus.DEAD, 0),
                worker_threads=len(pool.threads) if pool else 0, schema=revision)
    return jsonify(body), 503 if problems else 200
