"""Satisfaction survey results (ITA indicator 6) and the score estimate for indicators 6, 7 and 8.

A survey counts in the period its response was made (survey_response.created_at). Results are
per question *version* (what the citizen actually read) and per service. The score estimate
turns each answer into points the way the ITA scores a 4-level answer (by default 0, 33, 67 and
100 for น้อยที่สุด .. มากที่สุด; stars 1..5 linearly 0..100), averages them over every answer to the
questions of an indicator, in SQL. It is an estimate: the ITA's own score comes from its own survey.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Float, case, cast, func, literal, literal_column, select
from sqlmodel import Session, col

from models.periods import Period
from models.stats_sql import dialect_of, key_of, month_of, per_month
from models.survey import SCALE_FOUR, SCALE_STARS, SurveyAnswer, SurveyQuestion, SurveyResponse, SurveyService
from models.survey_month import SurveyMonth

INDICATORS = (6, 7, 8)
DEFAULT_FOUR = (0.0, 33.0, 67.0, 100.0)  # stored values 1..4 (1 = น้อยที่สุด, 4 = มากที่สุด)
DEFAULT_STARS = (0.0, 25.0, 50.0, 75.0, 100.0)  # 1..5 stars


@dataclass(frozen=True)
class ScoreMap:
    four: tuple[float, ...] = DEFAULT_FOUR
    stars: tuple[float, ...] = DEFAULT_STARS


@dataclass(frozen=True)
class QuestionResult:
    service: str  # "" when the response names no service
    question: str  # the short label, or the question's words when it has none
    scale: str
    indicator: int
    answers: int
    average: float  # on the question's own scale (1..4 or 1..5)
    score: float  # points 0..100 by the score map
    counts: tuple[int, ...]  # answers per value, lowest value first (4 or 5 numbers)


@dataclass(frozen=True)
class Score:
    answers: int
    score: float | None  # None: no answers in the period


@dataclass
class SurveySummary:
    responses: int = 0
    per_month: list[int] = field(default_factory=list)
    questions: list[QuestionResult] = field(default_factory=list)
    scores: dict[int, Score] = field(default_factory=dict)  # what score_estimate gives, from the same pass


@dataclass
class _Tally:
    """One indicator's answers, their points, and how many of them have points (a known scale)."""
    answers: int = 0
    points: float = 0.0
    scored: int = 0


def points(scores: ScoreMap):
    """An SQL expression: the points of one answer by its question's scale."""
    value = col(SurveyAnswer.value)
    four = case(*[(value == i + 1, literal(p)) for i, p in enumerate(scores.four)], else_=None)
    stars = case(*[(value == i + 1, literal(p)) for i, p in enumerate(scores.stars)], else_=None)
    scale = col(SurveyQuestion.scale)
    return cast(case((scale == SCALE_FOUR, four), (scale == SCALE_STARS, stars), else_=None), Float)


def _answers(period: Period):
    return (select().select_from(SurveyAnswer)
            .join(SurveyResponse, col(SurveyResponse.id) == col(SurveyAnswer.response_id))
            .join(SurveyQuestion, col(SurveyQuestion.id) == col(SurveyAnswer.question_id))
            .where(col(SurveyResponse.created_at) >= period.start, col(SurveyResponse.created_at) < period.end))


def survey_summary(period: Period, scores: ScoreMap, *, session: Session) -> SurveySummary:
    """Responses per month, and every question's results per service, in the services' and
    questions' own order; the answers counted from their monthly rollup (models/survey_month.py)."""
    m = SurveyMonth
    counted = (select(col(m.service_id).label("sid"), col(m.question_id).label("qid"), col(m.value).label("v"),
                      func.sum(col(m.answers)).label("n"))
               .where(col(m.month).in_([key_of(y, mo) for y, mo in period.months]))
               .group_by(col(m.service_id), col(m.question_id), col(m.value)).subquery())
    return _summary(period, scores, session, counted)


def survey_summary_from_answers(period: Period, scores: ScoreMap, *, session: Session) -> SurveySummary:
    """survey_summary counted from the answers themselves (what the rollup must equal)."""
    # The constant inlined: PostgreSQL must see the GROUP BY expression as the very one selected.
    sid = func.coalesce(col(SurveyResponse.service_id), literal_column("0"))
    qid, value = col(SurveyAnswer.question_id), col(SurveyAnswer.value)
    counted = (_answers(period).add_columns(sid.label("sid"), qid.label("qid"), value.label("v"), func.count().label("n"))
               .group_by(sid, qid, value).subquery())
    return _summary(period, scores, session, counted)


def _summary(period: Period, scores: ScoreMap, session: Session, counted) -> SurveySummary:
    """The summary from `counted`: (sid (0: no service), qid, v, n) rows of answers by service, question
    and value (a narrow GROUP BY), joined to the few services and questions, the sums in Python."""
    key = month_of(col(SurveyResponse.created_at), period, dialect_of(session))
    monthly: dict[str, int] = dict(session.execute(
        select(key, func.count()).where(col(SurveyResponse.created_at) >= period.start,
                                        col(SurveyResponse.created_at) < period.end).group_by(key)).all())
    months = per_month(period.months, monthly, int)
    question_id = col(SurveyQuestion.id)
    stmt = (select(col(SurveyService.name), col(SurveyService.sort_order), question_id, col(SurveyQuestion.short),
                   col(SurveyQuestion.text), col(SurveyQuestion.scale), col(SurveyQuestion.indicator),
                   counted.c.v, counted.c.n)
            .select_from(counted).join(SurveyQuestion, question_id == counted.c.qid)
            .outerjoin(SurveyService, col(SurveyService.id) == counted.c.sid)
            .order_by(col(SurveyService.sort_order), col(SurveyService.name), col(SurveyQuestion.sort_order),
                      question_id))
    groups: dict[tuple, list[tuple[int | None, int]]] = {}
    for service, so, qid, short, text, scale, indicator, value, n in session.execute(stmt):
        groups.setdefault((service, so, qid, short, text, scale, indicator), []).append((value, n))
    questions: list[QuestionResult] = []
    by_indicator = {ind: _Tally() for ind in INDICATORS}
    for (service, _so, _qid, short, text, scale, indicator), found in groups.items():
        points_of = scores.four if scale == SCALE_FOUR else scores.stars if scale == SCALE_STARS else ()
        valued = [(v, n) for v, n in found if v is not None]
        scored = [(points_of[v - 1], n) for v, n in valued if 1 <= v <= len(points_of)]
        average = sum(float(v) * n for v, n in valued) / sum(n for _, n in valued) if valued else 0.0
        score = sum(p * n for p, n in scored) / sum(n for _, n in scored) if scored else 0.0
        counts = tuple(sum(n for v, n in found if v == want) for want in range(1, 6))
        width = 4 if scale == SCALE_FOUR else 5
        questions.append(QuestionResult(service or "", short or text, scale, indicator, sum(n for _, n in found),
                                        average, score, counts[:width]))
        tally = by_indicator.setdefault(indicator, _Tally())
        tally.answers += sum(n for _, n in found)
        tally.points += sum(p * n for p, n in scored)
        tally.scored += sum(n for _, n in scored)
    scores_found = {ind: Score(t.answers, t.points / t.scored if t.scored else None)
                    for ind, t in by_indicator.items() if t.answers}
    return SurveySummary(responses=sum(months), per_month=months, questions=questions,
                         scores={ind: scores_found.get(ind, Score(0, None)) for ind in INDICATORS})


def score_estimate(period: Period, scores: ScoreMap, *, session: Session) -> dict[int, Score]:
    """Indicator (6, 7, 8) -> the average points over all answers to its questions in the period."""
    stmt = (_answers(period).add_columns(col(SurveyQuestion.indicator), func.count(), func.avg(points(scores)))
            .group_by(col(SurveyQuestion.indicator)))
    found = {ind: Score(n, None if avg is None else float(avg)) for ind, n, avg in session.execute(stmt).all()}
    return {ind: found.get(ind, Score(0, None)) for ind in INDICATORS}
