"""Suggestions: the idea in words, optional photos, a summary to confirm, then a ticket ("you said,
we did": staff record what was done and the citizen is told in LINE).

Built on the report machinery the complaint flows use (steps, cancel/back/edit, photos kept under the
purpose "suggestion"). State data: {"draft": {"text", "photos"}, "edit": True while changing one part
from the summary, "undo": see report}. Text typed at the photo step is read by asides.
"""
from __future__ import annotations

from handlers import asides, common, report, report_prompts, ui
from handlers import postback as pb
from handlers.drafts import SuggestionDraft
from handlers.keywords import clean, words
from handlers.types import Context, Incoming, Outcome, State, SubmitSuggestion
from handlers.understanding import Understanding
from messages_th import defaults
from messages_th.inquiry import STOP_WORDS
from messages_th.strings import t as st
from messages_th.suggestion import t

FLOW = "suggestion"  # also the purpose its photos are kept under (bot/runtime/apply.py links them)
NS = pb.SUGGESTION
STEPS = ("text", "photos", "confirm", "edit")
FREE_TEXT = frozenset({"text"})
NEXT = {"text": "photos", "photos": "confirm"}
BACK = {"photos": "text", "confirm": "photos", "edit": "confirm"}
EDIT_STEPS = {"desc": "text", "photo": "photos"}
MIN_TEXT = 5  # letters (after common.plain)
TELLING = 8  # letters left in a first message besides "I suggest" for it to be the idea itself
WORD_ACTIONS = {
    "text": {"keep": "keep"},
    "photos": {"skip": "next", "done": "next"},
    "confirm": {"confirm": "ok", "edit": "edit"},
}


def new_draft() -> SuggestionDraft:
    return {"text": "", "photos": []}


def has_content(state: State) -> bool:
    draft = (state.data or {}).get("draft") or {}
    return bool(draft.get("text") or draft.get("photos"))


def start(incoming: Incoming, ctx: Context, text: str = "", understanding: Understanding | None = None) -> Outcome:
    """Open a draft; a first message that already tells the idea ("I suggest a bus for the elderly")
    becomes its text, and a photo sent first is kept."""
    data: dict = {"draft": new_draft()}
    effects: tuple = ()
    if incoming.kind == "image":
        _, effects = report.add_photo(data["draft"], incoming, FLOW, ctx.max_photos)
    if text and _telling(text):
        data["draft"]["text"] = text.strip()[: ctx.max_text_length]
        return report.forward(REPORT, data, "text", ctx, effects)
    return report.go(REPORT, data, "text", ctx, effects)


def prompt(state: State, ctx: Context) -> list[dict]:
    data, step = state.data or {}, state.step
    draft = data.get("draft") or {}
    editing = bool(data.get("edit"))
    if step == "photos":
        return report_prompts.photos_prompt(NS, draft, ctx, "cx.photo_received", "sg.ask_photos", editing)
    if step == "confirm":
        photos = len(draft.get("photos") or [])
        rows = [(t("sum.suggestion"), draft.get("text") or st("sum.none")),
                (st("sum.photos"), st("sum.count_photos", n=photos) if photos else st("sum.none"))]
        return [report_prompts.summary(NS, "sg.summary_title", "sg.summary_alt", rows)]
    if step == "edit":
        return report_prompts.edit_prompt(NS, EDIT_STEPS)
    nav = report_prompts.nav(NS, back=False, editing=editing)
    told = str(draft.get("text") or "").strip()
    if told:
        keep = ui.postback(st("qr.keep_text"), pb.sg("keep"))
        return [ui.text(t("sg.ask_text_again", text=ui.clip(told, 600)), [keep] + nav)]
    return [ui.text(t("sg.ask_text_after_photo" if draft.get("photos") else "sg.ask_text"), nav)]


def handle(incoming: Incoming, state: State, ctx: Context) -> Outcome | None:
    data, step = report.open_draft(REPORT, state)
    if incoming.kind == "location":  # not part of a suggestion: the step again
        return report.go(REPORT, data, step, ctx)
    return report.handle(REPORT, incoming, data, step, ctx)


def act(action: str, arg: str, data: dict, step: str, ctx: Context) -> Outcome:
    draft = data["draft"]
    if action == "next" and step == "photos":
        return report.forward(REPORT, data, step, ctx)
    if action == "keep" and step == "text" and len(common.plain(draft["text"])) >= MIN_TEXT:
        return report.forward(REPORT, data, step, ctx)
    if action == "ok" and step == "confirm":
        if len(common.plain(draft["text"])) < MIN_TEXT:  # only a damaged stored draft
            return report.go(REPORT, data, "text", ctx)
        return _submit(draft)
    return report.act(REPORT, action, arg, data, step, ctx)


def _text(text: str, data: dict, step: str, ctx: Context) -> Outcome | None:
    if step == "text":
        if len(common.plain(text)) < MIN_TEXT:
            return report.go(REPORT, data, step, ctx, before=(ui.text(t("sg.too_short")),))
        data["draft"]["text"] = text.strip()[: ctx.max_text_length]
        return report.forward(REPORT, data, step, ctx)
    if step == "photos":  # more words about the idea join it; a new topic goes back to the caller
        return asides.read(REPORT, text, data, step, ctx, topics=("suggestion",))
    return None


def _telling(text: str) -> bool:
    """Whether a message says more than "I want to suggest" (then it is the idea itself): what is left
    without the suggestion phrases and the polite and question words. The phrases are compared as
    cleaned, not as common.plain (which takes a polite ending off "suggest" itself, so "I'd like to
    suggest, please" was taken for an idea)."""
    if common.command(text) is not None:
        return False
    rest = clean(text)
    for phrase in sorted(defaults.INTENT_KEYWORDS["suggestion"], key=len, reverse=True):
        rest = rest.replace(clean(phrase), " ")
    told = [w for w in words(rest) if w not in STOP_WORDS and any(ch.isalnum() for ch in w)]
    return len("".join(told)) >= TELLING


def _following(step: str, draft: dict, ctx: Context) -> str:
    following = NEXT.get(step, "confirm")
    if following == "photos" and len(draft["photos"]) >= ctx.max_photos:
        following = "confirm"
    return following


def _submit(draft: dict) -> Outcome:
    def received(ticket: str | None) -> str:
        return t("sg.received", ticket=ticket) if ticket else t("sg.received_no_ticket")

    out = report.submit(REPORT, SubmitSuggestion, draft, received)
    after = out.replies_after

    def answer(results: dict) -> list[dict]:
        """Its status in one tap (by its ticket), then the menu: "my cases" lists complaints only."""
        messages = after(results) if after else []
        actions = [i["action"] for m in messages for i in (m.get("quickReply") or {}).get("items", [])]
        status = [a for a in actions if str(a.get("data", "")).startswith(pb.TRACK + ":")]
        return [ui.text(m.get("text", ""), status[:1] + common.menu_actions()) for m in messages]

    return Outcome(state=out.state, effects=out.effects, replies_after=answer)


REPORT = report.Flow(name=FLOW, ns=NS, steps=STEPS, free_text=FREE_TEXT, start=start, handle=handle,
                     words=WORD_ACTIONS, edit_steps=EDIT_STEPS, cancelled="sg.cancelled", draft=SuggestionDraft,
                     blank=new_draft, prompt=prompt, following=_following,
                     previous=lambda step, data: BACK.get(step, step), act=act, text=_text,
                     has_content=has_content, thanked=frozenset({"text"}))
