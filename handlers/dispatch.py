"""The single entry point: (incoming event, conversation state, context) -> Outcome, through tables."""
from __future__ import annotations

import logging
from typing import Callable

from handlers import common, complaint, corruption, tracking, ui
from handlers import postback as pb
from handlers.common import data_of, reply, skip
from handlers.types import Context, DiscardDraft, Incoming, LogSkip, Outcome, State
from handlers.understanding import classify, find_ticket
from messages_th.strings import office, t

log = logging.getLogger(__name__)

Handler = Callable[[Incoming, State, Context], Outcome]
# A flow module offers FLOW, STEPS, FREE_TEXT, has_content(state), prompt(state, ctx) and
# handle(incoming, state, ctx) -> Outcome | None (None: this text does not answer the step).
FLOWS = {complaint.FLOW: complaint, corruption.FLOW: corruption}
FLOW_NAMESPACE = {complaint.FLOW: pb.COMPLAINT, corruption.FLOW: pb.CORRUPTION}
OFFER = "offer"  # not a flow: idle, remembering an unclear message the citizen may report
TICKET_ALONE = 15  # characters besides a ticket below which a message is just asking about it
SIDE_INTENTS = {"tracking": "track", "inquiry": "inquiry", "suggestion": "suggest"}


def dispatch(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """Decide what to answer and do; never raises, whatever the event or the stored state."""
    state = _sane(state)
    try:
        outcome = _route(incoming, state, ctx)
    except Exception as exc:  # one bad event must not break the chat: apologise, keep the draft
        log.exception("handler failed on a %s event", getattr(incoming, "kind", "?"))
        outcome = _failed(state, exc)
    return _fit(outcome)


def _route(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    if incoming.mode == "standby":
        return skip(state, "standby mode: another channel answers this chat")
    if incoming.chat_type in ("group", "room"):
        return common.on_group(incoming, state, ctx)
    return KINDS.get(incoming.kind, _other)(incoming, state, ctx)


# --- one handler per kind of event ---------------------------------------------------------------

def _other(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    return skip(state, "event kind %r not handled" % (incoming.kind,))


def _on_text(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    text = incoming.text or ""
    flow = FLOWS.get(state.flow)
    if len(text) > ctx.max_text_length:
        too_long = ui.text(t("text.too_long", max=ctx.max_text_length))
        return reply(state, too_long, *(flow.prompt(state, ctx) if flow else [common.menu_message()]))
    if not text.strip():
        return _again(state, ctx)
    entry = common.command(text)
    if entry:
        return _enter(entry, incoming, state, ctx)
    ticket = find_ticket(text)
    if flow is None:
        return _idle_text(text, ticket, incoming, ctx)
    if ticket and (state.step not in flow.FREE_TEXT or _just_ticket(text, ticket)):
        return tracking.show_case(ticket, incoming, state, ctx, resume=True)
    word = common.word(text)
    if state.data.get("pending") and word in ("resume", "start_new"):
        return _flow_choice("resume" if word == "resume" else "new", "", incoming, state, ctx)
    outcome = flow.handle(incoming, state, ctx)
    return outcome if outcome is not None else _off_topic(text, incoming, state, ctx)


def _on_postback(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    parts = pb.decode(incoming.postback)
    flow = FLOWS.get(state.flow)
    if parts.ns == pb.MENU and parts.action in pb.MENU_ENTRIES:
        return _enter(parts.action, incoming, state, ctx)
    if parts.ns == pb.TRACK:
        return tracking.on_postback(parts, incoming, _base(state), ctx, resume=flow is not None)
    if parts.ns == pb.FLOW:
        return _flow_choice(parts.action, parts.arg, incoming, state, ctx)
    if flow and parts.ns == FLOW_NAMESPACE[state.flow]:
        return flow.handle(incoming, state, ctx)
    # A button from a finished conversation, another flow, or no known button at all.
    return _again(state, ctx, t("button.expired"))


def _on_image(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    flow = FLOWS.get(state.flow)
    if flow:
        return flow.handle(incoming, state, ctx)
    return complaint.start(incoming, ctx)  # a photo out of the blue: most likely a problem to report


def _on_location(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    flow = FLOWS.get(state.flow)
    if flow:
        return flow.handle(incoming, state, ctx)
    if incoming.location is None:
        return _again(state, ctx)
    return complaint.start(incoming, ctx)


def _on_sticker(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    return _again(state, ctx, t("sticker"))


def _on_media(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    return _again(state, ctx, t("media.unsupported"))


KINDS: dict[str, Handler] = {
    "text": _on_text,
    "postback": _on_postback,
    "image": _on_image,
    "location": _on_location,
    "sticker": _on_sticker,
    "file": _on_media,
    "video": _on_media,
    "audio": _on_media,
    "follow": common.on_follow,
    "unfollow": common.on_unfollow,
    "join": lambda i, s, c: skip(s, "join outside a group"),
    "leave": lambda i, s, c: skip(s, "left a group"),
    "member_joined": lambda i, s, c: skip(s, "member joined"),
    "member_left": lambda i, s, c: skip(s, "member left"),
    "unsend": lambda i, s, c: skip(s, "message unsent"),
}


# --- entries, the unfinished-draft question, unclear text ------------------------------------------

# How each flow opens: (incoming, ctx, first text, its understanding) -> Outcome.
STARTS = {
    complaint.FLOW: lambda i, c, text, u: complaint.start(i, c, text=text, understanding=u),
    corruption.FLOW: lambda i, c, text, u: corruption.start(i, c, text=text),
}


def _start(entry: str, incoming: Incoming, ctx: Context, text: str = "", understanding=None) -> Outcome:
    return STARTS[entry](incoming, ctx, text, understanding)


def _enter(entry: str, incoming: Incoming, state: State, ctx: Context, text: str = "",
           understanding=None) -> Outcome:
    """A menu entry (button or typed): open a flow, or answer beside an open draft and offer to resume."""
    flow = FLOWS.get(state.flow)
    if entry in FLOWS:
        if flow and flow.has_content(state):
            data = data_of(state)
            data["pending"] = {"entry": entry, "text": text}
            return reply(State(state.flow, state.step, data), _unfinished(state.flow, entry))
        outcome = _start(entry, incoming, ctx, text, understanding)
        return _with_effects(outcome, (DiscardDraft(state.flow),) if flow else ())
    resume, base = flow is not None, _base(state)
    if entry == "track":
        return tracking.my_cases(incoming, base, ctx, resume)
    if entry == "greet":
        return common.greet(base, ctx, resume)
    if entry == "help":
        return common.help_(base, resume)
    if entry in ("inquiry", "survey", "suggest"):
        return common.coming_soon(entry, base, ctx, resume)
    return reply(base, common.menu_message(resume=resume))


def _unfinished(flow: str, entry: str) -> dict:
    actions = [ui.postback(t("qr.resume"), pb.fl("resume")),
               ui.postback(t("qr.start_new"), pb.fl("new", entry)),
               ui.postback(t("qr.drop_old"), pb.fl("drop"))]
    return ui.text(t("flow.unfinished", what=t("flow.what." + flow)), actions)


def _flow_choice(action: str, arg: str, incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """fl:resume, fl:new:<entry>, fl:drop (about an open draft) and fl:as:<what> (an unclear message)."""
    flow = FLOWS.get(state.flow)
    data = data_of(state)
    pending = data.pop("pending", None) or {}
    if action == "as" and state.flow == OFFER and data.get("text"):
        if arg == complaint.FLOW:
            return complaint.start(incoming, ctx, text=str(data["text"]))
        return common.coming_soon("inquiry", State.idle(), ctx)
    if flow is None:
        if action == "new" and arg in FLOWS:
            return _start(arg, incoming, ctx)
        return reply(State.idle(), common.menu_message(t("nothing.to_cancel") if action == "drop" else None))
    if action == "new":
        entry = pending.get("entry") if pending.get("entry") in FLOWS else arg
        if entry in FLOWS:
            outcome = _start(entry, incoming, ctx, str(pending.get("text") or ""))
            return _with_effects(outcome, (DiscardDraft(state.flow),))
    if action == "drop":
        return reply(State.idle(), common.menu_message(t("flow.dropped")), effects=(DiscardDraft(state.flow),))
    resumed = State(state.flow, state.step, data)
    return reply(resumed, *flow.prompt(resumed, ctx))


def _idle_text(text: str, ticket: str | None, incoming: Incoming, ctx: Context) -> Outcome:
    idle = State.idle()
    if ticket:
        return tracking.show_case(ticket, incoming, idle, ctx)
    word = common.word(text)
    if word == "cancel":
        return reply(idle, common.menu_message(t("nothing.to_cancel")))
    if word == "thanks":
        return common.thanks(idle)
    understanding = classify(text, ctx.lookup.categories())
    intent = understanding.intent
    if intent in FLOWS:
        return _start(intent, incoming, ctx, text, understanding)
    if intent in SIDE_INTENTS:
        if intent == "inquiry" and understanding.category_id is not None:
            return common.offer(text, ctx, t("inquiry.soon", office=_office(ctx)), ask=False)
        return _enter(SIDE_INTENTS[intent], incoming, idle, ctx)
    if intent == "greeting":
        return common.greet(idle, ctx)
    if len(common.plain(text)) >= 8:
        return common.offer(text, ctx, t("unknown.offer"))
    return common.unknown(idle)


def _off_topic(text: str, incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """Text that does not answer the current step: a new topic, a side question, or a nudge to the buttons."""
    understanding = classify(text, ctx.lookup.categories())
    if understanding.intent in FLOWS:
        return _enter(understanding.intent, incoming, state, ctx, text, understanding)
    if understanding.intent in SIDE_INTENTS:
        return _enter(SIDE_INTENTS[understanding.intent], incoming, state, ctx)
    return _again(state, ctx, t("choose.buttons"))


# --- helpers -------------------------------------------------------------------------------------

def _again(state: State, ctx: Context, note: str | None = None) -> Outcome:
    """A short note, then the current step again (in a flow) or the menu (idle); the state is kept."""
    flow = FLOWS.get(state.flow)
    if flow:
        return reply(state, *([ui.text(note)] if note else []), *flow.prompt(state, ctx))
    return reply(_base(state), common.menu_message(note))


def _base(state: State) -> State:
    """The state side answers keep: an open flow stays, a remembered unclear message is forgotten."""
    return state if state.flow in FLOWS else State.idle()


def _just_ticket(text: str, ticket: str) -> bool:
    rest = text.upper().replace(ticket, " ")
    return len(common.plain(rest)) <= TICKET_ALONE


def _office(ctx: Context) -> str:
    return office(ctx.municipality_name)


def _with_effects(outcome: Outcome, effects: tuple) -> Outcome:
    if not effects:
        return outcome
    return Outcome(state=outcome.state, replies=outcome.replies, effects=tuple(effects) + outcome.effects,
                   replies_after=outcome.replies_after)


def _sane(state: object) -> State:
    """A stored state from an older version or a broken row becomes something the flows understand."""
    if not isinstance(state, State):
        return State.idle()
    data = state.data if isinstance(state.data, dict) else {}
    if state.flow == OFFER:
        return State(OFFER, "offer", data)
    flow = FLOWS.get(state.flow)
    if flow is None or not isinstance(data.get("draft"), dict):
        return State.idle()
    step = state.step if state.step in flow.STEPS else flow.STEPS[0]
    return State(state.flow, step, data)


def _failed(state: State, exc: Exception) -> Outcome:
    actions = ([ui.postback(t("qr.cancel"), pb.fl("drop"))] if state.flow in FLOWS else []) + \
        common.menu_actions()
    return Outcome(state=state, replies=(ui.text(t("error"), actions),),
                   effects=(LogSkip("error: %s: %s" % (type(exc).__name__, str(exc)[:200])),))


def _fit(outcome: Outcome) -> Outcome:
    """At most 5 messages now, and after the transaction too; a failing late reply becomes the menu."""
    after = outcome.replies_after
    if after is not None:
        def safe_after(results: dict, _after=after) -> list[dict]:
            try:
                return list(ui.limit_replies(_after(results)))
            except Exception:  # the case is stored already: still answer, without the ticket
                log.exception("replies_after failed")
                return [common.menu_message()]
        after = safe_after
    return Outcome(state=outcome.state, replies=ui.limit_replies(outcome.replies), effects=outcome.effects,
                   replies_after=after)
