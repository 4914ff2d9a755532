"""Thai text of the admin dashboard, and how its numbers, months and periods are written."""
from __future__ import annotations

from datetime import datetime, timedelta

from messages_th.admin import texts
from messages_th.dates import MONTHS_SHORT, thai_date

TEXT: dict[str, str] = {
    "title": "ภาพรวม",
    "scope.all": "เรื่องร้องเรียนทั้งหมดของหน่วยงาน",
    "scope.division": "เฉพาะเรื่องของ{division}",
    "period": "ปีงบประมาณ {year} ({start} – {end})",
    "period.choose": "ปีงบประมาณ",
    "period.show": "แสดง",
    "fiscal_year": "ปีงบประมาณ {year}",
    "key.received": "รับเรื่อง",
    "key.open": "ยังดำเนินการอยู่",
    "key.on_time": "ตอบภายใน 15 วัน",
    "key.on_time.detail": "{within} จาก {answered} เรื่องที่ตอบแล้ว",
    "key.median": "ระยะเวลาดำเนินการ (มัธยฐาน)",
    "key.median.detail": "นับจากวันรับเรื่องถึงวันที่ตอบ",
    "unit.cases": "เรื่อง",
    "unit.days": "{days} วัน",
    "none": "–",
    "months.title": "เดือนนี้เทียบกับวันเดียวกันของเดือนก่อน",
    "months.metric": "รายการ",
    "months.received": "รับเรื่อง (เรื่อง)",
    "months.on_time": "ตอบภายใน 15 วัน",
    "months.median": "ระยะเวลาดำเนินการ (มัธยฐาน)",
    "months.change": "เปลี่ยนแปลง",
    "chart.months.title": "จำนวนเรื่องที่รับในแต่ละเดือน 12 เดือนล่าสุด",
    "chart.categories.title": "จำนวนเรื่องแยกตามประเภท",
    "chart.bar": "{label}: {value} เรื่อง",
    "col.month": "เดือน",
    "col.count": "จำนวน (เรื่อง)",
    "col.share": "ร้อยละ",
    "col.status": "สถานะ",
    "col.category": "ประเภท",
    "col.division": "กอง/หน่วยงาน",
    "by_status.title": "จำนวนเรื่องแยกตามสถานะ",
    "by_division.title": "จำนวนเรื่องแยกตามกอง",
    "total": "รวม",
    "no_category": "ยังไม่ระบุประเภท",
    "no_division": "ยังไม่ระบุกอง",
    "no_cases": "ยังไม่มีเรื่องในช่วงเวลานี้",
    "oldest.title": "เรื่องที่ค้างนานที่สุด",
    "oldest.none": "ไม่มีเรื่องค้างดำเนินการ",
    "nlu.version": "รุ่นของระบบอ่านข้อความ (แนะนำหมวดและประเภทเรื่อง): {version}",
    "oldest.ticket": "เลขที่เรื่อง",
    "oldest.received": "วันที่รับเรื่อง",
    "oldest.age": "รอมาแล้ว",
    "oldest.status": "สถานะ",
    "oldest.overdue": "เกินกำหนด",
    "corruption.title": "เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
    "corruption.received": "รับเรื่อง",
    "corruption.finished": "ดำเนินการแล้วเสร็จ",
    "corruption.in_progress": "อยู่ระหว่างดำเนินการ",
    "corruption.none": "ไม่มีเรื่องร้องเรียน",
    "corruption.note": "แสดงเฉพาะจำนวน ไม่แสดงรายละเอียดหรือตัวตนของผู้แจ้ง",
    "score.title": "คะแนนประมาณการ ITA จากแบบประเมิน",
    "score.estimate": "(ค่าประมาณ)",
    "score.indicator": "ตัวชี้วัด",
    "score.name.6": "ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน",
    "score.name.7": "ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร",
    "score.name.8": "ตัวชี้วัดที่ 8 การปรับปรุงการทำงาน",
    "score.answers": "จำนวนคำตอบ",
    "score.value": "คะแนน (เต็ม 100)",
    "score.change": "เปลี่ยนแปลง",
    "score.note": "เป็นค่าประมาณจากคำตอบแบบประเมินในช่องทาง LINE โดยให้คะแนนคำตอบ 4 ระดับแบบเดียวกับ ITA "
                  "ไม่ใช่คะแนน ITA อย่างเป็นทางการ",
    "score.link": "ดูรายละเอียดและดาวน์โหลดหลักฐาน ITA",
}


tx = texts(TEXT)


def month_days(be_year: int, month: int, last_day: int) -> str:
    """'1–7 ธ.ค. 69' (the first days of a month), or '1 ธ.ค. 69'."""
    days = "1" if last_day == 1 else f"1–{last_day}"
    return f"{days} {month_short(be_year, month)}"


def month_short(be_year: int, month: int) -> str:
    """'ต.ค. 68'."""
    return f"{MONTHS_SHORT[month - 1]} {be_year % 100:02d}"


def period_text(be_year: int, start: datetime, end: datetime) -> str:
    """'ปีงบประมาณ 2569 (1 ตุลาคม 2568 – 30 กันยายน 2569)' for a fiscal year's [start, end)."""
    last_day = end - timedelta(microseconds=1)  # the period ends just before `end`
    return tx("period", year=be_year, start=thai_date(start), end=thai_date(last_day))


def percent(share: float | None) -> str:
    """'86.7%', or a dash when there is nothing to divide."""
    return TEXT["none"] if share is None else f"{share * 100:.1f}%".replace(".0%", "%")


def days(value: float | None) -> str:
    """'3.5 วัน' (one decimal; whole numbers without it), or a dash."""
    if value is None:
        return TEXT["none"]
    shown = f"{value:.1f}".removesuffix(".0")
    return tx("unit.days", days=shown)


def score(value: float | None) -> str:
    """'66.5' (points out of 100), or a dash when there were no answers."""
    return TEXT["none"] if value is None else f"{value:.1f}"


def score_change(now: float | None, before: float | None) -> str:
    """'+3.2', '−1.0' or '0.0' against the year before; a dash when either has no answers."""
    if now is None or before is None:
        return TEXT["none"]
    diff = round(now - before, 1)
    return f"+{diff:.1f}" if diff > 0 else (f"−{-diff:.1f}" if diff < 0 else "0.0")


def number(value: int) -> str:
    return f"{value:,}"


def change(now: int, before: int) -> str:
    """'+3', '−2' or '0': this month against last month."""
    diff = now - before
    return f"+{diff:,}" if diff > 0 else (f"−{-diff:,}" if diff < 0 else "0")
