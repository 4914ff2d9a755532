"""The audit page shows details in Thai (status labels, division and staff names), and every action
code the code base logs has a Thai label."""
from __future__ import annotations

import ast
import html
import re
from pathlib import Path

from sqlalchemy import select, update

from messages_th.admin_accounts import ACTIONS, detail_text
from messages_th.dates import status_label
from models.audit import AuditLog
from models.db import session_scope
from models.staff import Staff
from tests.admin.cases import make_case
from tests.admin.conftest import make_staff
from tests.admin.pages import post, rows_of

ROOT = Path(__file__).resolve().parents[2]


def test_assignment_and_status_details_are_thai_and_stored_machine_readable(engine, as_role):
    ticket = make_case(engine, "ถนนพัง")  # กองช่าง (id 3)
    somchai = make_staff(engine, "somchai", "officer", division="กองช่าง")
    with session_scope(engine) as s:
        s.exec(update(Staff).where(Staff.id == somchai).values(display_name="นายสมชาย ใจดี"))
    admin = as_role("admin")
    post(admin, ticket, "assign", {"division": "3", "person": str(somchai)})
    post(admin, ticket, "status", {"status": "in_progress"})
    with session_scope(engine) as s:
        stored = {a: d for a, d in s.exec(select(AuditLog.action, AuditLog.detail)
                                          .where(AuditLog.target_id == ticket)).all()}
    # What is stored stays parseable; what is shown is Thai.
    assert stored["assign_case"] == f"division=3 staff={somchai}"
    assert stored["change_status"] == "received -> in_progress"
    shown = html.unescape(rows_of(admin, f"?target_id={ticket}"))
    assert "กอง: กองช่าง · ผู้รับผิดชอบ: นายสมชาย ใจดี" in shown
    assert f"{status_label('received')} → {status_label('in_progress')}" in shown
    assert "division=" not in shown and "in_progress" not in shown and "->" not in shown


def test_detail_text_shapes() -> None:
    assert detail_text("assign_case", "division=2 staff=", divisions={2: "กองคลัง"}) == \
        "กอง: กองคลัง · ผู้รับผิดชอบ: - ไม่ระบุ -"
    assert detail_text("assign_case", "division=9 staff=7") == "กอง: กองรหัส 9 · ผู้รับผิดชอบ: บัญชีรหัส 7"
    assert detail_text("change_status", "in_progress -> resolved") == \
        f"{status_label('in_progress')} → {status_label('resolved')}"
    assert "in_progress" not in detail_text("change_status", "in_progress -> resolved")
    # A rename is not mistaken for a status change (and reads as Thai: see STORED below).
    assert detail_text("update_division", "rename: ก -> ข") == "เปลี่ยนชื่อกอง ก → ข"
    assert detail_text("change_status", "weird -> thing") == "weird -> thing"
    assert detail_text("login_failed", "") == ""


def _logged_codes() -> dict[str, str]:
    """Every string literal that can be the action code of a log_action(...) or audit.record(...)
    call in bot/ and models/ (also both arms of `"a" if x else "b"`), with where it is."""
    found: dict[str, str] = {}
    for path in [*ROOT.joinpath("bot").rglob("*.py"), *ROOT.joinpath("models").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
            owner = fn.value.id if isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name) else ""
            if name == "log_action" or (name == "record" and owner == "audit"):
                if isinstance(node.args[0], ast.Name) and path.name == "auth.py" and node.args[0].id == "action":
                    continue  # log_action passing its own argument on: its callers are scanned
                consts = [n.value for n in ast.walk(node.args[0])
                          if isinstance(n, ast.Constant) and isinstance(n.value, str)]
                assert consts, f"{path}:{node.lineno}: the action code is not a literal"
                for code in consts:
                    found[code] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_every_logged_action_has_a_thai_label() -> None:
    codes = _logged_codes()
    # The scan found the calls (a broken scan would make this test pass vacuously).
    assert {"assign_case", "change_status", "login", "login_failed", "deactivate_staff", "reactivate_staff",
            "view_personal", "update_category"} <= codes.keys()
    missing = {c: where for c, where in codes.items() if c not in ACTIONS}
    assert missing == {}, f"action codes without a Thai label in messages_th.admin_accounts.ACTIONS: {missing}"
    assert all(any("\u0e00" <= ch <= "\u0e7f" for ch in ACTIONS[c]) for c in codes)


# What the code writes (bot/admin/*.py, models/staff.py) -> a part of what a clerk should read.
STORED = [
    ("update_suggestion", "public=True", "เผยแพร่ในหน้า “คุณพูด เราทำ”: ใช่"),
    ("update_suggestion", "public=False", ": ไม่"),
    ("add_faq", "from inquiry 3", "สร้างจากเรื่องสอบถามเลขที่ 3"),
    ("update_faq", "reviewed sample", "ตรวจทานคำตอบตัวอย่างแล้ว"),
    ("version_survey_question", "v1 -> v2", "ฉบับที่ 1 → ฉบับที่ 2"),
    ("retire_survey_question", "v2", "ฉบับที่ 2"),
    ("create_staff", "somchai: admin officer", "somchai: ผู้ดูแลระบบ, เจ้าหน้าที่ประจำกอง"),
    ("update_staff", "somchai: executive", "somchai: ผู้บริหาร"),
    ("update_division", "deactivate: กองช่าง", "ปิดใช้กอง กองช่าง"),
    ("update_division", "rename: กองช่าง -> กองโยธา", "เปลี่ยนชื่อกอง กองช่าง → กองโยธา"),
    ("update_category", "ถนน -> กองช่าง; keywords=3; active=False", "ถนน → กองช่าง · คำสำคัญ 3 คำ · ปิดใช้งาน"),
    ("export_ita", "xlsx", "ไฟล์ XLSX"),
    ("login_failed", "bad", "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"),
    ("login_failed", "locked", "บัญชีถูกล็อกชั่วคราว"),
]


def test_every_coded_detail_reads_as_thai() -> None:
    for action, stored, thai in STORED:
        shown = detail_text(action, stored)
        assert thai in shown, (action, stored, shown)
        english = set(re.findall(r"[A-Za-z]+", shown)) - {"somchai", "XLSX"}
        assert not english, (action, stored, shown)


def test_the_public_flag_of_a_suggestion_is_thai_on_the_audit_page(engine, as_role) -> None:
    from tests.admin.feedback_rows import make_suggestion, token_of

    sid, ticket = make_suggestion(engine)
    admin = as_role("admin")
    token = token_of(admin, f"/admin/suggestions/{sid}")
    admin.post(f"/admin/suggestions/{sid}/details", data={"topic": "ขยะ", "public": "1", "csrf_token": token})
    shown = html.unescape(rows_of(admin, f"?target_id={ticket}"))
    assert "เผยแพร่ในหน้า “คุณพูด เราทำ”: ใช่" in shown and "public=" not in shown and "True" not in shown
