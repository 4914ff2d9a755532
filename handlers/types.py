"""The data that flows into and out of the pure conversation handlers.

Over 250 lines on purpose: these frozen dataclasses are the one contract between handlers/ and bot/,
read together; split, each half would import the other.

Handlers never touch Flask, the LINE SDK or a database session. They read through the `Lookup`
port (plain data back), and return an `Outcome`: LINE message dicts to send, effects for the bot
layer to apply in one transaction, and the next conversation state.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    title: str = ""
    address: str = ""


@dataclass(frozen=True)
class Incoming:
    """One webhook event, flattened to what conversations need.

    kind: text, postback, image, location, sticker, file, video, audio, follow, unfollow, join,
          leave, member_joined, member_left, unsend, other (anything unknown).
    chat_type: user (1:1), group, room, or none.
    """

    kind: str
    chat_type: str
    chat_key: str
    timestamp: datetime
    user_id: str | None = None
    text: str = ""
    postback: str = ""
    postback_params: Mapping[str, Any] = field(default_factory=dict)
    location: Location | None = None
    message_id: str = ""
    mode: str = "active"  # "standby" when another channel owns the chat
    display_name: str | None = None  # from the LINE profile, when the worker knows it
    redelivery: bool = False
    unblocked: bool = False  # a follow event from someone who had blocked the account before
    keywords: tuple[str, ...] = ()  # a sticker's keywords as LINE describes it ("OK", "thumbs up"...)


@dataclass(frozen=True)
class State:
    """Where a chat is in a conversation: a flow, a step inside it, and the draft so far."""

    flow: str | None = None
    step: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def idle(cls) -> State:
        return cls()

    def to_json(self) -> dict[str, Any]:
        return {"flow": self.flow, "step": self.step, "data": dict(self.data)}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any] | None) -> State:
        raw = raw or {}
        return cls(flow=raw.get("flow"), step=raw.get("step"), data=dict(raw.get("data") or {}))


# --- effects: what the bot layer applies, all in one transaction with the next state ------------

@dataclass(frozen=True)
class Effect:
    """Base class; the bot layer dispatches on the concrete type."""


@dataclass(frozen=True)
class SubmitComplaint(Effect):
    """Create a complaint case from the draft; its result is {"ticket": ...}."""

    draft: Mapping[str, Any]


@dataclass(frozen=True)
class SubmitCorruption(Effect):
    """Create a corruption/misconduct report, stored apart; its result is {"ticket": ...}."""

    draft: Mapping[str, Any]


@dataclass(frozen=True)
class SavePhoto(Effect):
    """Remember an image message of the current draft; the worker fetches its content later.

    purpose: "complaint" or "corruption" (corruption evidence is stored apart).
    """

    message_id: str
    purpose: str


@dataclass(frozen=True)
class DiscardDraft(Effect):
    """The citizen cancelled: forget photos saved for the draft that were never submitted."""

    purpose: str


@dataclass(frozen=True)
class SubmitSurvey(Effect):
    """Store a filled-in survey: one response, one answer per (question id, value) shown. `ticket` is
    the resolved case it rates ("" for a service rated from the menu). Result: {"response_id": id},
    or {"refused": why} ("rated": the case has its response already; "not_allowed")."""

    service_id: int | None
    ticket: str
    answers: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class CommentSurvey(Effect):
    """Add the optional comment to the survey this chat has just filled in."""

    comment: str


@dataclass(frozen=True)
class SubmitInquiry(Effect):
    """Record a question: answered at once from FAQ entry `faq_id` (with its confidence `score`), or,
    without one, waiting for staff. Result: {"inquiry_id": id}."""

    question: str
    faq_id: int | None = None
    score: float | None = None


@dataclass(frozen=True)
class InquiryFeedback(Effect):
    """The citizen says an FAQ answer helped (True) or not (False: it goes to staff). Result:
    {"status": the inquiry's status after} or None when it is not this citizen's inquiry."""

    inquiry_id: int
    helpful: bool


@dataclass(frozen=True)
class SubmitSuggestion(Effect):
    """Create a suggestion from the draft, with the draft's photos; its result is {"ticket": ...}."""

    draft: Mapping[str, Any]


@dataclass(frozen=True)
class CancelCase(Effect):
    """The citizen withdraws one of their own open complaints."""

    ticket: str


@dataclass(frozen=True)
class ReopenCase(Effect):
    """The citizen says their resolved complaint is not fixed: `note` says what is still wrong; the
    draft's "reopen" photos join the case. Result: {"reopened": True, "division": name} or
    {"refused": "transition" | "window" | "not_found"}."""

    ticket: str
    note: str


@dataclass(frozen=True)
class ConfirmResult(Effect):
    """The citizen says their resolved complaint is fixed. Result: {"confirmed": bool}."""

    ticket: str


@dataclass(frozen=True)
class RecordFollow(Effect):
    """A follow (following=True) or unfollow/block (False) of the official account."""

    following: bool


@dataclass(frozen=True)
class LogSkip(Effect):
    """An event deliberately not answered (group chat, standby mode, unfollow...), with why."""

    reason: str


Message = dict[str, Any]  # one LINE message object, as in the Messaging API's JSON


@dataclass(frozen=True)
class Outcome:
    """What a handler decided.

    `replies` go out at once. When a reply needs what an effect produced (a new ticket number),
    the handler gives `replies_after` instead: it receives {effect index: result} after the
    transaction commits and returns the messages.
    """

    state: State
    replies: tuple[Message, ...] = ()
    effects: tuple[Effect, ...] = ()
    replies_after: Callable[[dict[int, Any]], list[Message]] | None = None


# --- the read port ------------------------------------------------------------------------------

@dataclass(frozen=True)
class CategoryInfo:
    id: int
    name: str
    division: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseInfo:
    """A case as its reporter may see it when tracking."""

    ticket: str
    kind: str  # "complaint", "corruption" or "suggestion" (its own author's, by ticket only)
    status: str  # a status code, see models.enums.CaseStatus
    category: str
    division: str
    created_at: datetime
    updated_at: datetime
    due_at: datetime | None
    summary: str  # the first words of the description
    last_message: str = ""  # the last message staff sent to the citizen, if any
    closed_at: datetime | None = None  # when it was resolved (or otherwise closed); None while open


@dataclass(frozen=True)
class ServiceInfo:
    """A service a citizen may rate (SurveyService)."""

    id: int
    name: str
    for_cases: bool = False


@dataclass(frozen=True)
class QuestionInfo:
    """One survey question as shown, in its current version; `scale` is "four" or "stars"."""

    id: int
    key: str
    text: str
    short: str = ""
    scale: str = "four"


@dataclass(frozen=True)
class FaqMatch:
    """The FAQ entry that best answers a question; `confident` when its score reaches the threshold."""

    id: int
    question: str
    answer: str
    score: float
    confident: bool


class Lookup(Protocol):
    """Reads the handlers may make; the bot layer implements it over the database."""

    def categories(self) -> list[CategoryInfo]: ...

    def my_cases(self, user_id: str, limit: int = 10) -> list[CaseInfo]: ...

    def find_case(self, ticket: str, user_id: str | None) -> CaseInfo | None:
        """A public complaint by ticket; a corruption report only for its own reporter."""
        ...

    def survey_services(self) -> list[ServiceInfo]:
        """Active services, in their order."""
        ...

    def survey_questions(self) -> list[QuestionInfo]:
        """The current version of each active question, in their order."""
        ...

    def case_survey(self, ticket: str, user_id: str | None) -> str:
        """Whether this citizen may rate this case: "ok", "rated" (one response per case),
        "open" (not resolved yet) or "not_found" (no such case, or not theirs)."""
        ...

    def faq_match(self, text: str) -> FaqMatch | None:
        """The FAQ entry that best answers `text`, or None when no entry shares a word with it."""
        ...


@dataclass(frozen=True)
class Context:
    """Everything a handler may know beyond the event and the state."""

    lookup: Lookup
    municipality_name: str
    now: datetime
    max_text_length: int = 2000
    max_photos: int = 5
    retention_days: int = 730  # RETENTION_DAYS, told in the privacy notice
    office_phone: str = ""  # OFFICE_PHONE: told (with a button that calls it) when typing is no way
    ticket_prefix: str = "NMK"  # TICKET_PREFIX: a ticket typed without its letters ("6912-0001") has these
    # The staff's read port (handlers.staff_types.StaffLookup; Any to keep this module free of the
    # staff types), None where nobody is staff: then every chat is a citizen's.
    staff: Any = None


@dataclass(frozen=True)
class RequestDeletion(Effect):
    """The citizen asks that their personal data be deleted (staff confirm in the admin view).
    Result: {"new": False when a request is already waiting, "answer_by": the promised date}."""
