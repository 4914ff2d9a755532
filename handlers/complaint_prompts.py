"""What the complaint flow asks at each step, and the summary it asks the citizen to confirm or edit."""
from __future__ import annotations

from handlers import contact, report_prompts, ui
from handlers import postback as pb
from handlers.types import CategoryInfo, Context, State
from messages_th import defaults
from messages_th.flex import choice_bubble
from messages_th.strings import t

MAX_LIKELY = 3  # likeliest categories offered as quick replies; "other category" opens the whole list
MAX_SHOWN = 600  # characters of the description shown back at the describe step
# The summary's "edit": a part of the draft ("cx:ed:<part>") -> the step that changes it, in menu order.
EDIT_STEPS = {"desc": "describe", "cat": "category_list", "photo": "photos", "loc": "location",
              "contact": "contact"}


def has_content(state: State) -> bool:
    """Whether the draft holds anything told yet: the describe prompt thanks for it, and a new flow asks
    before dropping it (see interrupt)."""
    draft = (state.data or {}).get("draft") or {}
    return bool(draft.get("description") or draft.get("photos") or draft.get("location"))


def category_label(category: CategoryInfo) -> str:
    """A short label: the default one for a default category, else the name clipped."""
    for default in defaults.CATEGORIES:
        if default["name"] == category.name:
            return default["label"]
    return ui.label(category.name)


def prompt(state: State, ctx: Context) -> list[dict]:
    """The messages that ask for the current step again."""
    data, step = state.data, state.step
    draft = data.get("draft") or {}
    editing = bool(data.get("edit"))
    nav = report_prompts.nav(pb.COMPLAINT, editing=editing)
    other = ui.postback(t("qr.other_category"), pb.cx("cats"))
    if step == "category" and data.get("suggest"):
        actions = [ui.postback(t("qr.yes_category"), pb.cx("catok")), other] + nav
        return [ui.text(t("cx.suggest_category", category=data["suggest"][1]), actions)]
    likely = _likely(data.get("choices"), ctx) if step == "category" else []
    if likely:  # not sure: the likeliest few in one short row, never the whole list
        actions = [ui.postback(category_label(c), pb.cx("cat", c.id), c.name) for c in likely]
        return [ui.text(t("cx.choose_likely"), actions + [other] + nav)]
    if step in ("category", "category_list"):
        # Every category as a button in a list (a row of 13 chips shows 3 on a phone); back and cancel below.
        buttons = [(c.name, pb.cx("cat", c.id)) for c in ctx.lookup.categories()]
        return [ui.flex(t("cx.choose_category"), choice_bubble(t("cx.choose_category"), buttons), nav)]
    if step == "photos":
        return report_prompts.photos_prompt(pb.COMPLAINT, draft, ctx, "cx.photo_received", "cx.ask_photos",
                                            editing)
    if step == "location":
        actions = [ui.location(t("qr.location")), ui.postback(t("qr.skip"), pb.cx("next"))] + nav
        return [ui.text(t("cx.ask_location"), actions)]
    if step == "contact":
        actions = [ui.postback(t("qr.use_line_name"), pb.cx("line"))] if data.get("line_name") else []
        actions += [ui.postback(t("qr.give_contact"), pb.cx("give")),
                    ui.postback(t("qr.anonymous"), pb.cx("anon"))] + nav
        return [ui.text(t("cx.ask_contact"), actions)]
    if step == "contact_given":
        return contact.given_prompt(pb.COMPLAINT, editing)
    if step == "confirm":
        rows = summary_rows(draft)
        return [report_prompts.summary(pb.COMPLAINT, "cx.summary_title", "cx.summary_alt", rows)]
    if step == "edit":
        return report_prompts.edit_prompt(pb.COMPLAINT, EDIT_STEPS)
    return _describe_prompt(draft, editing, has_content(state))


def _likely(choices: object, ctx: Context) -> list[CategoryInfo]:
    """The offered categories still active, in the order offered."""
    by_id = {c.id: c for c in ctx.lookup.categories()}
    ids = [pair[0] for pair in choices if isinstance(pair, (list, tuple)) and pair] if isinstance(choices, list) else []
    return [by_id[i] for i in ids if i in by_id][:MAX_LIKELY]


def _describe_prompt(draft: dict, editing: bool, told: bool) -> list[dict]:
    """Ask what the problem is; back here with a description, show it and offer to keep it."""
    nav = report_prompts.nav(pb.COMPLAINT, back=False, editing=editing)
    description = str(draft.get("description") or "").strip()
    if description:
        keep = ui.postback(t("qr.keep_text"), pb.cx("keep"))
        shown = ui.clip(description, MAX_SHOWN)
        return [ui.text(t("cx.ask_description_again", description=shown), [keep] + nav)]
    key = "cx.ask_description_after_media" if told else "cx.ask_description"
    return [ui.text(t(key), nav)]


def summary_rows(draft: dict) -> list[tuple[str, str]]:
    loc = draft.get("location") or {}
    place = " ".join(p for p in (loc.get("title"), loc.get("address")) if p) or (loc and t("sum.pinned"))
    place = " / ".join(p for p in (place, draft.get("landmark")) if p) or t("sum.none")
    photos = len(draft.get("photos") or [])
    return [(t("sum.description"), draft.get("description") or t("sum.none")),
            (t("sum.category"), draft.get("category") or t("sum.none")),
            (t("sum.photos"), t("sum.count_photos", n=photos) if photos else t("sum.none")),
            (t("sum.location"), place),
            (t("sum.contact"), contact.summary(draft))]
