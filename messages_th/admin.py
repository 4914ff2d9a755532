"""Thai text of the staff admin view, by key; templates call `t(key, **values)`."""
from __future__ import annotations

from collections.abc import Callable, Mapping

ROLE_LABELS = {
    "admin": "ผู้ดูแลระบบ",
    "officer": "เจ้าหน้าที่ประจำกอง",
    "executive": "ผู้บริหาร",
    "integrity": "ผู้รับผิดชอบเรื่องทุจริต",
}

TEXT: dict[str, str] = {
    # the pager of every list (admin/_pager.html)
    "page.nav": "เลื่อนหน้า",
    "page.first": "« หน้าแรก",
    "page.prev": "‹ หน้าก่อน",
    "page.next": "หน้าถัดไป ›",
    "page.number": "หน้า {n}",
    # the Buddhist-era date fields (admin/_date_field.html, static/admin/be-date.js)
    "date.placeholder": "วว/ดด/ปปปป",
    "date.hint": "วันที่ พ.ศ. เช่น 7/12/2569 หรือ 7 ธ.ค. 2569",
    "date.pick": "เลือกวันที่จากปฏิทิน",
    "date.prev": "เดือนก่อน",
    "date.next": "เดือนถัดไป",
    "app.title": "ระบบรับเรื่องร้องเรียน {name}",
    "nav.dashboard": "ภาพรวม",
    "nav.cases": "เรื่องร้องเรียน",
    "nav.inquiries": "เรื่องสอบถาม",
    "nav.faq": "คำถามที่พบบ่อย",
    "nav.suggestions": "ข้อเสนอแนะ",
    "nav.surveys": "แบบประเมิน",
    "nav.count": "{n:,} รายการรอดำเนินการ",
    "nav.corruption": "เรื่องทุจริต",
    "nav.ita": "หลักฐาน ITA",
    "nav.audit": "บันทึกการใช้งาน",
    "nav.staff": "บัญชีผู้ใช้",
    "nav.privacy": "คำขอลบข้อมูล",
    "nav.catalog": "หมวดเรื่องและกอง",
    "nav.templates": "ข้อความสำเร็จรูป",
    "nav.logout": "ออกจากระบบ",
    "nav.menu": "เมนู",
    "login.title": "เข้าสู่ระบบเจ้าหน้าที่",
    "login.username": "ชื่อผู้ใช้",
    "login.password": "รหัสผ่าน",
    "login.submit": "เข้าสู่ระบบ",
    "login.bad": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
    "login.locked": "เข้าสู่ระบบผิดหลายครั้งจากเครื่องนี้ โปรดรอ 15 นาทีแล้วลองใหม่ หากลืมรหัสผ่านโปรดติดต่อผู้ดูแลระบบ",
    "login.throttled": "มีการพยายามเข้าสู่ระบบจากเครื่องนี้มากเกินไป โปรดรอสักครู่แล้วลองใหม่",
    "login.required": "โปรดเข้าสู่ระบบก่อนค่ะ",
    "login.logged_out": "ออกจากระบบแล้ว",
    "error.403.title": "ไม่มีสิทธิ์เข้าถึง",
    "error.403.body": "บัญชีของท่านไม่มีสิทธิ์ดูหน้านี้ หากจำเป็น โปรดติดต่อผู้ดูแลระบบ",
    "error.404.title": "ไม่พบหน้าที่ต้องการ",
    "error.404.body": "ไม่พบข้อมูลนี้ หรือข้อมูลอาจถูกลบไปแล้ว",
    "error.csrf.title": "แบบฟอร์มหมดอายุ",
    "error.csrf.body": "แบบฟอร์มหมดอายุหรือไม่ถูกต้อง โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง",
    "error.date_range.title": "วันที่ไม่ถูกต้อง",
    "error.date_range.body": "วันที่ที่ระบุอยู่นอกช่วงที่ระบบรองรับ โปรดเลือกวันที่ระหว่าง {first} ถึง {last}",
    "error.period.title": "ช่วงเวลาไม่ถูกต้อง",
    "error.back": "กลับหน้าหลัก",
}


def texts(table: Mapping[str, str], fallback: Mapping[str, str] | None = None) -> Callable[..., str]:
    """A `t(key, **values)` over one table of Thai text (then `fallback`): every admin text module
    uses it. A missing key shows itself so it is noticed, never a crash."""

    def t(key: str, **values: object) -> str:
        text = table.get(key)
        if text is None and fallback is not None:
            text = fallback.get(key)
        if text is None:
            text = key
        return text.format(**values) if values else text

    return t


t = texts(TEXT)


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def who_label(name: str, username: str, roles: frozenset[str] | list[str]) -> str:
    """The header's "who is logged in": the name, then the roles its name does not already say
    ("ผู้ดูแลระบบ (ตัวอย่าง)" is not followed by "(ผู้ดูแลระบบ)" once more)."""
    name = name or username
    said = [role_label(r) for r in sorted(roles) if role_label(r) not in name]
    return f"{name} ({', '.join(said)})" if said else name


WEEKDAYS_SHORT = ("อา", "จ", "อ", "พ", "พฤ", "ศ", "ส")  # Sunday first, as Thai calendars print


def date_picker_text() -> dict[str, object]:
    """What the calendar script shows (it holds no Thai itself)."""
    from messages_th.dates import MONTHS

    return {"months": list(MONTHS), "weekdays": list(WEEKDAYS_SHORT), "pick": TEXT["date.pick"],
            "prev": TEXT["date.prev"], "next": TEXT["date.next"]}
