"""A new flow asked for while a draft is open, and the citizen's answers to the questions it raises.

The open draft is kept and the question remembered in its data as "pending": {"entry", "text"}.
The answers are "fl:" buttons: resume, new:<entry>, drop, and as:<what> for an unclear message.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from handlers import common, flows, inquiry, ui
from handlers import postback as pb
from handlers.common import OFFER, data_of, reply
from handlers.flows import FLOWS, flow_of
from handlers.types import Context, DiscardDraft, Incoming, Outcome, State
from handlers.understanding import Understanding
from messages_th.strings import t
from messages_th.survey import t as survey_t


def open_flow(entry: str, incoming: Incoming, state: State, ctx: Context, text: str = "",
              understanding: Understanding | None = None) -> Outcome:
    """Open flow `entry`; first ask what to do with an open draft that holds something."""
    flow = flow_of(state)
    if flow and flow.has_content(state):
        data = data_of(state)
        data["pending"] = {"entry": entry, "text": text}
        return reply(State(state.flow, state.step, data), _question(flow.name, entry))
    outcome = flows.start(entry, incoming, ctx, text, understanding)
    return flows.with_effects(outcome, (DiscardDraft(flow.name),) if flow else ())


def _pending(data: Mapping[str, Any] | None) -> dict:
    """The remembered question, or {}: a stored state is data from an older release or a hand-edited
    row, and a "pending" that is not a {"entry", "text"} mapping is no question at all."""
    pending = (data or {}).get("pending")
    return pending if isinstance(pending, dict) else {}


def _question(flow: str, entry: str) -> dict:
    actions = [ui.postback(t("qr.resume"), pb.fl("resume")),
               ui.postback(t("qr.start_new"), pb.fl("new", entry)),
               ui.postback(t("qr.drop_old"), pb.fl("drop"))]
    # A survey is answered, not reported: "a satisfaction survey not yet reported" reads wrong.
    body = survey_t("sv.unfinished") if flow == "survey" else t("flow.unfinished", what=t("flow.what." + flow))
    return ui.text(body, actions)


def typed_question(text: str, state: State, ctx: Context) -> Outcome | None:
    """The citizen tapped "ask a question" beside an open draft and, instead of choosing what to do
    with the draft, typed the question: it is answered beside the draft, which is kept (as any side
    question is), and the choice is dropped. None when this is not that case."""
    pending = _pending(state.data)
    if pending.get("entry") != inquiry.FLOW or state.flow not in FLOWS or not inquiry.is_question(text):
        return None
    data = data_of(state)
    data.pop("pending", None)
    return inquiry.answer(text, ctx, State(state.flow, state.step, data), resume=True)


def taken_for_step(text: str, state: State) -> State:
    """A draft's question is open (a menu entry was tapped beside it) but the citizen typed, at a step
    that takes any text (a place, a description, a name), something that does not clearly ask: it is
    the step's answer, so the question about the draft is dropped (the state it returns)."""
    flow = flow_of(state)
    pending = _pending(state.data)
    if not pending or flow is None or state.step not in flow.free_text or inquiry.clearly_asks(text):
        return state
    data = data_of(state)
    data.pop("pending", None)
    return State(state.flow, state.step, data)


def ask_again(state: State, note: str) -> Outcome | None:
    """A message that answers neither the open question about the draft nor its step: that question
    again (it was the last thing asked), not the step's. None when no such question is open."""
    pending, flow = _pending(state.data), flow_of(state)
    if flow is None or not pending.get("entry"):
        return None
    return reply(state, ui.text(note), _question(flow.name, str(pending["entry"])))


def choice(action: str, arg: str, incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """fl:resume, fl:new:<entry>, fl:drop (about an open draft) and fl:as:<what> (an unclear message)."""
    flow = flow_of(state)
    data = data_of(state)
    pending = _pending(data)
    data.pop("pending", None)
    if action == "as" and state.flow == OFFER and data.get("text"):
        if arg == "complaint":
            return flows.start("complaint", incoming, ctx, text=str(data["text"]))
        return inquiry.answer(str(data["text"]), ctx, State.idle())
    if flow is None:
        if action == "new" and arg in FLOWS:
            return flows.start(arg, incoming, ctx)
        return reply(State.idle(), common.menu_message(t("nothing.to_cancel") if action == "drop" else None))
    if action == "new":
        entry = pending.get("entry") if pending.get("entry") in FLOWS else arg
        if entry in FLOWS:
            outcome = flows.start(entry, incoming, ctx, str(pending.get("text") or ""))
            return flows.with_effects(outcome, (DiscardDraft(flow.name),))
    if action == "drop":
        return reply(State.idle(), common.menu_message(t("flow.dropped")), effects=(DiscardDraft(flow.name),))
    resumed = State(state.flow, state.step, data)
    return reply(resumed, *flow.prompt(resumed, ctx))
