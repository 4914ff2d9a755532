"""The handlers' read port (`handlers.types.Lookup`) over the database.

Every typed message needs the categories (their keywords) and many the FAQ index; both come from the
process's cache keyed on the staff's edit counter (bot/runtime/config_cache.py). The worker passes
the counter it read with the event, so such a message runs no statement for them while staff have
not edited anything (it used to run one, and on PostgreSQL one transaction: ~0.3 ms of CPU); other
callers pass none and the counter is read once here, one small statement."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from bot.runtime import config_cache, faq_index
from bot.runtime.staff_lookup import StaffDbLookup
from bot.settings import Settings
from handlers.types import CaseInfo, CategoryInfo, FaqMatch, QuestionInfo, ServiceInfo
from messages_th.suggestion import t as suggestion_t
from models import chat_feedback as fb
from models import complaint as cm
from models import corruption as cr
from models.complaint import Category, Division
from models.db import as_aware
from models.enums import CaseKind, CaseStatus
from models.suggestion import Suggestion

FAQ_MIN_SCORE = Settings.model_fields["faq_min_score"].default  # the threshold when none is given
_ACTIVE_CATEGORIES = (select(col(Category.id), col(Category.name), col(Division.name), col(Category.keywords))
                      .outerjoin(Division, col(Division.id) == Category.division_id)
                      .where(col(Category.active).is_(True)).order_by(col(Category.sort_order), col(Category.id)))


class DbLookup(StaffDbLookup):
    """Also the staff's read port (StaffDbLookup)."""

    def __init__(self, session: Session, faq_min_score: float = FAQ_MIN_SCORE, config: int | None = None):
        self._s = session
        self._config = config  # the staff's edit counter as the caller read it; None: read when needed
        self._faq_min_score = faq_min_score
        self._categories: list[CategoryInfo] | None = None
        self._names: dict[tuple[str, int], str] = {}
        self._faq: dict[str, FaqMatch | None] = {}

    def categories(self) -> list[CategoryInfo]:
        if self._categories is None:
            self._categories = list(config_cache.cached("categories", self._s, self._counter(), self._read_categories))
        return self._categories

    def _read_categories(self) -> tuple[CategoryInfo, ...]:
        # Plain rows, not ORM objects (loading some twenty entities into the session cost more than
        # the rest of the lookup).
        return _categories(tuple(tuple(row) for row in self._s.connection().execute(_ACTIVE_CATEGORIES)))

    def _counter(self) -> int | None:
        if self._config is None:
            self._config = config_cache.counter(self._s)
        return self._config

    def my_cases(self, user_id: str, limit: int = 10) -> list[CaseInfo]:
        items = [self._complaint(c) for c in cm.cases_of_reporter(user_id, limit, session=self._s)]
        items += [self._report(r) for r in cr.reports_of_reporter(user_id, limit, session=self._s)]
        items.sort(key=lambda i: i.created_at, reverse=True)
        return items[:limit]

    def find_case(self, ticket: str, user_id: str | None) -> CaseInfo | None:
        ticket = ticket.strip().upper()
        case = cm.case_by_ticket(ticket, session=self._s)
        if case is not None:
            info = self._complaint(case)
            if not user_id or case.reporter_line_id != user_id:
                # Tickets are sequential, so easy to guess: someone else's complaint shows only
                # what Open311 publishes anyway (its status), not the citizen's words or staff's.
                info = replace(info, summary="", last_message="")
            return info
        report = cr.report_by_ticket(ticket, session=self._s)
        # A corruption report's existence is told only to the person who filed it.
        if report is not None and user_id and report.reporter_line_id == user_id:
            return self._report(report)
        suggestion = fb.own_suggestion(ticket, user_id, session=self._s)
        return self._suggestion(suggestion) if suggestion is not None else None

    # --- surveys and the FAQ ---------------------------------------------------------------------------
    def survey_services(self) -> list[ServiceInfo]:
        return [ServiceInfo(id=s.id or 0, name=s.name, for_cases=s.for_cases)
                for s in fb.active_services(session=self._s)]

    def survey_questions(self) -> list[QuestionInfo]:
        return [QuestionInfo(id=q.id or 0, key=q.key, text=q.text, short=q.short, scale=q.scale)
                for q in fb.current_questions(session=self._s)]

    def case_survey(self, ticket: str, user_id: str | None) -> str:
        return fb.case_survey_state(ticket, user_id, session=self._s)[0]

    def faq_match(self, text: str) -> FaqMatch | None:
        if text not in self._faq:  # a handler may ask twice about one message (faq_first, then answer)
            best = faq_index.index_for(self._s, self._counter()).best(text)
            self._faq[text] = None if best is None else FaqMatch(
                id=best.entry.id, question=best.entry.question, answer=best.entry.answer,
                score=best.score, confident=best.score >= self._faq_min_score)
        return self._faq[text]

    # --- mapping ----------------------------------------------------------------------------------
    def _name(self, model: type, ident: int | None) -> str:
        if ident is None:
            return ""
        key = (model.__name__, ident)
        if key not in self._names:
            row = self._s.get(model, ident)
            self._names[key] = row.name if row else ""
        return self._names[key]

    def _complaint(self, c: cm.Case) -> CaseInfo:
        return CaseInfo(ticket=c.ticket, kind=CaseKind.COMPLAINT, status=c.status,
                        category=self._name(Category, c.category_id), division=self._name(Division, c.division_id),
                        created_at=as_aware(c.created_at), updated_at=as_aware(c.updated_at),
                        due_at=as_aware(c.due_at), summary=_summary(c.description), last_message=c.last_message,
                        closed_at=as_aware(c.closed_at))

    def _suggestion(self, s: Suggestion) -> CaseInfo:
        created = as_aware(s.created_at)
        return CaseInfo(ticket=s.ticket, kind="suggestion", status=SUGGESTION_AS_CASE.get(s.status, s.status),
                        category=suggestion_t("sum.suggestion"), division="", created_at=created,
                        updated_at=as_aware(s.action_at) or created, due_at=None,
                        summary=_summary(s.text), last_message=s.action)

    def _report(self, r: cr.CorruptionReport) -> CaseInfo:
        return CaseInfo(ticket=r.ticket, kind=CaseKind.CORRUPTION, status=r.status, category="", division="",
                        created_at=as_aware(r.created_at), updated_at=as_aware(r.updated_at),
                        due_at=as_aware(r.due_at), summary=_summary(r.description), last_message=r.last_message)


# A suggestion shown in the case bubble: its status in the nearest case status (the "we did" text,
# Suggestion.action, is shown as the staff's message).
SUGGESTION_AS_CASE = {"received": CaseStatus.RECEIVED, "considering": CaseStatus.IN_PROGRESS,
                      "done": CaseStatus.RESOLVED, "not_adopted": CaseStatus.REJECTED}


@lru_cache(maxsize=8)
def _categories(rows: tuple[tuple[Any, ...], ...]) -> tuple[CategoryInfo, ...]:
    """The rows as categories, parsed once while they stay the same: every message then reads the very
    same objects, so what handlers/keywords.py compiled per keyword list is found at once."""
    return tuple(CategoryInfo(id=cid or 0, name=name, division=division or "",
                              keywords=tuple(k.strip() for k in keywords.splitlines() if k.strip()))
                 for cid, name, division, keywords in rows)


def _summary(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
