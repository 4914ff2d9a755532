"""The data the text model learns from and is measured on (training and evaluation only, never at run time).

- Traffy Fondue tickets: their `type` labels are mapped to our default categories and intents by the
  editable table data/nlu/traffy_types.csv (one row per Traffy type, with the reason for odd choices).
- data/nlu/intents.csv and categories.csv: messages written the way people in a rural municipality
  write, labelled with an intent or a category; the rows marked `heldout` are never trained on
  (scripts/eval_nlu.py reports on them).
- data/nlu/heldout_2022.csv.gz: Traffy 2022 tickets that `flask nlu train` leaves out (chosen by a
  hash of the ticket id), so a fresh clone can measure the shipped model without the Traffy data.
"""
from __future__ import annotations

import ast
import csv
import gzip
import hashlib
import io
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "nlu"
TYPES_CSV = DATA / "traffy_types.csv"
INTENTS_CSV = DATA / "intents.csv"
CATEGORIES_CSV = DATA / "categories.csv"
HELDOUT_CSV = DATA / "heldout_2022.csv.gz"
HELDOUT_SHARE = 40  # 1 ticket in this many is held out of training (by a hash of its id)
# 1 hand-written training row in this many is the validation part when thresholds are tuned
# (scripts/tune_nlu.py trains without it and measures on it); the held-out rows are never looked at.
VALIDATION_SHARE = 5


@lru_cache(maxsize=1)
def type_table() -> tuple[dict[str, str | None], dict[str, str]]:
    """Traffy type -> our category name (or None), and Traffy type -> intent, from the CSV table."""
    to_category: dict[str, str | None] = {}
    to_intent: dict[str, str] = {}
    with TYPES_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            name = row["traffy_type"].strip()
            if row.get("intent", "").strip():
                to_intent[name] = row["intent"].strip()
            else:
                to_category[name] = row.get("category", "").strip() or None
    return to_category, to_intent


def parse_types(raw: str) -> list[str]:
    """Traffy's `type` column, e.g. "['ถนน', 'ทางเท้า']", "{ถนน,ทางเท้า}" or "ถนน,ทางเท้า", as a list."""
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
    to_intent = type_table()[1]
    return next((to_intent[t] for t in types if t in to_intent), "complaint")


def categories_of(types: list[str]) -> tuple[set[str], list[str]]:
    """Our categories the types point to, and the types the table does not know."""
    to_category, to_intent = type_table()
    found = {category for t in types if (category := to_category.get(t))}
    unknown = [t for t in types if t not in to_category and t not in to_intent]
    return found, unknown


@lru_cache(maxsize=1)
def yield_table() -> dict[str, str]:
    """Traffy type -> the types it yields to in training ("*": any other mapped type), from the table."""
    with TYPES_CSV.open(encoding="utf-8", newline="") as f:
        return {row["traffy_type"].strip(): (row.get("yields_to") or "").strip()
                for row in csv.DictReader(f) if (row.get("yields_to") or "").strip()}


def categories_to_learn(types: list[str]) -> set[str]:
    """The categories a training ticket teaches: those its types map to, less a type that yields to
    another one on the same ticket. Bangkok types a sunken, dangerous road as both road and safety;
    here the problem itself decides (as the keywords do), so such a ticket teaches road only. The
    evaluation still counts any of the ticket's categories as right (categories_of)."""
    to_category = type_table()[0]
    mapped = {t: category for t in types if (category := to_category.get(t))}
    yields = yield_table()

    def yielding(t: str) -> bool:
        wanted = yields.get(t, "")
        others = [o for o in mapped if o != t and not yields.get(o)]
        return bool(wanted) and bool(others) and (wanted == "*" or wanted in others)

    return {category for t, category in mapped.items() if not yielding(t)}


def bucket(key: str, share: int) -> bool:
    """Whether `key` is among the 1 in `share` kept aside (stable across runs and machines)."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % share == 0


def held_out(ticket_id: str) -> bool:
    """Whether a Traffy ticket is kept out of training."""
    return bucket(ticket_id, HELDOUT_SHARE)


def traffy_rows(path: Path) -> Iterator[tuple[str, str, list[str]]]:
    """(ticket id, text, types) of every ticket with text, from a Traffy CSV (gzip or not, 2022 or 2023 columns)."""
    csv.field_size_limit(10_000_000)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            text = (row.get("comment") or row.get("description") or "").strip()
            if text:
                yield row.get("ticket_id") or "", text, parse_types(row.get("type", ""))


def intent_rows(heldout: bool) -> list[tuple[str, str]]:
    """(text, intent) of the hand-labelled set: its held-out part, or the part trained on."""
    return _labelled(INTENTS_CSV, "intent", heldout)


def category_rows(heldout: bool) -> list[tuple[str, str]]:
    """(text, category) of the hand-written rural complaints: held-out part, or the part trained on."""
    return _labelled(CATEGORIES_CSV, "category", heldout)


def validation(text: str) -> bool:
    """Whether a hand-written training row is in the validation part (stable: a hash of its text)."""
    return bucket("validation:" + text, VALIDATION_SHARE)


def _labelled(path: Path, column: str, heldout: bool) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [(r["text"].strip(), r[column].strip()) for r in csv.DictReader(f)
                if r["text"].strip() and (r["part"].strip() == "heldout") == heldout]


def write_heldout(rows: list[tuple[str, str, list[str]]], path: Path = HELDOUT_CSV) -> None:
    """The held-out Traffy tickets, in the 2022 columns the readers above take."""
    buffer = io.StringIO()
    out = csv.writer(buffer)
    out.writerow(["ticket_id", "type", "comment"])
    for ticket, text, types in rows:
        out.writerow([ticket, ",".join(types), text])
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(buffer.getvalue().encode("utf-8"))  # mtime 0: the same tickets give the same bytes
