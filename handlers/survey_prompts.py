"""What the survey asks at each step, and reading a stored survey draft back."""
from __future__ import annotations

from typing import cast

from handlers import postback as pb
from handlers import ui
from handlers.common import data_of
from handlers.drafts import SurveyDraft, conforms
from handlers.types import Context, State
from messages_th import strings
from messages_th.survey import STAR, t
from messages_th.survey_defaults import service_label
from models.tickets import TICKET_RE

STEPS = ("service", "question", "comment")
SCALES = {"four": (4, 3, 2, 1), "stars": (5, 4, 3, 2, 1)}  # values, in the order the buttons show
MAX_SERVICES = 12  # with a resolved case to rate and cancel: 13 quick replies at most


def prompt(state: State, ctx: Context) -> list[dict]:
    """The messages that ask for the current step again."""
    draft, step = read_draft(state)
    cancel = ui.postback(strings.t("qr.cancel"), pb.sv("cancel"))
    if draft is None or step == "service":  # a broken stored draft: begin again from the services
        stored = draft.get("cases") if draft else None
        cases = [c for c in stored if isinstance(c, str) and TICKET_RE.fullmatch(c)][:1] if isinstance(stored, list) else []
        services = ctx.lookup.survey_services()[:MAX_SERVICES - len(cases)]
        actions = [ui.postback(c, pb.sv("case", c)) for c in cases]  # the case just resolved, by its ticket
        actions += [ui.postback(service_label(s.name) or s.name, pb.sv("svc", s.id), s.name) for s in services]
        body = t("sv.choose_service") + "".join("\n" + t("sv.case_waiting", ticket=c) for c in cases)
        return [ui.text(body, actions + [cancel])]
    if step == "comment":
        return [ui.text(t("sv.ask_comment"), [ui.postback(strings.t("qr.skip"), pb.sv("skip"))])]
    questions, answers = draft.get("questions") or [], draft.get("answers") or []
    at = min(len(answers), len(questions) - 1)
    question = questions[at]
    values = SCALES.get(question.get("scale"), SCALES["four"])
    actions = [ui.postback(label(question.get("scale"), v), pb.sv("a", f"{question['id']}:{v}")) for v in values]
    if at > 0 or (not draft.get("ticket") and ctx.lookup.survey_services()):
        actions.append(ui.postback(strings.t("qr.back"), pb.sv("back")))
    body = t("sv.question", i=at + 1, n=len(questions), question=question.get("text", ""))
    if question.get("scale") == "stars":
        body += "\n" + t("sv.stars_hint")
    return [ui.text(body, actions + [cancel])]


def label(scale: object, value: int) -> str:
    if scale == "stars":
        return t("qr.sv_stars", stars=STAR * value, n=value)
    return t(f"qr.sv_{value}")



def read_draft(state: State) -> tuple[SurveyDraft | None, str]:
    """A private copy of a whole draft and the step; None when the stored draft cannot be read."""
    stored = data_of(state).get("draft")
    step = state.step if state.step in STEPS else STEPS[0]
    if not isinstance(stored, dict):
        return None, step
    draft = {"ticket": "", "service_id": None, "service": "", "asked_at": "", **stored}
    if not conforms(draft, SurveyDraft):
        return None, step
    typed = cast(SurveyDraft, draft)
    questions, answers = typed["questions"], typed["answers"]
    if not questions or len(answers) > len(questions) or any(q["scale"] not in SCALES for q in questions):
        return None, step
    if step == "question" and len(answers) >= len(questions):
        return None, step
    return typed, step
