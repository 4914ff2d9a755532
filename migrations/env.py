"""Alembic environment: the schema is SQLModel's metadata; the URL comes from the settings."""
from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlmodel import SQLModel

import models.audit
import models.case_month
import models.chat_month
import models.complaint
import models.config_version
import models.conversation
import models.corruption
import models.daily_run
import models.events
import models.inquiry
import models.inquiry_month
import models.media
import models.media_store
import models.nlu_label
import models.participant_year
import models.privacy
import models.reply_template
import models.search
import models.staff
import models.staff_link
import models.suggestion
import models.survey
import models.survey_month  # noqa: F401
from models.db import make_engine

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)
target_metadata = SQLModel.metadata


def _url() -> str:
    url = config.attributes.get("url")
    if url:
        return url
    from bot.settings import Settings

    return Settings().db_url


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table (copy, drop, rename); with foreign keys on, dropping a
            # table that rows point at fails. SQLite's documented procedure: keys off around the
            # change, then check that every reference still holds.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        _run(conn)
        if sqlite:
            broken = conn.connection.driver_connection.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"migration left broken references: {broken[:5]}")
    engine.dispose()


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
