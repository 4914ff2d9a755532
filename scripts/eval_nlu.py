"""How well the bot reads citizens' Thai, on data the model was never trained on, beside the keyword baseline.

    .venv/bin/python scripts/eval_nlu.py [--csv PATH ...] [--no-timing]

- Categories, on real complaints: data/nlu/heldout_2022.csv.gz (Traffy tickets `flask nlu train` leaves
  out) and the May 2023 Traffy sample (never trained on); or the CSVs given. "any-of": the suggested
  category is one of those the citizen's types map to; "macro recall": per category, on tickets with
  one mapped category, averaged over categories. Gold labels: data/nlu/traffy_types.csv.
- Categories, on the held-out rows of data/nlu/categories.csv (rural wording, water supply...).
- Intents, on the held-out rows of data/nlu/intents.csv, per intent; and how many real complaints
  would be taken for a greeting or a question.
- Speed: the median time to read one message.
It uses the default categories of messages_th/defaults.py (no database), prints, and always exits 0:
it reports, it does not gate.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT)]

from bot.nlu import data as nlu_data  # noqa: E402
from handlers import nlu_model  # noqa: E402
from handlers.types import CategoryInfo  # noqa: E402
from handlers.understanding import classify, keyword_classify  # noqa: E402
from messages_th import defaults  # noqa: E402

SAMPLE_2023 = ROOT / "tests" / "fixtures" / "traffy" / "bangkok_sample_2023-05-17.csv"
DEFAULT_CSVS = (nlu_data.HELDOUT_CSV, SAMPLE_2023)
NONE = "(none)"
READERS = {"model": classify, "keywords": keyword_classify}


@dataclass
class Ticket:
    text: str
    gold: set[str]  # our categories its types map to
    got: dict[str, str]  # reader -> suggested category (or NONE)
    intent: dict[str, str]  # reader -> intent


def default_categories() -> list[CategoryInfo]:
    return [CategoryInfo(id=i + 1, name=c["name"], division=c["division"], keywords=tuple(c["keywords"]))
            for i, c in enumerate(defaults.CATEGORIES)]


def pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}% ({part}/{whole})" if whole else "n/a (0 rows)"


def complaints(path: Path, cats: list[CategoryInfo]) -> list[Ticket]:
    """Complaint tickets whose types map to at least one of our categories, read by each reader."""
    out = []
    for _, text, types in nlu_data.traffy_rows(path):
        gold, _ = nlu_data.categories_of(types)
        if nlu_data.intent_of(types) != "complaint" or not gold:
            continue
        read = {name: reader(text, cats) for name, reader in READERS.items()}
        # The model's suggestion is what the bot offers first; the keywords' is their best category.
        got = {"model": read["model"].choices[0][1] if read["model"].choices else NONE,
               "keywords": read["keywords"].category_name or NONE}
        out.append(Ticket(text, gold, got,
                          {k: v.intent for k, v in read.items()}))
    return out


def any_of(tickets: list[Ticket], reader: str) -> tuple[int, int]:
    return sum(t.got[reader] in t.gold for t in tickets), len(tickets)


def macro_recall(tickets: list[Ticket], reader: str) -> tuple[float, dict[str, tuple[int, int]]]:
    """Recall per gold category on single-label tickets, and its plain average."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for t in tickets:
        if len(t.gold) == 1:
            gold = next(iter(t.gold))
            per[gold][0] += t.got[reader] == gold
            per[gold][1] += 1
    recalls = [right / n for right, n in per.values() if n]
    return (sum(recalls) / len(recalls) if recalls else 0.0), {k: (v[0], v[1]) for k, v in per.items()}


def report_categories(label: str, tickets: list[Ticket], say) -> None:
    say(f"category on {label}: {len(tickets)} real complaints with a mapped category")
    for reader in READERS:
        right, n = any_of(tickets, reader)
        macro, _ = macro_recall(tickets, reader)
        say(f"  {reader:>8}: any-of {pct(right, n)}; single-label macro recall {100 * macro:.1f}%")
    misread = sum(t.intent["model"] in ("greeting", "inquiry") for t in tickets)
    say(f"  real complaints the model takes for a greeting or a question: {pct(misread, len(tickets))}")
    _, per = macro_recall(tickets, "model")
    _, base = macro_recall(tickets, "keywords")
    for name, (right, n) in sorted(per.items(), key=lambda kv: -kv[1][1]):
        say(f"    recall {pct(right, n):>18} (keywords {pct(base[name][0], n):>18})  {name}")


def report_rural(say) -> None:
    """The held-out hand-written rural complaints (data/nlu/categories.csv), water supply and staff included."""
    rows = nlu_data.category_rows(heldout=True)
    cats = default_categories()
    say(f"category on the held-out hand-written rural complaints: {len(rows)} never trained on")
    for reader, fn in READERS.items():
        right = sum(_suggested(fn(text, cats), reader) == want for text, want in rows)
        say(f"  {reader:>8}: {pct(right, len(rows))}")


def _suggested(result, reader: str) -> str:
    if reader == "model":
        return result.choices[0][1] if result.choices else NONE
    return result.category_name or NONE


def report_intents(say) -> None:
    rows = nlu_data.intent_rows(heldout=True)
    cats = default_categories()
    say(f"intent on the held-out hand-labelled set: {len(rows)} messages never trained on")
    got = {reader: [fn(text, cats).intent for text, _ in rows] for reader, fn in READERS.items()}
    for reader in READERS:
        right = sum(g == want for g, (_, want) in zip(got[reader], rows))
        say(f"  {reader:>8}: {pct(right, len(rows))}")
    for intent in sorted({want for _, want in rows}):
        idx = [i for i, (_, want) in enumerate(rows) if want == intent]
        figures = {r: pct(sum(got[r][i] == intent for i in idx), len(idx)) for r in READERS}
        say(f"    {intent:>10}: model {figures['model']:>16}  keywords {figures['keywords']:>16}")
    wrong = Counter((want, g) for g, (_, want) in zip(got["model"], rows) if g != want)
    if wrong:
        say("  model's mistakes (wanted -> got): " + ", ".join(f"{a}->{b} {n}" for (a, b), n in wrong.most_common()))


def report_timing(texts: list[str], say) -> None:
    cats = default_categories()
    classify(texts[0], cats)  # the first call loads the tokenizer and the model
    times = []
    for text in texts:
        started = time.perf_counter()
        classify(text, cats)
        times.append(time.perf_counter() - started)
    size = nlu_model.SHIPPED.stat().st_size / 1e6
    say(f"speed: median {1000 * statistics.median(times):.2f} ms per message over {len(times)} real complaints; "
        f"model file {size:.1f} MB, version {nlu_model.current().version}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, action="append", help="a Traffy CSV (default: the in-repo held-out sets)")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args(argv)
    for path in args.csv or ():
        if not path.is_file():
            parser.error(f"no such file: {path}")
    say = print
    say(f"NLU evaluation, model {nlu_model.current().version}")
    texts: list[str] = []
    cats = default_categories()
    for path in args.csv or [p for p in DEFAULT_CSVS if p.is_file()]:
        tickets = complaints(path, cats)
        texts += [t.text for t in tickets]
        report_categories(path.name, tickets, say)
        say()
    if not args.csv:
        report_rural(say)
        say()
        report_intents(say)
        say()
    if texts and not args.no_timing:
        report_timing(texts[:500], say)
    return 0


if __name__ == "__main__":
    sys.exit(main())
