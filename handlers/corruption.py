"""The corruption and misconduct report: notice, the accused, what happened, evidence, contact, confirm.

Anonymous unless the reporter leaves a name and phone. Its details are shown back only in the
reporter's own summary before sending, never in any other message (nor in a Flex altText).
State data: {"draft": {...}, "edit": True while changing one part from the summary, "undo": see report}.
A place sent is not kept (the reporter is told so); text typed at the evidence step is read by asides.
What both report flows share is in report and contact.
"""
from __future__ import annotations

from handlers import asides, common, contact, report, report_prompts, ui
from handlers import postback as pb
from handlers.drafts import CorruptionDraft
from handlers.types import Context, Incoming, Outcome, State, SubmitCorruption
from handlers.understanding import Understanding
from messages_th.strings import t

FLOW = "corruption"
NS = pb.CORRUPTION
STEPS = ("accused", "what", "more", "photos", "contact", "contact_given", "confirm", "edit")
FREE_TEXT = frozenset({"accused", "what", "more", "contact_given"})  # at "photos", see asides
NEXT = {"accused": "what", "what": "photos", "more": "photos", "photos": "contact", "contact": "confirm",
        "contact_given": "confirm"}
BACK = {"what": "accused", "more": "accused", "photos": "what", "contact": "photos",
        "contact_given": "contact", "confirm": "contact", "edit": "confirm"}
EDIT_STEPS = {"accused": "accused", "desc": "what", "photo": "photos", "contact": "contact"}
MIN_TEXT = 2
WORD_ACTIONS = {
    "accused": {"keep": "keep"},
    "what": {"keep": "keep"},
    "more": {"skip": "next"},
    "photos": {"skip": "next", "done": "next"},
    "contact": {"anonymous": "anon", "give_contact": "give"},
    "contact_given": {"anonymous": "anon"},
    "confirm": {"confirm": "ok", "edit": "edit"},
}


def new_draft() -> CorruptionDraft:
    return {"accused": "", "description": "", "photos": [], "contact_mode": "anonymous", "name": "",
            "phone": ""}


def has_content(state: State) -> bool:
    draft = (state.data or {}).get("draft") or {}
    return bool(draft.get("accused") or draft.get("description") or draft.get("photos"))


def start(incoming: Incoming, ctx: Context, text: str = "", understanding: Understanding | None = None) -> Outcome:
    """Open a report with the confidentiality notice; a telling first message becomes its description."""
    data = {"draft": new_draft()}
    if text and common.command(text) is None:
        data["draft"]["description"] = text.strip()[: ctx.max_text_length]
    return report.go(REPORT, data, "accused", ctx, before=(ui.text(t("cr.notice")),))


def prompt(state: State, ctx: Context) -> list[dict]:
    """The messages that ask for the current step again (they never repeat what was reported)."""
    step, draft = state.step, (state.data or {}).get("draft") or {}
    editing = bool((state.data or {}).get("edit"))
    nav = report_prompts.nav(NS, editing=editing)
    if step == "what":
        return [_ask("cr.ask_description", draft.get("description"), nav)]
    if step == "more":
        return [ui.text(t("cr.ask_more"), [ui.postback(t("qr.skip"), pb.cr("next"))] + nav)]
    if step == "photos":
        return report_prompts.photos_prompt(NS, draft, ctx, "cr.photo_received", "cr.ask_evidence", editing)
    if step == "contact":
        actions = [ui.postback(t("qr.anonymous"), pb.cr("anon")),
                   ui.postback(t("qr.give_contact"), pb.cr("give"))] + nav
        return [ui.text(t("cr.ask_contact"), actions)]
    if step == "contact_given":
        return contact.given_prompt(NS, editing)
    if step == "confirm":
        return [_summary(draft)]
    if step == "edit":
        return report_prompts.edit_prompt(NS, EDIT_STEPS)
    return [_ask("cr.ask_accused", draft.get("accused"), report_prompts.nav(NS, back=False, editing=editing))]


def _ask(key: str, told: object, nav: list[dict]) -> dict:
    """Ask for the accused or what happened; when it was told already, offer to keep it (unshown)."""
    if not str(told or "").strip():
        return ui.text(t(key), nav)
    return ui.text(t(key) + "\n" + t("flow.keep_hint"), [ui.postback(t("qr.keep_text"), pb.cr("keep"))] + nav)


def _summary(draft: dict) -> dict:
    photos = len(draft.get("photos") or [])
    given = draft.get("contact_mode") == "given"
    rows = [(t("sum.accused"), draft.get("accused") or t("sum.none")),
            (t("sum.what"), draft.get("description") or t("sum.none")),
            (t("sum.evidence"), t("sum.count_photos", n=photos) if photos else t("sum.none")),
            (t("sum.contact"), contact.summary(draft) if given else t("contact.anonymous"))]  # no LINE-name mode
    # The altText shows in notifications and the chat list: it must not carry the report's details.
    return report_prompts.summary(NS, "cr.summary_title", "cr.summary_alt", rows)


def handle(incoming: Incoming, state: State, ctx: Context) -> Outcome | None:
    """One event inside the report; None when a text is not an answer to this step."""
    data, step = report.open_draft(REPORT, state)
    if incoming.kind == "location":  # not kept: say so, and how to tell the place instead
        return report.go(REPORT, data, step, ctx, before=(ui.text(t("cr.location_not_kept")),))
    return report.handle(REPORT, incoming, data, step, ctx)


def act(action: str, arg: str, data: dict, step: str, ctx: Context) -> Outcome:
    """A button (or its word) at `step`: the report's own, then the shared ones."""
    draft = data["draft"]
    if action == "next" and step in ("more", "photos"):
        return report.forward(REPORT, data, step, ctx)
    told = {"accused": draft["accused"], "what": draft["description"]}.get(step, "")
    if action == "keep" and told.strip():  # back at a step already answered, and it was right
        return report.forward(REPORT, data, step, ctx)
    if action == "ok" and step == "confirm":
        if not draft["accused"].strip() or not draft["description"].strip():  # a damaged stored draft
            return report.go(REPORT, data, "accused" if not draft["accused"].strip() else "what", ctx)
        return report.submit(REPORT, SubmitCorruption, draft, _received)
    return report.act(REPORT, action, arg, data, step, ctx)


def _text(text: str, data: dict, step: str, ctx: Context) -> Outcome | None:
    """Typed text at `step`; None when it does not answer the step."""
    draft, text = data["draft"], text.strip()
    limit = ctx.max_text_length
    if step in ("accused", "what") and len(common.plain(text)) < MIN_TEXT:
        return report.go(REPORT, data, step, ctx)
    if step == "accused":
        draft["accused"] = text[:500]
        return report.forward(REPORT, data, step, ctx)
    if step == "what":
        draft["description"] = text[:limit]
        return report.forward(REPORT, data, step, ctx)
    if step == "more":  # asked for: anything typed adds to what happened (witnesses, dates, places)
        draft["description"] = (draft["description"] + "\n" + text).strip()[:limit]
        return report.forward(REPORT, data, step, ctx)
    if step == "photos":  # only clearly more about what happened joins it
        return asides.read(REPORT, text, data, step, ctx, topics=("corruption", "complaint"))
    if step in contact.STEPS:
        return contact.typed(REPORT, text, data, step, ctx, "")
    return None


def _received(ticket: str | None) -> str:
    return t("cr.received", ticket=ticket) if ticket else t("cr.received_no_ticket")


def _following(step: str, draft: dict, ctx: Context) -> str:
    """The next step; "more" instead of "what" when the first message told it, past full photos."""
    following = NEXT.get(step, "confirm")
    if following == "what" and draft["description"]:
        following = "more"  # the first message already told what happened: offer to add to it
    if following == "photos" and len(draft["photos"]) >= ctx.max_photos:
        following = "contact"
    return following


REPORT = report.Flow(name=FLOW, ns=NS, steps=STEPS, free_text=FREE_TEXT, start=start, handle=handle,
                     words=WORD_ACTIONS, edit_steps=EDIT_STEPS, cancelled="cr.cancelled", draft=CorruptionDraft,
                     blank=new_draft, prompt=prompt, following=_following,
                     previous=lambda step, data: BACK.get(step, step), act=act, text=_text,
                     has_content=has_content, line_name=True)
