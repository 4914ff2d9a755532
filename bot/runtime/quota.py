"""Whether LINE's monthly push quota runs low: the one test that staff alerts (bot/runtime/staff_alerts.py)
and the "has it been fixed?" follow-up both ask before spending a push.

Low means LINE's own figures (the month's target and use, GET /v2/bot/message/quota and
…/quota/consumption) leave fewer than ALERTS_DIGEST_ONLY_BELOW pushes. What nobody knows (LINE did not
answer, or the plan has no monthly target) is never low: a lost lookup must not silence alerts.
The figures are kept QUOTA_TTL seconds per process, so LINE is asked at most that often.
"""
from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass

from bot.services import Services

QUOTA_TTL, QUOTA_FAILED_TTL = 300.0, 60.0  # seconds


@dataclass(frozen=True)
class Reading:
    limit: int | None  # None: no monthly target, or not known
    used: int | None  # None: not known

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None or self.used is None else max(self.limit - self.used, 0)


_cache: weakref.WeakKeyDictionary[Services, tuple[Reading, float]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def runs_low(limit: int | None, used: int | None, threshold: int) -> bool:
    """The one definition of "low", also behind the case page's warning (bot/admin/cases.py)."""
    remaining = Reading(limit, used).remaining
    return threshold > 0 and remaining is not None and remaining < threshold


def reading(services: Services) -> Reading:
    """LINE's figures, from the cache or from LINE (a call of up to twice LINE_TIMEOUT_SECONDS at most
    once per QUOTA_TTL): call it outside a database transaction."""
    with _lock:
        cached = _cache.get(services)
    if cached is not None and cached[1] > time.monotonic():
        return cached[0]
    limit, used = services.gateway.quota()  # never raises: (None, None) when LINE did not answer
    value = Reading(limit, used)
    with _lock:
        _cache[services] = (value, time.monotonic() + (QUOTA_TTL if used is not None else QUOTA_FAILED_TTL))
    return value


def forget(services: Services) -> None:
    """Drop the cached figures (tests; and after a plan change one need not wait five minutes)."""
    with _lock:
        _cache.pop(services, None)


def quota_low(services: Services) -> bool:
    """True when fewer than ALERTS_DIGEST_ONLY_BELOW pushes are left this month (0: never low)."""
    threshold = services.settings.alerts_digest_only_below
    if threshold <= 0:
        return False
    r = reading(services)
    return runs_low(r.limit, r.used, threshold)
