"""Plain enums and transition tables shared by models, handlers and the admin view."""
from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    RECEIVED = "received"  # รับเรื่องแล้ว
    IN_PROGRESS = "in_progress"  # กำลังดำเนินการ
    RESOLVED = "resolved"  # เสร็จสิ้น
    FORWARDED = "forwarded"  # ส่งต่อหน่วยงานอื่น
    REJECTED = "rejected"  # ไม่รับพิจารณา/ยุติเรื่อง (needs a reason)
    CANCELLED = "cancelled"  # ยกเลิกโดยผู้แจ้ง


OPEN_STATUSES = frozenset({CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS})
CLOSED_STATUSES = frozenset(set(CaseStatus) - OPEN_STATUSES)

# Which status may follow which: data, so the admin view and the tests read the same table.
# (actor, from) -> allowed targets; "citizen" may only cancel an open case.
TRANSITIONS: dict[str, dict[CaseStatus, frozenset[CaseStatus]]] = {
    "staff": {
        CaseStatus.RECEIVED: frozenset({CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.FORWARDED,
                                        CaseStatus.REJECTED}),
        CaseStatus.IN_PROGRESS: frozenset({CaseStatus.RESOLVED, CaseStatus.FORWARDED, CaseStatus.REJECTED}),
        CaseStatus.FORWARDED: frozenset({CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED}),
        CaseStatus.RESOLVED: frozenset({CaseStatus.IN_PROGRESS}),  # reopened
        CaseStatus.REJECTED: frozenset({CaseStatus.IN_PROGRESS}),
        CaseStatus.CANCELLED: frozenset(),
    },
    "citizen": {
        CaseStatus.RECEIVED: frozenset({CaseStatus.CANCELLED}),
        CaseStatus.IN_PROGRESS: frozenset({CaseStatus.CANCELLED}),
        # "not fixed yet" under the resolution news (models/lifecycle.reopen, within REOPEN_DAYS):
        # back to the division as work in progress, as staff reopen a case.
        CaseStatus.RESOLVED: frozenset({CaseStatus.IN_PROGRESS}),
    },
}


def can_transition(actor: str, current: CaseStatus, target: CaseStatus) -> bool:
    return target in TRANSITIONS.get(actor, {}).get(current, frozenset())


class EventStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"  # nothing to do (unknown type, group chat ...), logged
    PARKED = "parked"  # failed too often; kept for a person to look at


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    DEAD = "dead"  # gave up after the bounded retries; visible to staff


class MediaStatus(StrEnum):
    PENDING = "pending"
    STORED = "stored"
    FAILED = "failed"
    ERASED = "erased"  # the file was deleted for privacy (models/privacy_anonymise.py); the row stays for counts


class CaseKind(StrEnum):
    COMPLAINT = "complaint"
    CORRUPTION = "corruption"


DEADLINE_DAYS = 15  # the ITA's "answered within 15 days"
REOPEN_DAYS = 14  # how long after a resolution the citizen may say "not fixed yet" and reopen it
