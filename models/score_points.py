"""The ITA score map as a setting is written ("0,33,67,100"), read into points: database-free, so that
the settings can check it without importing the reports (models/stats_survey.py uses the points)."""
from __future__ import annotations


def parse_points(text: str, count: int) -> tuple[float, ...]:
    """'0,33,67,100' -> (0.0, 33.0, 67.0, 100.0): `count` numbers 0..100, never falling."""
    parts = [p.strip() for p in str(text).split(",")]
    points = tuple(float(p) for p in parts if p)
    if len(points) != count or not all(0 <= p <= 100 for p in points) or list(points) != sorted(points):
        raise ValueError(f"expected {count} numbers from 0 to 100 in rising order, got {text!r}")
    return points
