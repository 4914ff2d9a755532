"""The schema Alembic builds is the schema the models describe, and every revision goes down and up."""
from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from models.db import make_engine
from tests.conftest import _create_database, _drop_database
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


@pytest.fixture
def scratch_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own on the suite's kind: a SQLite file, or a new PostgreSQL database."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'scratch.db'}"
        return
    url = _create_database(database_url, "_scratch")
    yield url
    _drop_database(url)


EDITS = [  # one row each: the counter moves by one on both databases (row triggers, statement triggers)
    "INSERT INTO category (id, name, division_id, keywords, sort_order, active) VALUES (1, 'c', 1, '', 0, TRUE)",
    "UPDATE category SET name = 'c2', active = FALSE",
    "UPDATE division SET name = 'd2'",
    "INSERT INTO faq (id, topic, question, answer, keywords, sample, active, sort_order, updated_at) "
    "VALUES (1, '', 'q', 'a', '', FALSE, TRUE, 0, '2026-12-07 00:00:00')",
    "UPDATE faq SET answer = 'b'",
    "DELETE FROM faq",
    "DELETE FROM category",
    "INSERT INTO division (id, name, active) VALUES (2, 'e', TRUE)",
]


def test_revision_0017_counts_every_edit_of_categories_divisions_and_faq_and_goes_down_again(scratch_url):
    """The edit counter the worker's caches are keyed on (models/config_version.py), on the suite's database."""
    cfg = _config(scratch_url)
    command.upgrade(cfg, "0016")
    engine = make_engine(scratch_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO division (id, name, active) VALUES (1, 'd', TRUE)"))
    command.upgrade(cfg, "0017")
    seen = []
    for sql in EDITS:
        with engine.begin() as conn:
            before = conn.execute(text("SELECT counter FROM config_version")).scalar_one()
            conn.execute(text(sql))
            seen.append(conn.execute(text("SELECT counter FROM config_version")).scalar_one() - before)
        with engine.begin() as conn:  # another table's write leaves it alone
            conn.execute(text("DELETE FROM chat_lease"))
            assert conn.execute(text("SELECT counter FROM config_version")).scalar_one() == before + 1
    assert seen == [1] * len(EDITS)
    engine.dispose()
    command.downgrade(cfg, "0016")
    engine = make_engine(scratch_url)
    with engine.begin() as conn:
        assert "config_version" not in inspect(conn).get_table_names()
        conn.execute(text("UPDATE division SET name = 'd3' WHERE id = 1"))  # no trigger left behind to fail on the missing table
    engine.dispose()
    command.upgrade(cfg, "head")


def test_revision_0018_moves_the_counter_by_random_steps_in_a_bigint_and_goes_down_again(scratch_url):
    """Counting one by one, the edits after a restored backup came back to numbers a running process
    had cached with other content (models/config_version.py); random steps of 1 to 2**31 do not."""
    cfg = _config(scratch_url)
    command.upgrade(cfg, "0017")
    engine = make_engine(scratch_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO division (id, name, active) VALUES (1, 'd', TRUE)"))
        at_0017 = conn.execute(text("SELECT counter FROM config_version")).scalar_one()
    engine.dispose()
    command.upgrade(cfg, "0018")
    engine = make_engine(scratch_url)
    counters = []
    with engine.begin() as conn:
        counters.append(conn.execute(text("SELECT counter FROM config_version")).scalar_one())
    assert counters[0] > at_0017  # the upgrade itself stepped away from the one-by-one numbers
    for sql in EDITS:
        with engine.begin() as conn:
            conn.execute(text(sql))
            counters.append(conn.execute(text("SELECT counter FROM config_version")).scalar_one())
    steps = [b - a for a, b in pairwise(counters)]
    assert all(1 <= step <= 2**31 for step in steps), steps
    assert len(set(steps)) == len(steps) and max(steps) > 1000  # random, not one by one
    with engine.begin() as conn:  # beyond a 32-bit integer (PostgreSQL's INTEGER): the column holds it
        conn.execute(text("UPDATE config_version SET counter = :v"), {"v": 2**40})
        conn.execute(text("UPDATE division SET name = 'd9' WHERE id = 1"))
        assert 2**40 < conn.execute(text("SELECT counter FROM config_version")).scalar_one() <= 2**40 + 2**31
    engine.dispose()
    command.downgrade(cfg, "0017")
    engine = make_engine(scratch_url)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT counter FROM config_version")).scalar_one() == 1
        conn.execute(text("UPDATE division SET name = 'd10' WHERE id = 1"))
        assert conn.execute(text("SELECT counter FROM config_version")).scalar_one() == 2  # 0017's counting
    engine.dispose()
    command.upgrade(cfg, "head")
