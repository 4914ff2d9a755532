"""The flows a chat can be in, by name, and what is done with any of them alike.

Every flow implements one contract, handlers.contract.Flow (what dispatch, commands and interrupt ask
of a flow). The state's flow may also be common.OFFER, which is not a flow: the chat is idle,
remembering an unclear message the citizen may report.
"""
from __future__ import annotations

from datetime import datetime

from handlers import case_result, common, complaint, corruption, inquiry, staff, suggestion, survey, ui
from handlers.common import OFFER, reply
from handlers.contract import Flow
from handlers.drafts import conforms
from handlers.types import Context, Incoming, Outcome, State
from handlers.understanding import Understanding

FLOWS: dict[str, Flow] = {flow.name: flow for flow in (complaint.REPORT, corruption.REPORT, survey.SPEC,
                                                      inquiry.SPEC, suggestion.REPORT, case_result.SPEC,
                                                      staff.SPEC)}
ENTRIES = {"suggest": suggestion.FLOW}  # menu entries named apart from their flow (the rich menu's data)



def flow_of(state: State) -> Flow | None:
    """The flow a chat is in, or None when idle (or in a flow this release no longer has)."""
    return FLOWS.get(state.flow) if state.flow else None


def wants_line_name(state: State) -> bool:
    """Whether the chat, in this state, is in a flow that uses the citizen's LINE display name
    (contract.Flow.line_name)."""
    flow = flow_of(state)
    return flow is not None and flow.line_name


def start(entry: str, incoming: Incoming, ctx: Context, text: str = "",
          understanding: Understanding | None = None) -> Outcome:
    """Open flow `entry`, with its first text; a complaint reuses what was understood of that text.
    For a survey the text is the ticket of the case to rate, if any."""
    return FLOWS.get(entry, corruption.REPORT).start(incoming, ctx, text=text, understanding=understanding)


def timed_out(flow: Flow, state: State, ctx: Context) -> bool:
    """Whether text typed now at this free-text step came too long after the step was asked (the
    contract's idle_after), so that it is a new message rather than the answer. A draft that never
    noted when it asked is left to the flow's own reading of it."""
    draft = state.data.get("draft")
    if flow.idle_after is None or state.step not in flow.free_text or not isinstance(draft, dict) \
            or "asked_at" not in draft:
        return False
    try:
        asked = datetime.fromisoformat(str(draft["asked_at"]))
    except ValueError:
        return True
    return asked.tzinfo is None or ctx.now - asked > flow.idle_after


def again(state: State, ctx: Context, note: str | None = None) -> Outcome:
    """A short note, then the current step again (in a flow) or the menu (idle); the state is kept."""
    flow = FLOWS.get(state.flow or "")
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
    flow = FLOWS.get(state.flow or "")
    if flow is None or not isinstance(data.get("draft"), dict):
        return State.idle()
    step = state.step if state.step in flow.steps else flow.steps[0]
    photos = data["draft"].get("photos")
    if photos is not None and not conforms(photos, list[str]):
        # Photo ids are the one list every step counts; a broken one would fail each prompt.
        data = {**data, "draft": {**data["draft"], "photos": []}}
    return State(state.flow, step, data)
