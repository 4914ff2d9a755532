"""What the citizen asks for beside a step's answer: a menu entry (tapped or typed), or free text.

Side answers (tracking, greeting, help, a question answered from the FAQ) keep an open draft and offer
to resume it.
"""
from __future__ import annotations

from functools import lru_cache

from handlers import (
    common,
    flows,
    inquiry,
    interrupt,
    privacy,
    tracking,
)
from handlers.common import reply
from handlers.flows import FLOWS
from handlers.types import Context, Incoming, Outcome, State
from handlers.understanding import Understanding, classify
from messages_th.strings import t
from messages_th.survey import SURVEY_PHRASES

SURVEY_ASKED = 40  # letters: a longer message mentioning a survey tells something else (a comment)
SIDE_INTENTS = {"tracking": "track", "inquiry": "inquiry", "suggestion": "suggest"}  # intent -> menu entry


def enter(entry: str, incoming: Incoming, state: State, ctx: Context, text: str = "",
          understanding: Understanding | None = None) -> Outcome:
    """A menu entry (button or typed): open a flow, or answer beside an open draft and offer to resume."""
    entry = flows.ENTRIES.get(entry, entry)
    if entry in FLOWS:
        return interrupt.open_flow(entry, incoming, state, ctx, text, understanding)
    resume, base = state.flow in FLOWS, flows.base(state)
    if entry == "track":
        return tracking.my_cases(incoming, base, ctx, resume)
    if entry == "greet":
        return common.greet(base, ctx, resume)
    if entry == "help":
        return common.help_(base, resume)
    if entry == "privacy":
        return privacy.ask(incoming, base, ctx, resume)
    return reply(base, common.menu_message(resume=resume))


def idle_text(text: str, ticket: str | None, incoming: Incoming, ctx: Context) -> Outcome:
    """Free text outside any flow: a ticket, a word, a new report, a side question, or an offer to report it."""
    idle = State.idle()
    if ticket:
        return tracking.show_case(ticket, incoming, idle, ctx)
    word = common.word(text)
    if word in ("cancel", "cancel_yes"):
        return reply(idle, common.menu_message(t("nothing.to_cancel")))
    if word == "thanks":
        return common.thanks(idle)
    if wants_survey(text):
        return enter("survey", incoming, idle, ctx)
    understanding = classify(text, ctx.lookup.categories())
    intent = understanding.intent
    if intent == "inquiry" or inquiry.faq_first(text, understanding, ctx):
        # answered at once (the inquiry flow is only the menu's "type your question")
        return inquiry.ask(text, incoming, ctx, understanding)
    if intent in FLOWS:
        return flows.start(intent, incoming, ctx, text, understanding)
    if intent in SIDE_INTENTS:
        return enter(SIDE_INTENTS[intent], incoming, idle, ctx, text)
    if intent == "greeting":
        return common.greet(idle, ctx)
    if len(common.plain(text)) >= 8:
        return common.offer(text, ctx, t("unknown.offer"))
    return common.unknown(idle)


def off_topic(text: str, incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """Text in a flow that does not answer the step: a new topic, a side question, or a nudge to the buttons."""
    if wants_survey(text) and state.flow != "survey":
        return enter("survey", incoming, state, ctx)
    understanding = classify(text, ctx.lookup.categories())
    asks = inquiry.clearly_asks(text) and inquiry.faq_first(text, understanding, ctx)  # a bare place: the step's
    if understanding.intent == "inquiry" or asks:
        return inquiry.answer(text, ctx, state, resume=True)  # beside the open draft, which is kept
    if understanding.intent in FLOWS:
        return enter(understanding.intent, incoming, state, ctx, text, understanding)
    if understanding.intent in SIDE_INTENTS:
        return enter(SIDE_INTENTS[understanding.intent], incoming, state, ctx, text)
    return interrupt.ask_again(state, t("choose.buttons")) or flows.again(state, ctx, t("choose.buttons"))


def wants_survey(text: str) -> bool:
    """A short message asking to rate a service in words ("I'd like to fill in the satisfaction
    survey"); the exact menu words are commands already."""
    value = common.plain(text)
    return len(value) <= SURVEY_ASKED and any(p in value for p in _survey_phrases())


@lru_cache(maxsize=1)
def _survey_phrases() -> tuple[str, ...]:
    return tuple(common.plain(p) for p in SURVEY_PHRASES)  # reduced once, not per message
