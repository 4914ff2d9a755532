"""Issue 13 in the admin view: linking one's LINE from "my account" (and the staff rich menu that
follows), unlinking by an admin and on deactivation, `flask staff link-code`, and saved replies:
managed by admins, picked on the case page and in LINE."""
from __future__ import annotations

import re

from sqlalchemy import select

from models.db import session_scope
from models.reply_template import ReplyTemplate
from models.staff import Staff
from tests.admin.conftest import csrf_from
from tests.admin.pages import audit_actions, case_of, post
from tests.citizen import Citizen, file_street_light_complaint, text_of
from tests.staffline.helpers import code_for

CODE = re.compile(r"รหัสผูก LINE ของท่าน: (\d{3} \d{3})")


def _staff_menu(fake_line) -> str:
    menus = fake_line.store.rich_menus.menus
    return next(k for k, m in menus.items() if m["name"].startswith("staff-main-menu"))


def _form(client, url: str, page: str = "/admin/me", **data):
    token = csrf_from(client.get(page).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def test_my_account_code_links_line_and_the_staff_menu_follows(app, client, worker, fake_line, engine, as_role,
                                                               staff):
    assert app.test_cli_runner().invoke(args=["richmenu", "deploy"]).exit_code == 0
    officer = as_role("officer")
    assert "ยังไม่ได้ผูกบัญชี LINE" in officer.get("/admin/me").get_data(as_text=True)
    answer = _form(officer, "/admin/me/line-code")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    code = CODE.search(answer.get_data(as_text=True)).group(1)
    assert code.replace(" ", "") not in (answer.headers.get("Set-Cookie") or "")
    line = Citizen(client, worker, fake_line)
    assert "เรียบร้อยแล้ว" in text_of(line.say(code))
    per_user = fake_line.store.rich_menus.per_user
    assert per_user[line.user_id] == _staff_menu(fake_line)  # the staff's menu, over the default
    page = officer.get("/admin/me").get_data(as_text=True)
    assert line.user_id not in page and ("U…" + line.user_id[-4:]) in page
    assert _form(officer, "/admin/me/line-unlink").status_code == 302
    assert line.user_id not in fake_line.store.rich_menus.per_user  # the citizens' menu again
    with session_scope(engine) as s:
        assert s.get(Staff, staff["officer"]).line_user_id is None
    assert [a for a, _, _ in audit_actions(engine) if "link" in a] == ["link_code", "link_line", "unlink_line"]
    # Unlinked, the staff buttons are for staff only; the chat is a citizen's as before.
    assert "สำหรับเจ้าหน้าที่" in text_of(line.postback("st:mine"))


def test_admin_unlinks_and_deactivation_unlinks(client, worker, fake_line, engine, as_role, staff):
    admin = as_role("admin")
    line = Citizen(client, worker, fake_line)
    line.say(code_for(engine, "officer1"))
    page = f"/admin/staff/{staff['officer']}"
    assert "ผูกแล้ว" in admin.get(page).get_data(as_text=True)
    assert _form(admin, f"{page}/line-unlink", page).status_code == 302
    with session_scope(engine) as s:
        assert s.get(Staff, staff["officer"]).line_user_id is None
    line.say(code_for(engine, "officer1"))
    assert _form(admin, f"{page}/active", page, active="0").status_code == 302
    with session_scope(engine) as s:
        assert s.get(Staff, staff["officer"]).line_user_id is None
    assert "สำหรับเจ้าหน้าที่" in text_of(line.postback("st:new"))
    assert [a for a, _, _ in audit_actions(engine) if a == "unlink_line"] == ["unlink_line", "unlink_line"]


def test_link_code_command(app, engine, staff):
    result = app.test_cli_runner().invoke(args=["staff", "link-code", "officer1"])
    assert result.exit_code == 0, result.output
    assert re.search(r"officer1: \d{3} \d{3} \(ใช้ได้ถึง", result.output)
    assert app.test_cli_runner().invoke(args=["staff", "link-code", "nobody"]).exit_code != 0


def test_unlink_command_forgets_the_line_account_and_gives_back_the_citizens_menu(app, client, worker, fake_line,
                                                                                  engine, staff):
    assert app.test_cli_runner().invoke(args=["richmenu", "deploy"]).exit_code == 0
    line = Citizen(client, worker, fake_line)
    line.say(code_for(engine, "officer1"))
    assert fake_line.store.rich_menus.per_user[line.user_id] == _staff_menu(fake_line)
    result = app.test_cli_runner().invoke(args=["staff", "unlink", "officer1"])
    assert result.exit_code == 0, result.output
    assert "ยกเลิกการผูก LINE ของ officer1" in result.output
    assert line.user_id not in fake_line.store.rich_menus.per_user
    with session_scope(engine) as s:
        assert s.get(Staff, staff["officer"]).line_user_id is None
    unlinked = [(who, target) for a, who, target in audit_actions(engine) if a == "unlink_line"]
    assert unlinked == [(unlinked[0][0], str(staff["officer"]))] and unlinked[0][0].startswith("cli")
    again = app.test_cli_runner().invoke(args=["staff", "unlink", "officer1"])
    assert again.exit_code == 0 and "ไม่ได้ผูกบัญชี LINE" in again.output
    assert [a for a, _, _ in audit_actions(engine) if a == "unlink_line"] == ["unlink_line"]  # nothing to log
    assert app.test_cli_runner().invoke(args=["staff", "unlink", "nobody"]).exit_code != 0


def test_templates_are_managed_by_admins_and_picked_on_the_web_and_in_line(client, worker, fake_line, engine,
                                                                         as_role, staff):
    admin, officer = as_role("admin"), as_role("officer")
    assert officer.get("/admin/templates").status_code == 403
    with session_scope(engine) as s:
        from models.complaint import Category
        light = s.exec(select(Category).where(Category.name == "ไฟฟ้าสาธารณะ")).scalars().one().id
        water = s.exec(select(Category).where(Category.name == "น้ำประปา")).scalars().one().id
    assert _form(admin, "/admin/templates", "/admin/templates", title="สั่งหลอดแล้ว", category_id=light,
                 body="สั่งหลอดไฟแล้ว ช่างจะเข้าไปเปลี่ยนภายใน 3 วันค่ะ").status_code == 302
    _form(admin, "/admin/templates", "/admin/templates", title="น้ำ", category_id=water, body="เรื่องน้ำ")
    bad = _form(admin, "/admin/templates", "/admin/templates", title="x" * 21, body="ยาว")
    assert "ไม่เกิน 20" in admin.get(bad.headers["Location"]).get_data(as_text=True)
    with session_scope(engine) as s:
        ours = s.exec(select(ReplyTemplate).where(ReplyTemplate.title == "สั่งหลอดแล้ว")).scalars().one().id
    citizen = Citizen(client, worker, fake_line)
    ticket = file_street_light_complaint(citizen)
    citizen.new_messages()
    page = officer.get(f"/admin/cases/{ticket}").get_data(as_text=True)
    assert "สั่งหลอดแล้ว" in page and "เรื่องน้ำ" not in page  # this category's, not another's
    post(officer, ticket, "status", {"status": "in_progress", "message": "", "template": str(ours)})
    worker.drain()
    assert case_of(engine, ticket).last_message.startswith("สั่งหลอดไฟแล้ว")
    assert "สั่งหลอดไฟแล้ว" in text_of(citizen.new_messages())
    # In LINE: the same template, one tap.
    line = Citizen(client, worker, fake_line)
    line.say(code_for(engine, "officer1"))
    line.postback(f"st:msg:{ticket}")
    assert "สั่งหลอดแล้ว" in line.labels() and "น้ำ" not in line.labels()
    assert "ส่งความคืบหน้า" in text_of(line.tap("สั่งหลอดแล้ว"))
    assert "สั่งหลอดไฟแล้ว" in text_of(citizen.new_messages())


def test_every_category_templates_are_offered_for_corruption_reports(engine, as_role, staff):
    from models.corruption import CorruptionReport
    from models.db import utcnow
    from models.events import OutboundMessage

    with session_scope(engine) as s:
        s.add(ReplyTemplate(title="กำลังตรวจสอบ", body="ได้รับเรื่องแล้ว อยู่ระหว่างตรวจสอบข้อเท็จจริงค่ะ"))
        s.add(CorruptionReport(ticket="NMKC6912-0001", description="เรียกเงิน", reporter_line_id="U" + "3" * 32,
                               created_at=utcnow(), updated_at=utcnow()))
    with session_scope(engine) as s:
        ours = s.exec(select(ReplyTemplate)).scalars().one().id
    integrity = as_role("integrity")
    page = "/admin/corruption/NMKC6912-0001"
    assert "กำลังตรวจสอบ" in integrity.get(page).get_data(as_text=True)
    resp = _form(integrity, page + "/status", page, status="in_progress", message="", template=str(ours))
    assert resp.status_code == 302
    with session_scope(engine) as s:
        report = s.exec(select(CorruptionReport)).scalars().one()
        pushed = s.exec(select(OutboundMessage)).scalars().one()
    assert report.last_message.startswith("ได้รับเรื่องแล้ว") and "อยู่ระหว่างตรวจสอบ" in pushed.messages
