"""Fixtures for the pure handlers: an in-memory Lookup and a chat that sends events through dispatch."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.runtime.faq_index import FaqIndex
from bot.runtime.lookup import FAQ_MIN_SCORE
from handlers import ui
from handlers.dispatch import dispatch
from handlers.types import (
    CaseInfo,
    CategoryInfo,
    Context,
    FaqMatch,
    Incoming,
    Location,
    LogSkip,
    Outcome,
    QuestionInfo,
    ServiceInfo,
    State,
)
from messages_th import defaults, survey_defaults
from messages_th.faq_samples import FAQ_SAMPLES

NOW = datetime(2025, 10, 1, 3, 0, tzinfo=UTC)  # 1 Oct 2025, 10:00 in Bangkok
MUNICIPALITY = "เทศบาลตำบลนามะเขือ"


def default_categories() -> list[CategoryInfo]:
    return [CategoryInfo(id=i + 1, name=c["name"], division=c["division"], keywords=tuple(c["keywords"]))
            for i, c in enumerate(defaults.CATEGORIES)]


def default_services() -> list[ServiceInfo]:
    return [ServiceInfo(id=i + 1, name=s["name"], for_cases=s["for_cases"])
            for i, s in enumerate(survey_defaults.SERVICES)]


def default_questions() -> list[QuestionInfo]:
    return [QuestionInfo(id=10 + i, key=q["key"], text=q["text"], short=q["short"], scale=q["scale"])
            for i, q in enumerate(survey_defaults.QUESTIONS)]


_faq_index: list[FaqIndex] = []


def sample_faq_index() -> FaqIndex:
    """The real matcher over the starter FAQ, entry i+1 being FAQ_SAMPLES[i] (built once per run)."""
    if not _faq_index:
        _faq_index.append(FaqIndex((i + 1, f["question"], f["answer"], "\n".join(f["keywords"]))
                                   for i, f in enumerate(FAQ_SAMPLES)))
    return _faq_index[0]


@dataclass
class FakeLookup:
    """The read port over lists: cases belong to a LINE user id; corruption reports are private."""

    cats: list[CategoryInfo] = field(default_factory=default_categories)
    cases: list[tuple[str, CaseInfo]] = field(default_factory=list)  # (owner user id, case)
    calls: list[tuple] = field(default_factory=list)
    services: list[ServiceInfo] = field(default_factory=default_services)
    questions: list[QuestionInfo] = field(default_factory=default_questions)
    rated: set[str] = field(default_factory=set)  # tickets that have their survey response

    def categories(self) -> list[CategoryInfo]:
        return list(self.cats)

    def my_cases(self, user_id: str, limit: int = 10) -> list[CaseInfo]:
        self.calls.append(("my_cases", user_id, limit))
        mine = [c for owner, c in self.cases if owner == user_id]
        return sorted(mine, key=lambda c: c.created_at, reverse=True)[:limit]

    def find_case(self, ticket: str, user_id: str | None) -> CaseInfo | None:
        self.calls.append(("find_case", ticket, user_id))
        for owner, case in self.cases:
            if case.ticket == ticket.upper():
                if case.kind == "corruption" and owner != user_id:
                    return None
                return case
        return None

    def survey_services(self) -> list[ServiceInfo]:
        return list(self.services)

    def survey_questions(self) -> list[QuestionInfo]:
        return list(self.questions)

    def case_survey(self, ticket: str, user_id: str | None) -> str:
        self.calls.append(("case_survey", ticket, user_id))
        case = next((c for owner, c in self.cases if c.ticket == ticket and owner == user_id), None)
        if case is None or case.kind != "complaint":
            return "not_found"
        if case.status != "resolved":
            return "open"
        return "rated" if ticket in self.rated else "ok"

    def faq_match(self, text: str) -> FaqMatch | None:
        best = sample_faq_index().best(text)
        if best is None:
            return None
        return FaqMatch(best.entry.id, best.entry.question, best.entry.answer, best.score,
                        best.score >= FAQ_MIN_SCORE)

    def add(self, owner: str, ticket: str, status: str = "received", kind: str = "complaint",
            days_ago: int = 1, **extra: Any) -> CaseInfo:
        created = NOW - timedelta(days=days_ago)
        values = dict(ticket=ticket, kind=kind, status=status, category="ถนน/ทางเท้า", division="กองช่าง",
                      created_at=created, updated_at=created + timedelta(hours=5),
                      due_at=created + timedelta(days=15), summary="ถนนหน้าบ้านเป็นหลุม")
        values.update(extra)
        case = CaseInfo(**values)
        self.cases.append((owner, case))
        return case


@pytest.fixture
def lookup() -> FakeLookup:
    return FakeLookup()


@pytest.fixture
def ctx(lookup: FakeLookup) -> Context:
    return Context(lookup=lookup, municipality_name=MUNICIPALITY, now=NOW)


def check_outcome(out: Outcome) -> None:
    """What every outcome must satisfy: LINE's limits, a JSON state, no swallowed error."""
    assert isinstance(out, Outcome)
    assert len(out.replies) <= 5
    for message in out.replies:
        assert ui.problems(message) == [], (ui.problems(message), message)
    json.dumps(out.state.to_json(), ensure_ascii=False)
    errors = [e for e in out.effects if isinstance(e, LogSkip) and e.reason.startswith("error")]
    assert not errors, errors


class Chat:
    """One citizen's 1:1 chat: keeps the state between events, like the worker does."""

    def __init__(self, ctx: Context, user_id: str = "U-citizen", display_name: str | None = "สมศรี"):
        self.ctx, self.user_id, self.display_name = ctx, user_id, display_name
        self.state = State.idle()
        self.seq = 0

    def send(self, kind: str, chat_type: str = "user", **values: Any) -> Outcome:
        self.seq += 1
        incoming = Incoming(kind=kind, chat_type=chat_type, chat_key=self.user_id,
                            timestamp=NOW + timedelta(seconds=self.seq), user_id=self.user_id,
                            display_name=self.display_name, **values)
        out = dispatch(incoming, self.state, self.ctx)
        check_outcome(out)
        self.state = out.state
        return out

    def text(self, text: str) -> Outcome:
        return self.send("text", text=text)

    def tap(self, data: str) -> Outcome:
        return self.send("postback", postback=data)

    def image(self, message_id: str) -> Outcome:
        return self.send("image", message_id=message_id)

    def location(self, lat: float = 16.7, lng: float = 103.5, title: str = "", address: str = "") -> Outcome:
        return self.send("location", location=Location(lat, lng, title, address))

    def after(self, out: Outcome, results: dict) -> list[dict]:
        assert out.replies_after is not None
        messages = out.replies_after(results)
        assert 0 < len(messages) <= 5
        for message in messages:
            assert ui.problems(message) == []
        return messages


@pytest.fixture
def chat(ctx: Context) -> Chat:
    return Chat(ctx)


# --- reading replies -----------------------------------------------------------------------------

SHOWN = ("text", "altText", "label", "displayText")


def words_of(node: Any) -> str:
    """All text a citizen can see in messages (texts, altText, Flex texts, labels), joined."""
    if isinstance(node, dict):
        own = [v for k, v in node.items() if k in SHOWN and isinstance(v, str)]
        nested = [words_of(v) for v in node.values() if isinstance(v, (dict, list, tuple))]
        return " ".join(own + nested)
    if isinstance(node, (list, tuple)):
        return " ".join(words_of(v) for v in node)
    return ""


def all_text(out: Outcome) -> str:
    return words_of(list(out.replies))


def quick(out: Outcome) -> list[dict]:
    """The actions of the quick replies LINE shows: those of the last message."""
    assert out.replies, "no reply"
    return [i["action"] for i in out.replies[-1].get("quickReply", {}).get("items", [])]


def labels(out: Outcome) -> list[str]:
    return [a.get("label", "") for a in quick(out)]


def list_buttons(out: Outcome) -> list[dict]:
    """The postback buttons inside the last message's Flex contents (a list to choose from)."""
    found: list[dict] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "button":
                found.append(node["action"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(out.replies[-1].get("contents"))
    return found


def data_of(out: Outcome) -> list[str]:
    return [a.get("data", "") for a in quick(out) if a.get("type") == "postback"]


def effects_of(out: Outcome, kind: type) -> list:
    return [e for e in out.effects if isinstance(e, kind)]
