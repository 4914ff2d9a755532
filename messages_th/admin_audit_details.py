"""Thai for the audit details that are not statuses or assignments (messages_th/admin_accounts.py
handles those): flags, versions, roles and reasons are stored as the code wrote them ("public=True",
"from inquiry 3", "bad") and read here, so that every row of the audit page is Thai, old rows too."""
from __future__ import annotations

import re
from collections.abc import Callable

from messages_th.admin import role_label

TEXT = {
    "yes": "ใช่",
    "no": "ไม่",
    "public": "เผยแพร่ในหน้า “คุณพูด เราทำ”: {value}",
    "from_inquiry": "สร้างจากเรื่องสอบถามเลขที่ {n}",
    "reviewed_sample": "ตรวจทานคำตอบตัวอย่างแล้ว",
    "version": "ฉบับที่ {n}",
    "versions": "ฉบับที่ {old} → ฉบับที่ {new}",
    "roles": "{username}: {roles}",
    "division.reactivate": "เปิดใช้กอง {name}",
    "division.deactivate": "ปิดใช้กอง {name}",
    "division.rename": "เปลี่ยนชื่อกอง {old} → {new}",
    "category": "{name} → {division} · คำสำคัญ {keywords} คำ · {active}",
    "active": "ใช้งาน",
    "inactive": "ปิดใช้งาน",
    "file": "ไฟล์ {kind}",
    "login.bad": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
    "login.locked": "บัญชีถูกล็อกชั่วคราว",
    "login.other": "เข้าระบบไม่สำเร็จ ({code})",
    "renamed": "{old} → {new}",
}
LOGIN_REASONS = {"bad": "login.bad", "locked": "login.locked"}


def _yes(value: str) -> str:
    return TEXT["yes"] if value == "True" else TEXT["no"]


def _category(m: re.Match) -> str:
    return TEXT["category"].format(name=m[1], division=m[2], keywords=m[3],
                                   active=TEXT["active"] if m[4] == "True" else TEXT["inactive"])


def _roles(m: re.Match) -> str:
    return TEXT["roles"].format(username=m[1], roles=", ".join(role_label(r) for r in m[2].split()))


# action -> [(shape of the stored detail, its Thai)]
SHAPES: dict[str, list[tuple[re.Pattern[str], Callable[[re.Match], str]]]] = {
    "update_suggestion": [(re.compile(r"^public=(True|False)$"), lambda m: TEXT["public"].format(value=_yes(m[1])))],
    "add_faq": [(re.compile(r"^from inquiry (\d+)$"), lambda m: TEXT["from_inquiry"].format(n=m[1]))],
    "update_faq": [(re.compile(r"^reviewed sample$"), lambda m: TEXT["reviewed_sample"])],
    "version_survey_question": [(re.compile(r"^v(\d+) -> v(\d+)$"),
                                 lambda m: TEXT["versions"].format(old=m[1], new=m[2]))],
    "create_staff": [(re.compile(r"^([^:\s]+): ([a-z ]+)$"), _roles)],
    "update_staff": [(re.compile(r"^([^:\s]+): ([a-z ]+)$"), _roles)],
    "update_division": [
        (re.compile(r"^(reactivate|deactivate): (.*)$"), lambda m: TEXT[f"division.{m[1]}"].format(name=m[2])),
        (re.compile(r"^rename: (.*) -> (.*)$"), lambda m: TEXT["division.rename"].format(old=m[1], new=m[2]))],
    "add_category": [(re.compile(r"^(.*) -> (.*); keywords=(\d+); active=(True|False)$"), _category)],
    "update_category": [(re.compile(r"^(.*) -> (.*); keywords=(\d+); active=(True|False)$"), _category)],
    "update_survey_service": [(re.compile(r"^(.*) -> (.*)$"), lambda m: TEXT["renamed"].format(old=m[1], new=m[2]))],
    "export_ita": [(re.compile(r"^(xlsx|pdf)$"), lambda m: TEXT["file"].format(kind=m[1].upper()))],
    "login_failed": [(re.compile(r"^([a-z_]+)$"), lambda m: TEXT[LOGIN_REASONS[m[1]]] if m[1] in LOGIN_REASONS
                      else TEXT["login.other"].format(code=m[1]))],
}
for _action in ("update_survey_question", "retire_survey_question", "reactivate_survey_question",
                "add_survey_question"):
    SHAPES[_action] = [(re.compile(r"^v(\d+)$"), lambda m: TEXT["version"].format(n=m[1]))]


def other_detail(action: str, detail: str) -> str:
    """The Thai of a detail in one of the shapes above; anything else as it was written (staff's own
    words: a reason, a name)."""
    for shape, thai in SHAPES.get(action, ()):
        m = shape.match(detail)
        if m:
            return thai(m)
    return detail
