"""The survey setup (admins only): services, and questions whose wording, once answered, is never
changed under an old answer: an edit makes a new version and retires the old one."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from models.db import session_scope
from models.survey import SurveyAnswer, SurveyQuestion, SurveyService
from tests.admin.feedback_rows import XSS, answer_survey, audit_rows, make_questions, reset_surveys, token_of


@pytest.fixture
def questions(engine) -> list[int]:
    reset_surveys(engine)
    return make_questions(engine, 3)


def question(engine, qid: int) -> SurveyQuestion:
    with session_scope(engine) as s:
        return s.get(SurveyQuestion, qid)


def versions(engine, key: str) -> list[SurveyQuestion]:
    with session_scope(engine) as s:
        return list(s.exec(select(SurveyQuestion).where(SurveyQuestion.key == key)
                           .order_by(SurveyQuestion.version)).scalars())


def services(engine) -> dict[str, SurveyService]:
    with session_scope(engine) as s:
        return {x.name: x for x in s.exec(select(SurveyService)).scalars()}


def post(client, url: str, data: dict):
    return client.post(url, data={**data, "csrf_token": token_of(client, "/admin/surveys")})


def edit(text: str, scale: str = "four", **more: str) -> dict[str, str]:
    return {"text": text, "short": "ข้อ", "scale": scale, "indicator": "6", "sort_order": "1", **more}


@pytest.mark.parametrize("role", ["officer", "executive", "integrity"])
def test_admins_only(engine, as_role, questions, role):
    client = as_role(role)
    assert client.get("/admin/surveys").status_code == 403
    assert client.get(f"/admin/surveys/questions/{questions[0]}").status_code == 403
    token = token_of(client, "/admin/")
    resp = client.post(f"/admin/surveys/questions/{questions[0]}", data={**edit("เปลี่ยน"), "csrf_token": token})
    assert resp.status_code == 403 and question(engine, questions[0]).text == "ความพึงพอใจข้อ 1"
    assert client.post("/admin/surveys/services", data={"name": "งานใหม่", "csrf_token": token}).status_code == 403
    assert "งานใหม่" not in services(engine)


def test_logged_out_is_sent_to_login(client, questions):
    for url in ("/admin/surveys", f"/admin/surveys/questions/{questions[0]}"):
        resp = client.get(url)
        assert resp.status_code == 302 and "/admin/login" in resp.headers["Location"]


def test_csrf_is_required(engine, as_role, questions):
    admin = as_role("admin")
    assert admin.post(f"/admin/surveys/questions/{questions[0]}", data=edit("เปลี่ยน")).status_code == 400
    assert admin.post("/admin/surveys/services", data={"name": "งานใหม่"}).status_code == 400
    assert admin.post(f"/admin/surveys/questions/{questions[0]}/retire").status_code == 400
    assert question(engine, questions[0]).text == "ความพึงพอใจข้อ 1" and "งานใหม่" not in services(engine)


def test_editing_an_unanswered_question_changes_it_in_place(engine, as_role, questions):
    admin = as_role("admin")
    resp = post(admin, f"/admin/surveys/questions/{questions[0]}", edit("ท่านพอใจความรวดเร็วเพียงใด", "stars"))
    assert resp.status_code == 302 and resp.headers["Location"].endswith(f"/admin/surveys/questions/{questions[0]}")
    [only] = versions(engine, "k1")
    assert (only.id, only.version, only.text, only.scale, only.active) == (
        questions[0], 1, "ท่านพอใจความรวดเร็วเพียงใด", "stars", True)
    assert ("update_survey_question", "admin1", "k1") in audit_rows(engine, "survey_question")


def test_editing_an_answered_question_makes_a_new_version_and_old_answers_keep_their_words(engine, as_role, questions):
    answer_survey(engine, questions, value=3)
    admin = as_role("admin")
    resp = post(admin, f"/admin/surveys/questions/{questions[0]}", edit("ท่านพอใจความรวดเร็วในการแก้ไขปัญหาเพียงใด"))
    old, new = versions(engine, "k1")
    assert resp.headers["Location"].endswith(f"/admin/surveys/questions/{new.id}")
    assert (old.id, old.version, old.active, old.text) == (questions[0], 1, False, "ความพึงพอใจข้อ 1")
    assert old.retired_at is not None
    assert (new.version, new.active, new.retired_at, new.text, new.short) == (
        2, True, None, "ท่านพอใจความรวดเร็วในการแก้ไขปัญหาเพียงใด", "ข้อ")
    with session_scope(engine) as s:
        answered = s.exec(select(SurveyQuestion.text).join(SurveyAnswer, SurveyAnswer.question_id == SurveyQuestion.id)
                          .where(SurveyQuestion.key == "k1")).scalars().all()
    assert answered == ["ความพึงพอใจข้อ 1"]  # the old answer still points at what the citizen read
    page = admin.get(resp.headers["Location"]).get_data(as_text=True)
    assert "บันทึกเป็นฉบับที่ 2" in page and "ความพึงพอใจข้อ 1" in page
    versions_table = page.split("<tbody>")[1]
    assert versions_table.index("ฉบับที่ 2") < versions_table.index("ฉบับที่ 1")
    assert "1 คำตอบ" in versions_table and "0 คำตอบ" in versions_table
    assert ("version_survey_question", "admin1", "k1") in audit_rows(engine, "survey_question")
    # The scale too: answers 1-4 must not be read as stars.
    post(admin, f"/admin/surveys/questions/{questions[1]}", edit("ความพึงพอใจข้อ 2", "stars"))
    assert [(v.version, v.scale, v.active) for v in versions(engine, "k2")] == [(1, "four", False), (2, "stars", True)]
    # Order, short label and indicator change in place even with answers.
    post(admin, f"/admin/surveys/questions/{questions[2]}", edit("ความพึงพอใจข้อ 3", short="สั้น", indicator="7"))
    [third] = versions(engine, "k3")
    assert (third.short, third.indicator, third.active) == ("สั้น", 7, True)
    # A retired version can no longer be edited.
    resp = post(admin, f"/admin/surveys/questions/{questions[0]}", edit("อีกครั้ง"))
    assert resp.status_code == 400 and "มีฉบับที่ใหม่กว่าแล้ว" in resp.get_data(as_text=True)


def test_three_to_five_active_questions(engine, as_role, questions):
    admin = as_role("admin")
    resp = post(admin, f"/admin/surveys/questions/{questions[0]}/retire", {})
    assert "ต้องมีคำถามที่ใช้งานอย่างน้อย 3 ข้อ" in admin.get(resp.headers["Location"]).get_data(as_text=True)
    assert question(engine, questions[0]).active is True
    for text in ("ข้อที่สี่", "ข้อที่ห้า"):
        post(admin, "/admin/surveys/questions", edit(text))
    resp = post(admin, "/admin/surveys/questions", edit("ข้อที่หก"))
    assert "ไม่เกิน 5 ข้อ" in admin.get(resp.headers["Location"]).get_data(as_text=True)
    with session_scope(engine) as s:
        active = s.exec(select(SurveyQuestion).where(SurveyQuestion.active.is_(True))).scalars().all()
        assert sorted(q.text for q in active if q.text.startswith("ข้อที่")) == ["ข้อที่สี่", "ข้อที่ห้า"]
        assert len(active) == 5 and len({q.key for q in active}) == 5
    post(admin, f"/admin/surveys/questions/{questions[0]}/retire", {})
    retired = question(engine, questions[0])
    assert retired.active is False and retired.retired_at is not None
    post(admin, f"/admin/surveys/questions/{questions[0]}/reactivate", {})
    assert question(engine, questions[0]).active is True
    actions = [a for a, _, _ in audit_rows(engine, "survey_question")]
    assert actions == ["add_survey_question", "add_survey_question", "retire_survey_question", "reactivate_survey_question"]


def test_bad_question_input_is_refused_in_thai(engine, as_role, questions):
    admin = as_role("admin")
    for data, message in ((edit(" "), "โปรดพิมพ์ข้อความคำถาม"), (edit("ข้อความ", "ten"), "โปรดเลือกมาตรวัด"),
                          (edit("ข้อความ", indicator="5"), "โปรดเลือกตัวชี้วัด")):
        resp = post(admin, f"/admin/surveys/questions/{questions[0]}", data)
        assert resp.status_code == 400 and message in resp.get_data(as_text=True)
    assert question(engine, questions[0]).text == "ความพึงพอใจข้อ 1"


def test_services_add_rename_order_deactivate_and_the_one_for_cases(engine, as_role, questions):
    admin = as_role("admin")
    post(admin, "/admin/surveys/services", {"name": "  งานจัดเก็บขยะ "})
    post(admin, "/admin/surveys/services", {"name": "งานทะเบียนราษฎร"})
    resp = post(admin, "/admin/surveys/services", {"name": "งานจัดเก็บขยะ"})
    assert "มีงานบริการชื่อนี้แล้ว" in admin.get(resp.headers["Location"]).get_data(as_text=True)
    svc = services(engine)
    waste, registry = svc["งานจัดเก็บขยะ"], svc["งานทะเบียนราษฎร"]
    post(admin, f"/admin/surveys/services/{registry.id}", {"name": "งานทะเบียนราษฎรและบัตร", "sort_order": "-1"})
    renamed = services(engine)["งานทะเบียนราษฎรและบัตร"]
    assert renamed.sort_order == -1
    page = admin.get("/admin/surveys").get_data(as_text=True)
    assert page.index("งานทะเบียนราษฎรและบัตร") < page.index('value="งานจัดเก็บขยะ"')
    post(admin, f"/admin/surveys/services/{waste.id}/for-cases", {})
    post(admin, f"/admin/surveys/services/{registry.id}/for-cases", {})
    svc = services(engine)
    assert [n for n, x in svc.items() if x.for_cases] == ["งานทะเบียนราษฎรและบัตร"]
    resp = post(admin, f"/admin/surveys/services/{registry.id}/active", {"active": "0"})
    assert "ปิดใช้งานบริการที่ใช้กับเรื่องร้องเรียนไม่ได้" in admin.get(resp.headers["Location"]).get_data(as_text=True)
    post(admin, f"/admin/surveys/services/{waste.id}/active", {"active": "0"})
    assert services(engine)["งานจัดเก็บขยะ"].active is False
    resp = post(admin, f"/admin/surveys/services/{waste.id}/for-cases", {})
    assert services(engine)["งานจัดเก็บขยะ"].for_cases is False
    actions = {a for a, _, _ in audit_rows(engine, "survey_service")}
    assert actions == {"add_survey_service", "update_survey_service", "set_case_survey_service",
                       "deactivate_survey_service"}


def test_response_counts_per_service_and_question_version(engine, as_role, questions):
    with session_scope(engine) as s:
        service = SurveyService(name="งานป้องกันและบรรเทาสาธารณภัย")
        s.add(service)
        s.flush()
        service_id = service.id
    for _ in range(3):
        answer_survey(engine, questions, service_id=service_id)
    answer_survey(engine, questions[:1])
    page = as_role("admin").get("/admin/surveys").get_data(as_text=True)
    row = page.split(f'id="question-{questions[0]}"')[1].split("</tr>")[0]
    assert "4 คำตอบ" in row
    assert "3 คำตอบ" in page.split(f'id="question-{questions[1]}"')[1].split("</tr>")[0]
    service_row = page.split("งานป้องกันและบรรเทาสาธารณภัย")[-1].split("</tr>")[0]
    assert ">3<" in service_row


def test_text_is_escaped(engine, as_role, questions):
    admin = as_role("admin")
    post(admin, f"/admin/surveys/questions/{questions[0]}", edit(f"คำถาม {XSS}"))
    post(admin, "/admin/surveys/services", {"name": f"งาน {XSS}"})
    for url in ("/admin/surveys", f"/admin/surveys/questions/{questions[0]}"):
        page = admin.get(url).get_data(as_text=True)
        assert XSS not in page and "&lt;script&gt;" in page
