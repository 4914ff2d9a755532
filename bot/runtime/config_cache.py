"""What staff edit rarely and every typed message needs (the categories, the FAQ index), kept per
process and keyed on (database, the staff's edit counter: models/config_version.py).

The worker reads the counter with the event it takes (models/event_path.py), so a typed message runs
no statement for either while nothing changed; an edit moves the counter in its own transaction,
and the next message reads again. What is read after the counter was read is at least as new as
that counter (an edit committed in between is kept under the older number, which is harmless: the
next take sees the newer one). A session that reads its own uncommitted edit and then rolls back
could keep what never was under a number that a later edit takes only by a chance of one in two
billion (each edit moves the counter by a random step, migration 0018); only read-only scopes and
the sessions of tests that commit read through here anyway.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import text
from sqlmodel import Session

from models.config_version import COUNTER_SQL

T = TypeVar("T")
_CACHE_SIZE = 8  # a few kinds, a few databases (tests, devchat), the last numbers of each
_COUNTER = text(f"SELECT {COUNTER_SQL}")
_cache: dict[tuple[str, str, int], Any] = {}
_lock = threading.Lock()


def counter(session: Session) -> int | None:
    """The edit counter now, for a caller that did not read it with the event (staff paths, tools)."""
    return session.connection().execute(_COUNTER).scalar()


def cached(kind: str, session: Session, config: int | None, read: Callable[[], T]) -> T:
    """`kind` as of edit counter `config`: `read()` (through `session`) only when this process has not
    read it at that counter. One thread reads; the others wait for it rather than read (or build an
    FAQ index) the same thing. Without a counter (its row gone) it is read every time."""
    if config is None:
        return read()
    key = (kind, str(session.get_bind().engine.url), config)
    found = _cache.get(key)
    if found is not None:
        return found
    with _lock:
        found = _cache.get(key)
        if found is None:
            found = read()
            while len(_cache) >= _CACHE_SIZE:
                _cache.pop(next(iter(_cache)))
            _cache[key] = found
    return found
