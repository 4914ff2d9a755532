"""One case lifecycle (models/lifecycle.py) for every kind of case, and one way to tell the citizen
(bot.runtime.outbox.tell)."""
from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import select

from bot.runtime.outbox import tell
from models import lifecycle as life
from models.complaint import Case, CaseHistory
from models.corruption import CorruptionHistory, CorruptionReport, report_by_ticket
from models.db import session_scope
from models.events import OutboundMessage
from models.privacy import random_alias
from tests.admin.access import REPORTER_LINE_ID, make_report
from tests.admin.cases import make_case

ADMIN = life.Actor("admin1", None)


def _complaint(engine: Any) -> tuple[type, str]:
    return Case, make_case(engine, "ถนนพัง")


def _corruption(engine: Any) -> tuple[type, str]:
    return CorruptionReport, make_report(engine)


KINDS = pytest.mark.parametrize("make", [_complaint, _corruption], ids=["complaint", "corruption"])


def load(engine: Any, model: type, ticket: str) -> Any:
    with session_scope(engine) as s:
        return s.execute(select(model).where(model.ticket == ticket)).scalar_one()


@KINDS
def test_a_stale_status_change_loses_whatever_the_kind(engine, make):
    model, ticket = make(engine)
    stale = load(engine, model, ticket)  # what a second member of staff had on screen
    with session_scope(engine) as s:
        life.change_status(load(engine, model, ticket), "in_progress", ADMIN, session=s)
    with session_scope(engine) as s, pytest.raises(life.Refused, match="stale"):
        life.change_status(stale, "resolved", ADMIN, session=s)
    assert load(engine, model, ticket).status == "in_progress"


@KINDS
def test_the_same_rules_whatever_the_kind(engine, make):
    model, ticket = make(engine)
    for target, reason, message, refused in (("cancelled", "", "", "transition"), ("bogus", "", "", "transition"),
                                             ("rejected", " ", "", "reason"), ("", "", " ", "nothing")):
        with session_scope(engine) as s, pytest.raises(life.Refused, match=refused):
            life.change_status(load(engine, model, ticket), target, ADMIN, session=s, reason=reason,
                               message=message)
    with session_scope(engine) as s, pytest.raises(life.Refused, match="empty"):
        life.add_note(load(engine, model, ticket), ADMIN, "  ", session=s)
    with session_scope(engine) as s, pytest.raises(life.Refused, match="assignee"):
        life.assign(load(engine, model, ticket), ADMIN, session=s, staff_id=10**6)
    with session_scope(engine) as s:
        case = s.execute(select(model).where(model.ticket == ticket)).scalar_one()
        life.change_status(case, "", ADMIN, session=s, message="ขอเอกสารเพิ่ม")
        life.add_note(case, ADMIN, "โทรแล้ว", session=s)
    history = CaseHistory if model is Case else CorruptionHistory
    with session_scope(engine) as s:
        rows = s.execute(select(history).order_by(history.id)).scalars().all()
    assert [(h.kind, h.actor, h.to_status, h.message, h.note) for h in rows] == [
        ("created", "citizen", "received", "", ""), ("message", "admin1", None, "ขอเอกสารเพิ่ม", ""),
        ("note", "admin1", None, "", "โทรแล้ว")]
    assert load(engine, model, ticket).last_message == "ขอเอกสารเพิ่ม"


def test_a_rejection_reason_is_told_for_a_complaint_only(engine):
    ticket = make_case(engine, "ถนนพัง")
    report = make_report(engine)
    with session_scope(engine) as s:
        complaint = s.execute(select(Case).where(Case.ticket == ticket)).scalar_one()
        told = life.change_status(complaint, "rejected", ADMIN, session=s, reason="ที่ดินเอกชน")
        kept = life.change_status(report_by_ticket(report, session=s), "rejected", ADMIN, session=s,  # type: ignore[arg-type]
                                  reason="พยานไม่ให้ความร่วมมือ")
    assert (told.note, told.message) == ("ที่ดินเอกชน", "ที่ดินเอกชน")
    assert (kept.note, kept.message) == ("พยานไม่ให้ความร่วมมือ", "")
    assert load(engine, CorruptionReport, report).last_message == ""


def test_tell_queues_for_a_real_id_and_wakes_after_the_commit(engine):
    wake = threading.Event()
    with session_scope(engine) as s:
        assert tell(s, REPORTER_LINE_ID, [{"type": "text", "text": "ข่าว"}], purpose="status", ticket="T1",
                    wake=wake)
        assert not wake.is_set()  # a worker woken now would not see the row yet
    assert wake.is_set()
    with session_scope(engine) as s:
        row = s.execute(select(OutboundMessage)).scalar_one()
    assert (row.to, row.kind, row.purpose, row.ticket) == (REPORTER_LINE_ID, "push", "status", "T1")


def test_tell_refuses_stand_ins_and_missing_ids(engine):
    wake = threading.Event()
    stand_in = random_alias()(REPORTER_LINE_ID)
    with session_scope(engine) as s:
        for to in (stand_in, None, ""):
            assert not tell(s, to, [{"type": "text", "text": "ข่าว"}], purpose="status", wake=wake)
    assert not wake.is_set()
    with session_scope(engine) as s:
        assert s.execute(select(OutboundMessage)).first() is None
