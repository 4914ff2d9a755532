"""The single entry point: (incoming event, conversation state, context) -> Outcome, through tables.

Here: one handler per kind of event, and the guards around them (a broken stored state, a failing
handler, LINE's limits). Menu entries and free text are read in commands; a new flow asked for
beside an open draft in interrupt; the flows themselves are listed in flows.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from handlers import case_result, commands, common, flows, interrupt, privacy, report, staff, tracking, ui
from handlers import postback as pb
from handlers.common import reply, skip
from handlers.flows import FLOWS
from handlers.inquiry import feedback as inquiry_feedback
from handlers.types import Context, Incoming, LogSkip, Outcome, State
from messages_th import strings
from messages_th.strings import t
from models.tickets import find_ticket, without_ticket

log = logging.getLogger(__name__)

Handler = Callable[[Incoming, State, Context], Outcome]
TICKET_ALONE = 15  # characters besides a ticket below which a message is just asking about it


def dispatch(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """Decide what to answer and do; never raises, whatever the event or the stored state."""
    state = flows.sane(state)
    try:
        outcome = _route(incoming, state, ctx)
    except Exception as exc:  # one bad event must not break the chat: apologise, keep the draft
        log.exception("handler failed on a %s event", getattr(incoming, "kind", "?"))
        outcome = _failed(state, exc)
    return _fit(report.cancelling_for_one_event(outcome))


def _route(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    if incoming.mode == "standby":
        return skip(state, "standby mode: another channel answers this chat")
    if incoming.chat_type in ("group", "room"):
        return common.on_group(incoming, state, ctx)
    return KINDS.get(incoming.kind, _other)(incoming, state, ctx)


# --- one handler per kind of event ---------------------------------------------------------------

def _other(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    return skip(state, f"event kind {incoming.kind!r} not handled")


def _on_text(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    text = incoming.text or ""
    flow = flows.flow_of(state)
    if len(text) > ctx.max_text_length:
        too_long = ui.text(t("text.too_long", max=ctx.max_text_length))
        return reply(state, too_long, *(flow.prompt(state, ctx) if flow else [common.menu_message()]))
    if not text.strip():
        return flows.again(state, ctx)
    free_step = flow is not None and state.step in flow.free_text
    staffed = staff.on_text(text, incoming, state, ctx, free_step)  # a link code, or a staff member's step
    if staffed is not None:
        return staffed
    entry = common.command(text)
    if entry:
        return commands.enter(entry, incoming, state, ctx)
    ticket = find_ticket(text, ctx.ticket_prefix)
    if flow is None:
        return commands.idle_text(text, ticket, incoming, ctx)
    if ticket and (state.step not in flow.free_text or _just_ticket(text, ctx)):
        return tracking.show_case(ticket, incoming, state, ctx, resume=True)
    word = common.word(text)
    if state.data.get("pending") and word in ("resume", "start_new"):
        return interrupt.choice("resume" if word == "resume" else "new", "", incoming, state, ctx)
    if word is None:
        state = interrupt.taken_for_step(text, state)
        asked = interrupt.typed_question(text, state, ctx)
        if asked is not None:
            return asked
    if flows.timed_out(flow, state, ctx):  # the chat moved on: a new message, handled as one
        return commands.idle_text(text, ticket, incoming, ctx)
    outcome = flow.handle(incoming, state, ctx)
    return outcome if outcome is not None else commands.off_topic(text, incoming, state, ctx)


def _on_postback(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    parts = pb.decode(incoming.postback)
    flow = flows.flow_of(state)
    if parts.ns == pb.STAFF:  # the staff's menu and alert cards: any state
        return staff.on_postback(parts, incoming, state, ctx)
    if parts.ns == pb.MENU and parts.action in pb.MENU_ENTRIES:
        return commands.enter(parts.action, incoming, state, ctx)
    if parts.ns == pb.SURVEY and parts.action == "case":  # the button under a resolved case's news
        return commands.enter("survey", incoming, state, ctx, text=parts.arg)
    if parts.ns == pb.RESULT and parts.action == "ok":  # "fixed", under a resolution or the follow-up
        return case_result.confirm(parts.arg.upper(), incoming, flows.base(state), ctx, resume=flow is not None)
    if parts.ns == pb.RESULT and parts.action == "no":  # "not fixed": what is still wrong? (reopens)
        return commands.enter(case_result.FLOW, incoming, state, ctx, text=parts.arg)
    if parts.ns == pb.INQUIRY and parts.action in ("ok", "no"):  # an FAQ answer helped, or not
        return inquiry_feedback(parts, incoming, flows.base(state), ctx, resume=flow is not None)
    if parts.ns == pb.TRACK:
        return tracking.on_postback(parts, incoming, flows.base(state), ctx, resume=flow is not None)
    if parts.ns == pb.PRIVACY:
        return privacy.on_postback(parts, incoming, flows.base(state), ctx, resume=flow is not None)
    if parts.ns == pb.FLOW:
        return interrupt.choice(parts.action, parts.arg, incoming, state, ctx)
    if flow and parts.ns == flow.ns:
        return flow.handle(incoming, state, ctx) or flows.again(state, ctx, t("button.expired"))
    # A button from a finished conversation, another flow, or no known button at all.
    return flows.again(state, ctx, t("button.expired"))


def _on_image_or_location(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """A photo or a place: part of the open draft; out of the blue, most likely a problem to report."""
    flow = flows.flow_of(state)
    if flow:
        return flow.handle(incoming, state, ctx) or flows.again(state, ctx)
    if incoming.kind == "location" and incoming.location is None:
        return flows.again(state, ctx)
    return flows.start("complaint", incoming, ctx)


def _on_sticker(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """A sticker: a thumbs up (or OK) where a yes is asked answers it, as the typed word would;
    any other a friendly word and the step (or the menu) again."""
    flow = flows.flow_of(state)
    asked = flow.words.get(state.step or "", {}) if flow else {}
    said = next((w for w in ("yes", "confirm") if w in asked), None)
    if flow and said and {k.strip().lower() for k in incoming.keywords} & strings.YES_STICKER_KEYWORDS:
        typed = dataclasses.replace(incoming, kind="text", text=strings.WORDS[said][0])
        return flow.handle(typed, state, ctx) or flows.again(state, ctx)
    return flows.again(state, ctx, t("sticker"))


def _on_media(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    return flows.again(state, ctx, t("media.unsupported"))


def _on_voice_or_video(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """Someone who speaks or films instead of typing: the office phone, a button that calls it, and
    the menu (with the way back to an open draft, which is kept)."""
    office = strings.office(ctx.municipality_name, ctx.office_phone)
    body = t("media.audio" if incoming.kind == "audio" else "media.video", office=office)
    actions = common.call_office(ctx.office_phone) + common.menu_actions(resume=state.flow in FLOWS)
    return reply(flows.base(state), ui.text(body, actions))


KINDS: dict[str, Handler] = {
    "text": _on_text,
    "postback": _on_postback,
    "image": _on_image_or_location,
    "location": _on_image_or_location,
    "sticker": _on_sticker,
    "file": _on_media,
    "video": _on_voice_or_video,
    "audio": _on_voice_or_video,
    "follow": common.on_follow,
    "unfollow": common.on_unfollow,
    "join": lambda i, s, c: skip(s, "join outside a group"),
    "leave": lambda i, s, c: skip(s, "left a group"),
    "member_joined": lambda i, s, c: skip(s, "member joined"),
    "member_left": lambda i, s, c: skip(s, "member left"),
    "unsend": lambda i, s, c: skip(s, "message unsent"),
}


# --- guards ---------------------------------------------------------------------------------------

def _just_ticket(text: str, ctx: Context) -> bool:
    return len(common.plain(without_ticket(text, ctx.ticket_prefix))) <= TICKET_ALONE


def _failed(state: State, exc: Exception) -> Outcome:
    actions = ([ui.postback(t("qr.cancel"), pb.fl("drop"))] if state.flow in FLOWS else []) + \
        common.menu_actions()
    return Outcome(state=state, replies=(ui.text(t("error"), actions),),
                   effects=(LogSkip(f"error: {type(exc).__name__}: {str(exc)[:200]}"),))


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
