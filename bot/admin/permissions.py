"""Who may open which admin page and do which action: the one table the routes' guards, the menu and
the per-case checks read. A role's reach is changed here and nowhere else.

Seeing a case also depends on its division (an officer sees and acts on the own division's only):
can_view/can_act below, which the web pages and the staff flow in LINE both call. tests/security/ checks every route
against an independently written expectation, and that the menu offers exactly what a role may open.
"""
from __future__ import annotations

from typing import Any

from models.staff import Role

ADMIN, OFFICER, EXECUTIVE, INTEGRITY = Role.ADMIN, Role.OFFICER, Role.EXECUTIVE, Role.INTEGRITY

PERMISSIONS: dict[str, frozenset[Role]] = {
    "dashboard": frozenset(Role),
    "dashboard.every_division": frozenset({ADMIN, EXECUTIVE, INTEGRITY}),  # else the own division's figures
    "dashboard.corruption": frozenset({INTEGRITY}),  # the corruption counts
    "dashboard.pushes": frozenset({ADMIN, EXECUTIVE}),  # this month's pushes against LINE's quota
    "cases.read": frozenset({ADMIN, OFFICER, EXECUTIVE}),
    "cases.act": frozenset({ADMIN, OFFICER}),
    "cases.every_division.read": frozenset({ADMIN, EXECUTIVE}),
    "cases.every_division.act": frozenset({ADMIN}),
    "cases.own_division": frozenset({OFFICER}),
    "inquiries.read": frozenset({ADMIN, OFFICER, EXECUTIVE}),
    "inquiries.act": frozenset({ADMIN, OFFICER}),
    "faq.read": frozenset({ADMIN, OFFICER, EXECUTIVE}),
    "faq.edit": frozenset({ADMIN, OFFICER}),
    "suggestions.read": frozenset({ADMIN, OFFICER, EXECUTIVE}),
    "suggestions.act": frozenset({ADMIN, OFFICER}),
    "surveys": frozenset({ADMIN}),
    "corruption": frozenset({INTEGRITY}),
    "ita": frozenset({ADMIN, EXECUTIVE, INTEGRITY}),
    "audit": frozenset({ADMIN, INTEGRITY}),
    "audit.confidential": frozenset({INTEGRITY}),  # rows about corruption reports
    "staff": frozenset({ADMIN}),
    "privacy": frozenset({ADMIN}),
    "catalog": frozenset({ADMIN}),
    "templates": frozenset({ADMIN}),  # saved replies per category (picked by everyone who acts)
    "me": frozenset(Role),  # one's own account: linking one's LINE
}


def roles(action: str) -> tuple[str, ...]:
    """The roles that may do `action`, as the guards take them (roles_required(*roles("faq.edit")))."""
    return tuple(sorted(r.value for r in PERMISSIONS[action]))


def may(user: Any, action: str) -> bool:
    """Whether the signed-in user holds a role that may do `action`."""
    return bool(user.has_role(*roles(action)))


def sees_everything(user: Any) -> bool:
    return may(user, "cases.every_division.read")


def can_view(user: Any, case: Any) -> bool:
    """admin and executive: every case; officer: the cases of the own division."""
    if sees_everything(user):
        return True
    return may(user, "cases.own_division") and user.division_id is not None and case.division_id == user.division_id


def can_act(user: Any, case: Any) -> bool:
    """Executives read only; an officer acts on the own division's cases; an admin on every case."""
    if may(user, "cases.every_division.act"):
        return True
    return may(user, "cases.own_division") and user.division_id is not None and case.division_id == user.division_id
