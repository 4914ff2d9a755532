"""Linking a staff member's LINE account with a one-time code: right, wrong, expired, used twice,
guessed; the staff rich menu follows the link; and the command and the audit."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from models import audit
from models.db import session_scope
from models.staff import Staff, staff_by_username
from models.staff_link import USER_MAX, StaffLinkCode
from tests.citizen import Citizen, text_of
from tests.staffline.helpers import code_for, make_staff


def _thai(code: str) -> str:
    return "".join("๐๑๒๓๔๕๖๗๘๙"[int(c)] for c in code)


def test_a_code_typed_in_thai_digits_with_a_space_links_once(client, worker, fake_line, engine):
    make_staff(engine, "somchai", ["officer"], "กองช่าง")
    code = code_for(engine, "somchai")
    officer = Citizen(client, worker, fake_line)
    answer = text_of(officer.say(_thai(code[:3]) + " " + _thai(code[3:])))
    assert "ผูกบัญชี LINE นี้กับบัญชีเจ้าหน้าที่ somchai เรียบร้อยแล้ว" in answer
    with session_scope(engine) as s:
        staff = staff_by_username("somchai", session=s)
        assert staff.line_user_id == officer.user_id
        assert s.exec(select(StaffLinkCode)).first() is None  # used: gone
        rows = s.exec(select(audit.AuditLog).where(audit.AuditLog.action == "link_line")).scalars().all()
    assert len(rows) == 1 and officer.user_id not in rows[0].detail and rows[0].detail.endswith(officer.user_id[-4:])
    # The same code again, from someone else: wrong (it is used), nobody else is linked.
    other = Citizen(client, worker, fake_line)
    assert "ไม่ถูกต้อง หรือถูกใช้ไปแล้ว" in text_of(other.say(code))
    with session_scope(engine) as s:
        assert s.exec(select(Staff).where(Staff.line_user_id == other.user_id)).first() is None


def test_wrong_and_expired_codes_get_clear_answers(client, worker, fake_line, engine):
    make_staff(engine, "somsri", ["officer"], "กองช่าง")
    code = code_for(engine, "somsri")
    person = Citizen(client, worker, fake_line)
    wrong = "000000" if code != "000000" else "111111"
    assert "ไม่ถูกต้อง" in text_of(person.say(wrong))
    with session_scope(engine) as s:
        row = s.exec(select(StaffLinkCode)).scalars().one()
        row.expires_at = row.expires_at - timedelta(minutes=16)
        s.add(row)
    assert "หมดอายุแล้ว" in text_of(person.say(code))
    with session_scope(engine) as s:
        assert staff_by_username("somsri", session=s).line_user_id is None


def test_a_new_code_replaces_the_old(client, worker, fake_line, engine):
    make_staff(engine, "somsak", ["officer"], "กองช่าง")
    first = code_for(engine, "somsak")
    second = code_for(engine, "somsak")
    person = Citizen(client, worker, fake_line)
    if first != second:
        assert "ไม่ถูกต้อง" in text_of(person.say(first))
    assert "เรียบร้อยแล้ว" in text_of(person.say(second))


def test_guessing_is_throttled_per_line_user(client, worker, fake_line, engine):
    make_staff(engine, "target", ["officer"], "กองช่าง")
    code = code_for(engine, "target")
    guesser = Citizen(client, worker, fake_line)
    guesses = [f"{n:06d}" for n in range(1, 100) if f"{n:06d}" != code][:USER_MAX]
    for guess in guesses:
        assert "ไม่ถูกต้อง" in text_of(guesser.say(guess))
    # Now even the right code is refused for this LINE user, for a while.
    assert "หลายครั้งเกินไป" in text_of(guesser.say(code))
    with session_scope(engine) as s:
        assert staff_by_username("target", session=s).line_user_id is None
    # The owner, from their own LINE, still links.
    assert "เรียบร้อยแล้ว" in text_of(Citizen(client, worker, fake_line).say(code))


def test_six_digits_inside_a_citizen_step_are_the_answer_not_a_code(client, worker, fake_line, engine):
    c = Citizen(client, worker, fake_line)
    c.follow()
    c.tap("สอบถาม")
    assert "ผูกบัญชี" not in text_of(c.say("123456"))


def test_erasing_a_person_also_unlinks_their_staff_account(client, worker, fake_line, engine, settings):
    from models.privacy_erase import erase_person
    from tests import media_files

    make_staff(engine, "leaver", ["officer"], "กองช่าง")
    person = Citizen(client, worker, fake_line)
    person.say(code_for(engine, "leaver"))
    with session_scope(engine) as s:
        counts = erase_person(person.user_id, session=s, media=media_files.store(settings, engine), key=b"k" * 32,
                              actor="admin1", staff_id=None, open_note="-")
        assert counts["staff_links"] == 1
    with session_scope(engine) as s:
        assert staff_by_username("leaver", session=s).line_user_id is None


def test_linking_another_line_account_moves_the_staff_menu(app, client, worker, fake_line, engine):
    assert app.test_cli_runner().invoke(args=["richmenu", "deploy"]).exit_code == 0
    make_staff(engine, "mover", ["officer"], "กองช่าง")
    old_phone, new_phone = Citizen(client, worker, fake_line), Citizen(client, worker, fake_line)
    old_phone.say(code_for(engine, "mover"))
    assert old_phone.user_id in fake_line.store.rich_menus.per_user
    new_phone.say(code_for(engine, "mover"))
    per_user = fake_line.store.rich_menus.per_user
    assert new_phone.user_id in per_user and old_phone.user_id not in per_user
    assert "สำหรับเจ้าหน้าที่" in text_of(old_phone.postback("st:mine"))


def test_one_line_account_is_one_staff_member(client, worker, fake_line, engine):
    make_staff(engine, "first", ["officer"], "กองช่าง")
    make_staff(engine, "second", ["officer"], "กองช่าง")
    person = Citizen(client, worker, fake_line)
    person.say(code_for(engine, "first"))
    assert "ผูกกับเจ้าหน้าที่อีกคนอยู่แล้ว" in text_of(person.say(code_for(engine, "second")))
    with session_scope(engine) as s:
        assert staff_by_username("second", session=s).line_user_id is None
        assert staff_by_username("first", session=s).line_user_id == person.user_id
