"""Inquiries: a question answered at once from the FAQ when a good match exists, else passed to staff.

Every question is recorded (SubmitInquiry). An FAQ answer carries "iq:ok:<id>" / "iq:no:<id>" buttons
that work in any state later ("did not help" passes the same inquiry to staff). The flow itself has
one step, "ask", entered from the menu; a question typed anywhere else is answered where it is, beside
an open draft (which is kept, with the way back to it).
"""
from __future__ import annotations

from typing import Any

from handlers import common, contract, ui
from handlers import postback as pb
from handlers.common import reply
from handlers.keywords import words
from handlers.types import Context, FaqMatch, Incoming, InquiryFeedback, Outcome, State, SubmitInquiry
from handlers.understanding import Understanding, classify, is_long, problem_weight
from messages_th import strings
from messages_th.inquiry import ASKING_PHRASES, QUESTION_WORDS, STOP_WORDS, t

FLOW = "inquiry"
NS = pb.INQUIRY
STEPS = ("ask",)
FREE_TEXT = frozenset({"ask"})
MIN_QUESTION = 3  # letters (after common.plain)
PROBLEM_WORDS = 1.0  # a problem told in these words (weight, see problem_weight) is not just a question
MIN_OTHER = 8  # letters: a shorter message of no known intent is a stray word, not a question


def has_content(state: State) -> bool:
    return False  # nothing typed is kept between messages: the question is answered at once


def start(incoming: Incoming, ctx: Context, text: str = "", understanding: Understanding | None = None) -> Outcome:
    """Ask for the question; a question already typed (kept while a draft was asked about) is answered."""
    if len(common.plain(text)) >= MIN_QUESTION and common.command(text) is None:
        return answer(text, ctx, State.idle())
    return _ask(ctx)


def prompt(state: State, ctx: Context) -> list[dict]:
    return [ui.text(t("iq.ask"), [ui.postback(strings.t("qr.cancel"), pb.iq("cancel")),
                                  ui.postback(strings.t("qr.main_menu"), pb.menu("main"))])]


def handle(incoming: Incoming, state: State, ctx: Context) -> Outcome:
    """The question typed at the "ask" step (or cancel)."""
    if incoming.kind == "postback":
        if pb.decode(incoming.postback).action == "cancel":
            return reply(State.idle(), common.menu_message(t("iq.cancelled")))
        return reply(_state(), ui.text(strings.t("button.expired")), *prompt(state, ctx))
    if incoming.kind != "text":
        return reply(_state(), ui.text(t("iq.type_please")), *prompt(state, ctx))
    text = incoming.text or ""
    if common.word(text) in ("cancel", "cancel_yes"):
        return reply(State.idle(), common.menu_message(t("iq.cancelled")))
    if len(common.plain(text)) < MIN_QUESTION:
        return reply(_state(), ui.text(t("iq.too_short")), *prompt(state, ctx))
    return ask(text, incoming, ctx, chosen=True)


def ask(text: str, incoming: Incoming, ctx: Context, understanding: Understanding | None = None,
        chosen: bool = False) -> Outcome:
    """A question typed at the ask step or out of the blue. One that names a problem ("the street light
    is out, where do I report it?") may be a complaint: an FAQ answer then also offers to report it,
    and with no FAQ answer the citizen chooses between reporting it and asking staff, unless they
    `chosen` to ask (they tapped "สอบถาม" just before): then it is a question, asked at once."""
    if not _topic(text):  # "I have a question": ask what about
        return _ask(ctx)
    understanding = understanding or classify(text, ctx.lookup.categories())
    problem = understanding.category_id is not None and understanding.intent in ("inquiry", "complaint")
    if chosen or not problem:
        return answer(text, ctx, State.idle(), report=problem)
    match = ctx.lookup.faq_match(text)
    if match is not None and match.confident:
        return answer(text, ctx, State.idle(), report=True)
    return common.offer(text, ctx, t("iq.report_or_ask"))


def is_question(text: str) -> bool:
    """Whether a text can be taken as a question: long enough, not a menu word, about something."""
    return len(common.plain(text)) >= MIN_QUESTION and common.command(text) is None and _topic(text)


def clearly_asks(text: str) -> bool:
    """Whether a text asks in so many words: a question mark, or a question word or asking phrase.
    Only such a text is answered from the FAQ beside an open draft: a bare place ("หน้าบ้าน") or a
    name can match an FAQ entry well (its words are in it) but is the answer to the step."""
    return "?" in text or "\uff1f" in text or _asking(text)


def faq_first(text: str, understanding: Understanding, ctx: Context) -> bool:
    """Whether a message read as a complaint, or as nothing in particular, is really a question the
    FAQ answers. "Which day does the garbage truck come?" or "where do I pay the garbage fee?" name a
    complaint category, so they would open a complaint draft, though they ask and tell of no problem.
    Only a short message that asks (QUESTION_WORDS), tells no problem in words of its own and has a
    confident FAQ answer; the answer still offers to report it (see ask). A message of no known
    intent ("I'd like to borrow a tent") is answered when the FAQ is confident, rather than asked
    whether it is a complaint."""
    if understanding.intent not in ("complaint", "other") or is_long(text):
        return False
    if understanding.intent == "other" and len(common.plain(text)) < MIN_OTHER:  # "1", "ok", a name
        return False
    if understanding.intent == "complaint" and (not _asking(text) or problem_weight(text) >= PROBLEM_WORDS):
        return False
    match = ctx.lookup.faq_match(text)
    return match is not None and match.confident


def _asking(text: str) -> bool:
    """Whether a text asks. Polite endings come off each phrase first: newmm cuts "where" followed
    by a polite ending into nonsense syllables."""
    phrases = [common.plain(p) for p in text.split()]
    return (any(w in QUESTION_WORDS for p in phrases if p for w in words(p))
            or any(p in text for p in ASKING_PHRASES))


def answer(text: str, ctx: Context, keep: State, resume: bool = False, report: bool = False) -> Outcome:
    """Answer `text` from the FAQ, or pass it to staff; the chat stays in `keep` (`resume`: a draft is
    open there). `report`: the question names a problem, so also offer to report it as a complaint."""
    question = text.strip()[: ctx.max_text_length]
    match = ctx.lookup.faq_match(question)
    if match is None or not match.confident:
        body = t("iq.pending", hours=strings.t("office.hours"))
        return reply(keep, common.menu_message(body, resume), effects=(SubmitInquiry(question),))
    effect = SubmitInquiry(question, faq_id=match.id, score=match.score)
    if report and keep.flow is None:  # idle: remember the words, should they be reported after all
        keep = State(common.OFFER, common.OFFER, {"text": question})

    def after(results: dict) -> list[dict]:
        inquiry_id = _result(results, "inquiry_id")
        return [_answer_message(match, inquiry_id, resume, report)]

    return Outcome(state=keep, effects=(effect,), replies_after=after)


def feedback(parts: pb.Postback, incoming: Incoming, state: State, ctx: Context, resume: bool = False
             ) -> Outcome:
    """iq:ok:<id> (the answer helped) or iq:no:<id> (it did not: staff answer), in any state."""
    inquiry_id = parts.arg_int()
    if parts.action not in ("ok", "no") or inquiry_id is None:
        return reply(state, common.menu_message(strings.t("button.expired"), resume))
    helpful = parts.action == "ok"

    def after(results: dict) -> list[dict]:
        outcome = next((r for r in (results or {}).values() if isinstance(r, dict) and "status" in r), None)
        if outcome is None:
            return [common.menu_message(strings.t("button.expired"), resume)]
        if helpful:
            return [common.menu_message(t("iq.helped"), resume)]
        key = "iq.not_helped" if outcome.get("changed") else "iq.already_with_staff"
        return [common.menu_message(t(key, hours=strings.t("office.hours")), resume)]

    return Outcome(state=state, effects=(InquiryFeedback(inquiry_id, helpful),), replies_after=after)


def _answer_message(match: FaqMatch, inquiry_id: Any, resume: bool, report: bool) -> dict:
    actions = common.resume_actions(resume)
    if isinstance(inquiry_id, int):
        actions += [ui.postback(t("qr.iq_helped"), pb.iq("ok", inquiry_id)),
                    ui.postback(t("qr.iq_not_helped"), pb.iq("no", inquiry_id))]
    if report:
        actions.append(ui.postback(t("qr.iq_report"), pb.fl("as", "complaint")))
    actions += [ui.postback(t("qr.iq_more"), pb.menu("inquiry")),
                ui.postback(strings.t("qr.main_menu"), pb.menu("main"))]
    body = t("iq.answer", question=match.question, answer=match.answer)
    if isinstance(inquiry_id, int):
        body += "\n\n" + t("iq.did_it_help")
    return ui.text(body, actions)


def _result(results: dict, key: str) -> Any:
    """The value of `key` in whichever effect's result has it (effects may be prepended, see flows)."""
    return next((r[key] for r in (results or {}).values() if isinstance(r, dict) and key in r), None)


def _topic(text: str) -> bool:
    """Whether a question says what it is about: a word besides "I want to ask" and polite words."""
    return any(w not in STOP_WORDS and any(ch.isalnum() for ch in w) for w in words(text))


def _state() -> State:
    return State(FLOW, "ask", {"draft": {}})


def _ask(ctx: Context) -> Outcome:
    state = _state()
    return reply(state, *prompt(state, ctx))


SPEC = contract.Flow(name=FLOW, ns=NS, steps=STEPS, free_text=FREE_TEXT, start=start, handle=handle, prompt=prompt,
                     has_content=has_content)
