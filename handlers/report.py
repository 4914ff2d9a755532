"""What the report flows (complaint, corruption, suggestion) share: a draft filled in step by step, then confirmed.

Each flow describes itself with a `Flow`: the contract every flow implements (handlers.contract) and
the parts the step machinery here reads. The functions here move between its steps, read the buttons
and words every step understands alike (cancel, back, contact, edit, thanks), and keep photos; the
prompts both flows show alike are in report_prompts. A flow's own `act` reads its own buttons first
and hands the rest to `act` here.

Cancelling asks first when the draft holds something ("ns:drop" then drops it, "ns:stay" goes on; typed,
"yes" drops it and "no" goes on, as State data's "cancelling", set by dispatch, tells the next event);
in the summary's edit chooser it only returns to the summary. State data may hold "undo": the description before text
typed at a photo step was added to it (see asides), offered back once by "ns:undo".
"""
from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from handlers import common, contract, drafts, report_prompts, ui
from handlers import postback as pb
from handlers.common import data_of, reply
from handlers.types import Context, DiscardDraft, Effect, Incoming, Outcome, SavePhoto, State
from messages_th.strings import t

SHARED = ("cancel", "drop", "stay", "undo")  # buttons `handle` reads itself, for every step


@dataclass(frozen=True, kw_only=True)
class Flow(contract.Flow):
    edit_steps: Mapping[str, str]  # "ed:<part>" on the summary -> the step that changes that part
    cancelled: str  # the message key once the citizen cancels
    draft: type  # the draft's TypedDict (handlers.drafts): a stored draft is read against it
    blank: Callable[[], Any]  # a new draft, of that type
    following: Callable[[str, dict, Context], str]  # the step after `step`, given the draft
    previous: Callable[[str, dict], str]  # where "back" goes from `step`, given the state's data
    act: Callable[[str, str, dict, str, Context], Outcome]  # a button (or its word) at a step
    text: Callable[[str, dict, str, Context], Outcome | None]  # typed text; None when it answers nothing
    thanked: frozenset[str] = frozenset()  # steps whose prompt thanks for a photo sent before any text


# --- moving between steps ------------------------------------------------------------------------

def go(flow: Flow, data: dict, step: str, ctx: Context, effects: tuple = (), before: tuple = ()) -> Outcome:
    """Stay in the flow at `step`: the notes in `before`, then the step's prompt."""
    state = State(flow=flow.name, step=step, data=data)
    return reply(state, *before, *flow.prompt(state, ctx), effects=effects)


def forward(flow: Flow, data: dict, step: str, ctx: Context, effects: tuple = (), before: tuple = ()
            ) -> Outcome:
    """On to the step after `step`; back to the summary when one part was being changed."""
    following = "confirm" if data.pop("edit", False) else flow.following(step, data["draft"], ctx)
    return go(flow, data, following, ctx, effects, before)


# --- reading events ------------------------------------------------------------------------------

def open_draft(flow: Flow, state: State) -> tuple[dict, str]:
    """A private copy of the state's data with a whole draft, and the step (the first when unknown)."""
    data, step = data_of(state), state.step if state.step in flow.steps else flow.steps[0]
    data["draft"] = drafts.fill(data.get("draft"), flow.draft, flow.blank())
    return data, step


def handle(flow: Flow, incoming: Incoming, data: dict, step: str, ctx: Context) -> Outcome | None:
    """A button, a photo or typed text at `step`; None when a text is not an answer to it."""
    undo = data.pop("undo", None)  # offered for the one reply after text was added, no longer
    cancelling = data.pop("cancelling", False)  # "cancel this?" was the last question
    if incoming.kind == "postback":
        return _button(flow, incoming.postback, data, step, ctx, undo)
    if incoming.kind == "image":
        return _image(flow, incoming, data, step, ctx)
    if incoming.kind == "text":
        word = common.word(incoming.text)
        if cancelling and word in ("yes", "confirm"):  # "yes" to "cancel this?", not to the step
            word = "cancel_yes"
        if cancelling and word == "no":
            word = "resume"
        if word in ("cancel", "cancel_yes"):
            return _shared(flow, "drop" if word == "cancel_yes" else "cancel", data, step, ctx, None)
        if word == "resume":  # "go on", typed: the step again (never taken as its answer)
            return go(flow, data, step, ctx)
        if word == "thanks":  # never an answer to a step: a friendly word, then the step again
            return go(flow, data, step, ctx, before=(ui.text(t("flow.thanks")),))
        action = word if word == "back" else flow.words.get(step, {}).get(word or "")
        if action:
            return flow.act(action, "", data, step, ctx)
        tapped = _typed_label(flow, incoming.text, data, step, ctx)
        if tapped:  # LINE for PC shows no quick replies: their labels get typed instead
            return _button(flow, tapped, data, step, ctx, undo)
        return flow.text(incoming.text, data, step, ctx)
    return go(flow, data, step, ctx)


def _button(flow: Flow, postback: str, data: dict, step: str, ctx: Context, undo: object) -> Outcome:
    parts = pb.decode(postback)
    if parts.action in SHARED:
        return _shared(flow, parts.action, data, step, ctx, undo)
    return flow.act(parts.action, parts.arg, data, step, ctx)


def _typed_label(flow: Flow, text: str, data: dict, step: str, ctx: Context) -> str | None:
    """The postback of the step's own quick reply whose label was typed (spaces and polite endings
    aside): the summary's edit chooser ("สถานที่", "ข้อมูลติดต่อ"...) had no typed words at all."""
    typed = common.plain(text)
    if not typed or len(typed) > 30:
        return None
    for message in flow.prompt(State(flow.name, step, copy.deepcopy(data)), ctx):
        for item in (message.get("quickReply") or {}).get("items", []):
            action = item.get("action") or {}
            if action.get("type") == "postback" and common.plain(action.get("label") or "") == typed:
                return action.get("data")
    return None


def cancelling_for_one_event(outcome: Outcome) -> Outcome:
    """The state says "cancelling" exactly when this event's last reply asks "cancel this?" (dispatch
    calls this for every event): after a side question or a resumed step, a typed "yes" answers the
    step again, never drops the draft."""
    data, asked = outcome.state.data, _asks_to_cancel(outcome)
    if asked == bool(data.get("cancelling")):
        return outcome
    kept = {key: value for key, value in data.items() if key != "cancelling"} | ({"cancelling": True} if asked else {})
    return dataclasses.replace(outcome, state=State(outcome.state.flow, outcome.state.step, kept))


def _asks_to_cancel(outcome: Outcome) -> bool:
    return bool(outcome.replies) and outcome.replies[-1].get("text") == t("flow.cancel_confirm")


def _shared(flow: Flow, action: str, data: dict, step: str, ctx: Context, undo: object) -> Outcome:
    """cancel (ask first when the draft holds something), drop (confirmed), stay, undo (added text)."""
    if action == "undo":
        if not isinstance(undo, str):
            return go(flow, data, step, ctx, before=(ui.text(t("button.expired")),))
        data["draft"]["description"] = undo
        return go(flow, data, step, ctx, before=(ui.text(t("flow.detail_removed")),))
    if action == "stay":
        return go(flow, data, step, ctx)
    if action == "cancel" and step == "edit":  # the edit chooser: "cancel" means "not now"
        return go(flow, data, "confirm", ctx)
    if action == "cancel" and flow.has_content(State(flow.name, step, data)):
        return reply(State(flow.name, step, data), report_prompts.cancel_question(flow.ns))
    return reply(State.idle(), common.menu_message(t(flow.cancelled)), effects=(DiscardDraft(flow.name),))


def act(flow: Flow, action: str, arg: str, data: dict, step: str, ctx: Context) -> Outcome:
    """The buttons both flows read alike; a button from an older message is refused kindly."""
    if action == "back":
        return go(flow, data, "confirm" if data.pop("edit", False) else flow.previous(step, data), ctx)
    if action == "give" and step in ("contact", "contact_given"):
        return go(flow, data, "contact_given", ctx)
    if action == "anon" and step in ("contact", "contact_given"):
        data["draft"].update(contact_mode="anonymous", name="", phone="")
        return forward(flow, data, "contact", ctx)
    if action == "edit" and step in ("confirm", "edit"):
        return go(flow, data, "edit", ctx)
    if action == "ed" and step in ("confirm", "edit") and arg in flow.edit_steps:
        data["edit"] = True
        return go(flow, data, flow.edit_steps[arg], ctx)
    return go(flow, data, step, ctx, before=(ui.text(t("button.expired")),))


def _image(flow: Flow, incoming: Incoming, data: dict, step: str, ctx: Context) -> Outcome:
    """A photo at any step: kept while there is room; the photo step moves on once the draft is full."""
    accepted, effects = add_photo(data["draft"], incoming, flow.name, ctx.max_photos)
    full = ui.text(t("cx.photo_full", max=ctx.max_photos))
    if step == "photos":
        if len(data["draft"]["photos"]) >= ctx.max_photos:
            return forward(flow, data, step, ctx, effects, before=(full,))
        return go(flow, data, step, ctx, effects)
    if accepted and step in flow.thanked and not data["draft"].get("description"):
        return go(flow, data, step, ctx, effects)
    return go(flow, data, step, ctx, effects, before=(ui.text(t("photo.saved")) if accepted else full,))


def submit(flow: Flow, effect: Callable[[dict], Effect], draft: dict, received: Callable[[str | None], str]
           ) -> Outcome:
    """Send the draft (its own keys only); the answer, `received(ticket)`, comes once the case is stored."""
    final = {key: draft.get(key, value) for key, value in flow.blank().items()}

    def after(results: dict) -> list[dict]:
        result = results.get(0) if isinstance(results, dict) else None
        ticket = result.get("ticket") if isinstance(result, dict) else None
        ticket = ticket if isinstance(ticket, str) and ticket else None
        return [report_prompts.received(received(ticket), ticket)]

    return Outcome(state=State.idle(), effects=(effect(final),), replies_after=after)


# --- drafts --------------------------------------------------------------------------------------

def add_photo(draft: dict, incoming: Incoming, purpose: str, max_photos: int) -> tuple[bool, tuple]:
    """Count an image into the draft: (accepted, effects). Not accepted when the draft is full."""
    photos = draft.setdefault("photos", [])
    if incoming.message_id in photos:  # the same image again (a redelivery): already counted
        return True, ()
    if len(photos) >= max_photos or not incoming.message_id:
        return False, ()
    photos.append(incoming.message_id)
    return True, (SavePhoto(incoming.message_id, purpose),)
