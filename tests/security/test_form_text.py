"""Staff text pasted from Word (a vertical tab for its line break) is stored without the characters XML
cannot hold, for every admin form at once: the ITA workbook is XML, and one such character in a
suggestion's action made the whole file unreadable (security review). The writer drops them too
(tests/ita/test_export.py); here: they never reach the database. Passwords stay exactly as typed."""
from __future__ import annotations

from tests.admin.conftest import PASSWORD, login, make_staff
from tests.admin.feedback_rows import make_suggestion, suggestion_of
from tests.admin.pages import change

PASTED = "ติดตั้งโคมไฟ\x0bเพิ่มสี่จุด\x0cแล้ว\x01\x1f ครบ\tทุกซอย"


def test_suggestion_action_from_word_is_stored_clean(client, engine) -> None:
    sid, _ = make_suggestion(engine)
    make_staff(engine, "wordpaste", "admin")
    login(client, "wordpaste")
    resp = change(client, sid, "done", action=PASTED, message="แจ้ง\x0bครับ")
    assert resp.status_code == 302
    assert suggestion_of(engine, sid).action == "ติดตั้งโคมไฟ\nเพิ่มสี่จุด\nแล้ว ครบ\tทุกซอย"


def test_passwords_are_not_touched(client, engine) -> None:
    """A password is compared, not shown or exported: changing it would lock its owner out."""
    from models.db import session_scope
    from models.staff import create_staff

    with session_scope(engine) as s:
        create_staff("oddpass", PASSWORD + "\x0b", ["admin"], session=s)
    assert login(client, "oddpass", PASSWORD + "\x0b").status_code == 302
    make_staff(engine, "plain", "admin")
    assert login(client.application.test_client(), "plain", PASSWORD + "\x0b").status_code != 302
