"""`flask nlu train`: train the text model on Traffy's tickets (and the municipality's own cases).

    flask nlu train --data PATH/traffy_2022_labelled.csv.gz                  # -> instance/nlu_model.json.gz
    flask nlu train --data PATH --with-cases                                 # + confirmed/corrected cases
    flask nlu train --data PATH --out handlers/nlu_model.json.gz --write-heldout   # the shipped model

Needs the `[train]` extra (scikit-learn). With --with-cases it prints, on the held-out part of the
cases (and on the in-repo held-out Traffy tickets), how often the suggested category was right
before (the model in use) and after (the new one). The bot reads the new file after a restart.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask import current_app
from flask.cli import with_appcontext

from handlers import nlu_model

if TYPE_CHECKING:
    from handlers.types import CategoryInfo

TRAFFY_CHECK = 500  # held-out Traffy tickets compared before/after (a few seconds)


@click.command("train")
@click.option("--data", type=click.Path(path_type=Path), required=True,
              help="Traffy's labelled 2022 tickets (CSV, gzip or not); not part of the repository.")
@click.option("--with-cases", is_flag=True, help="Also learn from the categories citizens confirmed and staff corrected.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Where to write the model (default: the NLU_MODEL setting, instance/nlu_model.json.gz).")
@click.option("--sample", type=int, default=None, help="Traffy tickets to learn from (default 60,000).")
@click.option("--write-heldout", is_flag=True, help="Also rewrite data/nlu/heldout_2022.csv.gz (for the shipped model).")
@with_appcontext
def train_command(data: Path, with_cases: bool, out: Path | None, sample: int | None, write_heldout: bool) -> None:
    """Train a new text model and write it where the bot reads it."""
    try:
        import sklearn  # noqa: F401

        from bot.nlu import data as nlu_data
        from bot.nlu import train as nlu_train
    except ImportError as exc:
        raise click.ClickException("training needs scikit-learn: pip install -e '.[train]'") from exc
    if not data.is_file():
        raise click.ClickException(f"no Traffy data at {data}: give the labelled tickets with --data PATH")
    cases, categories = _cases() if with_cases else ([], [])
    learn, check = nlu_train.split_cases(cases)
    if with_cases:
        click.echo(f"cases: {len(cases)} labelled; {len(learn)} to learn from, {len(check)} held out")
    model, heldout = nlu_train.train(data, learn, sample or nlu_train.SAMPLE, say=click.echo)
    target = out or current_app.extensions["settings"].nlu_model_path
    model.save(target)
    click.echo(f"model {model.version} written to {target} ({target.stat().st_size / 1e6:.1f} MB)")
    if write_heldout:
        nlu_data.write_heldout(heldout)
        click.echo(f"{len(heldout)} held-out tickets written to {nlu_data.HELDOUT_CSV}")
    if with_cases:
        before = nlu_model.current()
        for label, texts in (("held-out cases", [(c.text, {c.category}) for c in check]),
                             ("held-out Traffy tickets", _traffy_heldout(nlu_data))):
            click.echo(f"{label}: category right before {_right(texts, categories, before)}, "
                       f"after {_right(texts, categories, model)}")


def _cases() -> tuple[list, list[CategoryInfo]]:
    from bot.nlu.train import CaseLabel
    from bot.runtime.lookup import DbLookup
    from models.db import read_scope
    from models.nlu_label import labelled_cases

    with read_scope(current_app.extensions["db_engine"]) as session:
        rows = labelled_cases(session=session)
        categories = DbLookup(session).categories()
    return [CaseLabel(str(case_id), text, name) for case_id, text, name in rows], categories


def _traffy_heldout(nlu_data) -> list[tuple[str, set[str]]]:
    if not nlu_data.HELDOUT_CSV.is_file():
        return []
    rows = []
    for _, text, types in nlu_data.traffy_rows(nlu_data.HELDOUT_CSV):
        found, _ = nlu_data.categories_of(types)
        if found and nlu_data.intent_of(types) == "complaint":
            rows.append((text, found))
    return rows[:TRAFFY_CHECK]


def _right(texts: list[tuple[str, set[str]]], categories: list[CategoryInfo], model: nlu_model.Model) -> str:
    if not texts:
        return "n/a (none)"
    from handlers.understanding import classify

    right = sum(_offered(classify(text, categories, model)) in gold for text, gold in texts)
    return f"{100 * right / len(texts):.1f}% ({right}/{len(texts)})"


def _offered(result) -> str | None:
    """The category the bot offers first."""
    return result.choices[0][1] if result.choices else None
