"""The complaint flow: describe, category, photos, location, contact, confirm, then submit.

State data: {"draft": {...the keys the case is created from...}, "suggest": [id, name] or None,
"edit": True while changing one part from the summary, "line_name": the LINE display name}.
"""
from __future__ import annotations

from datetime import timedelta

from handlers import common, ui
from handlers import postback as pb
from handlers.common import data_of, reply
from handlers.types import CategoryInfo, Context, DiscardDraft, Incoming, Outcome, State, SubmitComplaint
from handlers.understanding import Understanding, classify
from messages_th import defaults
from messages_th.dates import thai_date
from messages_th.flex import summary_bubble
from messages_th.strings import t
from models.enums import DEADLINE_DAYS

FLOW = PURPOSE = "complaint"
STEPS = ("describe", "category", "category_list", "photos", "location", "contact", "contact_given",
         "confirm", "edit")
FREE_TEXT = frozenset({"describe", "location", "contact_given"})  # steps where any text is the answer
NEXT = {"describe": "category", "category": "photos", "category_list": "photos", "photos": "location",
        "location": "contact", "contact": "confirm", "contact_given": "confirm"}
BACK = {"category": "describe", "category_list": "describe", "photos": "category", "location": "photos",
        "contact": "location", "contact_given": "contact", "confirm": "contact", "edit": "confirm"}
EDIT_STEPS = {"desc": "describe", "cat": "category_list", "photo": "photos", "loc": "location",
              "contact": "contact"}
MIN_DESCRIPTION = 3
MAX_CATEGORY_ITEMS = 11  # + back + cancel = 13 quick replies
# Which typed words act as which button, per step.
WORD_ACTIONS = {
    "category": {"yes": "catok", "confirm": "catok"},
    "photos": {"skip": "next", "done": "next"},
    "location": {"skip": "next"},
    "contact": {"anonymous": "anon", "line_name": "line", "give_contact": "give"},
    "contact_given": {"anonymous": "anon"},
    "confirm": {"confirm": "ok", "edit": "edit"},
}


def new_draft() -> dict:
    return {"description": "", "category_id": None, "category": "", "photos": [], "location": None,
            "landmark": "", "contact_mode": "anonymous", "name": "", "phone": ""}


def has_content(state: State) -> bool:
    draft = (state.data or {}).get("draft") or {}
    return bool(draft.get("description") or draft.get("photos") or draft.get("location"))


def category_label(category: CategoryInfo) -> str:
    """A short label: the default one for a default category, else the name clipped."""
    for default in defaults.CATEGORIES:
        if default["name"] == category.name:
            return default["label"]
    return ui.label(category.name)


def _location(incoming: Incoming) -> dict | None:
    loc = incoming.location
    if loc is None:
        return None
    return {"latitude": loc.latitude, "longitude": loc.longitude, "title": loc.title[:100],
            "address": loc.address[:300]}


def start(incoming: Incoming, ctx: Context, text: str = "", understanding: Understanding | None = None
          ) -> Outcome:
    """Open a draft; text that already tells the problem skips the describe step."""
    data = {"draft": new_draft(), "suggest": None, "line_name": incoming.display_name or ""}
    effects: tuple = ()
    if incoming.kind == "image":
        _, effects = common.add_photo(data["draft"], incoming, PURPOSE, ctx.max_photos)
    if incoming.kind == "location":
        data["draft"]["location"] = _location(incoming)
    if text:
        return _described(data, text, ctx, understanding)
    return _go(data, "describe", ctx, effects=effects)


def _go(data: dict, step: str, ctx: Context, effects: tuple = (), before: tuple = ()) -> Outcome:
    state = State(flow=FLOW, step=step, data=data)
    return reply(state, *before, *prompt(state, ctx), effects=effects)


def _next(data: dict, step: str, ctx: Context, effects: tuple = (), before: tuple = ()) -> Outcome:
    """On to the step after `step`; back to the summary when one part was being changed."""
    if data.pop("edit", False):
        return _go(data, "confirm", ctx, effects, before)
    following = NEXT.get(step, "confirm")
    draft = data["draft"]
    if following == "photos" and len(draft["photos"]) >= ctx.max_photos:
        following = "location"
    if following == "location" and draft.get("location"):  # already pinned on the way in
        following = "contact"
    return _go(data, following, ctx, effects, before)


def _described(data: dict, text: str, ctx: Context, understanding: Understanding | None) -> Outcome:
    data["draft"]["description"] = text.strip()[: ctx.max_text_length]
    if data.get("edit"):
        return _next(data, "describe", ctx)
    categories = ctx.lookup.categories()
    if not categories:  # nothing configured: the case goes in without a category
        return _next(data, "category", ctx)
    understanding = understanding or classify(text, categories)
    known = {c.id for c in categories}
    if understanding.category_id in known:
        data["suggest"] = [understanding.category_id, understanding.category_name]
        return _go(data, "category", ctx)
    data["suggest"] = None
    return _go(data, "category_list", ctx)


def _choose(data: dict, category: CategoryInfo, ctx: Context, step: str) -> Outcome:
    data["draft"].update(category_id=category.id, category=category.name)
    return _next(data, step, ctx)


# --- prompts -------------------------------------------------------------------------------------

def _nav(back: bool = True) -> list[dict]:
    actions = [ui.postback(t("qr.back"), pb.cx("back"))] if back else []
    return actions + [ui.postback(t("qr.cancel"), pb.cx("cancel"))]


def prompt(state: State, ctx: Context, incoming: Incoming | None = None) -> list[dict]:
    """The messages that ask for the current step again."""
    data, step = state.data, state.step
    draft = data.get("draft") or new_draft()
    if step == "category" and data.get("suggest"):
        actions = [ui.postback(t("qr.yes_category"), pb.cx("catok")),
                   ui.postback(t("qr.other_category"), pb.cx("cats"))] + _nav()
        return [ui.text(t("cx.suggest_category", category=data["suggest"][1]), actions)]
    if step in ("category", "category_list"):
        cats = ctx.lookup.categories()[:MAX_CATEGORY_ITEMS]
        actions = [ui.postback(category_label(c), pb.cx("cat", c.id), c.name) for c in cats]
        return [ui.text(t("cx.choose_category"), actions + _nav())]
    if step == "photos":
        count = len(draft.get("photos") or [])
        actions = [ui.camera(t("qr.camera")), ui.camera_roll(t("qr.camera_roll")),
                   ui.postback(t("qr.done") if count else t("qr.skip"), pb.cx("next"))] + _nav()
        body = (t("cx.photo_received", count=count, left=max(ctx.max_photos - count, 0)) if count
                else t("cx.ask_photos", max=ctx.max_photos))
        return [ui.text(body, actions)]
    if step == "location":
        actions = [ui.location(t("qr.location")), ui.postback(t("qr.skip"), pb.cx("next"))] + _nav()
        return [ui.text(t("cx.ask_location"), actions)]
    if step == "contact":
        actions = [ui.postback(t("qr.use_line_name"), pb.cx("line"))] if data.get("line_name") else []
        actions += [ui.postback(t("qr.give_contact"), pb.cx("give")),
                    ui.postback(t("qr.anonymous"), pb.cx("anon"))] + _nav()
        return [ui.text(t("cx.ask_contact"), actions)]
    if step == "contact_given":
        actions = [ui.postback(t("qr.anonymous"), pb.cx("anon"))] + _nav()
        return [ui.text(t("cx.ask_name_phone"), actions)]
    if step == "confirm":
        return [_summary(draft)]
    if step == "edit":
        actions = [ui.postback(t("qr.edit_" + key), pb.cx("ed", field)) for key, field in (
            ("description", "desc"), ("category", "cat"), ("photos", "photo"), ("location", "loc"),
            ("contact", "contact"))] + _nav()
        return [ui.text(t("cx.what_to_edit"), actions)]
    key = "cx.ask_description_after_media" if has_content(state) else "cx.ask_description"
    return [ui.text(t(key), _nav(back=False))]


def _summary(draft: dict) -> dict:
    buttons = [(t("qr.confirm"), pb.cx("ok")), (t("qr.edit"), pb.cx("edit")), (t("qr.cancel"), pb.cx("cancel"))]
    bubble = summary_bubble(t("cx.summary_title"), summary_rows(draft), buttons)
    return ui.flex(t("cx.summary_alt"), bubble, [ui.postback(label, data) for label, data in buttons])


def summary_rows(draft: dict) -> list[tuple[str, str]]:
    loc = draft.get("location") or {}
    place = " ".join(p for p in (loc.get("title"), loc.get("address")) if p) or (loc and t("sum.pinned"))
    place = " / ".join(p for p in (place, draft.get("landmark")) if p) or t("sum.none")
    photos = len(draft.get("photos") or [])
    return [(t("sum.description"), draft.get("description") or t("sum.none")),
            (t("sum.category"), draft.get("category") or t("sum.none")),
            (t("sum.photos"), t("sum.count_photos", n=photos) if photos else t("sum.none")),
            (t("sum.location"), place),
            (t("sum.contact"), contact_text(draft))]


def contact_text(draft: dict) -> str:
    mode = draft.get("contact_mode")
    if mode == "line":
        return t("contact.line", name=draft.get("name") or "")
    if mode == "given":
        return t("contact.given", name=draft.get("name") or "", phone=draft.get("phone") or "")
    return t("contact.anonymous")


# --- handling ------------------------------------------------------------------------------------

def handle(incoming: Incoming, state: State, ctx: Context) -> Outcome | None:
    """One event inside the flow; None when a text is not an answer to this step (the caller decides)."""
    data, step = data_of(state), state.step if state.step in STEPS else "describe"
    data["draft"] = common.fill(data.get("draft"), new_draft())
    if incoming.display_name:
        data["line_name"] = incoming.display_name
    if incoming.kind == "postback":
        parts = pb.decode(incoming.postback)
        return act(parts.action, parts.arg, data, step, ctx)
    if incoming.kind == "image":
        return _image(incoming, data, step, ctx)
    if incoming.kind == "location":
        data["draft"]["location"] = _location(incoming)
        if step == "location":
            return _next(data, step, ctx)
        return _go(data, step, ctx, before=() if step == "describe" else (ui.text(t("location.saved")),))
    if incoming.kind == "text":
        word = common.word(incoming.text)
        action = "cancel" if word == "cancel" else "back" if word == "back" else None
        action = action or WORD_ACTIONS.get(step, {}).get(word or "")
        if action:
            return act(action, "", data, step, ctx)
        return _text(incoming.text, data, step, ctx)
    return _go(data, step, ctx)


def act(action: str, arg: str, data: dict, step: str, ctx: Context) -> Outcome:
    """A button (or the word for it) pressed at `step`; a button from an older message is refused kindly."""
    draft = data["draft"]
    if action == "cancel":
        return reply(State.idle(), common.menu_message(t("cx.cancelled")), effects=(DiscardDraft(PURPOSE),))
    if action == "back":
        if data.pop("edit", False):
            return _go(data, "confirm", ctx)
        back = BACK.get(step, step)
        if back == "category" and not data.get("suggest"):
            back = "category_list"
        return _go(data, back, ctx)
    if action == "catok" and step == "category" and data.get("suggest"):
        category = _category(data["suggest"][0], ctx)
        if category:
            return _choose(data, category, ctx, step)
    if action == "cats" and step in ("category", "category_list"):
        return _go(data, "category_list", ctx)
    if action == "cat" and step in ("category", "category_list"):
        category = _category(pb.Postback(arg=arg).arg_int(), ctx)
        if category:
            return _choose(data, category, ctx, step)
    if action == "next" and step in ("photos", "location"):
        return _next(data, step, ctx)
    if action == "line" and step in ("contact", "contact_given") and data.get("line_name"):
        draft.update(contact_mode="line", name=data["line_name"][:100], phone="")
        return _next(data, "contact", ctx)
    if action == "give" and step in ("contact", "contact_given"):
        return _go(data, "contact_given", ctx)
    if action == "anon" and step in ("contact", "contact_given"):
        draft.update(contact_mode="anonymous", name="", phone="")
        return _next(data, "contact", ctx)
    if action == "ok" and step == "confirm":
        if len(draft["description"].strip()) < MIN_DESCRIPTION:  # only a damaged stored draft gets here
            return _go(data, "describe", ctx)
        return _submit(draft, ctx)
    if action == "edit" and step in ("confirm", "edit"):
        return _go(data, "edit", ctx)
    if action == "ed" and step in ("confirm", "edit") and arg in EDIT_STEPS:
        data["edit"] = True
        return _go(data, EDIT_STEPS[arg], ctx)
    return _go(data, step, ctx, before=(ui.text(t("button.expired")),))


def _category(category_id: object, ctx: Context) -> CategoryInfo | None:
    return next((c for c in ctx.lookup.categories() if c.id == category_id), None)


def _text(text: str, data: dict, step: str, ctx: Context) -> Outcome | None:
    draft = data["draft"]
    if step == "describe":
        if len(common.plain(text)) < MIN_DESCRIPTION:
            return _go(data, step, ctx, before=(ui.text(t("cx.too_short")),))
        return _described(data, text, ctx, None)
    if step in ("category", "category_list"):
        typed = common.plain(text)
        for category in ctx.lookup.categories():
            if typed and typed in (common.plain(category.name), common.plain(category_label(category))):
                return _choose(data, category, ctx, step)
        return None
    if step == "photos":
        if classify(text, ctx.lookup.categories()).intent in ("complaint", "other"):
            # More words about the same problem between photos: keep them with the description.
            extra = text.strip()
            draft["description"] = (draft["description"] + "\n" + extra)[: ctx.max_text_length]
            return _go(data, step, ctx, before=(ui.text(t("cx.detail_added")),))
        return None
    if step == "location":
        draft["landmark"] = text.strip()[:300]
        return _next(data, step, ctx)
    if step in ("contact", "contact_given"):
        result = common.set_contact(draft, text, data.get("line_name", ""))
        if result == "ok":
            return _next(data, "contact", ctx)
        if result == "bad" or step == "contact_given":
            return _go(data, "contact_given", ctx, before=(ui.text(t("cx.bad_phone")),))
        return None
    return None


def _image(incoming: Incoming, data: dict, step: str, ctx: Context) -> Outcome:
    accepted, effects = common.add_photo(data["draft"], incoming, PURPOSE, ctx.max_photos)
    full = len(data["draft"]["photos"]) >= ctx.max_photos
    if step == "photos":
        if full:
            return _next(data, step, ctx, effects, before=(ui.text(t("cx.photo_full", max=ctx.max_photos)),))
        return _go(data, step, ctx, effects)
    if step == "describe" and accepted:  # its prompt already thanks for what was sent
        return _go(data, step, ctx, effects)
    note = t("photo.saved") if accepted else t("cx.photo_full", max=ctx.max_photos)
    return _go(data, step, ctx, effects, before=(ui.text(note),))


def _submit(draft: dict, ctx: Context) -> Outcome:
    final = {key: draft.get(key, value) for key, value in new_draft().items()}
    due = thai_date(ctx.now + timedelta(days=DEADLINE_DAYS))

    def received(results: dict) -> list[dict]:
        result = results.get(0) if isinstance(results, dict) else None
        ticket = result.get("ticket") if isinstance(result, dict) else None
        body = (t("cx.received", ticket=ticket, days=DEADLINE_DAYS, due=due) if ticket
                else t("cx.received_no_ticket"))
        return [common.menu_message(body)]

    return Outcome(state=State.idle(), effects=(SubmitComplaint(final),), replies_after=received)
