"""Hypothesis settings for the fuzz tests, applied per test (the rest of the suite keeps its own).

CI (the default): derandomized, so every run tries the same examples and a failure in CI fails the
same way on a laptop; no example database (a fresh clone would start empty anyway, and nothing is
written into the work tree); few enough examples that each module stays well under 30 s on two
cores; no per-example deadline (database and HTTP timings vary on a shared machine).
HYPOTHESIS_PROFILE=explore: random, and many more examples, for a deliberate hunt on a laptop.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# The database is emptied per test, not per example: each example uses fresh user ids and event
# ids and checks only its own rows, so sharing the function-scoped fixtures is safe.
_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                                    HealthCheck.data_too_large])


def fuzz_settings(max_examples: int) -> settings:
    if os.environ.get("HYPOTHESIS_PROFILE") == "explore":
        return settings(max_examples=max(1000, max_examples * 10), **_COMMON)
    return settings(derandomize=True, database=None, max_examples=max_examples, **_COMMON)
