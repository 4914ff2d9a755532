"""What the municipality teaches the text model: staff correct a case's category on the case page (kept
as a label with the case), a citizen's confirmed category is kept too, and /admin/ names the model."""
from __future__ import annotations

from sqlalchemy import select

from handlers import nlu_model
from models.complaint import Category
from models.db import session_scope
from models.nlu_label import CategoryLabel, labelled_cases
from tests.admin.cases import make_case
from tests.admin.pages import audit_actions, case_of, history, outbox, post
from tests.citizen import Citizen, file_street_light_complaint


def _category_id(engine, name: str) -> int:
    with session_scope(engine) as s:
        return s.exec(select(Category.id).where(Category.name == name)).scalars().one()


def _labels(engine) -> list[tuple[int, int, str]]:
    with session_scope(engine) as s:
        return [(r.case_id, r.category_id, r.source)
                for r in s.exec(select(CategoryLabel).order_by(CategoryLabel.id)).scalars()]


def test_staff_correct_the_category_and_it_becomes_a_label(engine, as_role) -> None:
    ticket = make_case(engine, "น้ำไม่ไหลตั้งแต่เช้า ก๊อกแห้ง", category="ท่อระบายน้ำ/น้ำท่วม")
    water = _category_id(engine, "น้ำประปา")
    officer = as_role("officer")
    page = officer.get(f"/admin/cases/{ticket}").get_data(as_text=True)
    assert f'action="/admin/cases/{ticket}/category"' in page and "น้ำประปา" in page
    resp = post(officer, ticket, "category", {"category": str(water)})
    assert resp.status_code == 302
    assert "เปลี่ยนหมวดเป็น" in officer.get(resp.headers["Location"]).get_data(as_text=True)
    case = case_of(engine, ticket)
    assert case.category_id == water
    assert _labels(engine) == [(case.id, water, "staff")]
    last = history(engine, ticket)[-1]
    assert last.kind == "category" and last.note == "ท่อระบายน้ำ/น้ำท่วม → น้ำประปา" and last.actor == "officer1"
    assert "recategorize_case" in [a for a, _, _ in audit_actions(engine)]
    assert outbox(engine) == []  # the citizen is not bothered with it
    with session_scope(engine) as s:
        assert labelled_cases(session=s) == [(case.id, "น้ำไม่ไหลตั้งแต่เช้า ก๊อกแห้ง", "น้ำประปา")]


def test_the_same_or_an_unknown_category_is_refused(engine, as_role) -> None:
    ticket = make_case(engine, "ถนนพัง")
    officer = as_role("officer")
    post(officer, ticket, "category", {"category": str(_category_id(engine, "ถนน/ทางเท้า"))})
    post(officer, ticket, "category", {"category": "999"})
    assert _labels(engine) == [] and [h.kind for h in history(engine, ticket)] == ["created"]
    assert post(officer, ticket, "category", {"category": "1"}, token=False).status_code == 400


def test_a_citizens_confirmed_category_is_kept_and_a_later_correction_wins(client, worker, fake_line, engine,
                                                                          as_role) -> None:
    ticket = file_street_light_complaint(Citizen(client, worker, fake_line))
    case = case_of(engine, ticket)
    light, road = _category_id(engine, "ไฟฟ้าสาธารณะ"), _category_id(engine, "ถนน/ทางเท้า")
    assert _labels(engine) == [(case.id, light, "citizen")]
    post(as_role("admin"), ticket, "category", {"category": str(road)})
    with session_scope(engine) as s:
        assert [name for _, _, name in labelled_cases(session=s)] == ["ถนน/ทางเท้า"]


def test_the_dashboard_names_the_model_in_use(as_role) -> None:
    page = as_role("executive").get("/admin/").get_data(as_text=True)
    assert nlu_model.current().version in page
