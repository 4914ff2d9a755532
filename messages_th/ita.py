"""Thai text of the ITA evidence export (XLSX, PDF, the admin download page, `flask ita export`).

A table of strings and the few formatters the workbook and the PDF share, long by nature.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from messages_th.admin import texts
from messages_th.admin_dashboard import days, number, percent, score, score_change  # noqa: F401  (one way to write numbers)
from messages_th.dates import MONTHS, MONTHS_SHORT, thai_date

TEXT: dict[str, str] = {
    # --- periods and errors (click.BadParameter and the download form) -------------------------
    "period.month": "เดือน{month} {year}",
    "period.quarter": "ไตรมาสที่ {n} ปีงบประมาณ {fy} ({first} – {last})",
    "period.half.1": "ครึ่งปีแรก ปีงบประมาณ {fy} ({first} – {last})",
    "period.half.2": "ครึ่งปีหลัง ปีงบประมาณ {fy} ({first} – {last})",
    "period.fy": "ปีงบประมาณ {fy}",
    "period.range": "ตั้งแต่ {start} ถึง {end}",
    "kind.month": "รายเดือน",
    "kind.quarter": "รายไตรมาส",
    "kind.half": "ราย 6 เดือน",
    "kind.fy": "ทั้งปีงบประมาณ",
    "error.kind": "ไม่รู้จักช่วงเวลาแบบ “{kind}”",
    "error.format.month": "รูปแบบเดือนไม่ถูกต้อง: “{text}” ใช้ ปี พ.ศ.-เดือน เช่น 2569-01 (มกราคม 2569)",
    "error.format.quarter": "รูปแบบไตรมาสไม่ถูกต้อง: “{text}” ใช้ ปีงบประมาณ-Q1 ถึง Q4 เช่น 2569-Q2 "
                            "(มกราคม – มีนาคม 2569)",
    "error.format.half": "รูปแบบครึ่งปีไม่ถูกต้อง: “{text}” ใช้ ปีงบประมาณ-H1 (ต.ค. – มี.ค.) หรือ -H2 "
                         "(เม.ย. – ก.ย.) เช่น 2569-H1",
    "error.format.fy": "รูปแบบปีงบประมาณไม่ถูกต้อง: “{text}” ใช้ปี พ.ศ. 4 หลัก เช่น 2569",
    "error.year": "ปี {year} ไม่ใช่ปี พ.ศ. ที่ใช้ได้ (ระหว่าง {lo} ถึง {hi}) ปี ค.ศ. ให้บวก 543 เช่น 2026 คือ 2569",
    "error.month": "ไม่มีเดือนที่ {month} (เดือนต้องเป็น 01 ถึง 12)",
    "error.quarter": "ไตรมาสต้องเป็น Q1 ถึง Q4 (ไม่ใช่ {number})",
    "error.half": "ครึ่งปีต้องเป็น H1 หรือ H2 (ไม่ใช่ {number})",
    "error.none": "โปรดระบุช่วงเวลาหนึ่งอย่าง: --month, --quarter, --half หรือ --fiscal-year",
    "error.many": "ระบุช่วงเวลาได้ครั้งละหนึ่งอย่างเท่านั้น",
    "error.out": "เขียนไฟล์ลงโฟลเดอร์ {path} ไม่ได้: {reason}",
    # --- the command line ---------------------------------------------------------------------
    "cli.start": "กำลังจัดทำหลักฐาน ITA {period} …",
    "cli.step": "  {step} … ({seconds:.1f} วินาที)",
    "cli.wrote": "เขียนไฟล์แล้ว: {path}",
    "cli.done": "เสร็จสิ้นใน {seconds:.1f} วินาที",
    "step.figures": "สรุปตัวเลข",
    "step.xlsx": "ไฟล์ Excel",
    "step.pdf": "ไฟล์ PDF",
    # --- both files -----------------------------------------------------------------------------
    "doc.title": "หลักฐานประกอบการประเมินคุณธรรมและความโปร่งใส (ITA)",
    "doc.subtitle": "ข้อมูลจากช่องทาง LINE Official Account ของ{name}",
    "doc.generated": "จัดทำเมื่อ {when}",
    "doc.previous": "เทียบกับ{period}",
    "doc.privacy": "เอกสารนี้ไม่มีข้อมูลส่วนบุคคล: ไม่มีชื่อ เบอร์โทรศัพท์ บัญชี LINE หรือข้อความของผู้แจ้ง "
                   "และไม่มีรายละเอียดของเรื่องร้องเรียนการทุจริต มีเฉพาะจำนวนและระยะเวลา",
    "doc.dates": "วันที่ทั้งหมดเป็นเวลาประเทศไทย ปี พ.ศ.",
    "ind.5": "ตัวชี้วัดที่ 5 การแก้ไขปัญหาการทุจริต",
    "ind.6": "ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน",
    "ind.7": "ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร",
    "ind.8": "ตัวชี้วัดที่ 8 การปรับปรุงการทำงาน",
    "sheet.summary": "สรุป",
    "sheet.5": "ตัวชี้วัดที่ 5",
    "sheet.6": "ตัวชี้วัดที่ 6",
    "sheet.7": "ตัวชี้วัดที่ 7",
    "sheet.8": "ตัวชี้วัดที่ 8",
    "sheet.raw": "ข้อมูลดิบเรื่องร้องเรียน",
    "sheet.raw.more": "ข้อมูลดิบเรื่องร้องเรียน {n}",
    "col.indicator": "ตัวชี้วัด",
    "col.item": "รายการ",
    "col.this": "ช่วงนี้",
    "col.previous": "ช่วงก่อนหน้า",
    "col.previous.none": "{period} (ไม่มีข้อมูล)",
    "col.change": "เปลี่ยนแปลง",
    "col.total": "รวม",
    "col.month": "เดือน",
    "none": "–",
    "yes": "ใช่",
    "no": "ไม่ใช่",
    # indicator 5
    "c5.title": "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
    "c5.received": "เรื่องร้องเรียนการทุจริตที่ได้รับ (เรื่อง)",
    "c5.finished": "ดำเนินการแล้วเสร็จ (เรื่อง)",
    "c5.in_progress": "อยู่ระหว่างดำเนินการ (เรื่อง)",
    "c5.median": "ระยะเวลาดำเนินการของเรื่องที่แล้วเสร็จ (มัธยฐาน, วัน)",
    "c5.none": "ไม่มีเรื่องร้องเรียน",
    "c5.none.detail": "ในช่วงเวลานี้ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบเข้ามาทางช่องทางนี้",
    "c5.note": "แสดงเฉพาะจำนวนและสถานะ ไม่แสดงรายละเอียดเรื่อง ผู้ถูกร้องเรียน หรือตัวตนของผู้แจ้ง "
               "สถานะนับ ณ วันที่จัดทำรายงาน",
    # indicator 6
    "c6.cases": "เรื่องร้องเรียน-ร้องทุกข์",
    "c6.received": "เรื่องที่ได้รับ (เรื่อง)",
    "c6.answered": "ตอบผลแล้ว (เรื่อง)",
    "c6.within": "ตอบภายใน 15 วัน (เรื่อง)",
    "c6.share": "ร้อยละที่ตอบภายใน 15 วัน",
    "c6.median": "ระยะเวลาดำเนินการ (มัธยฐาน, วัน)",
    "c6.open": "ยังดำเนินการอยู่ (เรื่อง)",
    "c6.answered.note": "ตอบผลแล้ว คือ ดำเนินการแล้วเสร็จ ส่งต่อหน่วยงานที่รับผิดชอบ หรือแจ้งเหตุผลที่ไม่รับพิจารณา "
                        "ระยะเวลานับจากวันที่รับเรื่องถึงวันที่ตอบผล",
    "c6.by_category": "จำนวนเรื่องแยกตามประเภท",
    "c6.by_status": "จำนวนเรื่องแยกตามสถานะ (ณ วันที่จัดทำรายงาน)",
    "c6.by_division": "จำนวนเรื่องแยกตามกอง",
    "c6.no_category": "ยังไม่ระบุประเภท",
    "c6.no_division": "ยังไม่ระบุกอง",
    "c6.category": "ประเภท",
    "c6.status": "สถานะ",
    "c6.division": "กอง/หน่วยงาน",
    "c6.survey": "ผลการประเมินความพึงพอใจ",
    "c6.responses": "แบบประเมินที่ได้รับ (ชุด)",
    "c6.no_survey": "ยังไม่มีผู้ตอบแบบประเมินในช่วงเวลานี้",
    "c6.service": "บริการ",
    "c6.no_service": "ไม่ระบุบริการ",
    "c6.question": "ประเด็นที่ประเมิน",
    "c6.indicator": "ตัวชี้วัด",
    "c6.answers": "จำนวนผู้ตอบ",
    "c6.average": "ค่าเฉลี่ย",
    "c6.score": "คะแนน (เต็ม 100)",
    "c6.scale.four": "4 ระดับ",
    "c6.scale.stars": "1–5 ดาว",
    "c6.levels.four": "น้อยที่สุด / น้อย / มาก / มากที่สุด",
    "c6.levels.stars": "1 / 2 / 3 / 4 / 5 ดาว",
    "c6.distribution": "จำนวนคำตอบแต่ละระดับ",
    "c6.average.detail": "{value} จาก {max}",
    # score estimate
    "score.title": "คะแนนประมาณการจากแบบประเมิน (ค่าประมาณ)",
    "score.indicator": "ตัวชี้วัดที่ {n}",
    "score.answers": "จำนวนคำตอบ",
    "score.value": "คะแนนประมาณการ",
    "score.previous": "ช่วงก่อนหน้า",
    "score.change": "เปลี่ยนแปลง",
    "score.note": "เป็นค่าประมาณ ไม่ใช่คะแนน ITA อย่างเป็นทางการ คำนวณจากคำตอบแบบประเมินในช่องทาง LINE "
                  "โดยให้คะแนนคำตอบ 4 ระดับแบบเดียวกับ ITA (น้อยที่สุด {four}) และคะแนนดาว 1–5 ดาว ({stars}) "
                  "แล้วเฉลี่ยทุกคำตอบของคำถามในตัวชี้วัดนั้น",
    "score.none": "ยังไม่มีคำตอบ",
    "score.row": "คะแนนประมาณการตัวชี้วัดที่ {n} (ค่าประมาณ, เต็ม 100)",
    # indicator 7
    "c7.channel": "ช่องทางสื่อสารสองทาง (LINE Official Account)",
    "c7.followers_now": "ผู้ติดตามบัญชี LINE ณ วันที่จัดทำรายงาน (คน)",
    "c7.new_followers": "เพิ่มเพื่อนใหม่ (คน)",
    "c7.unfollowed": "เลิกติดตามหรือบล็อก (คน)",
    "c7.people": "ผู้ส่งข้อความถึงหน่วยงาน (คน)",
    "c7.messages": "ข้อความที่ได้รับ (ข้อความ)",
    "c7.inquiries": "เรื่องสอบถาม",
    "c7.asked": "คำถามที่ได้รับ (เรื่อง)",
    "c7.faq": "ตอบทันทีจากคำถามที่พบบ่อย (เรื่อง)",
    "c7.answered": "เจ้าหน้าที่ตอบแล้ว (เรื่อง)",
    "c7.waiting": "รอเจ้าหน้าที่ตอบ (เรื่อง)",
    "c7.closed": "ปิดโดยไม่ต้องตอบ (เรื่อง)",
    "c7.helpful": "ผู้ถามแจ้งว่าคำตอบช่วยได้ (เรื่อง)",
    "c7.not_helpful": "ผู้ถามแจ้งว่าคำตอบไม่ช่วย (เรื่อง)",
    "c7.answer_hours": "ระยะเวลาที่เจ้าหน้าที่ตอบ (มัธยฐาน, ชั่วโมง)",
    "c7.faq_offered": "คำถามที่ระบบเสนอคำตอบจากคำถามที่พบบ่อย (เรื่อง)",
    "c7.followers.note": "จำนวนผู้ติดตามเป็นตัวเลข ณ วันที่จัดทำรายงาน ส่วนเพิ่มเพื่อนและเลิกติดตามนับตามเดือนที่เกิดล่าสุด",
    # indicator 8
    "c8.suggestions": "ข้อเสนอแนะเพื่อการปรับปรุงการทำงาน",
    "c8.received": "ข้อเสนอแนะที่ได้รับ (เรื่อง)",
    "c8.done": "นำไปปรับปรุงแล้ว (เรื่อง)",
    "c8.not_adopted": "ยังไม่สามารถดำเนินการได้ (เรื่อง)",
    "c8.open": "อยู่ระหว่างพิจารณา (เรื่อง)",
    "c8.actions": "ท่านเสนอ เราทำ (You said, We did)",
    "c8.actions.none": "ยังไม่มีการบันทึกการดำเนินการจากข้อเสนอแนะในช่วงเวลานี้",
    "c8.actions.more": "แสดง {shown} จาก {total} รายการ ดูทั้งหมดในไฟล์ Excel",
    "c8.ticket": "เลขที่",
    "c8.date": "วันที่ได้รับ",
    "c8.topic": "ประเด็นข้อเสนอแนะ",
    "c8.no_topic": "(ไม่ระบุประเด็น)",
    "c8.status": "ผล",
    "c8.action": "สิ่งที่หน่วยงานดำเนินการ",
    "c8.action_at": "วันที่ดำเนินการ",
    "c8.status.done": "นำไปปรับปรุงแล้ว",
    "c8.status.not_adopted": "ยังไม่สามารถดำเนินการได้",
    "c8.participation": "สรุปการมีส่วนร่วมของประชาชน",
    "c8.activity": "ประเด็น/กิจกรรม",
    "c8.people": "ผู้มีส่วนร่วม (บัญชี LINE)",
    "c8.times": "จำนวนครั้ง",
    "c8.result": "ผลที่ได้",
    "c8.use": "การนำผลไปใช้",
    "c8.eservice": "การใช้บริการออนไลน์ (E-Service) ผ่าน LINE",
    "c8.service": "บริการ",
    "act.complaint": "แจ้งเรื่องร้องเรียน-ร้องทุกข์",
    "act.corruption": "แจ้งเรื่องร้องเรียนการทุจริต",
    "act.survey": "ประเมินความพึงพอใจ",
    "act.inquiry": "สอบถามข้อมูล",
    "act.suggestion": "เสนอแนะการปรับปรุงการทำงาน",
    "result.complaint": "ตอบผลแล้ว {answered:,} เรื่อง ภายใน 15 วัน {share}",
    "result.survey": "คะแนนประมาณการตัวชี้วัดที่ 6 เท่ากับ {score}",
    "result.inquiry": "ตอบจากคำถามที่พบบ่อย {faq:,} เรื่อง เจ้าหน้าที่ตอบ {answered:,} เรื่อง",
    "result.suggestion": "นำไปปรับปรุงแล้ว {done:,} เรื่อง",
    "use.complaint": "แก้ไขปัญหาในพื้นที่ตามเรื่องที่ได้รับ",
    "use.survey": "ใช้ปรับปรุงคุณภาพการให้บริการ",
    "use.inquiry": "เพิ่มและปรับปรุงคำถามที่พบบ่อย",
    "use.suggestion": "ปรับปรุงการทำงานและแจ้งผลให้ผู้เสนอทราบ (ท่านเสนอ เราทำ)",
    # raw rows
    "raw.ticket": "เลขที่เรื่อง",
    "raw.received": "วันที่รับเรื่อง",
    "raw.closed": "วันที่ปิดเรื่อง",
    "raw.category": "ประเภท",
    "raw.division": "กอง",
    "raw.status": "สถานะ",
    "raw.days": "ระยะเวลาดำเนินการ (วัน)",
    "raw.on_time": "ตอบภายใน 15 วัน",
    "raw.note": "ข้อมูลดิบเรื่องร้องเรียน-ร้องทุกข์ที่ได้รับในช่วงเวลานี้ ไม่มีข้อความ ชื่อ เบอร์โทรศัพท์ หรือบัญชี LINE "
                "ของผู้แจ้ง วันที่เป็นปี พ.ศ. รูปแบบ ปปปป-ดด-วว",
    # PDF
    "pdf.page": "หน้า ",
    "pdf.of": " จาก ",
    "pdf.summary": "สรุปตัวเลขสำคัญ",
    "pdf.chart.months": "จำนวนเรื่องร้องเรียน-ร้องทุกข์ที่ได้รับในแต่ละเดือน",
    "pdf.chart.categories": "จำนวนเรื่องแยกตามประเภท",
    "pdf.chart.median": "ระยะเวลาดำเนินการในแต่ละเดือน (มัธยฐาน, วัน)",
    "pdf.chart.survey": "คะแนนความพึงพอใจแต่ละประเด็น (เต็ม 100)",
    "pdf.chart.inquiries": "เรื่องสอบถามในแต่ละเดือน",
    "pdf.chart.answer_hours": "ระยะเวลาที่เจ้าหน้าที่ตอบคำถามในแต่ละเดือน (มัธยฐาน, ชั่วโมง)",
    "pdf.chart.suggestions": "ข้อเสนอแนะและการนำไปปรับปรุงในแต่ละเดือน",
    "pdf.chart.corruption": "เรื่องร้องเรียนการทุจริตในแต่ละเดือน",
    "pdf.chart.bar": "{label}: {value}",
    "pdf.signature": "ผู้จัดทำ ........................................................ ตำแหน่ง ....................................................",
    "pdf.signature.date": "วันที่ ........ / ........ / ........",
    # the admin page
    "admin.title": "หลักฐาน ITA",
    "admin.intro": "ดาวน์โหลดหลักฐานประกอบการประเมิน ITA ตัวชี้วัดที่ 5–8 เป็นไฟล์ Excel และ PDF "
                   "สำหรับแนบเป็นหลักฐานบนเว็บไซต์ของหน่วยงาน",
    "admin.kind": "ช่วงเวลา",
    "admin.value": "เลือก",
    "admin.fy": "ปีงบประมาณ",
    "admin.download_xlsx": "ดาวน์โหลด Excel (.xlsx)",
    "admin.download_pdf": "ดาวน์โหลด PDF",
    "admin.preview": "แสดงตัวเลข",
    "admin.bad": "ช่วงเวลาไม่ถูกต้อง",
    "admin.privacy": "ทั้งสองไฟล์ไม่มีข้อมูลส่วนบุคคล และเรื่องทุจริตแสดงเฉพาะจำนวน",
}

tx = texts(TEXT)


def month_label(be_year: int, month: int) -> str:
    """'ต.ค. 68'."""
    return f"{MONTHS_SHORT[month - 1]} {be_year % 100:02d}"


def month_short_year(be_year: int, month: int) -> str:
    """'ต.ค. 2568'."""
    return f"{MONTHS_SHORT[month - 1]} {be_year}"


def month_long(be_year: int, month: int) -> str:
    """'ตุลาคม 2568'."""
    return f"{MONTHS[month - 1]} {be_year}"


def period_label(period) -> str:
    """'ปีงบประมาณ 2569', 'ไตรมาสที่ 2 ปีงบประมาณ 2569 (มกราคม 2569 – มีนาคม 2569)', 'เดือนมกราคม 2569'."""
    if period.kind == "month":
        return tx("period.month", month=MONTHS[period.first[1] - 1], year=period.first[0])
    if period.kind == "fy":
        return tx("period.fy", fy=period.fy)
    first, last = month_long(*period.months[0]), month_long(*period.months[-1])
    if period.kind == "quarter":
        return tx("period.quarter", n=period.number, fy=period.fy, first=first, last=last)
    return tx(f"period.half.{period.number}", fy=period.fy, first=first, last=last)


def period_range(start: datetime, end: datetime) -> str:
    """'ตั้งแต่ 1 ตุลาคม 2568 ถึง 30 กันยายน 2569' for [start, end)."""
    return tx("period.range", start=thai_date(start), end=thai_date(end - timedelta(microseconds=1)))


def hours(value: float | None) -> str:
    return TEXT["none"] if value is None else f"{value:,.1f}"


def error_text(exc) -> str:
    return tx(exc.key, **exc.values)


# Printed once, unseen, by the PDF process while the figures are computed: Thai in both weights, so
# that Pango and the Sarabun faces are loaded before the real report is drawn (bot/ita/pdf.warm_up).
FONT_SAMPLE = ("ก", "ข")
