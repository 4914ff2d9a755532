"""Cheap random draws: they run tens of millions of times for a million cases, so they take a bare
`random()` function and avoid random.Random's slower helpers."""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = Callable[[], float]


def pick(items: Sequence[T], r: R) -> T:
    """One item at random (rng.choice costs several times more)."""
    return items[int(r() * len(items))]


def lognormal(r: R, median: float, sigma: float) -> float:
    """A log-normal draw by Box-Muller from two uniforms: waiting and handling times."""
    return median * math.exp(sigma * math.sqrt(-2.0 * math.log(1.0 - r())) * math.cos(2 * math.pi * r()))


def say(options: Sequence[str], r: R) -> str:
    """One of the texts, its "{n}" (if any) a small number."""
    text = pick(options, r)
    return text.format(n=2 + int(r() * 4)) if "{" in text else text
