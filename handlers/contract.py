"""The one contract every flow implements: what dispatch, commands and interrupt ask of a flow.

Each flow module (complaint, corruption, survey, inquiry, suggestion, case_result) builds one `Flow` from
its own functions; flows.FLOWS lists them. The report flows (complaint, corruption, suggestion) use report.Flow,
which is this contract plus the parts their shared step machinery (report) reads. The state's flow may
also be common.OFFER, which is not a flow: the chat is idle, remembering an unclear message.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from handlers.types import Context, Incoming, Outcome, State
from handlers.understanding import Understanding


class Start(Protocol):
    def __call__(self, incoming: Incoming, ctx: Context, text: str = "",
                 understanding: Understanding | None = None) -> Outcome: ...


class Handle(Protocol):
    def __call__(self, incoming: Incoming, state: State, ctx: Context) -> Outcome | None: ...


class Prompt(Protocol):
    def __call__(self, state: State, ctx: Context) -> list[dict]: ...


class HasContent(Protocol):
    def __call__(self, state: State) -> bool: ...


@dataclass(frozen=True, kw_only=True)
class Flow:
    name: str  # the state's flow; also the purpose its photos and drafts are kept under
    ns: str  # its postback namespace
    steps: tuple[str, ...]  # an unknown stored step falls back to the first
    free_text: frozenset[str]  # steps where any text is the answer (a ticket in it is not a question)
    # Open the flow with its first text (what was understood of it, when a flow can reuse that).
    start: Start
    handle: Handle  # one event inside the flow; None when a text does not answer the step
    prompt: Prompt  # the messages that ask for the current step
    has_content: HasContent  # whether the draft holds something told (leaving it asks first)
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # per step, typed words as buttons
    # A text typed at a free-text step longer than this after the step was asked (the draft's
    # "asked_at") is a new message, not the answer: the chat has moved on. None: never.
    idle_after: timedelta | None = None
    # Whether the citizen's LINE display name is wanted while a chat is in this flow: offered as
    # their contact, or shown to whoever handles the report. The worker learns it only then: a
    # citizen who greets or asks a question is answered without LINE being asked who they are.
    line_name: bool = False
