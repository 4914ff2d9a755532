"""Every figure of one period's ITA evidence, computed once by the database and shared by the
workbook and the PDF, with the key figures of the period before for the trend."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from models import stats, stats_channel, stats_monthly, stats_participation, stats_reopen, stats_survey
from models.inquiry import Inquiry, InquiryStatus
from models.periods import Period
from models.stats_survey import Score, ScoreMap
from models.suggestion import Suggestion, SuggestionStatus
from models.survey import SurveyResponse


@dataclass(frozen=True)
class KeyFigures:
    """The few numbers compared with the previous period."""
    corruption: stats_monthly.CorruptionMonth
    cases: stats_monthly.CaseMonth
    responses: int
    scores: dict[int, Score]
    inquiries: int
    inquiries_faq: int
    suggestions: int
    suggestions_done: int

    @property
    def empty(self) -> bool:
        """Nothing at all was recorded in the period (before the service started, or before the
        data begins): its figures are "no data", not zero complaints."""
        return not (self.corruption.received or self.cases.received or self.responses or self.inquiries
                    or self.suggestions)


@dataclass
class Report:
    period: Period
    previous: Period
    municipality: str
    generated_at: datetime
    score_map: ScoreMap
    key: KeyFigures
    key_before: KeyFigures
    case_months: list[stats_monthly.CaseMonth]
    categories: list[stats_monthly.NamedRow]
    by_status: dict[str, int]
    by_division: list[stats.Count]
    corruption_months: list[stats_monthly.CorruptionMonth]
    corruption_median: float | None
    survey: stats_survey.SurveySummary
    channel: stats_channel.ChannelSummary
    participation: stats_participation.ParticipationSummary
    reopened: stats_reopen.Reopened  # "not fixed yet" by the citizen (models/stats_reopen.py)


def key_figures(period: Period, scores: ScoreMap, *, session: Session,
                cases: stats_monthly.CaseMonth | None = None,
                corruption: stats_monthly.CorruptionMonth | None = None,
                score_estimate: dict[int, Score] | None = None) -> KeyFigures:
    """The key figures of a period; `cases`, `corruption` and `score_estimate` when the caller has them already."""
    if corruption is None:
        _, corruption = stats_monthly.corruption_by_month(period, session=session)
    inquiries, faq = session.execute(
        select(func.count(), func.count(col(Inquiry.id)).filter(col(Inquiry.status) == InquiryStatus.FAQ,
                                                               col(Inquiry.helpful).is_not(False)))
        .where(col(Inquiry.asked_at) >= period.start, col(Inquiry.asked_at) < period.end)).one()
    suggestions, done = session.execute(
        select(func.count(),
               func.count(col(Suggestion.id)).filter(col(Suggestion.status) == SuggestionStatus.DONE))
        .where(col(Suggestion.created_at) >= period.start, col(Suggestion.created_at) < period.end)).one()
    responses = session.execute(select(func.count()).select_from(SurveyResponse).where(
        col(SurveyResponse.created_at) >= period.start, col(SurveyResponse.created_at) < period.end)).scalar_one()
    return KeyFigures(corruption=corruption, cases=cases or stats_monthly.case_totals(period, session=session),
                      responses=responses,
                      scores=score_estimate or stats_survey.score_estimate(period, scores, session=session),
                      inquiries=inquiries, inquiries_faq=faq, suggestions=suggestions, suggestions_done=done)


def build_report(period: Period, *, session: Session, municipality: str, scores: ScoreMap,
                 now: datetime) -> Report:
    """Each table is read once for the period (the complaints from their monthly rollup), then once
    more for the previous period's totals. The period's own key figures are the summaries' totals
    (the same rows counted the same way: key_figures would count them again)."""
    cases = stats_monthly.case_figures(period, session=session)
    corruption_months, corruption = stats_monthly.corruption_by_month(period, session=session)
    survey = stats_survey.survey_summary(period, scores, session=session)
    channel = stats_channel.channel_summary(period, session=session)
    # Every service's uses per month are counted already by the summaries above (the same rows, the same months).
    participation = stats_participation.participation_summary(
        period, session=session, known={"complaint": [m.received for m in cases.months],
                                        "corruption": [m.received for m in corruption_months],
                                        "survey": survey.per_month, "inquiry": [m.asked for m in channel.inquiries]})
    key = KeyFigures(corruption=corruption, cases=cases.total, responses=survey.responses, scores=survey.scores,
                     inquiries=channel.inquiry_total.asked, inquiries_faq=channel.inquiry_total.faq,
                     suggestions=participation.suggestion_total.received,
                     suggestions_done=participation.suggestion_total.done)
    return Report(
        period=period, previous=period.previous(), municipality=municipality, generated_at=now,
        score_map=scores,
        key=key,
        key_before=key_figures(period.previous(), scores, session=session),
        case_months=cases.months,
        categories=cases.categories,
        by_status=cases.by_status,
        by_division=cases.by_division,
        corruption_months=corruption_months,
        corruption_median=stats_monthly.corruption_median_days(period, session=session),
        survey=survey,
        channel=channel,
        participation=participation,
        reopened=stats_reopen.reopened(period.start, period.end, session=session),
    )
