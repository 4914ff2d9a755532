"""Who is in the demo: the account's followers, the staff, and the survey and FAQ data they use."""
from __future__ import annotations

import bisect
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session, col

from bot.demo.clock import DAY, Month, allocate, month_weights, times_in
from bot.demo.sink import Sink
from messages_th import demo_feedback as fb
from messages_th import demo_places as places
from models.complaint import Division
from models.inquiry import Faq
from models.staff import Role, create_staff, staff_by_username
from models.survey import SCALE_MAX, SurveyQuestion, SurveyService

FOLLOWER_COLUMNS = ("user_id", "display_name", "following", "first_seen_at", "followed_at", "unfollowed_at",
                    "profile_checked_at")


class Followers:
    """LINE users, sorted by when they followed; a citizen acting at time t is one who followed before t."""

    def __init__(self, count: int, months: list[Month], rng: random.Random):
        start, end = months[0].start, months[-1].end
        early = count // 5  # a fifth followed in the two years before the demo window
        times = [start - rng.random() * 730 * DAY for _ in range(early)]
        for m, n in zip(months, allocate(count - early, month_weights(months))):
            times += times_in(m, n, rng)
        self.followed_at = sorted(times)
        self.ids = [f"U{rng.getrandbits(128):032x}" for _ in range(count)]  # like LINE's: U + 32 hex digits
        self.unfollowed = {i: t + rng.random() * (end - t) for i, t in enumerate(self.followed_at) if rng.random() < 0.07}

    def __len__(self) -> int:
        return len(self.ids)

    def name(self, i: int) -> str:
        return places.DISPLAY_NAMES[(i * 7919) % len(places.DISPLAY_NAMES)]

    def at(self, t: float, r: Callable[[], float]) -> int:
        """A follower who had followed by `t` (the first one if nobody had)."""
        return int(r() * max(1, bisect.bisect_right(self.followed_at, t)))

    def write(self, sink: Sink, chunk: int = 20_000) -> None:
        ts = sink.ts
        for lo in range(0, len(self), chunk):
            rows = []
            for i in range(lo, min(len(self), lo + chunk)):
                followed, gone = ts(self.followed_at[i]), self.unfollowed.get(i)
                rows.append((self.ids[i], self.name(i), gone is None, followed, followed,
                             ts(gone) if gone is not None else None, followed))
            with sink.batch() as b:
                b.write("follower", FOLLOWER_COLUMNS, rows)


@dataclass
class StaffPool:
    """Who acts on cases: officers per division, and the admins who dispatch."""

    officers: dict[int, list[tuple[int, str, str]]] = field(default_factory=dict)  # division -> (id, username, name)
    admins: list[tuple[int, str, str]] = field(default_factory=list)
    integrity: list[tuple[int, str, str]] = field(default_factory=list)
    created: list[tuple[str, str, str]] = field(default_factory=list)  # (username, roles, password or "")

    def officer(self, division_id: int | None, r: Callable[[], float]) -> tuple[int, str, str]:
        people = self.officers.get(division_id or -1) or self.admins
        return people[int(r() * len(people))]


def ensure_staff(session: Session, password: str | None) -> StaffPool:
    """The demo accounts of messages_th.demo_places.STAFF (kept as they are if they exist), and an
    officer for any active division that list does not cover."""
    divisions = {d.name: d.id for d in session.execute(select(Division).where(col(Division.active).is_(True))).scalars()}
    wanted = [(u, roles, divisions.get(div) if div else None) + (name,) for u, roles, div, name in places.STAFF
              if div is None or div in divisions]
    covered = {d for _, _, d, _ in wanted if d}
    wanted += [(f"demo.division{i}", ("officer",), i, places.STAFF_OTHER_DIVISION.format(division=name))
               for name, i in divisions.items() if i not in covered]
    pool = StaffPool()
    for username, roles, division_id, name in wanted:
        person = staff_by_username(username, session=session)
        secret = ""
        if person is None:
            secret = password or secrets.token_urlsafe(9)
            person = create_staff(username, secret, list(roles), division_id=division_id, display_name=name,
                                  session=session)
        pool.created.append((username, " ".join(roles), secret))
        assert person.id is not None  # flushed by create_staff
        entry = (person.id, person.username, person.display_name or person.username)
        if person.has_role(Role.OFFICER) and person.division_id:
            pool.officers.setdefault(person.division_id, []).append(entry)
        if person.has_role(Role.ADMIN):
            pool.admins.append(entry)
        if person.has_role(Role.INTEGRITY):
            pool.integrity.append(entry)
    return pool


@dataclass
class SurveySetup:
    case_service: int  # the service a resolved complaint's survey is about
    other_services: list[int]
    questions: list[tuple[int, int]]  # (id, highest value of its scale) of the active questions, in order


def ensure_survey(session: Session) -> SurveySetup:
    """The municipality's own services and questions, or the demo ones when there are none."""
    if session.execute(select(SurveyService)).first() is None:
        for order, (name, for_cases) in enumerate(fb.SURVEY_SERVICES):
            session.add(SurveyService(name=name, sort_order=order, for_cases=for_cases))
    if session.execute(select(SurveyQuestion)).first() is None:
        for order, (key, text, short, scale, indicator) in enumerate(fb.SURVEY_QUESTIONS):
            session.add(SurveyQuestion(key=key, text=text, short=short, scale=scale, indicator=indicator,
                                       sort_order=order))
    session.flush()
    services = list(session.execute(select(SurveyService).where(col(SurveyService.active).is_(True))
                                 .order_by(col(SurveyService.sort_order), col(SurveyService.id))).scalars())
    questions = session.execute(select(SurveyQuestion).where(col(SurveyQuestion.active).is_(True))
                             .order_by(col(SurveyQuestion.sort_order), col(SurveyQuestion.id))).scalars()
    case_services = [s.id for s in services if s.for_cases] or [s.id for s in services[:1]]
    return SurveySetup(case_service=case_services[0],
                       other_services=[s.id for s in services if s.id not in case_services] or case_services,
                       questions=[(q.id, SCALE_MAX.get(q.scale, 4)) for q in questions])


def ensure_faq(session: Session) -> list[tuple[int, str, str]]:
    """(id, topic, question) of the active FAQ entries, adding the demo ones to an empty FAQ."""
    if session.execute(select(Faq)).first() is None:
        for order, (topic, question, answer, keywords) in enumerate(fb.FAQ):
            session.add(Faq(topic=topic, question=question, answer=answer, keywords="\n".join(keywords),
                            sort_order=order))
        session.flush()
    rows = session.execute(select(Faq).where(col(Faq.active).is_(True)).order_by(col(Faq.sort_order), col(Faq.id))).scalars()
    return [(f.id, f.topic, f.question) for f in rows]
