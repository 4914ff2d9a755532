"""The flows a chat can be in, and what dispatch, commands and interrupt ask of them.

A flow module offers FLOW, NS (its postback namespace), STEPS, FREE_TEXT, has_content(state),
prompt(state, ctx) and handle(incoming, state, ctx) -> Outcome | None (None: this text does not
answer the step). The state's flow may also be common.OFFER, which is not a flow: the chat is idle,
remembering an unclear message the citizen may report.
"""
from __future__ import annotations

from handlers import common, complaint, corruption, inquiry, suggestion, survey, ui
from handlers.common import OFFER, reply
from handlers.types import Context, Incoming, Outcome, State
from handlers.understanding import Understanding

FLOWS = {complaint.FLOW: complaint, corruption.FLOW: corruption, survey.FLOW: survey, inquiry.FLOW: inquiry,
         suggestion.FLOW: suggestion}
ENTRIES = {"suggest": suggestion.FLOW}  # menu entries named apart from their flow (the rich menu's data)


def start(entry: str, incoming: Incoming, ctx: Context, text: str = "",
          understanding: Understanding | None = None) -> Outcome:
    """Open flow `entry`, with its first text; a complaint reuses what was understood of that text.
    For a survey the text is the ticket of the case to rate, if any."""
    if entry == complaint.FLOW:
        return complaint.start(incoming, ctx, text=text, understanding=understanding)
    return FLOWS.get(entry, corruption).start(incoming, ctx, text=text)


def again(state: State, ctx: Context, note: str | None = None) -> Outcome:
    """A short note, then the current step again (in a flow) or the menu (idle); the state is kept."""
    flow = FLOWS.get(state.flow)
    if flow:
        return reply(state, *([ui.text(note)] if note else []), *flow.prompt(state, ctx))
    return reply(base(state), common.menu_message(note))


def base(state: State) -> State:
    """The state side answers keep: an open flow stays, a remembered unclear message is forgotten."""
    return state if state.flow in FLOWS else State.idle()


def with_effects(outcome: Outcome, effects: tuple) -> Outcome:
    """The same outcome with `effects` applied before its own."""
    if not effects:
        return outcome
    return Outcome(state=outcome.state, replies=outcome.replies, effects=tuple(effects) + outcome.effects,
                   replies_after=outcome.replies_after)


def sane(state: object) -> State:
    """A stored state from an older version or a broken row becomes something the flows understand."""
    if not isinstance(state, State):
        return State.idle()
    data = state.data if isinstance(state.data, dict) else {}
    if state.flow == OFFER:
        return State(OFFER, OFFER, data)
    flow = FLOWS.get(state.flow)
    if flow is None or not isinstance(data.get("draft"), dict):
        return State.idle()
    step = state.step if state.step in flow.STEPS else flow.STEPS[0]
    photos = data["draft"].get("photos")
    if photos is not None and not (isinstance(photos, list) and all(isinstance(p, str) for p in photos)):
        # Photo ids are the one list every step counts; a broken one would fail each prompt.
        data = {**data, "draft": {**data["draft"], "photos": []}}
    return State(state.flow, step, data)
