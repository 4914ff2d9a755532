"""Satisfaction surveys: after about three in ten resolved complaints, and for other services any time.

Answers lean to "much" and "very much" (4 and 3 of 4, or 4-5 stars), as satisfied citizens are the ones who
usually answer; a complaint handled after the deadline draws a worse mood, and the answers of one
response follow its mood.
"""
from __future__ import annotations

import random

from bot.demo.chance import lognormal, pick
from bot.demo.clock import DAY, HOUR
from bot.demo.people import SurveySetup
from bot.demo.sink import Batch
from messages_th import demo_feedback as fb

RESPONSE_COLUMNS = ("id", "service_id", "case_id", "line_user_id", "channel", "comment", "created_at",
                    "commented_at")
ANSWER_COLUMNS = ("id", "response_id", "question_id", "value")
CASE_SHARE = 0.3  # of resolved complaints whose citizen answers the survey
# For each mood: the chance of the top value, of the top two, of the top three (and so on).
FOUR = {"good": (0.6, 0.95, 0.99), "mid": (0.25, 0.75, 0.95), "bad": (0.05, 0.35, 0.75)}
STARS = {"good": (0.6, 0.92, 0.98, 0.99), "mid": (0.2, 0.65, 0.9, 0.97), "bad": (0.03, 0.18, 0.53, 0.8)}


def _value(top: int, steps: tuple[float, ...], x: float) -> int:
    for i, limit in enumerate(steps):
        if x < limit:
            return top - i
    return max(1, top - len(steps))


class SurveyMaker:
    def __init__(self, *, rng: random.Random, setup: SurveySetup, ts, until: float, ids: dict[str, int]):
        self.rng, self.setup, self.ts, self.until = rng, setup, ts, until
        self.response_id, self.answer_id = ids["survey_response"], ids["survey_answer"]
        self.responses: list[tuple] = []
        self.answers: list[tuple] = []
        self.counts = {"survey_response": 0, "survey_answer": 0}

    def for_case(self, case_id: int, line_id: str, closed: float, *, late: bool) -> None:
        """Maybe a survey about a resolved complaint, soon after it was closed (one per case)."""
        r = self.rng.random
        if r() >= CASE_SHARE:
            return
        at = closed + min(lognormal(r, 2 * HOUR, 1.2), 3 * DAY)
        if at <= self.until:
            x = r()
            mood = ("good" if x < 0.25 else "mid" if x < 0.7 else "bad") if late else \
                ("good" if x < 0.6 else "mid" if x < 0.92 else "bad")
            self._response(self.setup.case_service, case_id, line_id, at, mood)

    def general(self, at: float, line_id: str) -> None:
        """A survey about one of the other services, taken from the menu."""
        x = self.rng.random()
        mood = "good" if x < 0.55 else "mid" if x < 0.9 else "bad"
        self._response(pick(self.setup.other_services, self.rng.random), None, line_id, at, mood)

    def _response(self, service_id: int, case_id: int | None, line_id: str, at: float, mood: str) -> None:
        r, ts = self.rng.random, self.ts
        comment, commented = "", None
        if r() < 0.25:
            comment = pick(fb.SURVEY_COMMENTS_GOOD if mood == "good" else fb.SURVEY_COMMENTS_BAD, r)
            commented = ts(min(at + 30 + r() * 270, self.until))
        rid = self.response_id
        self.response_id += 1
        self.responses.append((rid, service_id, case_id, line_id, "line", comment, ts(at), commented))
        for question_id, top in self.setup.questions:
            steps = (FOUR if top == 4 else STARS if top == 5 else FOUR)[mood]
            self.answers.append((self.answer_id, rid, question_id, min(top, _value(top, steps, r()))))
            self.answer_id += 1

    def flush(self, batch: Batch) -> None:
        """Writes what was made since the last flush, in the caller's transaction."""
        batch.write("survey_response", RESPONSE_COLUMNS, self.responses)
        batch.write("survey_answer", ANSWER_COLUMNS, self.answers)
        self.counts["survey_response"] += len(self.responses)
        self.counts["survey_answer"] += len(self.answers)
        self.responses, self.answers = [], []
