"""SQLModel tables and the queries over them; functions take the session as a keyword argument."""
from __future__ import annotations

import importlib
import pkgutil


def import_all_tables() -> None:
    """Every table known to SQLModel's metadata: foreign keys between modules must resolve before
    the first flush, and bulk writers read column types from it. The web app gets them through its
    blueprints; a process without them (an event worker, `flask demo seed`) calls this."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
