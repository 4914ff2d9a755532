"""Text typed at a step that waits for photos (a complaint's photos, a corruption report's evidence).

Such text is not the step's answer, so it never silently joins the report:
- thanks, greetings and short chit-chat get a friendly word and the step again;
- a question gets the inquiry answer beside the open draft, with the way back to it;
- a new topic (another kind of report, tracking, a suggestion) goes back to the caller (None), which
  handles it as any interruption;
- only text that clearly tells more about the problem is added to the description, and the reply says
  so and offers to take it out again (the summary shows it too, and can edit it).
"""
from __future__ import annotations

from handlers import common, inquiry, report, report_prompts, ui
from handlers import postback as pb
from handlers.types import Context, Outcome, State
from handlers.understanding import classify
from messages_th import strings
from messages_th.strings import t

TOPIC_MIN = 6  # letters (after common.plain) of text that names the report's topic, to be added
OTHER_MIN = 15  # letters of any other text, to be added


def read(flow: report.Flow, text: str, data: dict, step: str, ctx: Context, topics: tuple[str, ...]
         ) -> Outcome | None:
    """Text at a photo step; `topics` are the intents that tell more about this kind of report."""
    plain = common.plain(text)
    understanding = classify(text, ctx.lookup.categories())
    intent = understanding.intent
    if intent == "inquiry" or is_question(text):
        return inquiry.answer(text, ctx, State(flow.name, step, data), resume=True)
    if intent == "greeting":  # thanks or hello, in more words than the typed word "thanks"
        return report.go(flow, data, step, ctx, before=(ui.text(t("flow.thanks")),))
    if chit_chat(plain):
        return report.go(flow, data, step, ctx, before=(ui.text(t("flow.not_added")),))
    if intent not in topics and intent != "other":
        return None
    if len(plain) < (TOPIC_MIN if intent in topics else OTHER_MIN):
        return report.go(flow, data, step, ctx, before=(ui.text(t("flow.not_added")),))
    return add_detail(flow, text, data, step, ctx)


def add_detail(flow: report.Flow, text: str, data: dict, step: str, ctx: Context) -> Outcome:
    """Add `text` to the description, say so, and offer to take it out ("undo") in the next reply."""
    draft = data["draft"]
    data["undo"] = draft["description"]
    draft["description"] = (draft["description"] + "\n" + text.strip()).strip()[: ctx.max_text_length]
    out = report.go(flow, data, step, ctx, before=(ui.text(t("cx.detail_added")),))
    undo = ui.postback(t("qr.undo_detail"), pb.encode(flow.ns, "undo"))
    last = report_prompts.with_action(out.replies[-1], undo, pb.encode(flow.ns, "next"))
    return Outcome(state=out.state, replies=out.replies[:-1] + (last,), effects=out.effects)


def is_question(text: str) -> bool:
    """A question mark, or a Thai question word at the end or the start (polite endings trimmed)."""
    if "?" in text or "\uff1f" in text:
        return True
    plain = common.plain(text)
    return bool(plain) and (plain.endswith(strings.QUESTION_ENDS)
                            or plain.startswith(strings.QUESTION_STARTS))


def chit_chat(plain: str) -> bool:
    """Short talk that adds nothing to a report ("wait a moment", "okay"...)."""
    return not plain or plain.startswith(strings.CHAT_STARTS)
