"""What a citizen does to a case: open one (a complaint, a corruption report) and cancel a complaint.

The start of the life that models/lifecycle.py continues: the new row, its ticket number, its deadline
and its first history row ("created"), in the caller's transaction. `draft` is what the conversation
collected (handlers/complaint.py, handlers/corruption.py); linking its photos is the caller's part.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from models import complaint as cm
from models import nlu_label
from models.corruption import CorruptionReport
from models.db import id_of, utcnow
from models.enums import CaseStatus, can_transition
from models.lifecycle import CITIZEN, record
from models.periods import BANGKOK, BE_OFFSET
from models.search import index_case

CONTACT_MODES = ("line", "given", "anonymous")


def be_period(now_utc: datetime) -> str:
    """YYMM in the Buddhist era, Bangkok time: the middle of a ticket number."""
    local = (now_utc if now_utc.tzinfo else now_utc.replace(tzinfo=UTC)).astimezone(BANGKOK)
    return f"{(local.year + BE_OFFSET) % 100:02d}{local.month:02d}"


def open_complaint(d: Mapping[str, Any], line_id: str | None, *, prefix: str, session: Session) -> cm.Case:
    now = utcnow()
    category = session.get(cm.Category, d.get("category_id")) if d.get("category_id") else None
    loc = d.get("location") or {}
    mode = str(d["contact_mode"]) if d.get("contact_mode") in CONTACT_MODES else "anonymous"
    case = cm.Case(
        ticket=cm.next_ticket(prefix, be_period(now), session=session),
        category_id=category.id if category else None,
        division_id=category.division_id if category else None,
        description=str(d.get("description") or "").strip(),
        landmark=str(d.get("landmark") or "")[:500],
        latitude=loc.get("latitude"), longitude=loc.get("longitude"),
        location_title=str(loc.get("title") or "")[:200], location_address=str(loc.get("address") or "")[:500],
        contact_mode=mode,
        # Kept even for anonymous complaints so that status news reaches the citizen;
        # staff see the name and phone only when the citizen chose to give them.
        reporter_line_id=line_id,
        reporter_name=str(d.get("name") or "")[:200] if mode != "anonymous" else "",
        reporter_phone=str(d.get("phone") or "")[:32] if mode == "given" else "",
        created_at=now, updated_at=now, due_at=cm.due_date(now),
    )
    session.add(case)
    session.flush()
    index_case(case, session=session)  # staff find it by Thai words from the start
    nlu_label.record(id_of(case), case.category_id, "citizen", session=session)
    record(case, CITIZEN, session=session, kind="created", to_status=CaseStatus.RECEIVED)
    return case


def open_corruption(d: Mapping[str, Any], line_id: str | None, *, prefix: str,
                    session: Session) -> CorruptionReport:
    now = utcnow()
    given = d.get("contact_mode") == "given"
    report = CorruptionReport(
        ticket=cm.next_ticket(prefix, be_period(now), session=session),
        accused=str(d.get("accused") or "").strip(), description=str(d.get("description") or "").strip(),
        contact_mode="given" if given else "anonymous", reporter_line_id=line_id,
        reporter_name=str(d.get("name") or "")[:200] if given else "",
        reporter_phone=str(d.get("phone") or "")[:32] if given else "",
        created_at=now, updated_at=now, due_at=cm.due_date(now),
    )
    session.add(report)
    session.flush()
    record(report, CITIZEN, session=session, kind="created", to_status=CaseStatus.RECEIVED)
    return report


def cancel_complaint(ticket: str, line_id: str | None, *, session: Session) -> bool:
    """The citizen withdraws their own complaint, while the transition table allows it."""
    case = cm.case_by_ticket(ticket, session=session)
    if case is None or case.reporter_line_id != line_id:
        return False
    if not can_transition("citizen", CaseStatus(case.status), CaseStatus.CANCELLED):
        return False
    old, now = case.status, utcnow()
    case.status, case.updated_at, case.closed_at = CaseStatus.CANCELLED, now, now
    session.add(case)
    record(case, CITIZEN, session=session, from_status=old, to_status=CaseStatus.CANCELLED)
    return True
