"""`flask nlu classify`: the bot's reading of each line of standard input, as one JSON object per line;
`flask nlu train`: a new text model (see bot/nlu/train.py).

    printf '%s\\n' "some citizen text" | flask nlu classify
    {"intent": "complaint", "category": "<a configured category name>"}

The model's version goes to standard error first ("nlu model: <version>"), so the JSON lines stay clean.

It uses the active categories of the database (as the bot does), so renamed or added categories and
their keywords are what it answers with. Output is flushed after every line so that another program
can feed it one text and read the answer before sending the next.
"""
from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, BinaryIO

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from handlers import nlu_model

if TYPE_CHECKING:
    from handlers.types import CategoryInfo


def register_nlu_cli(app: Flask) -> None:
    nlu = AppGroup("nlu", help="The Thai text understanding the bot uses.")

    @nlu.command("classify")
    def classify_command() -> None:
        """Read one text per line (UTF-8) and write {"intent", "category"} per line (JSON lines)."""
        categories = _active_categories()
        click.echo(f"nlu model: {nlu_model.current().version}", err=True)
        run(sys.stdin.buffer, sys.stdout.buffer, categories)

    from bot.cli.nlu_train import train_command
    nlu.add_command(train_command)
    app.cli.add_command(nlu)


def _active_categories() -> list[CategoryInfo]:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.runtime.lookup import DbLookup
    from models.db import session_scope

    try:
        with session_scope(current_app.extensions["db_engine"]) as session:
            return DbLookup(session).categories()
    except SQLAlchemyError as exc:
        raise click.ClickException(f"cannot read the categories ({exc.__class__.__name__}); "
                                   "run `flask db upgrade` first") from exc


def understand(text: str, categories: list[CategoryInfo]) -> dict[str, str | None]:
    """One line's answer: the category only for a complaint, and only when one fits."""
    from handlers.understanding import classify  # with the Thai tokenizer: only when a command reads text

    result = classify(text, categories)
    first = result.choices[0][1] if result.choices else None  # what the bot offers first
    return {"intent": result.intent, "category": first if result.intent == "complaint" else None}


def run(source: BinaryIO, sink: BinaryIO, categories: list[CategoryInfo]) -> int:
    """Answer every line of `source` on `sink`; returns the number of lines answered."""
    count = 0
    try:
        # Reading line by line (not all at once) is what lets a caller wait for each answer.
        for raw in iter(source.readline, b""):
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            sink.write(json.dumps(understand(text, categories), ensure_ascii=False).encode("utf-8") + b"\n")
            sink.flush()
            count += 1
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        pass
    return count
