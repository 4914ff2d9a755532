"""The default divisions and categories of a sub-district municipality, added once to an empty database."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from messages_th import defaults
from models.complaint import Category, Division


def seed_defaults(*, session: Session) -> bool:
    if session.exec(select(func.count()).select_from(Category)).scalar_one():  # type: ignore[call-overload]
        return False
    divisions: dict[str, Division] = {}
    for name in defaults.DIVISIONS:
        divisions[name] = Division(name=name)
        session.add(divisions[name])
    session.flush()
    for order, cat in enumerate(defaults.CATEGORIES):
        division = divisions.get(cat["division"])
        session.add(Category(name=cat["name"], division_id=division.id if division else None,
                             keywords="\n".join(cat.get("keywords", ())), sort_order=order))
    session.flush()
    return True
