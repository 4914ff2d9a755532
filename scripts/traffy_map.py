"""Traffy Fondue ticket types -> our default category names and intents (data for scripts/eval_nlu.py).

Traffy lets the reporter (or the district) tick several types per ticket, and ticks "ถนน" very often
only because the problem is on a road, so a ticket's types are a set of labels, not one answer.
A row is scored on categories only when all its types point to one of our categories.

Ambiguous choices, written down so that the figures can be read with them in mind:
- "สายไฟ" is mostly telecom cables hanging low or tangled (not public lighting). Our defaults put the
  word "สายไฟ" under public lighting, and a municipality would send it to the works division either way.
- "จราจร" (traffic: signals, jams, dangerous junctions) goes to safety, where our keywords put
  "จราจร" and "รถติด"; a broken traffic light would arguably be public lighting.
- "กีดขวาง" (obstruction: vendors, parked cars on the road or footpath) goes to roads/footpaths,
  where our keywords put "กีดขวาง", "จอดขวาง" and "ทางสาธารณะ".
- "สะพาน" (bridges, footbridges) goes to roads; "คลอง" (canals) goes to drains/flooding.
- "ป้าย" (shop signs, election posters, sign tax), "คนจรจัด" (homeless people, beggars), "การเดินทาง"
  (public transport) and "ร้องเรียน" (a generic "complaint" tag) have no category of ours: None.
- "สอบถาม" and "เสนอแนะ" are intents, not categories; Traffy users tick "สอบถาม" on many plain
  complaints too, so the inquiry figures are noisy.
"""
from __future__ import annotations

import ast

ROAD = "ถนน/ทางเท้า"
LIGHT = "ไฟฟ้าสาธารณะ"
WASTE = "ขยะ/ความสะอาด"
DRAIN = "ท่อระบายน้ำ/น้ำท่วม"
NUISANCE = "เหตุเดือดร้อนรำคาญ (เสียง กลิ่น ควัน การเผา)"
ANIMAL = "สัตว์จรจัด"
TREE = "ต้นไม้"
SAFETY = "ความปลอดภัย/สาธารณภัย"

# Traffy type -> our category name, or None when no category of ours fits.
TYPE_TO_CATEGORY: dict[str, str | None] = {
    "ถนน": ROAD,
    "ทางเท้า": ROAD,
    "สะพาน": ROAD,
    "กีดขวาง": ROAD,
    "ป้ายจราจร": ROAD,
    "แสงสว่าง": LIGHT,
    "สายไฟ": LIGHT,
    "ความสะอาด": WASTE,
    "ห้องน้ำ": WASTE,
    "ท่อระบายน้ำ": DRAIN,
    "น้ำท่วม": DRAIN,
    "คลอง": DRAIN,
    "เสียงรบกวน": NUISANCE,
    "PM2.5": NUISANCE,
    "ต้นไม้": TREE,
    "สัตว์จรจัด": ANIMAL,
    "ความปลอดภัย": SAFETY,
    "จราจร": SAFETY,
    "ป้าย": None,
    "คนจรจัด": None,
    "การเดินทาง": None,
    "ร้องเรียน": None,
}

# Traffy types that say what kind of message it is rather than what it is about.
TYPE_TO_INTENT: dict[str, str] = {
    "สอบถาม": "inquiry",
    "เสนอแนะ": "suggestion",
}


def parse_types(raw: str) -> list[str]:
    """Traffy's `type` column, e.g. "['ถนน', 'ทางเท้า']" or "{ถนน,ทางเท้า}", as a list of names."""
    raw = (raw or "").strip()
    if raw.startswith("["):
        try:
            return [t.strip() for t in ast.literal_eval(raw) if str(t).strip()]
        except (ValueError, SyntaxError):
            pass
    return [t.strip(" '\"") for t in raw.strip("[]{}").split(",") if t.strip(" '\"")]


def intent_of(types: list[str]) -> str | None:
    """The intent Traffy's types imply: the first intent type listed, else complaint; None if untyped."""
    if not types:
        return None
    for t in types:
        if t in TYPE_TO_INTENT:
            return TYPE_TO_INTENT[t]
    return "complaint"


def categories_of(types: list[str]) -> tuple[set[str], list[str]]:
    """Our categories the types point to, and the types this map does not know."""
    found = {TYPE_TO_CATEGORY[t] for t in types if TYPE_TO_CATEGORY.get(t)}
    unknown = [t for t in types if t not in TYPE_TO_CATEGORY and t not in TYPE_TO_INTENT]
    return found, unknown  # type: ignore[return-value]
