"""What the two report flows (complaint, corruption) share: a draft filled in step by step, then confirmed.

Each flow describes itself with a `Flow`. The functions here move between its steps, read the buttons
and words every step understands alike (cancel, back, contact, edit), keep photos, and build the
prompts both flows show alike. A flow's own `act` reads its own buttons first and hands the rest to
`act` here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from handlers import common, ui
from handlers import postback as pb
from handlers.common import data_of, reply
from handlers.types import Context, DiscardDraft, Effect, Incoming, Outcome, SavePhoto, State
from messages_th.flex import summary_bubble
from messages_th.strings import t

# The parts of a draft the summary's "edit" offers to change, and their labels.
PART_LABELS = {"accused": "qr.edit_accused", "desc": "qr.edit_description", "cat": "qr.edit_category",
               "photo": "qr.edit_photos", "loc": "qr.edit_location", "contact": "qr.edit_contact"}


@dataclass(frozen=True)
class Flow:
    name: str  # the state's flow; also the purpose its photos and drafts are kept under
    ns: str  # its postback namespace
    steps: tuple[str, ...]  # an unknown step falls back to the first
    words: Mapping[str, Mapping[str, str]]  # per step, typed words that act as one of its buttons
    edit_steps: Mapping[str, str]  # "ed:<part>" on the summary -> the step that changes that part
    cancelled: str  # the message key once the citizen cancels
    blank: Callable[[], dict]  # a new draft
    prompt: Callable[[State, Context], list[dict]]  # the messages that ask for a step
    following: Callable[[str, dict, Context], str]  # the step after `step`, given the draft
    previous: Callable[[str, dict], str]  # where "back" goes from `step`, given the state's data
    act: Callable[[str, str, dict, str, Context], Outcome]  # a button (or its word) at a step
    text: Callable[[str, dict, str, Context], Outcome | None]  # typed text; None when it answers nothing
    thanked: frozenset[str] = frozenset()  # steps whose prompt itself thanks for a photo or place sent


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
    data["draft"] = fill(data.get("draft"), flow.blank())
    return data, step


def handle(flow: Flow, incoming: Incoming, data: dict, step: str, ctx: Context) -> Outcome | None:
    """A button, a photo or typed text at `step`; None when a text is not an answer to it."""
    if incoming.kind == "postback":
        parts = pb.decode(incoming.postback)
        return flow.act(parts.action, parts.arg, data, step, ctx)
    if incoming.kind == "image":
        return _image(flow, incoming, data, step, ctx)
    if incoming.kind == "text":
        word = common.word(incoming.text)
        action = word if word in ("cancel", "back") else flow.words.get(step, {}).get(word or "")
        if action:
            return flow.act(action, "", data, step, ctx)
        return flow.text(incoming.text, data, step, ctx)
    return go(flow, data, step, ctx)


def act(flow: Flow, action: str, arg: str, data: dict, step: str, ctx: Context) -> Outcome:
    """The buttons both flows read alike; a button from an older message is refused kindly."""
    if action == "cancel":
        return reply(State.idle(), common.menu_message(t(flow.cancelled)), effects=(DiscardDraft(flow.name),))
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
    if accepted and step in flow.thanked:
        return go(flow, data, step, ctx, effects)
    return go(flow, data, step, ctx, effects, before=(ui.text(t("photo.saved")) if accepted else full,))


def submit(flow: Flow, effect: Callable[[dict], Effect], draft: dict, received: Callable[[str | None], str]
           ) -> Outcome:
    """Send the draft (its own keys only); the answer, `received(ticket)`, comes once the case is stored."""
    final = {key: draft.get(key, value) for key, value in flow.blank().items()}

    def after(results: dict) -> list[dict]:
        result = results.get(0) if isinstance(results, dict) else None
        ticket = result.get("ticket") if isinstance(result, dict) else None
        return [common.menu_message(received(ticket))]

    return Outcome(state=State.idle(), effects=(effect(final),), replies_after=after)


# --- drafts --------------------------------------------------------------------------------------

def fill(draft: object, blank: dict) -> dict:
    """A stored draft with every key of `blank`; a value of the wrong type (an older or broken row) is reset."""
    draft = draft if isinstance(draft, dict) else {}
    out = {}
    for key, empty in blank.items():
        value = draft.get(key, empty)
        if key == "photos":
            value = [str(p) for p in value] if isinstance(value, list) else []
        elif key == "category_id":
            value = value if isinstance(value, int) and not isinstance(value, bool) else None
        elif key == "location":
            value = value if isinstance(value, dict) and {"latitude", "longitude"} <= set(value) else None
        elif not isinstance(value, type(empty)):
            value = empty
        out[key] = value
    return out


def add_photo(draft: dict, incoming: Incoming, purpose: str, max_photos: int) -> tuple[bool, tuple]:
    """Count an image into the draft: (accepted, effects). Not accepted when the draft is full."""
    photos = draft.setdefault("photos", [])
    if incoming.message_id in photos:  # the same image again (a redelivery): already counted
        return True, ()
    if len(photos) >= max_photos or not incoming.message_id:
        return False, ()
    photos.append(incoming.message_id)
    return True, (SavePhoto(incoming.message_id, purpose),)


# --- prompts both flows show alike ---------------------------------------------------------------

def nav(ns: str, back: bool = True) -> list[dict]:
    """Back (unless at the first step) and cancel, closing every step's quick replies."""
    actions = [ui.postback(t("qr.back"), pb.encode(ns, "back"))] if back else []
    return actions + [ui.postback(t("qr.cancel"), pb.encode(ns, "cancel"))]


def photos_prompt(ns: str, draft: dict, ctx: Context, received: str, ask: str) -> list[dict]:
    """Ask for photos (`ask`), or for more after some (`received`), with the camera and done/skip."""
    count = len(draft.get("photos") or [])
    actions = [ui.camera(t("qr.camera")), ui.camera_roll(t("qr.camera_roll")),
               ui.postback(t("qr.done") if count else t("qr.skip"), pb.encode(ns, "next"))] + nav(ns)
    body = (t(received, count=count, left=max(ctx.max_photos - count, 0)) if count
            else t(ask, max=ctx.max_photos))
    return [ui.text(body, actions)]


def edit_prompt(ns: str, parts: Iterable[str]) -> list[dict]:
    """Which part of the draft to change: a button "ed:<part>" for each."""
    actions = [ui.postback(t(PART_LABELS[part]), pb.encode(ns, "ed", part)) for part in parts]
    return [ui.text(t("cx.what_to_edit"), actions + nav(ns))]


def summary(ns: str, title: str, alt: str, rows: list[tuple[str, str]]) -> dict:
    """The draft as a Flex bubble to confirm, edit or cancel; `alt` is the notification text."""
    buttons = [(t("qr.confirm"), pb.encode(ns, "ok")), (t("qr.edit"), pb.encode(ns, "edit")),
               (t("qr.cancel"), pb.encode(ns, "cancel"))]
    return ui.flex(t(alt), summary_bubble(t(title), rows, buttons),
                   [ui.postback(label, data) for label, data in buttons])
