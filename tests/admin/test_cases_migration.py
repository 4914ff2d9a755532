"""Migration 0003 indexes the words of complaints filed before it, and goes down cleanly."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from bot.cli import ROOT
from models.db import make_engine


def _config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.attributes["url"] = url
    cfg.attributes["configure_logger"] = False
    return cfg


def test_existing_complaints_are_indexed_by_the_migration(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'before.db'}"
    cfg = _config(url)
    command.upgrade(cfg, "0002")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO complaint (id, ticket, status, description, landmark, location_title, location_address, "
            "contact_mode, reporter_name, reporter_phone, channel, created_at, updated_at, last_message) VALUES "
            "(1, 'NMK6811-0001', 'received', 'ท่อระบายน้ำอุดตัน', 'หน้าตลาด', '', '', 'anonymous', '', '', 'line', "
            "'2025-11-01 01:00:00.000000', '2025-11-01 01:00:00.000000', ''), "
            "(2, 'NMK6811-0002', 'received', 'ที่ และ', '', '', '', 'anonymous', '', '', 'line', "
            "'2025-11-02 01:00:00.000000', '2025-11-02 01:00:00.000000', '')"))
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        words = {w for (w,) in conn.execute(text("SELECT word FROM complaint_word WHERE case_id = 1"))}
        assert {"ท่อระบายน้ำ", "ท่อ", "อุดตัน", "ตลาด"} <= words
        assert conn.execute(text("SELECT count(*) FROM complaint_word WHERE case_id = 2")).scalar_one() == 0
    indexes = {i["name"] for i in inspect(engine).get_indexes("complaint")}
    assert {"ix_complaint_division_created", "ix_complaint_category_status", "ix_complaint_status_due"} <= indexes
    command.downgrade(cfg, "0002")
    assert "complaint_word" not in inspect(engine).get_table_names()
    assert "ix_complaint_status_due" not in {i["name"] for i in inspect(engine).get_indexes("complaint")}
    engine.dispose()
