"""Choose the thresholds of handlers/understanding.py on a validation split of the TRAINING data.

    .venv/bin/python scripts/tune_nlu.py --data PATH/traffy_2022_labelled.csv.gz [--model PATH]

It trains a model without the validation part (1 in nlu_data.VALIDATION_SHARE hand-written training rows,
by a hash of the text; and the Traffy training tickets beyond the training sample), then tries each
combination of thresholds on that part and prints the best. The held-out rows and tickets that
scripts/eval_nlu.py reports on are never read here, so its figures stay honest. Copy the printed values
into handlers/understanding.py, then train the shipped model as usual (with every training row).
Needs the `[train]` extra (scikit-learn) unless --model gives a model it trained before.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from bot.nlu import data as nlu_data  # noqa: E402
from handlers import categories as c  # noqa: E402
from handlers import keywords as k  # noqa: E402
from handlers import nlu_model  # noqa: E402
from handlers import understanding as u  # noqa: E402
from models.tickets import find_ticket  # noqa: E402
from scripts.eval_nlu import default_categories  # noqa: E402

TICKETS = 800  # validation Traffy complaints (the category grid reads each once per combination)
MISREAD_MAX = 0.03  # real complaints taken for a greeting or a question: the limit
# Keywords may rescue rural wording only where it costs real complaints next to nothing: among the
# combinations within this share of the best validation-ticket figure, the most rural ones right wins.
TICKET_SLACK = 0.0025
INTENT_GRID = {
    "INTENT_SURE": (0.2, 0.25, 0.3, 0.35, 0.4),
    "OVER_KEYWORDS": (0.3, 0.35, 0.4, 0.5, 0.6),
    "OVER_MARGIN": (0.0, 0.05, 0.1, 0.2),
    "KEYWORDS_KEPT": (0.2, 0.3, 0.4),
    "INTENT_ALONE": (0.4, 0.5, 0.6, 0.7),
    "CORRUPTION_SURE": (0.4, 0.5, 0.6, 0.7),
    "INTENT_SURE_SHORT": (0.4, 0.5, 0.6),
}
CATEGORY_GRID = {
    "BLEND_BELOW": (0.5, 0.7, 0.9),
    "BLEND_WEIGHT": (1.0, 2.0, 3.0),
    "KEYWORD_LEAD": (99.0, 1.0, 1.5, 2.0),
}


def validation_rows() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(intent rows, category rows) of the validation part of the hand-written training data."""
    return ([r for r in nlu_data.intent_rows(heldout=False) if nlu_data.validation(r[0])],
            [r for r in nlu_data.category_rows(heldout=False) if nlu_data.validation(r[0])])


def _set(values: dict[str, float]) -> None:
    for name, value in values.items():
        setattr(u if hasattr(u, name) else c, name, value)


def _grid(grid: dict[str, tuple[float, ...]]):
    names = list(grid)
    for combo in itertools.product(*(grid[n] for n in names)):
        yield dict(zip(names, combo))


def _closeness(values: dict[str, float]) -> float:
    """Ties go to the values nearest those in use (no change without a measured gain)."""
    return -sum(abs(v - CURRENT[k]) for k, v in values.items())


def tune_intents(model: nlu_model.Model, rows: list[tuple[str, str]], complaints: list[str], say) -> dict:
    cats = default_categories()

    def prepared(text: str) -> tuple:
        view = k.prepare(text)
        return (model.intent.probabilities(k.features(view)), u._keyword_intent(text, view, cats),
                bool(find_ticket(text)), len(view.flat))

    labelled = [(prepared(text), want) for text, want in rows if k.prepare(text).flat]
    real = [prepared(text) for text in complaints if k.prepare(text).flat]
    best = None
    for values in _grid(INTENT_GRID):  # module constants set in turn, then put back (see _set)
        _set(values)
        right = sum(u._combine(*p) == want for p, want in labelled)
        misread = sum(u._combine(*p) in ("greeting", "inquiry") for p in real) / max(1, len(real))
        rank = (misread <= MISREAD_MAX, right, -misread, _closeness(values))
        if best is None or rank > best[0]:
            best = (rank, values, right, misread)
    _set({name: CURRENT[name] for name in INTENT_GRID})
    _, values, right, misread = best
    say(f"intent: {right}/{len(labelled)} validation messages right, {100 * misread:.1f}% of "
        f"{len(real)} validation complaints taken for a greeting or a question, with {values}")
    return values


def tune_categories(model: nlu_model.Model, rural: list[tuple[str, str]],
                    tickets: list[tuple[str, set[str]]], say) -> dict:
    cats = default_categories()
    views = [(k.prepare(text), {want}) for text, want in rural] + [(k.prepare(text), gold) for text, gold in tickets]
    # the category probabilities do not depend on the thresholds tried: read once per text
    views = [(view, model.category.probabilities(k.features(view)), gold) for view, gold in views]
    tried = []
    for values in _grid(CATEGORY_GRID):
        _set(values)
        hits = [(choices[0][0].name if (choices := c.category_choices(v, p, cats, model)) else None) in gold
                for v, p, gold in views]
        tried.append((sum(hits[:len(rural)]), sum(hits[len(rural):]), values))
    _set({name: CURRENT[name] for name in CATEGORY_GRID})
    floor = max(t for _, t, _ in tried) - TICKET_SLACK * len(tickets)
    rural_right, ticket_right, values = max((r for r in tried if r[1] >= floor),
                                            key=lambda r: (r[0], r[1], _closeness(r[2])))
    say(f"category: {rural_right}/{len(rural)} rural validation complaints and {ticket_right}/{len(tickets)} "
        f"validation tickets offered right first, with {values}")
    return values


def _ticket_sets(rows: list[tuple[str, str, list[str]]]) -> tuple[list[tuple[str, set[str]]], list[str]]:
    mapped, complaints = [], []
    for _, text, types in rows:
        if nlu_data.intent_of(types) != "complaint":
            continue
        complaints.append(text)
        found, _ = nlu_data.categories_of(types)
        if found:
            mapped.append((text, found))
    return mapped[:TICKETS], complaints[:TICKETS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="Traffy's labelled 2022 tickets")
    parser.add_argument("--model", type=Path, help="a model trained without the validation part (else trained now)")
    parser.add_argument("--save", type=Path, help="write the model trained now here (for --model next time)")
    parser.add_argument("--rural-weight", type=float, help="try another nlu_train.RURAL_WEIGHT (then set it there)")
    args = parser.parse_args(argv)
    from bot.nlu import train as nlu_train

    if args.rural_weight:
        nlu_train.RURAL_WEIGHT = args.rural_weight
    if args.model:
        model = nlu_model.Model.load(args.model)
        tickets, _ = nlu_train.traffy(args.data)
        nlu_train.random.Random(2022).shuffle(tickets)
        unused = tickets[nlu_train.SAMPLE:]
    else:
        model, unused = nlu_train.train(args.data, validation=True)
        if args.save:
            model.save(args.save)
    intents, rural = validation_rows()
    mapped, complaints = _ticket_sets(unused)
    tune_intents(model, intents, complaints, print)
    tune_categories(model, rural, mapped, print)
    return 0


CURRENT = {name: getattr(u, name) for name in INTENT_GRID} | {name: getattr(c, name) for name in CATEGORY_GRID}

if __name__ == "__main__":
    sys.exit(main())
