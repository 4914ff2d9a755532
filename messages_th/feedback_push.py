"""What a citizen reads in LINE when staff answer an inquiry or act on a suggestion (pushed through
the outbox by bot/admin/inquiries.py and bot/admin/suggestions.py)."""
from __future__ import annotations

QUOTE_MAX = 60  # characters of the citizen's own question quoted back: enough to recognise it

TEXT: dict[str, str] = {
    "inquiry.head": "💬 คำตอบจากเจ้าหน้าที่{name}",
    "inquiry.quote": "คำถามของท่าน: “{question}”",
    "inquiry.tail": "หากยังมีข้อสงสัย พิมพ์ถามเพิ่มเติมได้เลยค่ะ 🙏",
    "suggestion.head": "📢 ข้อเสนอแนะเลขที่ {ticket}",
    "suggestion.considering": "เจ้าหน้าที่กำลังพิจารณาข้อเสนอของท่านค่ะ",
    "suggestion.done": "เราได้นำข้อเสนอของท่านไปดำเนินการแล้วค่ะ\nสิ่งที่ทำ: {action}",
    "suggestion.not_adopted": "ขณะนี้ยังไม่สามารถดำเนินการตามข้อเสนอได้ค่ะ\nเหตุผล: {action}",
    "suggestion.message": "ข้อความจากเจ้าหน้าที่: {message}",
    "suggestion.tail": "ขอบคุณที่ร่วมเสนอแนะเพื่อพัฒนาท้องถิ่นของเราค่ะ 🙏",
}


def quote(text: str, limit: int = QUOTE_MAX) -> str:
    """The citizen's words on one line, cut short with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def inquiry_answer(question: str, answer: str, municipality: str = "") -> str:
    """The push that carries a staff answer, quoting the question briefly so the citizen knows
    which of their questions it answers (days may have passed)."""
    return "\n".join([TEXT["inquiry.head"].format(name=municipality), TEXT["inquiry.quote"].format(question=quote(question)),
                      "", answer.strip(), "", TEXT["inquiry.tail"]])


def suggestion_update(ticket: str, status: str, action: str = "", message: str = "") -> str:
    """The push about a suggestion's new status: what was done (or why not), with its ticket."""
    parts = [TEXT["suggestion.head"].format(ticket=ticket)]
    if status == "considering":
        parts.append(TEXT["suggestion.considering"])
    elif status in ("done", "not_adopted"):
        parts.append(TEXT[f"suggestion.{status}"].format(action=action.strip()))
    if message.strip():
        parts.append(TEXT["suggestion.message"].format(message=message.strip()))
    parts.append(TEXT["suggestion.tail"])
    return "\n".join(parts)
