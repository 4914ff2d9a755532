"""The schema Alembic builds is the schema the models describe, and every revision goes down and up."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from models.db import make_engine
from tests.migration_config import _config


def test_models_and_migrations_agree(database_url):
    engine = make_engine(database_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    engine.dispose()
    assert diff == [], f"the models changed without a migration: {diff}"


def test_downgrade_to_base_and_up_again(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    cfg = _config(url)
    command.upgrade(cfg, "head")
    command.downgrade(cfg, "base")
    command.upgrade(cfg, "head")
    engine = make_engine(url)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
    engine.dispose()


def test_upgrade_keeps_existing_cases(tmp_path: Path):
    """A municipality that already has cases can take a new release (SQLite rebuilds tables)."""
    from sqlalchemy import text

    url = f"sqlite:///{tmp_path / 'with-data.db'}"
    cfg = _config(url)
    command.upgrade(cfg, "0001")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO division (id, name, active) VALUES (1, 'd', 1)"))
        conn.execute(text("INSERT INTO category (id, name, division_id, keywords, sort_order, active) "
                          "VALUES (1, 'c', 1, '', 0, 1)"))
        conn.execute(text(
            "INSERT INTO complaint (id, ticket, status, category_id, division_id, description, landmark, "
            "location_title, location_address, contact_mode, reporter_name, reporter_phone, channel, created_at, "
            "updated_at, last_message) VALUES (1, 'NMK6911-0001', 'received', 1, 1, 'x', '', '', '', "
            "'anonymous', '', '', 'line', '2026-11-01 00:00:00', '2026-11-01 00:00:00', '')"))
        conn.execute(text("INSERT INTO complaint_history (case_id, at, actor, note) "
                          "VALUES (1, '2026-11-01 00:00:00', 'citizen', '')"))
        conn.execute(text("INSERT INTO media (purpose, chat_key, line_message_id, case_id, status, attempts, "
                          "not_before, created_at) VALUES ('complaint', 'user:U1', '1', 1, 'stored', 1, "
                          "'2026-11-01 00:00:00', '2026-11-01 00:00:00')"))
    engine.dispose()
    command.upgrade(cfg, "head")
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT ticket FROM complaint")).scalar_one() == "NMK6911-0001"
        assert conn.execute(text("SELECT kind FROM complaint_history")).scalar_one() == "status"
        assert conn.execute(text("SELECT case_id FROM media")).scalar_one() == 1
        assert conn.execute(text("PRAGMA foreign_key_check")).fetchall() == []
    engine.dispose()
