"""The FAQ ranking visits only the entries holding a word of the question (bot/runtime/faq_index.py): it
ranks exactly as the plain loop over every entry did (kept here as the oracle), and its best entry is
the ranking's first."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.runtime.faq_index import K1, MAX_QUERY, PART_CREDIT, B, FaqIndex, Match, units
from messages_th.faq_samples import FAQ_SAMPLES
from tests.handlers.conftest import sample_faq_index

VOCAB = sorted({w for f in FAQ_SAMPLES for text in (f["question"], *f["keywords"]) for w, _ in units(text)}
               | {"ครับ", "คะ", "ไหม", "ที่ไหน", "อยาก", "ทราบ", "?", "ถนน", "หมา"})
QUESTIONS = st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from(("", " ", "?"))), max_size=8).map(
    lambda parts: "".join(word + gap for word, gap in parts))


def plain_ranked(index: FaqIndex, text: str) -> list[Match]:
    """The ranking before the index kept which entries hold each word: every entry tried."""
    query = units(text[:MAX_QUERY])
    flat = {term for word, parts in query for term in (word, *parts)}
    if not flat or not index.entries:
        return []
    found = []
    for i, weight in enumerate(index.weights):
        shared = [term for term in flat if term in weight]
        if not shared:
            continue
        norm = K1 * (1 - B + B * index.lengths[i] / index.avg_length)
        bm25 = sum(index.idf[t] * weight[t] * (K1 + 1) / (weight[t] + norm) for t in shared)
        found.append(Match(index.entries[i], plain_coverage(index, query, index.reach[i]), bm25))
    found.sort(key=lambda m: (m.bm25 * m.score, m.score), reverse=True)
    return found


def plain_coverage(index: FaqIndex, query: list, reach: dict[str, float]) -> float:
    """The coverage as first written: every weight looked up again for each entry."""
    total = covered = 0.0
    for word, parts in query:
        weight = index.idf.get(word, index.unknown_idf)
        total += weight
        if word in reach:
            covered += weight * reach[word]
        elif parts:
            part_weights = {p: index.idf.get(p, index.unknown_idf) for p in parts}
            share = sum(w * reach.get(p, 0.0) for p, w in part_weights.items()) / sum(part_weights.values())
            covered += weight * share * PART_CREDIT
    return round(min(1.0, covered / total), 3) if total else 0.0


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUESTIONS)
@example("เทศบาลเปิดกี่โมงครับ")
@example("ภาษีที่ดิน ภาษีป้าย ขยะ")  # several entries share words, ties included
@example("")
def test_the_ranking_is_the_plain_one(text: str) -> None:
    index = sample_faq_index()
    assert index.ranked(text) == plain_ranked(index, text)


def test_an_index_of_no_entries_ranks_nothing() -> None:
    assert FaqIndex([]).ranked("เทศบาลเปิดกี่โมง") == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUESTIONS)
@example("ภาษีที่ดิน ภาษีป้าย ขยะ")
@example("ถนน")  # a word in many entries' answers only: low coverage everywhere
@example("")
def test_the_best_is_the_first_of_the_ranking(text: str) -> None:
    """best() stops early, once no entry left can beat the one found: the same entry, score and BM25."""
    index = sample_faq_index()
    ranked = index.ranked(text)
    assert index.best(text) == (ranked[0] if ranked else None)
