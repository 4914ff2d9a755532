"""What staff are pushed in their own LINE: a new case's alert card, the corruption notice and the
morning digest (bot/runtime/staff_alerts.py and digest.py build them from the database).

The corruption notice says that a confidential report came in and nothing else: no ticket, no
category, no place, no reporter. It ends up on a phone's lock screen and in LINE's servers.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from messages_th.dates import citizen_datetime, to_bangkok
from messages_th.flex import HEADER_COLOUR, _row, _short

ALERT_COLOUR = "#C62828"  # a new case: stands out among the citizen-style green cards
CONFIDENTIAL_COLOUR = "#37474F"
TAKE, OPEN_WEB, OPEN_QUEUE = "รับเรื่อง", "เปิดในเว็บ", "เปิดคิวงาน"

TEXT = {
    "alert.title": "เรื่องร้องเรียนใหม่",
    "alert.alt": "เรื่องใหม่ {ticket}: {category}",
    "alert.ticket": "เลขที่",
    "alert.category": "ประเภท",
    "alert.place": "สถานที่",
    "alert.when": "แจ้งเมื่อ",
    "alert.photos": "รูปถ่าย",
    "alert.photo_count": "{n} รูป (ดูในเว็บ)",
    "alert.no_category": "ยังไม่ระบุประเภท",
    "alert.no_place": "ไม่ได้ระบุ",
    "alert.take_shown": "รับเรื่อง {ticket}",
    "age.now": "เมื่อสักครู่",
    "age.minutes": "{n} นาทีที่แล้ว",
    "age.hours": "{n} ชั่วโมงที่แล้ว",
    "age.days": "{n} วันที่แล้ว",
    "secret.title": "เรื่องร้องเรียนลับ",
    "secret.body": "มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบเข้ามาใหม่ 1 เรื่อง โปรดเปิดดูในระบบ",
    "secret.alt": "มีเรื่องร้องเรียนลับเข้ามาใหม่",
    "digest.title": "สรุปงานประจำวัน",
    "digest.alt": "สรุปงาน: เกินกำหนด {overdue} · รอรับเรื่อง {waiting} · สอบถามรอตอบ {inquiries}",
    "digest.overdue": "เกินกำหนด {n} เรื่อง",
    "digest.waiting": "รอรับเรื่อง {n} เรื่อง",
    "digest.inquiries": "สอบถามรอตอบ {n} เรื่อง (นานสุด {age})",
    "digest.corruption": "เรื่องร้องเรียนการทุจริตที่ยังไม่เสร็จ {n} เรื่อง (เกินกำหนด {late})",
    "digest.late_line": "{ticket} {category} · เกิน {days} วัน",
    "digest.waiting_line": "{ticket} {category} · {age}",
    "digest.more": "และอีก {n} เรื่อง",
    "digest.all_divisions": "ทุกกอง",
    # the admin dashboard: this month's pushes against LINE's quota
    "pushes.title": "ข้อความ push เดือนนี้ (นับในโควตา LINE)",
    "pushes.kind": "ประเภท",
    "pushes.count": "จำนวน (ข้อความ)",
    "pushes.news": "แจ้งความคืบหน้าถึงประชาชน",
    "pushes.staff": "แจ้งเตือนเจ้าหน้าที่ (เรื่องใหม่และสรุปประจำวัน)",
    "pushes.followup": "ถามผู้แจ้งว่าแก้ไขแล้วหรือยัง",
    "pushes.late_replies": "คำตอบที่ส่งช้า (เกินเวลาตอบกลับฟรี)",
    "pushes.total": "รวมที่ส่งจากระบบนี้",
    "pushes.quota": "LINE นับว่าใช้ไป {used:,} จาก {limit:,} ข้อความ เหลือ {left:,}",
    "pushes.unlimited": "LINE นับว่าใช้ไป {used:,} ข้อความ (แผนนี้ไม่จำกัดจำนวน)",
    "pushes.unknown": "ไม่ทราบโควตาจาก LINE ในขณะนี้",
    "pushes.low": "โควตาใกล้หมด: เรื่องใหม่จะไม่แจ้งเตือนเจ้าหน้าที่ทันที แต่รวมไว้ในสรุปงานประจำวัน",
    "pushes.note": ("เมื่อเหลือน้อยกว่า {threshold:,} ข้อความ ระบบจะรวมการแจ้งเตือนเจ้าหน้าที่ไว้ในสรุปงานประจำวัน"
                    " เพื่อเก็บโควตาไว้แจ้งประชาชน ข้อความตอบกลับ (reply) ไม่นับในโควตา"),
}


def tx(key: str, **kw: Any) -> str:
    return TEXT[key].format(**kw) if kw else TEXT[key]


def age_text(since: datetime, now: datetime) -> str:
    """'เมื่อสักครู่', '5 นาทีที่แล้ว', '3 ชั่วโมงที่แล้ว', '2 วันที่แล้ว'."""
    minutes = max(0, int((to_bangkok(now) - to_bangkok(since)).total_seconds() // 60))
    if minutes < 1:
        return tx("age.now")
    if minutes < 60:
        return tx("age.minutes", n=minutes)
    return tx("age.hours", n=minutes // 60) if minutes < 24 * 60 else tx("age.days", n=minutes // (24 * 60))


def _card(title: str, colour: str, rows: list[dict], footer: list[dict], subtitle: str = "") -> dict:
    header = [{"type": "text", "text": _short(title, 80), "weight": "bold", "color": "#FFFFFF", "size": "md",
               "wrap": True}]
    if subtitle:
        header.append({"type": "text", "text": _short(subtitle, 80), "color": "#FFFFFF", "size": "sm", "wrap": True})
    return {"type": "bubble", "size": "kilo",
            "header": {"type": "box", "layout": "vertical", "backgroundColor": colour, "contents": header},
            "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": rows},
            "footer": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": footer}}


def _uri_button(label: str, uri: str, primary: bool = False) -> dict:
    button = {"type": "button", "height": "sm", "style": "primary" if primary else "secondary",
              "action": {"type": "uri", "label": label, "uri": uri}}
    if primary:
        button["color"] = HEADER_COLOUR
    return button


def _flex(alt: str, bubble: dict) -> dict:
    return {"type": "flex", "altText": _short(alt, 400), "contents": bubble}


def case_alert(*, ticket: str, category: str, place: str, created_at: datetime, now: datetime, photos: int,
               take_data: str, open_url: str, thumbnail_url: str | None = None) -> dict:
    """One new (or reopened) complaint, for the officers of its division: take it, or open it."""
    category = category or tx("alert.no_category")
    rows = [_row(tx("alert.ticket"), ticket), _row(tx("alert.category"), category),
            _row(tx("alert.place"), _short(place or tx("alert.no_place"), 120)),
            _row(tx("alert.when"), f"{citizen_datetime(created_at)} ({age_text(created_at, now)})")]
    if photos:
        rows.append(_row(tx("alert.photos"), tx("alert.photo_count", n=photos)))
    take = {"type": "button", "height": "sm", "style": "primary", "color": HEADER_COLOUR,
            "action": {"type": "postback", "label": TAKE, "data": take_data[:300],
                       "displayText": tx("alert.take_shown", ticket=ticket)}}
    bubble = _card(tx("alert.title"), ALERT_COLOUR, rows, [take, _uri_button(OPEN_WEB, open_url)], subtitle=ticket)
    if thumbnail_url:  # LINE fetches it itself: a public https address only
        bubble["hero"] = {"type": "image", "url": thumbnail_url, "size": "full", "aspectRatio": "20:13",
                          "aspectMode": "cover"}
    return _flex(tx("alert.alt", ticket=ticket, category=category), bubble)


def corruption_alert(*, open_url: str) -> dict:
    """That a confidential report came in: deliberately nothing about it."""
    body = [{"type": "text", "text": tx("secret.body"), "size": "sm", "wrap": True}]
    return _flex(tx("secret.alt"), _card(tx("secret.title"), CONFIDENTIAL_COLOUR, body,
                                         [_uri_button(OPEN_WEB, open_url, primary=True)]))


def _list(heading: str, lines: Sequence[str], total: int) -> list[dict]:
    out = [{"type": "text", "text": heading, "weight": "bold", "size": "sm", "wrap": True}]
    out += [{"type": "text", "text": "• " + _short(line, 120), "size": "xs", "wrap": True} for line in lines]
    if total > len(lines):
        out.append({"type": "text", "text": tx("digest.more", n=total - len(lines)), "size": "xs",
                    "color": "#6B6B6B"})
    return out


def digest(d: Any, *, scope: str, now: datetime, open_url: str) -> dict:
    """The morning push: `d` is a models.staff_alert_queries.Digest; `scope` names the division."""
    rows: list[dict] = []
    if d.overdue:
        rows += _list(tx("digest.overdue", n=d.overdue),
                      [tx("digest.late_line", ticket=c.ticket, category=c.category,
                          days=max(1, (to_bangkok(now) - to_bangkok(c.since)).days)) for c in d.overdue_top],
                      d.overdue)
    if d.waiting:
        rows += _list(tx("digest.waiting", n=d.waiting),
                      [tx("digest.waiting_line", ticket=c.ticket, category=c.category, age=age_text(c.since, now))
                       for c in d.waiting_top], d.waiting)
    if d.inquiries:
        rows += _list(tx("digest.inquiries", n=d.inquiries, age=age_text(d.oldest_inquiry or now, now)), [], 0)
    if d.corruption_open:
        rows += _list(tx("digest.corruption", n=d.corruption_open, late=d.corruption_overdue), [], 0)
    alt = tx("digest.alt", overdue=d.overdue, waiting=d.waiting, inquiries=d.inquiries)
    return _flex(alt, _card(tx("digest.title"), HEADER_COLOUR, rows, [_uri_button(OPEN_QUEUE, open_url, primary=True)],
                            subtitle=scope or tx("digest.all_divisions")))
