"""The complaint flow: describe, category, photos, location, contact, confirm, then submit.

State data: {"draft": {...the keys the case is created from...}, "suggest": [id, name] or None (the
model is sure: one category to confirm), "choices": [[id, name], ...] or None (it is not: the likeliest few),
"edit": True while changing one part from the summary, "line_name": the LINE display name, "undo": see
report}. Text typed at the photo step is read by asides.
What each step asks is in complaint_prompts; what both report flows share is in report and contact.
"""
from __future__ import annotations

from datetime import timedelta
from typing import cast

from handlers import asides, common, contact, report, ui
from handlers import postback as pb
from handlers.complaint_prompts import EDIT_STEPS, category_label, has_content, prompt
from handlers.drafts import ComplaintDraft, Location
from handlers.types import CategoryInfo, Context, Incoming, Outcome, State, SubmitComplaint
from handlers.understanding import Understanding, classify
from messages_th.dates import citizen_date
from messages_th.strings import t
from models.enums import DEADLINE_DAYS

FLOW = "complaint"
NS = pb.COMPLAINT
STEPS = ("describe", "category", "category_list", "photos", "location", "contact", "contact_given",
         "confirm", "edit")
FREE_TEXT = frozenset({"describe", "location", "contact_given"})  # steps where any text is the answer
NEXT = {"describe": "category", "category": "photos", "category_list": "photos", "photos": "location",
        "location": "contact", "contact": "confirm", "contact_given": "confirm"}
# Back from the list goes to the suggested category when there was one (see _previous).
BACK = {"category": "describe", "category_list": "describe", "photos": "category", "location": "photos",
        "contact": "location", "contact_given": "contact", "confirm": "contact", "edit": "confirm"}
MIN_DESCRIPTION = 3
# Which typed words act as which button, per step.
WORD_ACTIONS = {
    "describe": {"keep": "keep"},
    "category": {"yes": "catok", "confirm": "catok", "no": "cats"},
    "photos": {"skip": "next", "done": "next"},
    "location": {"skip": "next"},
    "contact": {"anonymous": "anon", "line_name": "line", "give_contact": "give"},
    "contact_given": {"anonymous": "anon"},
    "confirm": {"confirm": "ok", "edit": "edit"},
}


def new_draft() -> ComplaintDraft:
    return {"description": "", "category_id": None, "category": "", "photos": [], "location": None,
            "landmark": "", "contact_mode": "anonymous", "name": "", "phone": ""}


def start(incoming: Incoming, ctx: Context, text: str = "", understanding: Understanding | None = None
          ) -> Outcome:
    """Open a draft; text that already tells the problem skips the describe step."""
    draft = new_draft()
    data = {"draft": draft, "suggest": None, "line_name": incoming.display_name or ""}
    effects: tuple = ()
    if incoming.kind == "image":
        _, effects = report.add_photo(cast(dict, draft), incoming, FLOW, ctx.max_photos)  # the shared photo step
    if incoming.kind == "location":
        draft["location"] = _location(incoming)
    if text:
        return _described(data, text, ctx, understanding)
    return report.go(REPORT, data, "describe", ctx, effects=effects)


def handle(incoming: Incoming, state: State, ctx: Context) -> Outcome | None:
    """One event inside the flow; None when a text is not an answer to this step (the caller decides)."""
    data, step = report.open_draft(REPORT, state)
    if incoming.display_name:
        data["line_name"] = incoming.display_name
    if incoming.kind == "location":
        data["draft"]["location"] = _location(incoming)
        if step == "location":
            return report.forward(REPORT, data, step, ctx)
        note = () if step in REPORT.thanked else (ui.text(t("location.saved")),)
        return report.go(REPORT, data, step, ctx, before=note)
    return report.handle(REPORT, incoming, data, step, ctx)


def act(action: str, arg: str, data: dict, step: str, ctx: Context) -> Outcome:
    """A button (or the word for it) pressed at `step`: the complaint's own, then the shared ones."""
    if action == "catok" and step == "category" and data.get("suggest"):
        category = _category(data["suggest"][0], ctx)
        if category:
            return _choose(data, category, ctx, step)
    if action == "cats" and step in ("category", "category_list"):
        return report.go(REPORT, data, "category_list", ctx)
    if action == "cat" and step in ("category", "category_list"):
        category = _category(pb.Postback(arg=arg).arg_int(), ctx)
        if category:
            return _choose(data, category, ctx, step)
    if action == "next" and step in ("photos", "location"):
        return report.forward(REPORT, data, step, ctx)
    told = data["draft"]["description"]
    if action == "keep" and step == "describe" and len(told.strip()) >= MIN_DESCRIPTION:
        return _described(data, told, ctx, None)  # back here, and it was right
    if action == "line" and step in contact.STEPS and data.get("line_name"):
        data["draft"].update(contact_mode="line", name=data["line_name"][:100], phone="")
        return report.forward(REPORT, data, "contact", ctx)
    if action == "ok" and step == "confirm":
        if len(data["draft"]["description"].strip()) < MIN_DESCRIPTION:  # only a damaged stored draft
            return report.go(REPORT, data, "describe", ctx)
        return _submit(data["draft"], ctx)
    return report.act(REPORT, action, arg, data, step, ctx)


def _text(text: str, data: dict, step: str, ctx: Context) -> Outcome | None:
    """Typed text at `step`; None when it does not answer the step."""
    draft = data["draft"]
    if step == "describe":
        if len(common.plain(text)) < MIN_DESCRIPTION:
            return report.go(REPORT, data, step, ctx, before=(ui.text(t("cx.too_short")),))
        return _described(data, text, ctx, None)
    if step in ("category", "category_list"):
        typed = common.plain(text)
        for category in ctx.lookup.categories():
            if typed and typed in (common.plain(category.name), common.plain(category_label(category))):
                return _choose(data, category, ctx, step)
        return None
    if step == "photos":  # only clearly more words about the same problem join the description
        return asides.read(REPORT, text, data, step, ctx, topics=("complaint",))
    if step == "location":
        draft["landmark"] = text.strip()[:300]
        return report.forward(REPORT, data, step, ctx)
    if step in contact.STEPS:
        return contact.typed(REPORT, text, data, step, ctx, data.get("line_name", ""))
    return None


def _described(data: dict, text: str, ctx: Context, understanding: Understanding | None) -> Outcome:
    """The description told: on to the suggested category, or the list of them."""
    data["draft"]["description"] = text.strip()[: ctx.max_text_length]
    if data.get("edit"):
        return report.forward(REPORT, data, "describe", ctx)
    categories = ctx.lookup.categories()
    if not categories:  # nothing configured: the case goes in without a category
        return report.forward(REPORT, data, "category", ctx)
    understanding = understanding or classify(text, categories)
    active = {c.id for c in categories}
    likely = [[cid, name] for cid, name, _ in understanding.choices if cid in active]
    data["suggest"] = likely[0] if likely and understanding.sure else None
    data["choices"] = likely if likely and not understanding.sure else None
    return report.go(REPORT, data, "category" if likely else "category_list", ctx)


def _choose(data: dict, category: CategoryInfo, ctx: Context, step: str) -> Outcome:
    data["draft"].update(category_id=category.id, category=category.name)
    return report.forward(REPORT, data, step, ctx)


def _category(category_id: object, ctx: Context) -> CategoryInfo | None:
    return next((c for c in ctx.lookup.categories() if c.id == category_id), None)


def _location(incoming: Incoming) -> Location | None:
    loc = incoming.location
    if loc is None:
        return None
    return {"latitude": loc.latitude, "longitude": loc.longitude, "title": loc.title[:100],
            "address": loc.address[:300]}


def _following(step: str, draft: dict, ctx: Context) -> str:
    """The next step, past the photos once the draft is full and past a place already pinned."""
    following = NEXT.get(step, "confirm")
    if following == "photos" and len(draft["photos"]) >= ctx.max_photos:
        following = "location"
    if following == "location" and draft.get("location"):  # already pinned on the way in
        following = "contact"
    return following


def _previous(step: str, data: dict) -> str:
    offered = data.get("suggest") or data.get("choices")
    if step == "category_list" and offered:  # "other category", then back: the suggestion(s)
        return "category"
    back = BACK.get(step, step)
    return "category_list" if back == "category" and not offered else back


def _submit(draft: dict, ctx: Context) -> Outcome:
    due = citizen_date(ctx.now + timedelta(days=DEADLINE_DAYS))

    def received(ticket: str | None) -> str:
        if not ticket:
            return t("cx.received_no_ticket")
        return t("cx.received", ticket=ticket, days=DEADLINE_DAYS, due=due)

    return report.submit(REPORT, SubmitComplaint, draft, received)


REPORT = report.Flow(name=FLOW, ns=NS, steps=STEPS, free_text=FREE_TEXT, start=start, handle=handle,
                     words=WORD_ACTIONS, edit_steps=EDIT_STEPS, cancelled="cx.cancelled", draft=ComplaintDraft,
                     blank=new_draft, prompt=prompt, following=_following,
                     previous=_previous, act=act, text=_text, has_content=has_content,
                     thanked=frozenset({"describe"}), line_name=True)
