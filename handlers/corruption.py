"""The corruption and misconduct report: notice, the accused, what happened, evidence, contact, confirm.

Anonymous unless the reporter leaves a name and phone. Its details are shown back only in the
reporter's own summary before sending, never in any other message (nor in a Flex altText).
State data: {"draft": {...}, "edit": True while changing one part from the summary}.
"""
from __future__ import annotations

from handlers import common, ui
from handlers import postback as pb
from handlers.common import data_of, reply
from handlers.types import Context, DiscardDraft, Incoming, Outcome, State, SubmitCorruption
from messages_th.flex import summary_bubble
from messages_th.strings import t

FLOW = PURPOSE = "corruption"
STEPS = ("accused", "what", "more", "photos", "contact", "contact_given", "confirm", "edit")
FREE_TEXT = frozenset({"accused", "what", "more", "photos", "contact_given"})
NEXT = {"accused": "what", "what": "photos", "more": "photos", "photos": "contact", "contact": "confirm",
        "contact_given": "confirm"}
BACK = {"what": "accused", "more": "accused", "photos": "what", "contact": "photos",
        "contact_given": "contact", "confirm": "contact", "edit": "confirm"}
EDIT_STEPS = {"accused": "accused", "desc": "what", "photo": "photos", "contact": "contact"}
MIN_TEXT = 2
WORD_ACTIONS = {
    "more": {"skip": "next"},
    "photos": {"skip": "next", "done": "next"},
    "contact": {"anonymous": "anon", "give_contact": "give"},
    "contact_given": {"anonymous": "anon"},
    "confirm": {"confirm": "ok", "edit": "edit"},
}


def new_draft() -> dict:
    return {"accused": "", "description": "", "photos": [], "contact_mode": "anonymous", "name": "",
            "phone": ""}


def has_content(state: State) -> bool:
    draft = (state.data or {}).get("draft") or {}
    return bool(draft.get("accused") or draft.get("description") or draft.get("photos"))


def start(incoming: Incoming, ctx: Context, text: str = "") -> Outcome:
    """Open a report with the confidentiality notice; a telling first message becomes its description."""
    data = {"draft": new_draft()}
    if text and common.command(text) is None:
        data["draft"]["description"] = text.strip()[: ctx.max_text_length]
    return _go(data, "accused", ctx, before=(ui.text(t("cr.notice")),))


def _go(data: dict, step: str, ctx: Context, effects: tuple = (), before: tuple = ()) -> Outcome:
    state = State(flow=FLOW, step=step, data=data)
    return reply(state, *before, *prompt(state, ctx), effects=effects)


def _next(data: dict, step: str, ctx: Context, effects: tuple = (), before: tuple = ()) -> Outcome:
    if data.pop("edit", False):
        return _go(data, "confirm", ctx, effects, before)
    following = NEXT.get(step, "confirm")
    if following == "what" and data["draft"]["description"]:
        following = "more"  # the first message already told what happened: offer to add to it
    if following == "photos" and len(data["draft"]["photos"]) >= ctx.max_photos:
        following = "contact"
    return _go(data, following, ctx, effects, before)


def _nav(back: bool = True) -> list[dict]:
    actions = [ui.postback(t("qr.back"), pb.cr("back"))] if back else []
    return actions + [ui.postback(t("qr.cancel"), pb.cr("cancel"))]


def prompt(state: State, ctx: Context, incoming: Incoming | None = None) -> list[dict]:
    """The messages that ask for the current step again (they never repeat what was reported)."""
    step, draft = state.step, (state.data or {}).get("draft") or new_draft()
    if step == "what":
        return [ui.text(t("cr.ask_description"), _nav())]
    if step == "more":
        return [ui.text(t("cr.ask_more"), [ui.postback(t("qr.skip"), pb.cr("next"))] + _nav())]
    if step == "photos":
        count = len(draft.get("photos") or [])
        actions = [ui.camera(t("qr.camera")), ui.camera_roll(t("qr.camera_roll")),
                   ui.postback(t("qr.done") if count else t("qr.skip"), pb.cr("next"))] + _nav()
        body = (t("cr.photo_received", count=count, left=max(ctx.max_photos - count, 0)) if count
                else t("cr.ask_evidence", max=ctx.max_photos))
        return [ui.text(body, actions)]
    if step == "contact":
        actions = [ui.postback(t("qr.anonymous"), pb.cr("anon")),
                   ui.postback(t("qr.give_contact"), pb.cr("give"))] + _nav()
        return [ui.text(t("cr.ask_contact"), actions)]
    if step == "contact_given":
        return [ui.text(t("cx.ask_name_phone"), [ui.postback(t("qr.anonymous"), pb.cr("anon"))] + _nav())]
    if step == "confirm":
        return [_summary(draft)]
    if step == "edit":
        actions = [ui.postback(t("qr.edit_" + key), pb.cr("ed", field)) for key, field in (
            ("accused", "accused"), ("description", "desc"), ("photos", "photo"), ("contact", "contact"))]
        return [ui.text(t("cx.what_to_edit"), actions + _nav())]
    return [ui.text(t("cr.ask_accused"), _nav(back=False))]


def _summary(draft: dict) -> dict:
    buttons = [(t("qr.confirm"), pb.cr("ok")), (t("qr.edit"), pb.cr("edit")), (t("qr.cancel"), pb.cr("cancel"))]
    photos = len(draft.get("photos") or [])
    contact = (t("contact.given", name=draft.get("name") or "", phone=draft.get("phone") or "")
               if draft.get("contact_mode") == "given" else t("contact.anonymous"))
    rows = [(t("sum.accused"), draft.get("accused") or t("sum.none")),
            (t("sum.what"), draft.get("description") or t("sum.none")),
            (t("sum.evidence"), t("sum.count_photos", n=photos) if photos else t("sum.none")),
            (t("sum.contact"), contact)]
    # The altText shows in notifications and the chat list: it must not carry the report's details.
    return ui.flex(t("cr.summary_alt"), summary_bubble(t("cr.summary_title"), rows, buttons),
                   [ui.postback(label, data) for label, data in buttons])


def handle(incoming: Incoming, state: State, ctx: Context) -> Outcome | None:
    """One event inside the report; None when a text is not an answer to this step."""
    data, step = data_of(state), state.step if state.step in STEPS else "accused"
    data["draft"] = common.fill(data.get("draft"), new_draft())
    if incoming.kind == "postback":
        parts = pb.decode(incoming.postback)
        return act(parts.action, parts.arg, data, step, ctx)
    if incoming.kind == "image":
        return _image(incoming, data, step, ctx)
    if incoming.kind == "text":
        word = common.word(incoming.text)
        action = "cancel" if word == "cancel" else "back" if word == "back" else None
        action = action or WORD_ACTIONS.get(step, {}).get(word or "")
        if action:
            return act(action, "", data, step, ctx)
        return _text(incoming.text, data, step, ctx)
    return _go(data, step, ctx)


def act(action: str, arg: str, data: dict, step: str, ctx: Context) -> Outcome:
    """A button (or its word) at `step`; a button from an older message is refused kindly."""
    draft = data["draft"]
    if action == "cancel":
        return reply(State.idle(), common.menu_message(t("cr.cancelled")), effects=(DiscardDraft(PURPOSE),))
    if action == "back":
        if data.pop("edit", False):
            return _go(data, "confirm", ctx)
        return _go(data, BACK.get(step, step), ctx)
    if action == "next" and step in ("more", "photos"):
        return _next(data, step, ctx)
    if action == "give" and step in ("contact", "contact_given"):
        return _go(data, "contact_given", ctx)
    if action == "anon" and step in ("contact", "contact_given"):
        draft.update(contact_mode="anonymous", name="", phone="")
        return _next(data, "contact", ctx)
    if action == "ok" and step == "confirm":
        if not draft["accused"].strip() or not draft["description"].strip():  # a damaged stored draft
            return _go(data, "accused" if not draft["accused"].strip() else "what", ctx)
        return _submit(draft)
    if action == "edit" and step in ("confirm", "edit"):
        return _go(data, "edit", ctx)
    if action == "ed" and step in ("confirm", "edit") and arg in EDIT_STEPS:
        data["edit"] = True
        return _go(data, EDIT_STEPS[arg], ctx)
    return _go(data, step, ctx, before=(ui.text(t("button.expired")),))


def _text(text: str, data: dict, step: str, ctx: Context) -> Outcome | None:
    draft, text = data["draft"], text.strip()
    limit = ctx.max_text_length
    if step in ("accused", "what") and len(common.plain(text)) < MIN_TEXT:
        return _go(data, step, ctx)
    if step == "accused":
        draft["accused"] = text[:500]
        return _next(data, step, ctx)
    if step == "what":
        draft["description"] = text[:limit]
        return _next(data, step, ctx)
    if step in ("more", "photos"):
        # Anything typed here adds to what happened (witnesses, dates, places).
        draft["description"] = (draft["description"] + "\n" + text).strip()[:limit]
        if step == "more":
            return _next(data, step, ctx)
        return _go(data, step, ctx, before=(ui.text(t("cx.detail_added")),))
    if step in ("contact", "contact_given"):
        result = common.set_contact(draft, text, "")
        if result == "ok":
            return _next(data, "contact", ctx)
        if result == "bad" or step == "contact_given":
            return _go(data, "contact_given", ctx, before=(ui.text(t("cx.bad_phone")),))
    return None


def _image(incoming: Incoming, data: dict, step: str, ctx: Context) -> Outcome:
    accepted, effects = common.add_photo(data["draft"], incoming, PURPOSE, ctx.max_photos)
    full_note = ui.text(t("cx.photo_full", max=ctx.max_photos))
    if step == "photos":
        if len(data["draft"]["photos"]) >= ctx.max_photos:
            return _next(data, step, ctx, effects, before=(full_note,))
        return _go(data, step, ctx, effects)
    return _go(data, step, ctx, effects, before=(ui.text(t("photo.saved")) if accepted else full_note,))


def _submit(draft: dict) -> Outcome:
    final = {key: draft.get(key, value) for key, value in new_draft().items()}

    def received(results: dict) -> list[dict]:
        result = results.get(0) if isinstance(results, dict) else None
        ticket = result.get("ticket") if isinstance(result, dict) else None
        body = t("cr.received", ticket=ticket) if ticket else t("cr.received_no_ticket")
        return [common.menu_message(body)]

    return Outcome(state=State.idle(), effects=(SubmitCorruption(final),), replies_after=received)
