"""What the staff flow (handlers/staff.py) reads and asks for: a second read port and two effects.

Apart from handlers/types.py because only a linked staff member's chat uses them; the bot layer's
DbLookup implements StaffLookup too and the worker passes it as Context.staff (None: nobody is staff,
as in the citizens' handler tests).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from handlers.types import Effect


@dataclass(frozen=True)
class StaffInfo:
    staff_id: int
    name: str
    division: str


@dataclass(frozen=True)
class StaffCase:
    """A case as a staff member sees it in LINE: no reporter, never a corruption report's content."""

    ticket: str
    kind: str  # "complaint" or "corruption"
    status: str
    category: str
    division: str
    summary: str
    place: str
    created_at: datetime
    due_at: datetime | None
    assigned: str  # the assignee's name, or ""
    mine: bool  # assigned to this staff member
    may_act: bool  # the admin view's rules: own division, integrity for corruption, never an executive


@dataclass(frozen=True)
class TemplateInfo:
    id: int
    title: str
    body: str


class StaffLookup(Protocol):
    def staff_me(self, user_id: str | None) -> StaffInfo | None:
        """The active staff member this LINE user is linked to, or None (a citizen)."""
        ...

    def staff_cases(self, user_id: str, which: str, limit: int = 10) -> list[StaffCase]:
        """which: "mine" (open, assigned to me) or "new" (open, nobody's, where I may act)."""
        ...

    def staff_case(self, ticket: str, user_id: str) -> StaffCase | None:
        """A case this staff member may see, or None."""
        ...

    def staff_divisions(self, ticket: str) -> list[tuple[int, str]]:
        """(id, name) of the active divisions this case can be forwarded to: not its own."""
        ...

    def staff_templates(self, ticket: str) -> list[TemplateInfo]:
        """The saved replies for this case's category (then those for every category)."""
        ...


@dataclass(frozen=True)
class StaffAct(Effect):
    """A staff member acts on a case from LINE: action "take", "message", "note", "forward" (to
    `division_id`) or "resolve" (with the after-photos saved in this chat). Checked again when applied
    (who the LINE user is, the role and division rules). Result: {"ok": True, "status", "pushed",
    "photos", "division"} or {"refused": reason, "status", "name"}."""

    action: str
    ticket: str
    text: str = ""
    division_id: int | None = None


@dataclass(frozen=True)
class LinkStaff(Effect):
    """A typed link code: link this LINE user to the staff account whose code it is. Result:
    {"result": "linked" | "wrong" | "expired" | "throttled" | "inactive" | "taken", "name": ...}."""

    code: str
