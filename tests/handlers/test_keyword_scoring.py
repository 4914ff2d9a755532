"""The compiled keyword scorer (handlers/keywords.py) reads every message exactly as the plain one did:
each keyword searched for in the text, one by one (kept here as the oracle)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from handlers import keywords as kw
from messages_th import defaults

ODD_LIST = ("ก", "ไฟ", "ไฟฟ้า", "ฟ้า", "x", "ถนน", "ถนนพัง", "พัง", "", " ", "ไฟ ฟ้า")  # one letter, nested, blank
LISTS: list[Mapping[str, float] | tuple[str, ...]] = [
    *(tuple(c["keywords"]) for c in defaults.CATEGORIES), *defaults.INTENT_KEYWORDS.values(), ODD_LIST]
FILLER = ("ที่", "หน้าบ้าน", "ริม", "หมายเลข", "พิกัด", "ครับ", "ค่ะ", "มาก", "ไม่", "ก", "า", "่", "1", "?", "x", "X")
VOCAB = sorted({k for c in defaults.CATEGORIES for k in c["keywords"]}
               | {k for m in defaults.INTENT_KEYWORDS.values() for k in m} | set(defaults.NOT_KEYWORDS) | set(FILLER))
TEXTS = st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from(("", "", " ", "\n"))), max_size=14).map(
    lambda parts: "".join(word + gap for word, gap in parts))


def straight_score(keywords: Mapping[str, float] | Iterable[str], view: kw.View) -> tuple[float, int]:
    """The scorer before it was compiled: every keyword of the list looked for in the message."""
    pairs = tuple(keywords.items()) if isinstance(keywords, Mapping) else tuple((k, None) for k in keywords)
    hits = {key: (weight, at) for key, weight in kw._prepared(pairs) if (at := kw._found(key, view)) >= 0}
    counted = [key for key in hits if not any(key != other and key in other for other in hits)]
    total = sum(hits[key][0] for key in counted)
    return total, min((hits[key][1] for key in counted), default=len(view.flat) + 1)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
@example("ขยะเกลื่อนริมถนน ถนนพัง")  # a short key inside a compound, and inside a longer key
@example("ขอทราบหมายเลขโทรศัพท์")  # "dog" inside "number": not found
@example("ป้ายหาเสียงยังไม่เก็บ")  # a blanked-out look-alike
@example("ก")
@example("")
def test_compiled_scorer_matches_the_plain_one(text: str) -> None:
    view = kw.prepare(text)
    plain = [straight_score(keywords, view) for keywords in LISTS]
    assert [kw.score(keywords, view) for keywords in LISTS] == plain
    assert [kw.score(keywords, view) for keywords in reversed(LISTS)] == plain[::-1]  # kept per message
    fresh = kw.prepare(text)
    assert [kw.score(kw.compiled(keywords), fresh) for keywords in LISTS] == plain  # a list compiled at load


def test_a_list_scored_on_one_message_is_not_reused_for_another() -> None:
    road, waste = kw.prepare("ถนนพัง"), kw.prepare("ขยะล้น")
    keywords = tuple(defaults.CATEGORIES[0]["keywords"])
    assert kw.score(keywords, road)[0] > 0
    assert kw.score(keywords, waste) == (0.0, len(waste.flat) + 1)
