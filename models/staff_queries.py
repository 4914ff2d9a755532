"""What admins read and maintain: staff accounts, the audit log of what staff did, and the
divisions and categories that staff work in (the routing table)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.audit import AuditLog
from models.complaint import Category, Division
from models.staff import Staff

AUDIT_PAGE_SIZE = 50
# Audit rows about these targets are shown only to integrity staff: even their existence tells
# that a corruption report was made and who handles it.
CONFIDENTIAL_KINDS = ("corruption",)


# --- accounts -------------------------------------------------------------------------------------
def all_staff(*, session: Session) -> list[tuple[Staff, Division | None]]:
    stmt = (select(Staff, Division).outerjoin(Division, col(Division.id) == Staff.division_id)
            .order_by(col(Staff.active).desc(), col(Staff.username)))
    return [(s, d) for s, d in session.exec(stmt).all()]


def username_taken(username: str, *, session: Session) -> bool:
    stmt = select(func.count()).select_from(Staff).where(Staff.username == username)
    return bool(session.exec(stmt).one())


# --- audit log ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    username: str = ""
    target_kind: str = ""
    target_id: str = ""
    start: datetime | None = None  # inclusive, aware
    end: datetime | None = None  # exclusive, aware


def _audit_where(stmt, f: AuditFilter, see_confidential: bool):
    if not see_confidential:
        stmt = stmt.where(col(AuditLog.target_kind).notin_(CONFIDENTIAL_KINDS))
    if f.action:
        stmt = stmt.where(AuditLog.action == f.action)
    if f.username:
        stmt = stmt.where(AuditLog.username == f.username)
    if f.target_kind:
        stmt = stmt.where(AuditLog.target_kind == f.target_kind)
    if f.target_id:
        stmt = stmt.where(AuditLog.target_id == f.target_id)
    if f.start is not None:
        stmt = stmt.where(AuditLog.at >= f.start)
    if f.end is not None:
        stmt = stmt.where(AuditLog.at < f.end)
    return stmt


def audit_page(f: AuditFilter, *, session: Session, see_confidential: bool, page: int = 1,
               per_page: int = AUDIT_PAGE_SIZE) -> tuple[list[AuditLog], bool]:
    """One page of audit rows, newest first; and whether a next page exists."""
    stmt = _audit_where(select(AuditLog), f, see_confidential)
    stmt = stmt.order_by(col(AuditLog.id).desc()).offset((max(page, 1) - 1) * per_page).limit(per_page + 1)
    rows = list(session.exec(stmt))
    return rows[:per_page], len(rows) > per_page


def audit_choices(*, session: Session, see_confidential: bool) -> tuple[list[str], list[str]]:
    """The actions and target kinds that occur in the rows this person may see (for the filters)."""
    out = []
    for column in (AuditLog.action, AuditLog.target_kind):
        stmt = _audit_where(select(col(column)).distinct(), AuditFilter(), see_confidential)
        out.append(sorted(v for v in session.exec(stmt) if v))
    return out[0], out[1]


# --- divisions and categories ---------------------------------------------------------------------
def divisions(*, session: Session) -> list[Division]:
    stmt = select(Division).order_by(col(Division.active).desc(), col(Division.id))
    return list(session.exec(stmt))


def categories(*, session: Session) -> list[tuple[Category, Division | None]]:
    stmt = (select(Category, Division).outerjoin(Division, col(Division.id) == Category.division_id)
            .order_by(col(Category.active).desc(), col(Category.sort_order), col(Category.id)))
    return [(c, d) for c, d in session.exec(stmt).all()]


def name_taken(model: type[Division] | type[Category], name: str, *, session: Session,
               except_id: int | None = None) -> bool:
    stmt = select(func.count()).select_from(model).where(model.name == name)
    if except_id is not None:
        stmt = stmt.where(model.id != except_id)
    return bool(session.exec(stmt).one())


def categories_routed_to(division_id: int, *, session: Session) -> list[Category]:
    """Active categories whose new cases go to this division."""
    stmt = select(Category).where(Category.division_id == division_id, col(Category.active).is_(True))
    return list(session.exec(stmt))
