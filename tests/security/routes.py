"""Which roles may open each admin route (EXPECTED), the routes whose refusal is a 404 (HIDDEN), and a
row-count fingerprint of the database, shared by the security tests."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import SQLModel

from models.db import read_scope
from tests.security.conftest import ROLES

EVERYONE = frozenset(ROLES)


ADMINS = frozenset({"admin", "admin+integrity"})


INTEGRITY = frozenset({"integrity", "admin+integrity"})


READERS = frozenset({"admin", "officer", "officer-other", "executive", "admin+integrity"})  # public cases


WRITERS = READERS - {"executive"}  # executives read only


# (method, rule) -> roles that get in. Everyone else gets 403.
EXPECTED: dict[tuple[str, str], frozenset[str]] = {
    ("GET", "/admin/"): EVERYONE,
    ("GET", "/admin/audit"): ADMINS | INTEGRITY,
    ("GET", "/admin/cases"): READERS,
    ("GET", "/admin/cases/<ticket>"): READERS,
    ("POST", "/admin/cases/<ticket>/assign"): WRITERS,
    ("POST", "/admin/cases/<ticket>/category"): WRITERS,
    ("POST", "/admin/cases/<ticket>/note"): WRITERS,
    ("POST", "/admin/cases/<ticket>/status"): WRITERS,
    ("GET", "/admin/media/<int:media_id>"): READERS,
    ("GET", "/admin/catalog"): ADMINS,
    ("POST", "/admin/catalog/categories"): ADMINS,
    ("GET", "/admin/catalog/categories/<int:category_id>"): ADMINS,
    ("POST", "/admin/catalog/categories/<int:category_id>"): ADMINS,
    ("POST", "/admin/catalog/divisions"): ADMINS,
    ("POST", "/admin/catalog/divisions/<int:division_id>"): ADMINS,
    ("GET", "/admin/corruption"): INTEGRITY,
    ("GET", "/admin/corruption/<ticket>"): INTEGRITY,
    ("POST", "/admin/corruption/<ticket>/assign"): INTEGRITY,
    ("POST", "/admin/corruption/<ticket>/note"): INTEGRITY,
    ("POST", "/admin/corruption/<ticket>/reveal"): INTEGRITY,
    ("POST", "/admin/corruption/<ticket>/status"): INTEGRITY,
    ("GET", "/admin/corruption/evidence/<int:media_id>"): INTEGRITY,
    ("GET", "/admin/faq"): READERS,
    ("POST", "/admin/faq"): WRITERS,
    ("GET", "/admin/faq/new"): WRITERS,
    ("GET", "/admin/faq/<int:faq_id>"): WRITERS,
    ("POST", "/admin/faq/<int:faq_id>"): WRITERS,
    ("POST", "/admin/faq/<int:faq_id>/active"): WRITERS,
    ("GET", "/admin/inquiries"): READERS,
    ("GET", "/admin/inquiries/<int:inquiry_id>"): READERS,
    ("POST", "/admin/inquiries/<int:inquiry_id>/answer"): WRITERS,
    ("POST", "/admin/inquiries/<int:inquiry_id>/close"): WRITERS,
    ("GET", "/admin/ita"): ADMINS | INTEGRITY | {"executive"},
    ("POST", "/admin/ita/download"): ADMINS | INTEGRITY | {"executive"},
    ("GET", "/admin/privacy"): ADMINS,
    ("POST", "/admin/privacy"): ADMINS,
    ("GET", "/admin/staff"): ADMINS,
    ("POST", "/admin/staff"): ADMINS,
    ("GET", "/admin/staff/<int:staff_id>"): ADMINS,
    ("POST", "/admin/staff/<int:staff_id>/active"): ADMINS,
    ("POST", "/admin/staff/<int:staff_id>/password"): ADMINS,
    ("POST", "/admin/staff/<int:staff_id>/update"): ADMINS,
    ("POST", "/admin/staff/<int:staff_id>/line-unlink"): ADMINS,
    ("GET", "/admin/me"): EVERYONE,
    ("POST", "/admin/me/line-code"): EVERYONE,
    ("POST", "/admin/me/line-unlink"): EVERYONE,
    ("GET", "/admin/templates"): ADMINS,
    ("POST", "/admin/templates"): ADMINS,
    ("POST", "/admin/templates/<int:template_id>"): ADMINS,
    ("GET", "/admin/suggestions"): READERS,
    ("GET", "/admin/suggestions/you-said-we-did"): READERS,
    ("GET", "/admin/suggestions/<int:suggestion_id>"): READERS,
    ("POST", "/admin/suggestions/<int:suggestion_id>/details"): WRITERS,
    ("POST", "/admin/suggestions/<int:suggestion_id>/status"): WRITERS,
    ("GET", "/admin/surveys"): ADMINS,
    ("POST", "/admin/surveys/questions"): ADMINS,
    ("GET", "/admin/surveys/questions/<int:question_id>"): ADMINS,
    ("POST", "/admin/surveys/questions/<int:question_id>"): ADMINS,
    ("POST", "/admin/surveys/questions/<int:question_id>/reactivate"): ADMINS,
    ("POST", "/admin/surveys/questions/<int:question_id>/retire"): ADMINS,
    ("POST", "/admin/surveys/services"): ADMINS,
    ("POST", "/admin/surveys/services/<int:service_id>"): ADMINS,
    ("POST", "/admin/surveys/services/<int:service_id>/active"): ADMINS,
    ("POST", "/admin/surveys/services/<int:service_id>/for-cases"): ADMINS,
}


# The case of กองช่าง, its photo and its actions: 404 to an officer of another division.
HIDDEN = {("GET", "/admin/cases/<ticket>"), ("POST", "/admin/cases/<ticket>/assign"),
          ("POST", "/admin/cases/<ticket>/category"),
          ("POST", "/admin/cases/<ticket>/note"), ("POST", "/admin/cases/<ticket>/status"),
          ("GET", "/admin/media/<int:media_id>")}


def fingerprint(engine) -> dict[str, int]:
    """Row counts of every table (an accepted forged request would add or change rows)."""
    with read_scope(engine) as s:
        return {t.name: s.exec(select(func.count()).select_from(t)).scalar_one() for t in SQLModel.metadata.sorted_tables}
