"""Every admin route × every role × logged out: who gets in, who gets 403, who gets 404.

The route list is read from the app itself, so a new route without an entry here fails the test.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from models.complaint import Case, Category, Division
from models.corruption import CorruptionReport
from models.db import session_scope, utcnow
from models.enums import MediaStatus
from models.media import Media
from tests.admin.conftest import csrf_from, login, make_staff
from tests.admin.feedback_rows import feedback_world

ALL = {"admin", "officer", "executive", "integrity", "admin+integrity"}
ADMINS = {"admin", "admin+integrity"}
INTEGRITY = {"integrity", "admin+integrity"}
CASE_READERS = {"admin", "officer", "executive", "admin+integrity"}
CASE_WRITERS = {"admin", "officer", "admin+integrity"}

# (method, rule) -> roles that get in. Everyone else: 403, or 404 where the route hides existence.
EXPECTED: dict[tuple[str, str], set[str]] = {
    ("GET", "/admin/"): ALL,
    ("GET", "/admin/audit"): {"admin", "integrity", "admin+integrity"},
    ("GET", "/admin/cases"): CASE_READERS,
    ("GET", "/admin/cases/<ticket>"): CASE_READERS,
    ("POST", "/admin/cases/<ticket>/assign"): CASE_WRITERS,
    ("POST", "/admin/cases/<ticket>/note"): CASE_WRITERS,
    ("POST", "/admin/cases/<ticket>/status"): CASE_WRITERS,
    ("GET", "/admin/media/<int:media_id>"): CASE_READERS,
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
    ("GET", "/admin/staff"): ADMINS,
    ("POST", "/admin/staff"): ADMINS,
    ("GET", "/admin/staff/<int:staff_id>"): ADMINS,
    ("POST", "/admin/staff/<int:staff_id>/active"): ADMINS,
    ("POST", "/admin/staff/<int:staff_id>/password"): ADMINS,
    ("POST", "/admin/staff/<int:staff_id>/update"): ADMINS,
    ("GET", "/admin/privacy"): ADMINS,
    # ITA evidence: municipality-wide files to publish (counts of corruption reports, never one).
    ("GET", "/admin/ita"): {"admin", "executive", "integrity", "admin+integrity"},
    ("POST", "/admin/ita/download"): {"admin", "executive", "integrity", "admin+integrity"},
    ("POST", "/admin/privacy"): ADMINS,
    # Inquiries, FAQ and suggestions belong to no division: officers act on all, executives read.
    ("GET", "/admin/inquiries"): CASE_READERS,
    ("GET", "/admin/inquiries/<int:inquiry_id>"): CASE_READERS,
    ("POST", "/admin/inquiries/<int:inquiry_id>/answer"): CASE_WRITERS,
    ("POST", "/admin/inquiries/<int:inquiry_id>/close"): CASE_WRITERS,
    ("GET", "/admin/faq"): CASE_READERS,
    ("POST", "/admin/faq"): CASE_WRITERS,
    ("GET", "/admin/faq/new"): CASE_WRITERS,
    ("GET", "/admin/faq/<int:faq_id>"): CASE_WRITERS,
    ("POST", "/admin/faq/<int:faq_id>"): CASE_WRITERS,
    ("POST", "/admin/faq/<int:faq_id>/active"): CASE_WRITERS,
    ("GET", "/admin/suggestions"): CASE_READERS,
    ("GET", "/admin/suggestions/you-said-we-did"): CASE_READERS,
    ("GET", "/admin/suggestions/<int:suggestion_id>"): CASE_READERS,
    ("POST", "/admin/suggestions/<int:suggestion_id>/status"): CASE_WRITERS,
    ("POST", "/admin/suggestions/<int:suggestion_id>/details"): CASE_WRITERS,
    ("GET", "/admin/surveys"): ADMINS,
    ("POST", "/admin/surveys/services"): ADMINS,
    ("POST", "/admin/surveys/services/<int:service_id>"): ADMINS,
    ("POST", "/admin/surveys/services/<int:service_id>/active"): ADMINS,
    ("POST", "/admin/surveys/services/<int:service_id>/for-cases"): ADMINS,
    ("POST", "/admin/surveys/questions"): ADMINS,
    ("GET", "/admin/surveys/questions/<int:question_id>"): ADMINS,
    ("POST", "/admin/surveys/questions/<int:question_id>"): ADMINS,
    ("POST", "/admin/surveys/questions/<int:question_id>/retire"): ADMINS,
    ("POST", "/admin/surveys/questions/<int:question_id>/reactivate"): ADMINS,
}
PUBLIC = {("GET", "/admin/login"), ("POST", "/admin/login"), ("POST", "/admin/logout"),
          ("GET", "/admin/static/<path:filename>")}
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"


def admin_routes(app) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(m, r.rule) for r in app.url_map.iter_rules() if r.rule.startswith("/admin")
            for m in r.methods - {"HEAD", "OPTIONS"}}


def test_every_admin_route_has_an_expectation(app):  # noqa: ANN001
    assert admin_routes(app) - PUBLIC == set(EXPECTED)


@pytest.fixture
def world(app, engine, staff, settings):  # noqa: ANN001, ANN201
    """A complaint of กองช่าง with a photo, a corruption report with evidence, accounts."""
    make_staff(engine, "both1", "admin", "integrity")
    media_root = settings.media_path
    (media_root / "cases").mkdir(parents=True, exist_ok=True)
    (media_root / "confidential").mkdir(parents=True, exist_ok=True)
    (media_root / "cases" / "a.jpg").write_bytes(JPEG)
    (media_root / "confidential" / "c.jpg").write_bytes(JPEG)
    with session_scope(engine) as s:
        works = s.exec(select(Division).where(Division.name == "กองช่าง")).scalars().one()
        category = s.exec(select(Category).where(Category.division_id == works.id)).scalars().first()
        now = utcnow()
        case = Case(ticket="NMK6911-0001", description="ไฟดับ", category_id=category.id, division_id=works.id,
                    created_at=now, updated_at=now, reporter_line_id="U" + "1" * 32)
        report = CorruptionReport(ticket="NMKC6911-0001", description="เรียกเงิน", created_at=now, updated_at=now,
                                  reporter_line_id="U" + "2" * 32)
        s.add(case)
        s.add(report)
        s.flush()
        photo = Media(purpose="complaint", chat_key="user:U1", line_message_id="m1", case_id=case.id,
                      status=MediaStatus.STORED, path="cases/a.jpg", content_type="image/jpeg")
        evidence = Media(purpose="corruption", chat_key="user:U2", line_message_id="m2", report_id=report.id,
                         status=MediaStatus.STORED, path="confidential/c.jpg", content_type="image/jpeg")
        s.add(photo)
        s.add(evidence)
        s.flush()
        ids = {"ticket": case.ticket, "ticket_c": report.ticket, "photo": photo.id, "evidence": evidence.id,
               "category": category.id, "division": works.id, "staff": staff["executive"]}
    return {**ids, **feedback_world(engine, settings)}


def url_for_rule(rule: str, w: dict) -> str:
    ticket = w["ticket_c"] if rule.startswith("/admin/corruption/") else w["ticket"]
    media = w["evidence"] if "evidence" in rule else w["photo"]
    for name in ("inquiry_id", "faq_id", "suggestion_id", "service_id", "question_id"):
        rule = rule.replace(f"<int:{name}>", str(w[name]))
    return (rule.replace("<ticket>", ticket).replace("<int:media_id>", str(media))
            .replace("<int:category_id>", str(w["category"])).replace("<int:division_id>", str(w["division"]))
            .replace("<int:staff_id>", str(w["staff"])))


USERS = {"admin": "admin1", "officer": "officer1", "executive": "exec1", "integrity": "integrity1",
         "admin+integrity": "both1"}


@pytest.mark.parametrize("role", sorted(USERS) + ["logged out"])
def test_role_matrix(app, world, role):  # noqa: ANN001
    client = app.test_client()
    if role != "logged out":
        assert login(client, USERS[role]).status_code == 302
        token = csrf_from(client.get("/admin/").get_data(as_text=True))
    else:
        token = csrf_from(client.get("/admin/login").get_data(as_text=True))
    wrong = []
    for (method, rule), allowed in sorted(EXPECTED.items()):
        url = url_for_rule(rule, world)
        resp = client.get(url) if method == "GET" else client.post(url, data={"csrf_token": token})
        if role == "logged out":
            ok = resp.status_code == 302 and "/admin/login" in resp.headers.get("Location", "")
        elif role in allowed:
            ok = resp.status_code in (200, 302, 400)  # 400: the empty form was refused, after the role check
        else:
            ok = resp.status_code in (403, 404)
        if not ok:
            wrong.append(f"{role} {method} {url} -> {resp.status_code}")
    assert not wrong, "\n".join(wrong)


def test_an_officer_of_another_division_cannot_even_see_that_a_case_exists(app, world, engine):  # noqa: ANN001
    make_staff(engine, "teacher1", "officer", division="กองการศึกษา")
    client = app.test_client()
    login(client, "teacher1")
    token = csrf_from(client.get("/admin/").get_data(as_text=True))
    assert client.get(f"/admin/cases/{world['ticket']}").status_code == 404
    assert client.get(f"/admin/media/{world['photo']}").status_code == 404
    assert client.post(f"/admin/cases/{world['ticket']}/note", data={"csrf_token": token}).status_code == 404
    assert world["ticket"] not in client.get("/admin/cases").get_data(as_text=True)


def test_an_admin_without_integrity_is_refused_corruption_reports(app, world):  # noqa: ANN001
    client = app.test_client()
    login(client, "admin1")
    page = client.get(f"/admin/corruption/{world['ticket_c']}")
    assert page.status_code == 403 and "เรียกเงิน" not in page.get_data(as_text=True)
    assert client.get(f"/admin/corruption/evidence/{world['evidence']}").status_code in (403, 404)
    assert "NMKC" not in client.get("/admin/").get_data(as_text=True)
