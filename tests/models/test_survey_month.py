"""The survey rollup (models/survey_month.py) equals the full computation over the answers after new
responses and answers, changed answers, a response moved to another month or service (its answers
move with it), deletions, responses around Bangkok month boundaries; and the ITA survey summary read
from it equals the one counted from the answers."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from models import survey_month
from models.db import read_scope, session_scope
from models.periods import FISCAL_YEAR, MONTH, QUARTER, parse
from models.stats_survey import ScoreMap, survey_summary, survey_summary_from_answers
from models.survey import SurveyAnswer, SurveyQuestion, SurveyResponse, SurveyService
from models.survey_month import SurveyMonth

BOUNDARY = datetime(2025, 10, 31, 17, 0, tzinfo=UTC)  # 1 November 2568 00:00 in Bangkok
PERIODS = [parse(FISCAL_YEAR, "2569"), parse(FISCAL_YEAR, "2568"), parse(MONTH, "2568-10"), parse(MONTH, "2568-11"),
           parse(QUARTER, "2569-Q1")]


def _rows(conn) -> list[tuple]:
    return sorted(tuple(r) for r in conn.execute(select(*SurveyMonth.__table__.c)).all())


def _assert_equal(engine) -> None:
    with engine.connect() as conn:  # the table as the triggers left it, then counted again from scratch
        kept = _rows(conn)
        survey_month.rebuild(conn)
        assert _rows(conn) == kept
        conn.rollback()
    with read_scope(engine) as s:
        for period in PERIODS:
            assert survey_summary(period, ScoreMap(), session=s) == survey_summary_from_answers(
                period, ScoreMap(), session=s), period


def _setup(s) -> tuple[list[int | None], list[int]]:
    for model in (SurveyAnswer, SurveyResponse, SurveyQuestion, SurveyService):
        s.execute(delete(model))
    services = [SurveyService(name=f"บริการ {n}", sort_order=n) for n in range(2)]
    questions = [SurveyQuestion(key=f"q{n}", text=f"คำถาม {n}", indicator=6 + n, scale=scale)
                 for n, scale in enumerate(("four", "stars", "four"))]
    s.add_all([*services, *questions])
    s.flush()
    return [None, *(x.id for x in services)], [q.id for q in questions]


_moment = st.builds(lambda d, us: BOUNDARY + timedelta(days=d, microseconds=us),
                    st.integers(-45, 45), st.integers(0, 86_400_000_000 - 1))
# A response: its time, its service (index), and the questions answered (index -> value).
_response = st.tuples(_moment, st.integers(0, 2), st.dictionaries(st.integers(0, 2), st.integers(1, 5), max_size=3))
_change = st.tuples(st.integers(0, 20), st.sampled_from(["value", "question", "moved", "service", "delete"]),
                    st.integers(-40, 40))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(responses=st.lists(_response, min_size=1, max_size=15), changes=st.lists(_change, max_size=10))
def test_rollup_equals_the_answers(engine, responses, changes) -> None:
    with session_scope(engine) as s:
        services, questions = _setup(s)
        made = []
        for at, service, answers in responses:
            r = SurveyResponse(service_id=services[service], created_at=at)
            s.add(r)
            s.flush()
            made.append(r.id)
            s.add_all([SurveyAnswer(response_id=r.id, question_id=questions[q], value=v) for q, v in answers.items()])
        s.flush()
    _assert_equal(engine)
    with session_scope(engine) as s:
        for pick, kind, shift in changes:
            response = s.get(SurveyResponse, made[pick % len(made)])
            if response is None:
                continue
            answers = s.execute(select(SurveyAnswer).where(SurveyAnswer.response_id == response.id)).scalars().all()
            if kind == "moved":
                response.created_at = response.created_at + timedelta(days=shift)
            elif kind == "service":
                response.service_id = services[shift % len(services)]
            elif kind == "delete":  # answers first: the foreign key has no cascade
                for a in answers:
                    s.delete(a)
                s.flush()
                s.delete(response)
            elif answers and kind == "value":
                answers[0].value = shift % 5 + 1
            elif answers and kind == "question":
                taken = {a.question_id for a in answers}
                free = [q for q in questions if q not in taken]
                if free:
                    answers[0].question_id = free[0]
            s.flush()
    _assert_equal(engine)
    with read_scope(engine) as s:  # every answer is counted once, whatever moved
        assert s.execute(select(func.coalesce(func.sum(SurveyMonth.answers), 0))).scalar_one() == \
            s.execute(select(func.count()).select_from(SurveyAnswer)).scalar_one()
