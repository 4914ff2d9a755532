"""The satisfaction survey: a service (or a resolved case), 3-5 one-tap questions, an optional comment.

State data: {"draft": a drafts.SurveyDraft: the service or the case rated, the questions as shown, the
answers, and when the comment was asked}. The answers are stored by one effect after the LAST rating,
so nothing is lost if the citizen never comments; the comment then updates that response.
A comment typed long after it was asked is not taken as one: the chat has moved on (STALE, the contract's
idle_after, which dispatch applies).
"""
from __future__ import annotations

from datetime import timedelta

from handlers import common, contract, ui
from handlers import postback as pb
from handlers.common import reply
from handlers.drafts import SurveyDraft, SurveyQuestion
from handlers.survey_prompts import SCALES, STEPS, prompt, read_draft
from handlers.types import CommentSurvey, Context, Incoming, Outcome, QuestionInfo, State, SubmitSurvey
from handlers.understanding import Understanding, classify
from messages_th import strings
from messages_th.survey import FOUR_WORDS, t
from messages_th.survey_defaults import service_label
from models.enums import CaseKind, CaseStatus
from models.tickets import TICKET_RE

FLOW = "survey"
NS = pb.SURVEY
FREE_TEXT = frozenset({"comment"})
MAX_QUESTIONS = 5
STALE = timedelta(minutes=60)  # a comment typed later than this is a new message, not the comment
RATEABLE_LOOKED_AT = 5  # the citizen's latest cases looked at for one resolved and not yet rated


def has_content(state: State) -> bool:
    """Answers given and not yet stored (the comment is optional: nothing is lost at that step)."""
    draft = (state.data or {}).get("draft") or {}
    return state.step == "question" and bool(draft.get("answers"))


def start(incoming: Incoming, ctx: Context, text: str = "", understanding: Understanding | None = None) -> Outcome:
    """A survey from the menu (choose the service), or about case `text` (a ticket, from the button
    under a resolved case's news)."""
    ticket = text.strip().upper() if TICKET_RE.fullmatch(text.strip()) else ""
    questions = [_shown(q) for q in ctx.lookup.survey_questions()[:MAX_QUESTIONS]]
    if not questions:
        return _end(t("sv.unavailable", office=strings.office(ctx.municipality_name, ctx.office_phone)))
    draft: SurveyDraft = {"service_id": None, "service": "", "ticket": ticket, "questions": questions,
                          "answers": [], "asked_at": ""}
    services = ctx.lookup.survey_services()
    if ticket:
        refused = _refusal(ticket, incoming, ctx)
        if refused:
            return _end(refused)
        service = next((s for s in services if s.for_cases), None)
        draft.update({"service_id": service.id if service else None, "service": service.name if service else ""})
        intro = t("sv.intro_case", ticket=ticket, n=len(questions))
        return _go(draft, "question", ctx, before=(ui.text(intro),))
    if not services:
        return _go(draft, "question", ctx)
    draft["cases"] = _rateable(incoming, ctx)[:1]  # offered first among the services (survey_prompts)
    return _go(draft, "service", ctx)


def handle(incoming: Incoming, state: State, ctx: Context) -> Outcome | None:
    """One event inside the survey; None when a text does not answer the step (the caller decides)."""
    draft, step = read_draft(state)
    if draft is None:  # a stored survey from an older version or a broken row: begin again
        return start(incoming, ctx)
    if incoming.kind == "postback":
        parts = pb.decode(incoming.postback)
        return _act(parts.action, parts.arg, draft, step, incoming, ctx)
    if incoming.kind != "text":
        note = "sv.comment_text_please" if step == "comment" else "sv.tap_please"
        return _go(draft, step, ctx, before=(ui.text(t(note)),))
    text = incoming.text or ""
    word = common.word(text)
    if step == "comment":
        if word in ("skip", "cancel", "cancel_yes", "done", "thanks"):
            return _end(t("sv.done"))
        return _comment(text, ctx)
    if word in ("cancel", "cancel_yes"):
        return _end(t("sv.cancelled"))
    if word == "back":
        return _act("back", "", draft, step, incoming, ctx)
    if step == "service":
        typed = common.plain(text)
        for service in ctx.lookup.survey_services():
            if typed and typed in (common.plain(service.name), common.plain(service_label(service.name) or "")):
                return _act("svc", str(service.id), draft, step, incoming, ctx)
        return None
    value = _typed_value(text, _current(draft))
    if value is None:
        return None
    return _act("a", f"{_current(draft)['id']}:{value}", draft, step, incoming, ctx)


# --- steps ----------------------------------------------------------------------------------------

def _act(action: str, arg: str, draft: SurveyDraft, step: str, incoming: Incoming, ctx: Context) -> Outcome:
    if action == "cancel":
        return _end(t("sv.done") if step == "comment" else t("sv.cancelled"))
    if action == "skip" and step == "comment":
        return _end(t("sv.done"))
    if action == "svc" and step == "service":
        service = next((s for s in ctx.lookup.survey_services() if str(s.id) == arg), None)
        if service:
            draft.update({"service_id": service.id, "service": service.name, "answers": []})
            intro = t("sv.intro_service", service=service.name, n=len(draft["questions"]))
            return _go(draft, "question", ctx, before=(ui.text(intro),))
    if action == "back" and step == "question":
        if draft["answers"]:
            draft["answers"].pop()
            return _go(draft, "question", ctx)
        if not draft["ticket"] and ctx.lookup.survey_services():
            return _go(draft, "service", ctx)
        return _go(draft, "question", ctx)
    if action == "a" and step == "question":
        return _answer(arg, draft, incoming, ctx)
    return _go(draft, step, ctx, before=(ui.text(strings.t("button.expired")),))


def _answer(arg: str, draft: SurveyDraft, incoming: Incoming, ctx: Context) -> Outcome:
    """A tap on an answer: it must be for the question asked now (an older button is not re-counted)."""
    qid, _, raw = arg.partition(":")
    question = _current(draft)
    if not (qid.isdigit() and raw.isdigit()) or int(qid) != question["id"]:
        answered = {str(q["id"]) for q in draft["questions"][: len(draft["answers"])]}
        note = () if qid in answered else (ui.text(strings.t("button.expired")),)
        return _go(draft, "question", ctx, before=note)
    value = int(raw)
    if value not in SCALES.get(question["scale"], SCALES["four"]):
        return _go(draft, "question", ctx, before=(ui.text(t("sv.tap_please")),))
    draft["answers"].append(value)
    if len(draft["answers"]) < len(draft["questions"]):
        return _go(draft, "question", ctx)
    return _submit(draft, incoming, ctx)


def _submit(draft: SurveyDraft, incoming: Incoming, ctx: Context) -> Outcome:
    """The last rating: store the whole response now, then ask for the optional comment."""
    if draft["ticket"]:
        refused = _refusal(draft["ticket"], incoming, ctx)
        if refused:
            return _end(refused)
    answers = tuple((q["id"], v) for q, v in zip(draft["questions"], draft["answers"]))
    effect = SubmitSurvey(service_id=draft["service_id"], ticket=draft["ticket"], answers=answers)
    draft["asked_at"] = ctx.now.isoformat()
    state = State(FLOW, "comment", {"draft": draft})
    ticket = draft["ticket"]

    def after(results: dict) -> list[dict]:
        result = next((r for r in (results or {}).values() if isinstance(r, dict) and
                       ("response_id" in r or "refused" in r)), {})
        if result.get("response_id"):
            return prompt(state, ctx)
        key = "sv.already" if result.get("refused") == "rated" else "sv.not_saved"
        return [common.menu_message(t(key, ticket=ticket))]

    return Outcome(state=state, effects=(effect,), replies_after=after)


def _comment(text: str, ctx: Context) -> Outcome:
    """The comment is stored; one that tells a problem is offered as a complaint too (nothing retyped)."""
    comment = text.strip()[: ctx.max_text_length]
    effects = (CommentSurvey(comment),)
    plain = common.plain(comment)
    thanking = any(common.plain(w) in plain for w in strings.WORDS["thanks"])  # praise, not a problem
    if not thanking and classify(comment, ctx.lookup.categories()).intent == "complaint":
        offered = common.offer(comment, ctx, t("sv.thanks_comment") + "\n" + t("sv.comment_report_offer"),
                               ask=False)
        return reply(offered.state, *offered.replies, effects=effects)
    return reply(State.idle(), common.menu_message(t("sv.thanks_comment")), effects=effects)


# --- helpers --------------------------------------------------------------------------------------

def _refusal(ticket: str, incoming: Incoming, ctx: Context) -> str | None:
    """Why this citizen cannot rate this case now, or None."""
    status = ctx.lookup.case_survey(ticket, incoming.user_id)
    if status == "ok":
        return None
    key = {"rated": "sv.already", "open": "sv.case_open"}.get(status, "sv.case_not_found")
    return t(key, ticket=ticket)


def _rateable(incoming: Incoming, ctx: Context) -> list[str]:
    """Tickets of the citizen's own resolved complaints not yet rated, newest first: the rich menu's
    "rate" otherwise knows only services, and that case could be rated only from its news."""
    if not incoming.user_id:
        return []
    cases = ctx.lookup.my_cases(incoming.user_id, limit=RATEABLE_LOOKED_AT)
    return [c.ticket for c in cases if c.kind == CaseKind.COMPLAINT and c.status == CaseStatus.RESOLVED
            and ctx.lookup.case_survey(c.ticket, incoming.user_id) == "ok"]


def _end(text: str) -> Outcome:
    return reply(State.idle(), common.menu_message(text))


def _go(draft: SurveyDraft, step: str, ctx: Context, before: tuple = ()) -> Outcome:
    state = State(FLOW, step, {"draft": draft})
    return reply(state, *before, *prompt(state, ctx))


def _shown(q: QuestionInfo) -> SurveyQuestion:
    return {"id": q.id, "text": q.text, "scale": q.scale if q.scale in SCALES else "four"}


def _current(draft: SurveyDraft) -> SurveyQuestion:
    return draft["questions"][min(len(draft["answers"]), len(draft["questions"]) - 1)]


def _typed_value(text: str, question: SurveyQuestion) -> int | None:
    """A typed answer: a number on the question's scale, or a word of the four levels."""
    typed = common.plain(text)
    values = SCALES.get(question["scale"], SCALES["four"])
    if typed.isdigit() and int(typed) in values:
        return int(typed)
    if question["scale"] == "four":
        return next((v for v, words in FOUR_WORDS.items() if typed in {common.plain(w) for w in words}), None)
    return None


SPEC = contract.Flow(name=FLOW, ns=NS, steps=STEPS, free_text=FREE_TEXT, start=start, handle=handle, prompt=prompt,
                     has_content=has_content, idle_after=STALE)
