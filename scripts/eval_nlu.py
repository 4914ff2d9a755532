"""How well the bot's classifier (handlers/understanding.py) reads real Thai complaints.

    .venv/bin/python scripts/eval_nlu.py [--csv PATH]

Gold labels come from Traffy Fondue's `type` column through scripts/traffy_map.py; the classifier runs
with the default categories of messages_th/defaults.py (no database). It prints figures and always
exits 0: it reports, it does not gate. Even data rows (0, 2, 4, ...) were used to tune the keywords;
odd rows are the held-out check, printed separately.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import traffy_map  # noqa: E402
from handlers.types import CategoryInfo  # noqa: E402
from handlers.understanding import classify  # noqa: E402
from messages_th import defaults  # noqa: E402

DEFAULT_CSV = ROOT / "tests" / "fixtures" / "traffy" / "bangkok_sample_2023-05-17.csv"
NONE = "(none)"  # the classifier suggested no category


@dataclass
class Row:
    index: int  # 0-based data row of the CSV
    intent: str  # gold, from Traffy's types
    categories: set[str]  # gold
    got_intent: str
    got_category: str


def default_categories() -> list[CategoryInfo]:
    return [CategoryInfo(id=i + 1, name=c["name"], division=c["division"], keywords=tuple(c["keywords"]))
            for i, c in enumerate(defaults.CATEGORIES)]


def load(path: Path) -> tuple[list[Row], Counter]:
    """Classify every row with text and types; count the rows left out and why."""
    cats, rows, skipped = default_categories(), [], Counter()
    with path.open(encoding="utf-8-sig", newline="") as f:
        for index, raw in enumerate(csv.DictReader(f)):
            text, types = (raw.get("description") or "").strip(), traffy_map.parse_types(raw.get("type", ""))
            if not text:
                skipped["no text"] += 1
                continue
            intent = traffy_map.intent_of(types)
            if intent is None:
                skipped["no Traffy type"] += 1
                continue
            found, unknown = traffy_map.categories_of(types)
            for name in unknown:
                skipped[f"unknown Traffy type {name!r} (row kept)"] += 1
            got = classify(text, cats)
            rows.append(Row(index, intent, found, got.intent, got.category_name or NONE))
    return rows, skipped


def pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}% ({part}/{whole})" if whole else "n/a (0 rows)"


def scored(rows: list[Row]) -> list[Row]:
    """Complaint rows whose types point to exactly one of our categories."""
    return [r for r in rows if r.intent == "complaint" and len(r.categories) == 1]


def headline(rows: list[Row]) -> dict[str, str]:
    """The few figures worth comparing between runs and between the tuning and held-out rows."""
    gold = [r.intent == "complaint" for r in rows]
    hits = sum(g == (r.got_intent == "complaint") for g, r in zip(gold, rows))
    majority = max(sum(gold), len(gold) - sum(gold))
    one = scored(rows)
    right = sum(r.got_category in r.categories for r in one)
    top = Counter(next(iter(r.categories)) for r in one).most_common(1)
    return {
        "rows evaluated": str(len(rows)),
        "intent accuracy (complaint vs other)": pct(hits, len(rows)),
        "intent baseline (majority class)": pct(majority, len(rows)),
        "category accuracy": pct(right, len(one)),
        "category baseline (majority class)": pct(top[0][1] if top else 0, len(one)),
    }


def report(rows: list[Row], skipped: Counter, out=sys.stdout) -> None:  # noqa: ANN001
    def say(line: str = "") -> None:
        print(line, file=out)

    for name, value in headline(rows).items():
        say(f"{name}: {value}")
    for why, n in sorted(skipped.items()):
        say(f"  left out or noted: {why}: {n}")
    say()
    gold_intents = Counter(r.intent for r in rows)
    say("intents, Traffy -> classifier (" + ", ".join(f"{k} {v}" for k, v in gold_intents.most_common()) + ")")
    exact = sum(r.intent == r.got_intent for r in rows)
    say(f"  exact intent accuracy: {pct(exact, len(rows))}")
    for (gold, got), n in Counter((r.intent, r.got_intent) for r in rows).most_common():
        say(f"  {gold:>10} -> {got:<10} {n}")
    say()
    one = scored(rows)
    majority = Counter(next(iter(r.categories)) for r in one).most_common(1)
    say(f"category on complaint rows with one Traffy category: {len(one)} rows"
        + (f"; majority class: {majority[0][0]}" if majority else ""))
    both = sum(r.got_intent == "complaint" and r.got_category in r.categories for r in one)
    say(f"  as the bot acts (intent complaint and right category): {pct(both, len(one))}")
    category_table(one, say)
    say("most common confusions (Traffy -> classifier):")
    confusions = Counter((next(iter(r.categories)), r.got_category) for r in one
                         if r.got_category not in r.categories)
    for (gold, got), n in confusions.most_common(10):
        say(f"  {n:>4}  {gold} -> {got}")
    say()
    several = [r for r in rows if r.intent == "complaint" and len(r.categories) > 1]
    inside = sum(r.got_category in r.categories for r in several)
    say(f"complaint rows with several Traffy categories: {len(several)}; "
        f"suggestion among them: {pct(inside, len(several))}")
    nothing = [r for r in rows if r.intent == "complaint" and not r.categories]
    say(f"complaint rows whose types map to no category: {len(nothing)}; classifier suggested: "
        + ", ".join(f"{k} {v}" for k, v in Counter(r.got_category for r in nothing).most_common()))
    say()
    say("held-out check (keywords were tuned on even rows only):")
    for label, parity in (("even rows (tuning)", 0), ("odd rows (held out)", 1)):
        figures = headline([r for r in rows if r.index % 2 == parity])
        say(f"  {label}: " + "; ".join(f"{k} {v}" for k, v in figures.items() if k != "rows evaluated"))


def category_table(rows: list[Row], say) -> None:  # noqa: ANN001
    gold = Counter(next(iter(r.categories)) for r in rows)
    got = Counter(r.got_category for r in rows)
    right = Counter(r.got_category for r in rows if r.got_category in r.categories)
    say(f"  {'precision':>16} {'recall':>16}  category")
    for name in sorted(set(gold) | set(got), key=lambda n: (-gold[n], n)):
        say(f"  {pct(right[name], got[name]):>16} {pct(right[name], gold[name]):>16}  {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=None, help=f"a Traffy CSV (default: {DEFAULT_CSV})")
    args = parser.parse_args(argv)
    path = args.csv or DEFAULT_CSV
    if not path.is_file():
        if args.csv is not None:
            parser.error(f"no such file: {path}")
        print(f"no Traffy sample at {path}; nothing to evaluate")
        return 0
    print(f"NLU evaluation on {path}")
    rows, skipped = load(path)
    report(rows, skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
