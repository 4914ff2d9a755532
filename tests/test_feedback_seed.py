"""Default survey services and questions and the starter FAQ are seeded like the categories: by
`flask db upgrade` (bot/cli/__init__.py) and by the tests' own migrated database, each table on its own."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import func, select, text

from messages_th import survey_defaults
from messages_th.faq_samples import FAQ_SAMPLES
from models.complaint import Category
from models.db import make_engine, session_scope
from models.inquiry import Faq
from models.seed import seed_defaults
from models.survey import SurveyQuestion, SurveyService
from tests.migration_config import _config


def count(s, model) -> int:
    return s.exec(select(func.count()).select_from(model)).scalar_one()


def test_the_test_database_is_seeded(engine) -> None:
    with session_scope(engine) as s:
        services = s.exec(select(SurveyService).order_by(SurveyService.sort_order)).scalars().all()
        questions = s.exec(select(SurveyQuestion).order_by(SurveyQuestion.sort_order)).scalars().all()
        faq = s.exec(select(Faq)).scalars().all()
    assert [x.name for x in services] == [x["name"] for x in survey_defaults.SERVICES]
    assert [x.name for x in services if x.for_cases] == ["เรื่องร้องเรียน-ร้องทุกข์"]
    assert [(q.key, q.indicator, q.version, q.active) for q in questions] == [
        ("steps_time", 6, 1, True), ("equal", 6, 1, True), ("clear_info", 7, 1, True),
        ("channels", 7, 1, True), ("improved", 8, 1, True)]
    assert all(q.short and len(q.short) <= 60 for q in questions)
    assert len(faq) == len(FAQ_SAMPLES) >= 35 and all(f.sample and f.active for f in faq)


def test_seeding_twice_adds_nothing_and_each_table_is_seeded_alone(engine) -> None:
    with session_scope(engine) as s:
        assert seed_defaults(session=s) is False
        s.exec(text("DELETE FROM faq"))
    with session_scope(engine) as s:
        categories = count(s, Category)
        assert seed_defaults(session=s) is True
        assert count(s, Faq) == len(FAQ_SAMPLES) and count(s, Category) == categories
        assert count(s, SurveyService) == len(survey_defaults.SERVICES)


def test_a_database_from_before_the_feedback_tables_gets_the_defaults(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    cfg = _config(url)
    command.upgrade(cfg, "0003")
    engine = make_engine(url)
    with engine.begin() as conn:  # a municipality with its own categories already
        conn.execute(text("INSERT INTO division (id, name, active) VALUES (1, 'd', 1)"))
        conn.execute(text("INSERT INTO category (id, name, division_id, keywords, sort_order, active) "
                          "VALUES (1, 'ของเรา', 1, '', 0, 1)"))
    command.upgrade(cfg, "head")
    with session_scope(engine) as s:
        assert seed_defaults(session=s) is True
    with session_scope(engine) as s:
        assert count(s, Category) == 1  # theirs kept, no defaults mixed in
        assert count(s, SurveyService) == len(survey_defaults.SERVICES)
        assert count(s, SurveyQuestion) == len(survey_defaults.QUESTIONS)
        assert count(s, Faq) == len(FAQ_SAMPLES)
    engine.dispose()
