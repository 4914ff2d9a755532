"""`flask privacy purge`: personal data of what closed longer ago than RETENTION_DAYS is anonymised,
everything recent or open is untouched, the statistics do not move, photos leave the disk, and a
second run (or a dry run) changes nothing."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import distinct, func, select

from models import stats
from models.audit import AuditLog
from models.complaint import Case, CaseHistory, Category
from models.conversation import Conversation, Follower
from models.corruption import CorruptionHistory, CorruptionReport
from models.db import session_scope, utcnow
from models.enums import CaseStatus, EventStatus, MediaStatus, OutboxStatus
from models.events import InboundEvent, OutboundMessage
from models.inquiry import Inquiry, InquiryStatus
from models.media import Media
from models.media_store import MediaStore
from models.privacy import ANON_PREFIX, pseudonym
from models.privacy_purge import purge
from models.search import CaseWord, index_case
from models.suggestion import Suggestion
from models.survey import SurveyAnswer, SurveyQuestion, SurveyResponse
from tests import media_files

NAME, PHONE, LINE_ID = "สมหญิง ใจดีมาก", "0891234567", "U" + "ab" * 16
OTHER_LINE_ID, THIRD_LINE_ID = "U" + "cd" * 16, "U" + "ef" * 16
TYPED = "ท่อแตกหน้าบ้าน โทร 081-234-5678 บัตร 1-2345-67890-12-3 somying@example.com"
OLD, RECENT = timedelta(days=800), timedelta(days=100)
KEY = b"test-secret-key-not-for-production"  # the settings fixture's SECRET_KEY: the purge's pseudonym key
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32 + b"\xff\xd9"


def _add_case(s, ticket: str, *, closed_ago: timedelta | None, status: str = CaseStatus.RESOLVED,
              line_id: str = LINE_ID, media: MediaStore | None = None) -> Case:
    category = s.execute(select(Category).order_by(Category.id)).scalars().first()
    closed = utcnow() - closed_ago if closed_ago is not None else None
    created = (closed or utcnow()) - timedelta(days=5)
    case = Case(ticket=ticket, status=status if closed else CaseStatus.IN_PROGRESS, category_id=category.id,
                division_id=category.division_id, description=TYPED, landmark="หน้าบ้าน 0812345678",
                latitude=16.575712, longitude=103.495543, contact_mode="given", reporter_line_id=line_id,
                reporter_name=NAME, reporter_phone=PHONE, created_at=created, updated_at=closed or created,
                due_at=created + timedelta(days=15), closed_at=closed, last_message="โทรกลับที่ 0891234567")
    s.add(case)
    s.flush()
    index_case(case, session=s)
    s.add(CaseHistory(case_id=case.id, actor="officer1", kind="note", note=f"โทรคุยกับ {PHONE} แล้ว",
                      at=created))
    if media is not None:
        rel = f"cases/2566/01/{ticket}.jpg"
        media.put(rel, JPEG, "image/jpeg")
        s.add(Media(purpose="complaint", chat_key=f"user:{line_id}", line_message_id=f"m-{ticket}",
                    case_id=case.id, status=MediaStatus.STORED, path=rel, content_type="image/jpeg"))
    return case


@pytest.fixture
def world(engine, settings):
    """Old and recent records of every kind, each carrying personal data."""
    root = media_files.store(settings, engine)
    old, recent = utcnow() - OLD, utcnow() - RECENT
    with session_scope(engine) as s:
        _add_case(s, "NMK6601-0001", closed_ago=OLD, media=root)
        _add_case(s, "NMK6601-0002", closed_ago=OLD, status=CaseStatus.REJECTED, line_id=OTHER_LINE_ID)
        _add_case(s, "NMK6708-0001", closed_ago=RECENT, media=root)
        # Old but still open (another person: see test_people_straddling_the_cutoff_count_twice).
        _add_case(s, "NMK6601-0003", closed_ago=None, media=root, line_id=THIRD_LINE_ID)
        s.get(Case, 4).created_at = old - timedelta(days=30)  # type: ignore[union-attr]
        report = CorruptionReport(ticket="NMKC6601-0001", status=CaseStatus.RESOLVED, accused="นายช่าง",
                                  description=TYPED, contact_mode="given", reporter_line_id=LINE_ID,
                                  reporter_name=NAME, reporter_phone=PHONE, created_at=old - timedelta(days=9),
                                  updated_at=old, closed_at=old)
        s.add(report)
        s.flush()
        s.add(CorruptionHistory(report_id=report.id, actor="integrity1", kind="note", note=f"ผู้แจ้ง {PHONE}"))
        root.put("confidential/e.jpg", JPEG, "image/jpeg")
        s.add(Media(purpose="corruption", chat_key=f"user:{LINE_ID}", line_message_id="m-e", report_id=report.id,
                    status=MediaStatus.STORED, path="confidential/e.jpg", content_type="image/jpeg"))
        # Old records of someone who has been quiet since, and recent ones of LINE_ID (who also has an
        # old inquiry: kept whole while they have a recent one, see test_an_active_person_...).
        for when, text, who in ((old, "old", OTHER_LINE_ID), (recent, "recent", LINE_ID), (old, "active", LINE_ID)):
            s.add(Inquiry(line_user_id=who, question=f"{text} ถามภาษี {PHONE}", status=InquiryStatus.ANSWERED,
                          asked_at=when, answered_at=when, answer="ตอบแล้ว"))
            if text == "active":
                continue
            s.add(Suggestion(ticket=f"S-{text}", text=f"{text} อยากให้มีไฟ {PHONE}", line_user_id=who,
                             created_at=when))
            s.add(SurveyResponse(line_user_id=who, comment=f"{text} ดีมาก {PHONE}", created_at=when))
            s.add(Conversation(chat_key=f"user:{text}-chat", user_id=LINE_ID, flow="complaint", step="contact",
                               data=json.dumps({"draft": {"name": NAME, "phone": PHONE}}), updated_at=when))
            s.add(Follower(user_id=f"U-{text}", display_name=NAME, following=False, unfollowed_at=when))
            for chat in (LINE_ID, OTHER_LINE_ID) if text == "old" else (LINE_ID,):
                s.add(InboundEvent(webhook_event_id=f"ev-{text}-{chat[:3]}", chat_key=f"user:{chat}",
                                   event_type="message", timestamp_ms=0, status=EventStatus.DONE, received_at=when,
                                   payload=json.dumps({"message": {"text": TYPED}})))
            s.add(OutboundMessage(to=LINE_ID, kind="push", messages=json.dumps([{"type": "text", "text": NAME}]),
                                  retry_key=f"rk-{text}", status=OutboxStatus.SENT, created_at=when))
        s.add(Follower(user_id="U-following", display_name=NAME, following=True))
        question = SurveyQuestion(key="overall", text="พอใจไหม")
        s.add(question)
        s.flush()
        first = s.execute(select(SurveyResponse).order_by(SurveyResponse.id)).scalars().first()
        s.add(SurveyAnswer(response_id=first.id, question_id=question.id, value=4))
    return root


def _run(app, *args: str):
    result = app.test_cli_runner().invoke(args=["privacy", "purge", *args])
    assert result.exit_code == 0, result.output
    return result.output


PEOPLE = ((Case.reporter_line_id, Case.created_at), (CorruptionReport.reporter_line_id, CorruptionReport.created_at),
          (Inquiry.line_user_id, Inquiry.asked_at), (Suggestion.line_user_id, Suggestion.created_at),
          (SurveyResponse.line_user_id, SurveyResponse.created_at), (InboundEvent.chat_key, InboundEvent.received_at))
WINDOWS = ((utcnow() - timedelta(days=3000), utcnow() - timedelta(days=400)),
           (utcnow() - timedelta(days=400), utcnow() + timedelta(days=1)))


def _snapshot(engine) -> dict:
    """Everything the dashboard and the ITA evidence read, over all time."""
    start, end = utcnow() - timedelta(days=3000), utcnow() + timedelta(days=1)
    with session_scope(engine) as s:
        return {
            "status": stats.count_by_status(start, end, session=s),
            "category": stats.count_by_category(start, end, session=s),
            "division": stats.count_by_division(start, end, session=s),
            "months": stats.received_per_month(start, end, session=s),
            "on_time": stats.answered_on_time(start, end, session=s),
            "median": stats.median_handling_days(start, end, session=s),
            "corruption": stats.corruption_counts(start, end, session=s),
            "rows": [s.execute(select(func.count()).select_from(m)).scalar_one()
                     for m in (Case, CorruptionReport, Inquiry, Suggestion, SurveyResponse, SurveyAnswer,
                               InboundEvent, OutboundMessage, Follower, Media)],
            "dates": s.execute(select(Case.ticket, Case.status, Case.created_at, Case.closed_at, Case.category_id,
                                      Case.division_id).order_by(Case.id)).all(),
            "answers": s.execute(select(SurveyAnswer.value)).scalars().all(),
            # How many different people took part and how many chats there were (ITA indicators 7, 8),
            # per period as the ITA asks (a person with records on both sides of the cutoff within one
            # period would count twice there: the old records no longer say whose they are).
            "people": [[s.execute(select(func.count(distinct(col))).where(at >= start, at < end)).scalar_one()
                        for col, at in PEOPLE] for start, end in WINDOWS],
        }


def _case(engine, ticket: str) -> Case:
    with session_scope(engine) as s:
        return s.execute(select(Case).where(Case.ticket == ticket)).scalars().one()


def test_old_closed_data_is_anonymised_and_the_rest_untouched(app, engine, world) -> None:
    before = _snapshot(engine)
    out = _run(app)
    assert "complaints: 2" in out and "corruption_reports: 1" in out and "photos: 2" in out
    assert _snapshot(engine) == before  # every count, date, category, status, handling time, people

    old = _case(engine, "NMK6601-0001")
    assert (old.reporter_name, old.reporter_phone) == ("", "")
    assert old.reporter_line_id == LINE_ID  # they have a recent case: their id goes when that one does
    assert _case(engine, "NMK6601-0002").reporter_line_id == pseudonym(OTHER_LINE_ID, KEY)  # quiet since
    for text in (old.description, old.landmark, old.last_message):
        assert PHONE not in text and "5678" not in text and "12-3" not in text and "somying" not in text
    assert old.description.startswith("ท่อแตกหน้าบ้าน")  # the substance stays
    assert (old.latitude, old.longitude) == (16.576, 103.496)  # about 100 m, as Open311 shows it
    assert world.get("cases/2566/01/NMK6601-0001.jpg") is None
    assert world.get("confidential/e.jpg") is None
    for ticket, owner in (("NMK6708-0001", LINE_ID), ("NMK6601-0003", THIRD_LINE_ID)):  # closed recently / open
        kept = _case(engine, ticket)
        assert (kept.reporter_name, kept.reporter_phone, kept.reporter_line_id) == (NAME, PHONE, owner)
        assert kept.description == TYPED and kept.latitude == 16.575712
        assert world.get(f"cases/2566/01/{ticket}.jpg") == JPEG

    with session_scope(engine) as s:
        photos = {m.case_id or m.report_id: (m.status, m.path) for m in s.execute(select(Media)).scalars()}
        assert photos[1] == (MediaStatus.ERASED, None) and photos[3][0] == MediaStatus.STORED
        notes = [h.note for h in s.execute(select(CaseHistory).order_by(CaseHistory.id)).scalars()]
        assert PHONE not in notes[0] and PHONE in notes[2]
        # The search index no longer holds the masked words of the old case.
        words = set(s.execute(select(CaseWord.word).where(CaseWord.case_id == 1)).scalars())
        assert "ท่อ" in words or "ท่อแตก" in words  # still found by what the problem is
        assert not [w for w in words if "5678" in w or "somying" in w or "12" in w], words
        report = s.execute(select(CorruptionReport)).scalars().one()
        assert (report.reporter_name, report.reporter_phone) == ("", "")
        assert report.reporter_line_id == pseudonym(LINE_ID, KEY)
        assert report.accused == "นายช่าง" and PHONE not in s.execute(select(CorruptionHistory.note)).scalar_one()
        by_age = lambda model, col: {getattr(r, col).split()[0]: r.line_user_id  # noqa: E731
                                     for r in s.execute(select(model)).scalars()}
        gone = pseudonym(OTHER_LINE_ID, KEY)
        assert by_age(Inquiry, "question") == {"old": gone, "recent": LINE_ID, "active": LINE_ID}
        assert by_age(Suggestion, "text") == {"old": gone, "recent": LINE_ID}
        assert by_age(SurveyResponse, "comment") == {"old": gone, "recent": LINE_ID}
        assert PHONE not in s.execute(select(Inquiry.question).where(Inquiry.line_user_id == gone)).scalar_one()
        assert s.execute(select(Conversation.chat_key)).scalars().all() == ["user:recent-chat"]
        names = {f.user_id: f.display_name for f in s.execute(select(Follower)).scalars()}
        assert names == {"U-old": None, "U-recent": NAME, "U-following": NAME}
        events = {e.webhook_event_id: e for e in s.execute(select(InboundEvent)).scalars()}
        old_quiet, old_active = events[f"ev-old-{OTHER_LINE_ID[:3]}"], events[f"ev-old-{LINE_ID[:3]}"]
        assert old_quiet.chat_key == pseudonym(f"user:{OTHER_LINE_ID}", KEY) and TYPED not in old_quiet.payload
        assert old_active.chat_key == f"user:{LINE_ID}" and TYPED not in old_active.payload  # words gone, chat kept
        assert events[f"ev-recent-{LINE_ID[:3]}"].chat_key == f"user:{LINE_ID}" and "ท่อแตก" in json.loads(
            events[f"ev-recent-{LINE_ID[:3]}"].payload)["message"]["text"]
        sent = {m.retry_key: m for m in s.execute(select(OutboundMessage)).scalars()}
        assert sent["rk-old"].to.startswith(ANON_PREFIX) and NAME not in sent["rk-old"].messages
        assert sent["rk-recent"].to == LINE_ID
        (row,) = s.execute(select(AuditLog).where(AuditLog.action == "privacy_purge")).scalars().all()
        assert "days=730" in row.detail and "complaints=2" in row.detail


def test_a_second_run_changes_nothing(app, engine, world) -> None:
    _run(app)
    with session_scope(engine) as s:
        first = [s.execute(select(m)).scalars().all() for m in (Case, Media, InboundEvent, OutboundMessage)]
        first = [[r.model_dump() for r in rows] for rows in first]
    out = _run(app)
    assert "complaints: 0" in out and "photos: 0" in out and "events: 0" in out
    with session_scope(engine) as s:
        again = [[r.model_dump() for r in s.execute(select(m)).scalars().all()]
                 for m in (Case, Media, InboundEvent, OutboundMessage)]
    assert again == first


def test_dry_run_counts_and_changes_nothing(app, engine, world) -> None:
    before = _snapshot(engine)
    with session_scope(engine) as s:
        cases = [c.model_dump() for c in s.execute(select(Case)).scalars()]
    out = _run(app, "--dry-run")
    assert "dry run" in out
    for line in ("complaints: 2", "corruption_reports: 1", "inquiries: 1", "suggestions: 1",
                 "survey_responses: 1", "conversations: 1", "followers: 1", "events: 2", "messages: 1", "photos: 2"):
        assert line in out, out
    with session_scope(engine) as s:
        assert [c.model_dump() for c in s.execute(select(Case)).scalars()] == cases
        assert s.execute(select(func.count()).select_from(AuditLog)).scalar_one() == 0
    assert _snapshot(engine) == before
    assert world.get("cases/2566/01/NMK6601-0001.jpg") == JPEG


def test_days_option_and_refusals(app, engine, world) -> None:
    assert "complaints: 3" in _run(app, "--dry-run", "--days", "30")  # the recent one too, not the open one
    for bad in ("0", "-5"):
        result = app.test_cli_runner().invoke(args=["privacy", "purge", "--days", bad])
        assert result.exit_code != 0
    assert _case(engine, "NMK6601-0001").reporter_name == NAME


def test_setting_refuses_zero_or_negative() -> None:
    from pydantic import ValidationError

    from bot.settings import Settings

    assert Settings(_env_file=None).retention_days == 730  # type: ignore[call-arg]
    for bad in (0, -1):
        with pytest.raises(ValidationError):
            Settings(_env_file=None, retention_days=bad)  # type: ignore[call-arg]


def test_batches_cover_every_row(engine, settings) -> None:
    with session_scope(engine) as s:
        for n in range(1, 8):
            _add_case(s, f"NMK6601-{n:04d}", closed_ago=OLD + timedelta(days=n))
    counts = purge(engine, utcnow() - timedelta(days=730), media=media_files.store(settings, engine), key=b"k", batch=3)
    assert counts["complaints"] == 7 and counts["batches"] >= 3  # 3 + 3 + 1 cases
    with session_scope(engine) as s:
        assert s.execute(select(func.count()).select_from(Case).where(Case.reporter_line_id == LINE_ID)
                         ).scalar_one() == 0


def test_an_active_person_keeps_counting_once_and_loses_their_id_with_their_last_case(engine, settings) -> None:
    """Someone with an old closed case and a case still open from the same period: the old case loses
    name, phone and photos now but keeps the LINE id until the open one is finished long enough too, so
    "how many different people" never counts them twice; then both carry the same stand-in."""
    with session_scope(engine) as s:
        _add_case(s, "NMK6601-0001", closed_ago=OLD)
        _add_case(s, "NMK6601-0002", closed_ago=None)
        s.get(Case, 2).created_at = s.get(Case, 1).created_at  # type: ignore[union-attr]

    def people() -> list:
        with session_scope(engine) as s:
            return s.execute(select(Case.reporter_line_id, Case.reporter_name).order_by(Case.id)).all()

    def run() -> dict:
        return purge(engine, utcnow() - timedelta(days=730), media=media_files.store(settings, engine), key=KEY)

    assert run()["complaints"] == 1
    assert people() == [(LINE_ID, ""), (LINE_ID, NAME)]
    assert run()["complaints"] == 0  # nothing more to do while the second case is open
    with session_scope(engine) as s:
        case = s.get(Case, 2)
        case.status, case.closed_at = CaseStatus.RESOLVED, utcnow() - OLD  # type: ignore[union-attr]
    assert run()["complaints"] == 2
    assert people() == [(pseudonym(LINE_ID, KEY), "")] * 2
    assert run()["complaints"] == 0


def test_a_case_erased_on_request_while_open_loses_its_photos_once_closed_long_enough(app, engine, settings) -> None:
    from models.privacy_erase import erase_person

    root = media_files.store(settings, engine)
    with session_scope(engine) as s:
        _add_case(s, "NMK6601-0001", closed_ago=None, media=root)
    with session_scope(engine) as s:
        erase_person(LINE_ID, session=s, media=root, key=KEY, actor="admin1", staff_id=None, open_note="-")
    photo = "cases/2566/01/NMK6601-0001.jpg"
    assert root.get(photo) == JPEG  # still needed while staff work on it
    with session_scope(engine) as s:
        case = s.get(Case, 1)
        case.status, case.closed_at = CaseStatus.RESOLVED, utcnow() - OLD  # type: ignore[union-attr]
    assert "complaints: 1" in _run(app, "--dry-run") and "photos: 1" in _run(app, "--dry-run")
    assert "complaints: 1" in _run(app)
    assert root.get(photo) is None
    assert (_case(engine, "NMK6601-0001").latitude, _case(engine, "NMK6601-0001").longitude) == (16.576, 103.496)
    assert "complaints: 0" in _run(app)
