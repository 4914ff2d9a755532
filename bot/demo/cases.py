"""Complaints with their histories, search words and satisfaction surveys, month by month.

Each case follows a plausible life: received, often assigned, taken in hand within a working day,
then resolved (most within the 15-day deadline, some late), forwarded, declined with a reason,
cancelled by the citizen, or left stuck in progress; whatever would happen after the end of the
window has not happened yet, so recent cases are open and some older ones are overdue. Staff act in
office hours. Tickets are numbered per month in the order the cases came in, as the bot does.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from bot.demo.chance import R, lognormal, pick, say
from bot.demo.chats import Chats
from bot.demo.clock import DAY, HOUR, Month, office_time, times_in
from bot.demo.people import Followers, StaffPool
from bot.demo.sink import Sink
from bot.demo.surveys import SurveyMaker
from bot.demo.text import ComplaintWriter
from messages_th import demo_complaints as tpl
from messages_th import demo_places as places
from messages_th import demo_replies as replies
from models.enums import DEADLINE_DAYS

CASE_COLUMNS = ("id", "ticket", "status", "category_id", "division_id", "description", "landmark", "latitude",
                "longitude", "location_title", "location_address", "contact_mode", "reporter_line_id",
                "reporter_name", "reporter_phone", "channel", "created_at", "updated_at", "due_at", "closed_at",
                "last_message", "assigned_staff_id")
HISTORY_COLUMNS = ("id", "case_id", "at", "actor", "from_status", "to_status", "note", "kind", "message", "staff_id")
CHUNK = 20_000  # cases per transaction: larger batches rewrite fewer index pages


@dataclass(frozen=True)
class CategoryRef:
    id: int
    name: str
    division_id: int | None


def category_weights(categories: list[CategoryRef], month: int) -> list[float]:
    weights = []
    for c in categories:
        share, peak, factor = tpl.MIX.get(c.name, (tpl.DEFAULT_SHARE, (), 1.0))
        weights.append(share * (factor if month in peak else 1.0))
    return weights


class CaseMaker:
    def __init__(self, *, sink: Sink, rng: random.Random, categories: list[CategoryRef], staff: StaffPool,
                 followers: Followers, surveys: SurveyMaker, chats: Chats, writer: ComplaintWriter, prefix: str,
                 until: float, ids: dict[str, int]):
        self.sink, self.rng, self.categories, self.staff = sink, rng, categories, staff
        self.followers, self.surveys, self.writer, self.prefix, self.until = followers, surveys, writer, prefix, until
        self.chats = chats
        self.case_id, self.history_id = ids["complaint"], ids["complaint_history"]
        self.counts = {"complaint": 0, "complaint_history": 0, "complaint_word": 0}

    def month(self, month: Month, n: int, first_seq: int, progress: Callable[[int], None]) -> int:
        """Writes `n` cases of one month; returns the last ticket sequence number used."""
        rng = self.rng
        times = times_in(month, n, rng)
        picks = rng.choices(self.categories, category_weights(self.categories, month.month), k=n)
        seq, series = first_seq, f"{self.prefix}{month.period}"
        for lo in range(0, n, CHUNK):
            cases: list = []
            history: list = []
            words: list = []
            for created, cat in zip(times[lo:lo + CHUNK], picks[lo:lo + CHUNK]):
                seq += 1
                self._case(f"{series}-{seq:04d}", created, cat, cases, history, words)
            words.sort()  # in index order: each word's postings grow at one place per batch
            with self.sink.batch() as b:
                b.write("complaint", CASE_COLUMNS, cases)
                b.write("complaint_history", HISTORY_COLUMNS, history)
                b.write("complaint_word", ("word", "case_id"), words)
                self.surveys.flush(b)
                self.chats.flush(b)
            self.counts["complaint"] += len(cases)
            self.counts["complaint_history"] += len(history)
            self.counts["complaint_word"] += len(words)
            progress(len(cases))
        return seq

    def _case(self, ticket: str, created: float, cat: CategoryRef, cases: list, history: list, words: list) -> None:
        r, ts, until = self.rng.random, self.sink.ts, self.until
        case_id = self.case_id
        self.case_id += 1
        text = self.writer.complaint(cat.name, self.rng)
        reporter = self.followers.at(created, r)
        line_id = self.followers.ids[reporter]
        self.chats.wrote("complaint", line_id, created)
        x = r()
        if x < 0.55:
            mode, name, phone = "line", self.followers.name(reporter), ""
        elif x < 0.85:
            mode, name, phone = "anonymous", "", ""
        else:
            mode = "given"
            name = f"{pick(places.FIRST_NAMES, r)} {pick(places.LAST_NAMES, r)}"
            phone = places.PHONE_PATTERN.format(n=int(r() * 10_000))
        events, assignee = self._life(created, cat, r)
        status, closed, last_message, assigned, updated = "received", None, "", None, created
        for at, actor, staff_id, kind, old, new, note, message in events:
            if at > until:
                break
            history.append((self.history_id, case_id, ts(at), actor, old, new, note, kind, message, staff_id))
            self.history_id += 1
            updated = at
            if new:
                status = new
                closed = at if new not in ("received", "in_progress") else None
            if message:
                last_message = message
            if kind == "assign":
                assigned = assignee
        cases.append((case_id, ticket, status, cat.id, cat.division_id, text.description, text.landmark,
                       text.latitude, text.longitude, text.location_title, text.location_address, mode, line_id,
                       name, phone, "line", ts(created), ts(updated), ts(created + DEADLINE_DAYS * DAY),
                       ts(closed) if closed is not None else None, last_message, assigned))
        words.extend((w, case_id) for w in text.words)
        if status == "resolved" and closed is not None:
            self.surveys.for_case(case_id, line_id, closed, late=closed - created > DEADLINE_DAYS * DAY)

    def _life(self, created: float, cat: CategoryRef, r: R) -> tuple[list[tuple], int | None]:
        """Every event the case will see, oldest first, whether or not it falls inside the window
        ((at, actor, staff_id, kind, from_status, to_status, note, message)), and the officer an
        assign event names."""
        rng = self.rng
        events: list[tuple] = [(created, "citizen", None, "created", None, "received", "", "")]
        person = self.staff.officer(cat.division_id, r)
        status, t, assignee = "received", created, None
        x = r()
        outcome = ("resolved" if x < 0.82 else "forwarded" if x < 0.87 else "rejected" if x < 0.92
                   else "cancelled" if x < 0.96 else "stuck")
        if outcome == "cancelled":  # the citizen changes their mind within a few days
            at = created + 600 + r() * 3 * DAY
            if r() < 0.4:
                t = office_time(created + lognormal(r, 16 * HOUR, 0.9), rng)
                if t < at - 600:
                    events.append(self._status(t, person, status, "in_progress", cat, r))
                    status = "in_progress"
            events.append((at, "citizen", None, "status", status, "cancelled", "", ""))
            return events, None
        if r() < 0.35 and self.staff.admins:  # dispatched to a named officer first
            admin = pick(self.staff.admins, r)
            t = office_time(created + r() * 6 * HOUR, rng)
            events.append((t, admin[1], admin[0], "assign", None, None, person[2], ""))
            assignee = person[0]
        direct = outcome in ("resolved", "forwarded", "rejected") and r() < 0.12  # settled without an in-progress step
        if not direct:
            t = office_time(max(t + 60 + r() * 1800, created + lognormal(r, 16 * HOUR, 0.9)), rng)
            events.append(self._status(t, person, status, "in_progress", cat, r))
            status = "in_progress"
        if outcome == "stuck":
            return events, assignee
        if outcome == "resolved":
            days = min(lognormal(r, 3.5, 0.8), 14.0) if r() < 0.8 else 15 + r() * 45
        elif outcome == "forwarded":
            days = 0.3 + r() * 4.7
        else:
            days = 1 + r() * 6
        done = office_time(max(created + days * DAY, t + HOUR), rng)
        if r() < 0.12:
            events.append((t + (done - t) * r(), person[1], person[0], "note", None, None, pick(replies.NOTES, r), ""))
        if outcome == "resolved":
            said = say(replies.RESOLVED_BY_CATEGORY.get(cat.name, replies.RESOLVED) if r() < 0.6 else replies.RESOLVED, r)
            events.append((done, person[1], person[0], "status", status, "resolved", "", said if r() < 0.9 else ""))
        elif outcome == "forwarded":
            events.append((done, person[1], person[0], "status", status, "forwarded", "", say(replies.FORWARDED, r)))
        else:
            reason = say(replies.REJECTED, r)
            events.append((done, person[1], person[0], "status", status, "rejected", reason, reason))
        return events, assignee

    def _status(self, at: float, person: tuple[int, str, str], old: str, new: str, cat: CategoryRef, r: R) -> tuple:
        options = replies.IN_PROGRESS_BY_CATEGORY.get(cat.name, replies.IN_PROGRESS) if r() < 0.5 else replies.IN_PROGRESS
        return (at, person[1], person[0], "status", old, new, "", say(options, r) if r() < 0.85 else "")

