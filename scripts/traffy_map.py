"""Traffy Fondue ticket types -> our default category names and intents, for scripts/eval_nlu.py.

The table itself is data: data/nlu/traffy_types.csv (with the reason for each odd choice); the code
that reads it is bot/nlu/data.py, which training uses too. A ticket's types are a set of labels, not
one answer: Traffy lets the reporter tick several, and "ถนน" is ticked very often only because the
problem is on a road.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.nlu.data import categories_of, intent_of, parse_types, type_table

TYPE_TO_CATEGORY, TYPE_TO_INTENT = type_table()
__all__ = ["TYPE_TO_CATEGORY", "TYPE_TO_INTENT", "categories_of", "intent_of", "parse_types"]
