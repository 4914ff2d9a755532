"""Inquiries, suggestions, corruption reports and general surveys, month by month.

Inquiries: about six in ten are answered at once from the FAQ (some of those "did not help" and go
to staff), the rest wait for staff, who answer within hours to days in office hours; the newest
still wait. Suggestions get a decision and, when adopted, the action taken ("you said, we did").
Corruption reports are few, handled by the integrity role over weeks.
"""
from __future__ import annotations

import random
from collections.abc import Callable

from bot.demo.chance import lognormal, pick
from bot.demo.chats import Chats
from bot.demo.clock import DAY, HOUR, Month, office_time, times_in
from bot.demo.people import Followers, StaffPool
from bot.demo.sink import Sink
from bot.demo.surveys import SurveyMaker
from messages_th import demo_feedback as fb
from messages_th import demo_places as places

INQUIRY_COLUMNS = ("id", "line_user_id", "question", "status", "faq_id", "score", "helpful", "answer", "asked_at",
                   "answered_at", "answered_by", "channel")
SUGGESTION_COLUMNS = ("id", "ticket", "text", "topic", "line_user_id", "status", "action", "action_at", "action_by",
                      "public", "channel", "created_at")
REPORT_COLUMNS = ("id", "ticket", "status", "accused", "description", "contact_mode", "reporter_line_id",
                  "reporter_name", "reporter_phone", "created_at", "updated_at", "due_at", "closed_at", "last_message",
                  "assigned_staff_id")
REPORT_HISTORY_COLUMNS = ("id", "report_id", "at", "actor", "from_status", "to_status", "note", "kind", "message",
                          "staff_id")
CHUNK = 10_000


class FeedbackMaker:
    def __init__(self, *, sink: Sink, rng: random.Random, staff: StaffPool, followers: Followers,
                 surveys: SurveyMaker, chats: Chats, faqs: list[tuple[int, str, str]], until: float,
                 ids: dict[str, int]):
        self.sink, self.rng, self.staff, self.followers, self.surveys = sink, rng, staff, followers, surveys
        self.faqs, self.until, self.ids, self.chats = faqs, until, dict(ids), chats
        self.answerers = [p for people in staff.officers.values() for p in people] + staff.admins
        self.counts = {"inquiry": 0, "suggestion": 0, "corruption_report": 0, "corruption_history": 0}

    def _chunks(self, month: Month, n: int, make: Callable[[float, list, list], None], tables: tuple[str, ...],
                columns: tuple[tuple[str, ...], ...]) -> None:
        times = times_in(month, n, self.rng)
        for lo in range(0, n, CHUNK):
            rows: list = []
            extra: list = []
            for t in times[lo:lo + CHUNK]:
                make(t, rows, extra)
            with self.sink.batch() as b:
                for table, cols, data in zip(tables, columns, (rows, extra)):
                    b.write(table, cols, data)
                    if table in self.counts:
                        self.counts[table] += len(data)
                self.surveys.flush(b)
                self.chats.flush(b)

    def _user(self, t: float, kind: str | None = None) -> str:
        """A follower acting at `t`; with `kind`, one who wrote the messages that case takes."""
        user = self.followers.ids[self.followers.at(t, self.rng.random)]
        if kind:
            self.chats.wrote(kind, user, t)
        return user

    # --- general surveys ------------------------------------------------------------------------
    def surveys_month(self, month: Month, n: int) -> None:
        self._chunks(month, n, lambda t, _rows, _extra: self.surveys.general(t, self._user(t)), (), ())

    # --- inquiries ------------------------------------------------------------------------------
    def inquiries_month(self, month: Month, n: int) -> None:
        self._chunks(month, n, self._inquiry, ("inquiry",), (INQUIRY_COLUMNS,))

    def _inquiry(self, asked: float, rows: list, _extra: list) -> None:
        r, ts, rng = self.rng.random, self.sink.ts, self.rng
        status, faq_id, score, helpful, answer, answered, by = "pending", None, None, None, "", None, None
        staff_at = office_time(asked + lognormal(r, 8 * HOUR, 1.0), rng)
        person = pick(self.answerers, r)
        if self.faqs and r() < 0.6:
            faq_id, topic, faq_question = pick(self.faqs, r)
            asked_like = fb.INQUIRY_BY_TOPIC.get(topic)
            question = pick(asked_like, r) if asked_like else pick(fb.INQUIRY_WRAPPERS, r).format(q=faq_question)
            score, answered, status = round(0.55 + 0.43 * r(), 3), asked + 2 + 5 * r(), "faq"
            x = r()
            if x < 0.15:  # "did not help": back to staff, who follow it up
                helpful, status = False, "pending"
                if staff_at <= self.until:
                    status, answer, answered, by = "answered", pick(fb.INQUIRY_FOLLOW_UPS, r), staff_at, person[0]
            elif x < 0.45:
                helpful = True
        else:
            question, reply = pick(fb.INQUIRY_FOR_STAFF, r)
            score = round(0.4 * r(), 3) if r() < 0.5 else None
            if staff_at <= self.until:
                if r() < 0.04:  # closed without an answer; the note is kept in `answer`, no answer time
                    status, answer, by = "closed", pick(fb.INQUIRY_CLOSE_NOTES, r), person[0]
                else:
                    status, answer, answered, by = "answered", reply, staff_at, person[0]
        rows.append((self.ids["inquiry"], self._user(asked, "inquiry"), question, status, faq_id, score, helpful,
                     answer, ts(asked), ts(answered) if answered is not None else None, by, "line"))
        self.ids["inquiry"] += 1

    # --- suggestions ----------------------------------------------------------------------------
    def suggestions_month(self, month: Month, n: int, prefix: str, first_seq: int) -> int:
        seq = [first_seq]

        def make(created: float, rows: list, _extra: list) -> None:
            r, ts = self.rng.random, self.sink.ts
            seq[0] += 1
            text, topic, did, why_not = pick(fb.SUGGESTIONS, r)
            decided = office_time(created + (3 + 40 * r()) * DAY, self.rng)
            status, action, action_at, by = "received", "", None, None
            if decided <= self.until:
                x = r()
                status = "done" if x < 0.6 else "not_adopted" if x < 0.8 else "considering" if x < 0.95 else "received"
                if status in ("done", "not_adopted"):
                    action, action_at, by = (did if status == "done" else why_not), ts(decided), pick(self.answerers, r)[0]
            elif self.until - created > 2 * DAY and r() < 0.5:
                status = "considering"
            rows.append((self.ids["suggestion"], f"{prefix}{month.period}-{seq[0]:04d}", text,
                         topic if status != "received" else "", self._user(created, "suggestion"), status, action,
                         action_at, by, r() < 0.9, "line", ts(created)))
            self.ids["suggestion"] += 1

        self._chunks(month, n, make, ("suggestion",), (SUGGESTION_COLUMNS,))
        return seq[0]

    # --- corruption reports ---------------------------------------------------------------------
    def corruption_month(self, month: Month, n: int, prefix: str, first_seq: int) -> int:
        seq = [first_seq]

        def make(created: float, rows: list, history: list) -> None:
            seq[0] += 1
            rows.append(self._report(f"{prefix}{month.period}-{seq[0]:04d}", created, history))

        self._chunks(month, n, make, ("corruption_report", "corruption_history"), (REPORT_COLUMNS, REPORT_HISTORY_COLUMNS))
        return seq[0]

    def _report(self, ticket: str, created: float, history: list) -> tuple:
        r, ts, rng = self.rng.random, self.sink.ts, self.rng
        rid = self.ids["corruption_report"]
        self.ids["corruption_report"] += 1
        handler = pick(self.staff.integrity or self.staff.admins, r)
        accused, description = pick(fb.CORRUPTION, r)
        ack = office_time(created + lognormal(r, DAY, 0.7), rng)
        done = office_time(created + (20 + 70 * r()) * DAY, rng)
        x = r()
        close = ("resolved", pick(fb.CORRUPTION_FINDINGS, r), "") if x < 0.7 else \
            ("rejected", fb.CORRUPTION_REJECTED, fb.CORRUPTION_REJECTED) if x < 0.85 else None
        events = [(created, "citizen", None, "created", None, "received", "", ""),
                  (ack, handler[1], handler[0], "assign", None, None, handler[2], ""),
                  (ack + 60, handler[1], handler[0], "status", "received", "in_progress", "", fb.CORRUPTION_PROGRESS)]
        if close:
            events.append((done, handler[1], handler[0], "status", "in_progress", close[0], close[2], close[1]))
        status, updated, closed, told, assigned = "received", created, None, "", None
        for at, actor, staff_id, kind, old, new, note, message in events:
            if at > self.until:
                break
            history.append((self.ids["corruption_history"], rid, ts(at), actor, old, new, note, kind, message, staff_id))
            self.ids["corruption_history"] += 1
            updated, told = at, message or told
            status = new or status
            closed = at if new in ("resolved", "rejected") else closed
            assigned = staff_id if kind == "assign" else assigned
        given = r() < 0.25
        name = f"{pick(places.FIRST_NAMES, r)} {pick(places.LAST_NAMES, r)}" if given else ""
        phone = places.PHONE_PATTERN.format(n=int(r() * 10_000)) if given else ""
        return (rid, ticket, status, accused, description, "given" if given else "anonymous", self._user(created),
                name, phone, ts(created), ts(updated), ts(created + 15 * DAY), ts(closed) if closed else None, told,
                assigned)
