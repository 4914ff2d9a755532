"""`flask demo seed`: the synthetic data is complete, consistent and deterministic, the admin view
works on it, and the command refuses to overwrite data or to run in production."""
from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

import bot.demo.seed as demo_seed
from bot import create_app
from bot.demo.seed import Options, seed_demo
from bot.settings import Settings
from models.citizen_cases import be_period
from models.complaint import next_ticket
from models.db import session_scope
from models.search import case_text, words_of
from tests.admin.conftest import login

PASSWORD = "demo-password-123"
UNTIL = "2026-10-15"  # a fixed window: 13 months from October 2025 (BE 6810) to October 2026 (6910)
WINDOW_END = datetime(2026, 10, 15, 17, 0, tzinfo=UTC)  # the end of 15 October in Bangkok
TICKET = re.compile(r"^NMK(\d{2})(\d{2})-(\d{4,})$")


@pytest.fixture(autouse=True)
def _fast_password_hash(monkeypatch):
    """The demo creates nine staff accounts per run; production's slow scrypt is tested elsewhere."""
    from functools import partial

    from werkzeug.security import generate_password_hash

    import models.staff

    monkeypatch.setattr(models.staff, "generate_password_hash", partial(generate_password_hash, method="pbkdf2:sha256:1"))


def run(app, *args: str):
    return app.test_cli_runner().invoke(args=["demo", "seed", "--password", PASSWORD, *args])


def rows(engine, sql: str, **params: Any) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params).all()]


def aware(value: Any) -> datetime:
    """A datetime from a raw SQL read: text on SQLite, a datetime on PostgreSQL, as aware UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@pytest.fixture
def seeded(app, engine):
    result = run(app, "--cases", "200", "--months", "13", "--until", UNTIL, "--seed", "7")
    assert result.exit_code == 0, result.output
    return engine


def check_every_part_is_filled_over_every_month(seeded) -> None:
    count = {t: rows(seeded, f"SELECT count(*) FROM {t}")[0][0] for t in (
        "complaint", "complaint_history", "complaint_word", "follower", "survey_response", "survey_answer",
        "inquiry", "suggestion", "corruption_report", "corruption_history", "staff")}
    assert count["complaint"] == 200
    assert count["complaint_history"] >= 2 * 200 and count["complaint_word"] >= 10 * 200
    assert count["follower"] >= 30 and count["inquiry"] >= 50 and count["suggestion"] >= 5
    assert count["corruption_report"] >= 3 and count["survey_response"] >= 20 and count["staff"] >= 9
    periods = {TICKET.match(t).group(1) + TICKET.match(t).group(2) for (t,) in rows(seeded, "SELECT ticket FROM complaint")}
    assert periods == {"6810", "6811", "6812"} | {f"69{m:02d}" for m in range(1, 11)}
    categories = rows(seeded, "SELECT count(DISTINCT category_id) FROM complaint")[0][0]
    assert categories >= 9  # nearly every default category, in proportion to a municipality's mix


def check_tickets_follow_the_real_format_and_the_counters(seeded) -> None:
    cases = rows(seeded, "SELECT ticket, created_at FROM complaint ORDER BY id")
    tickets = [t for t, _ in cases]
    assert len(set(tickets)) == len(tickets)
    last: dict[str, int] = defaultdict(int)
    for ticket, created in cases:
        found = TICKET.match(ticket)
        assert found, ticket
        assert be_period(aware(created)) == found.group(1) + found.group(2)  # the month it came in (Bangkok)
        period = f"NMK{found.group(1)}{found.group(2)}"
        assert int(found.group(3)) == last[period] + 1  # numbered in the order cases came in, from 1
        last[period] += 1
    assert dict(rows(seeded, "SELECT key, last FROM ticket_counter WHERE key LIKE 'NMK6%' OR key LIKE 'NMK7%'")) == last
    for table, prefix in (("suggestion", "NMKS"), ("corruption_report", "NMKC")):
        for (ticket,) in rows(seeded, f"SELECT ticket FROM {table}"):
            assert re.fullmatch(prefix + r"\d{4}-\d{4,}", ticket), ticket


def check_statuses_and_histories_agree(seeded) -> None:
    cases = {r[0]: r for r in rows(seeded, "SELECT id, status, created_at, updated_at, closed_at, due_at, "
                                           "assigned_staff_id, last_message FROM complaint")}
    history: dict[int, list[tuple]] = defaultdict(list)
    for r in rows(seeded, "SELECT case_id, at, kind, from_status, to_status, message, actor, id FROM complaint_history"):
        history[r[0]].append((aware(r[1]), r[7]) + r[2:7])
    within, answered, overdue_open = 0, 0, 0
    for case_id, (_, status, created, updated, closed, due, assigned, last_message) in cases.items():
        created, updated = aware(created), aware(updated)
        events = [e for _, e in sorted((h[:2], h) for h in history[case_id])]
        assert events[0][2:4] == ("created", None) and events[0][4] == "received" and events[0][0] == created
        assert all(created <= e[0] <= WINDOW_END for e in events)
        assert updated == events[-1][0]
        assert aware(due) == created + timedelta(days=15)
        changes = [e for e in events if e[4]]
        assert changes[-1][4] == status  # the last status change says where the case stands
        assert all(a[4] == b[3] for a, b in itertools.pairwise(changes))  # each change starts where the last ended
        said = [e[5] for e in events if e[5]]
        assert last_message == (said[-1] if said else "")
        if status in ("received", "in_progress"):
            assert closed is None
            overdue_open += created + timedelta(days=15) < WINDOW_END
        else:
            assert closed is not None and aware(closed) == changes[-1][0] >= created
        if status in ("resolved", "forwarded", "rejected"):
            answered += 1
            within += aware(closed) - created <= timedelta(days=15)
        if assigned is not None:
            assert any(e[2] == "assign" for e in events)
    statuses = Counter(c[1] for c in cases.values())
    assert statuses["resolved"] > 100 and statuses["in_progress"] and statuses["rejected"] and statuses["cancelled"]
    assert 0.6 < within / answered < 0.95  # most within the ITA's 15 days, not all
    assert overdue_open >= 1  # some open cases are past their deadline


def check_contacts_are_synthetic(seeded) -> None:
    for (user_id,) in rows(seeded, "SELECT user_id FROM follower"):
        assert re.fullmatch(r"U[0-9a-f]{32}", user_id)
    modes = Counter()
    for mode, line_id, name, phone in rows(seeded, "SELECT contact_mode, reporter_line_id, reporter_name, "
                                                   "reporter_phone FROM complaint"):
        modes[mode] += 1
        assert re.fullmatch(r"U[0-9a-f]{32}", line_id)
        assert re.fullmatch(r"080-000-\d{4}", phone) if mode == "given" else phone == ""
        assert (name == "") == (mode == "anonymous")
    assert modes["line"] + modes["anonymous"] > 3 * modes["given"] > 0


def check_surveys_inquiries_and_suggestions_are_consistent(seeded) -> None:
    active = {q for (q,) in rows(seeded, "SELECT id FROM survey_question WHERE active = :t", t=True)}
    answers = rows(seeded, "SELECT question_id, value FROM survey_answer")
    assert {q for q, _ in answers} <= active
    values = Counter(v for _, v in answers)
    assert values[4] + values[5] > values[1] + values[2]  # leaning to มาก / มากที่สุด
    for status, closed, answered_at in rows(
            seeded, "SELECT c.status, c.closed_at, r.created_at FROM survey_response r JOIN complaint c ON c.id = r.case_id"):
        assert status == "resolved" and aware(answered_at) >= aware(closed)
    inquiries = rows(seeded, "SELECT status, faq_id, helpful, answer, asked_at, answered_at, answered_by FROM inquiry")
    kinds = Counter(r[0] for r in inquiries)
    assert kinds["faq"] > kinds["answered"] / 2 > 0
    for status, faq_id, _helpful, answer, asked, answered, by in inquiries:
        if status == "faq":
            assert faq_id and aware(answered) >= aware(asked) and not answer
        if status == "answered":
            assert answer and by and aware(answered) >= aware(asked)
        if status == "closed":
            assert answer and by and answered is None
    assert any(r[2] is not None and not r[2] for r in inquiries)  # some said the FAQ answer did not help
    done = rows(seeded, "SELECT action, action_at, action_by FROM suggestion WHERE status = 'done'")
    assert done and all(a and at and by for a, at, by in done)


def check_no_foreign_key_is_broken(seeded) -> None:
    if seeded.dialect.name == "sqlite":  # the seed skips SQLite's per-row checks while loading
        assert rows(seeded, "PRAGMA foreign_key_check") == []


def check_search_words_are_what_the_index_would_store(seeded) -> None:
    """The seed cuts each template fragment once; the union must be exactly the words of the text."""
    stored: dict[int, set[str]] = defaultdict(set)
    for word, case_id in rows(seeded, "SELECT word, case_id FROM complaint_word"):
        stored[case_id].add(word)
    from sqlalchemy import select

    from models.complaint import Case

    with session_scope(seeded) as s:
        for case in s.exec(select(Case)).scalars():  # type: ignore[call-overload]
            assert stored[case.id] == words_of(case_text(case)), case.ticket


def test_the_demo_data_is_complete_consistent_and_synthetic(seeded) -> None:
    """One seed, every property of its data (each check below says what it holds)."""
    check_every_part_is_filled_over_every_month(seeded)
    check_tickets_follow_the_real_format_and_the_counters(seeded)
    check_statuses_and_histories_agree(seeded)
    check_contacts_are_synthetic(seeded)
    check_surveys_inquiries_and_suggestions_are_consistent(seeded)
    check_no_foreign_key_is_broken(seeded)
    check_search_words_are_what_the_index_would_store(seeded)


def test_admin_pages_work_on_the_demo_data(app, seeded) -> None:
    client = app.test_client()
    assert login(client, "demo.admin", PASSWORD).status_code == 302
    (ticket,) = rows(seeded, "SELECT ticket FROM complaint WHERE status = 'in_progress' ORDER BY id LIMIT 1")[0]
    for path in ("/admin/", "/admin/cases", "/admin/cases?status=in_progress", "/admin/cases?overdue=1",
                 "/admin/cases?q=%E0%B9%84%E0%B8%9F%E0%B8%96%E0%B8%99%E0%B8%99", f"/admin/cases/{ticket}"):
        page = client.get(path)
        assert page.status_code == 200, path
    queue = client.get("/admin/cases").get_data(as_text=True)
    assert "NMK6910-" in queue  # newest first: the last month's tickets
    auditor = app.test_client()
    assert login(auditor, "demo.audit", PASSWORD).status_code == 302
    assert auditor.get("/admin/corruption").status_code == 200


def test_same_seed_same_data_and_reset(app, engine) -> None:
    def snapshot() -> list[list[tuple]]:
        return [rows(engine, "SELECT ticket, status, category_id, description, landmark, created_at, closed_at, "
                             "reporter_line_id, reporter_name, last_message FROM complaint ORDER BY ticket"),
                rows(engine, "SELECT c.ticket, h.at, h.kind, h.to_status, h.message FROM complaint_history h "
                             "JOIN complaint c ON c.id = h.case_id ORDER BY c.ticket, h.at, h.kind"),
                rows(engine, "SELECT question, status, asked_at FROM inquiry ORDER BY asked_at, question"),
                rows(engine, "SELECT user_id, followed_at FROM follower ORDER BY user_id")]

    args = ("--cases", "60", "--months", "3", "--until", UNTIL)
    assert run(app, *args, "--seed", "1").exit_code == 0
    first = snapshot()
    refused = run(app, *args, "--seed", "1")
    assert refused.exit_code != 0 and "--reset" in refused.output
    assert snapshot() == first  # nothing was touched
    assert run(app, *args, "--seed", "1", "--reset").exit_code == 0
    assert snapshot() == first
    assert run(app, *args, "--seed", "2", "--reset").exit_code == 0
    assert snapshot()[0] != first[0]


def test_live_tickets_continue_after_the_demo(app, engine) -> None:
    result = run(app, "--cases", "80", "--months", "2")  # ending now
    assert result.exit_code == 0, result.output
    period = be_period(datetime.now(UTC))
    seeded = [t for (t,) in rows(engine, "SELECT ticket FROM complaint WHERE ticket LIKE :p", p=f"NMK{period}-%")]
    with session_scope(engine) as s:
        nxt = next_ticket("NMK", period, session=s)
    assert nxt == f"NMK{period}-{len(seeded) + 1:04d}" and nxt not in seeded


def test_without_the_search_index(app, engine) -> None:
    assert run(app, "--cases", "30", "--months", "2", "--no-index").exit_code == 0
    assert rows(engine, "SELECT count(*) FROM complaint_word") == [(0,)]


def test_refused_in_production(engine, database_url, tmp_path) -> None:
    settings = Settings(_env_file=None, app_env="production", instance_path=str(tmp_path), worker_threads=0,
                        database_url=database_url, secret_key="9f3c1e0b7a6d4c2e8f1a3b5d7c9e0f21",
                        line_channel_secret="0123456789abcdef0123456789abcdef",
                        line_channel_access_token="a-real-long-lived-token")
    result = run(create_app(settings), "--cases", "10")
    assert result.exit_code != 0 and "production" in result.output
    assert rows(engine, "SELECT count(*) FROM complaint") == [(0,)]
    assert rows(engine, "SELECT count(*) FROM staff") == [(0,)]


def _schema(engine) -> list[tuple]:
    if engine.dialect.name == "postgresql":
        return rows(engine, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                            "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2") + \
            rows(engine, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2") + \
            rows(engine, "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1")
    return rows(engine, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")


def test_a_large_load_leaves_every_index_and_key_as_it_was(engine, monkeypatch) -> None:
    """Above BIG_LOAD the biggest tables are loaded without their indexes and (PostgreSQL) keys,
    which are made again afterwards: the schema must come back exactly, and the data must fit it."""
    before = _schema(engine)
    monkeypatch.setattr(demo_seed, "BIG_LOAD", 1)
    until = WINDOW_END.timestamp()
    result = seed_demo(engine, Options(cases=120, months=2, until=until, seed=3, password=PASSWORD))
    assert result.counts["complaint"] == 120 and result.counts["complaint_word"] > 0
    assert _schema(engine) == before  # triggers too
    if engine.dialect.name == "sqlite":
        assert rows(engine, "PRAGMA foreign_key_check") == []
    # Loaded without the chat_month triggers, counted once at the end: the same as the triggers keep it.
    from tests.models.test_chat_month import _assert_equal

    assert rows(engine, "SELECT count(*) FROM chat_month")[0][0] > 0
    _assert_equal(engine)


def test_the_demo_is_added_beside_what_someone_tried_in_the_chat(app, client, worker, fake_line, engine) -> None:
    """The README's order of things: try the chat, then `flask demo seed`. Nothing tried is lost, the
    person is told so, and a second seed is refused without touching anything."""
    from tests.citizen import Citizen, file_street_light_complaint

    ticket = file_street_light_complaint(Citizen(client, worker, fake_line))
    tried = rows(engine, "SELECT id, ticket, description, reporter_line_id FROM complaint")
    events = rows(engine, "SELECT webhook_event_id FROM inbound_event ORDER BY id")
    result = run(app, "--cases", "60", "--months", "3")
    assert result.exit_code == 0, result.output
    assert "kept what was already there" in result.output and "1 complaint" in result.output
    assert rows(engine, "SELECT id, ticket, description, reporter_line_id FROM complaint WHERE ticket = :t",
                t=ticket) == tried
    assert rows(engine, "SELECT count(*) FROM complaint") == [(61,)]
    assert set(events) <= set(rows(engine, "SELECT webhook_event_id FROM inbound_event"))
    tickets = [t for (t,) in rows(engine, "SELECT ticket FROM complaint")]
    assert len(tickets) == len(set(tickets))  # the demo's numbering continues after the tried ticket
    again = run(app, "--cases", "60", "--months", "3")
    assert again.exit_code != 0 and "earlier `flask demo seed`" in again.output and "--reset" in again.output
    assert rows(engine, "SELECT count(*) FROM complaint") == [(61,)]


def test_a_database_in_real_use_is_not_seeded(app, engine, monkeypatch) -> None:
    monkeypatch.setattr(demo_seed, "TRIED", 0)  # as if the follower below were one of hundreds of rows
    from models.conversation import record_follow

    with session_scope(engine) as s:
        record_follow("U" + "1" * 32, True, session=s)
    result = run(app, "--cases", "20", "--months", "2")
    assert result.exit_code != 0 and "real use" in result.output and "nothing was changed" in result.output
    assert rows(engine, "SELECT count(*) FROM complaint") == [(0,)]


def test_indicator_7_counts_the_demo_citizens_messages(app, seeded) -> None:
    """People who wrote and messages received come from the stored webhook events: the demo makes the
    messages its complaints, inquiries and suggestions took, in every month of the window."""
    from models.periods import fiscal_year
    from models.stats_channel import channel_summary

    with session_scope(seeded) as s:
        summary = channel_summary(fiscal_year(2569), session=s)
    # the fiscal year (October 2568 .. September 2569) lies inside the demo's window
    assert all(m.people > 0 and m.messages > m.people for m in summary.months), summary.months
    assert summary.people <= rows(seeded, "SELECT count(*) FROM follower")[0][0]
    complaints = rows(seeded, "SELECT count(*) FROM complaint WHERE ticket < 'NMK6910'")[0][0]
    assert sum(m.messages for m in summary.months) >= 3 * complaints  # at least three per complaint
