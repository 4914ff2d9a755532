"""Default data added to a database that has none of it: divisions and categories, the survey's
services and questions, and the starter FAQ. Each table is seeded on its own, so a database from
before the survey and FAQ tables existed gets them on its next `flask db upgrade`."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from messages_th import defaults, survey_defaults
from messages_th.faq_samples import FAQ_SAMPLES
from models.complaint import Category, Division
from models.inquiry import Faq
from models.survey import SurveyQuestion, SurveyService


def seed_defaults(*, session: Session) -> bool:
    """Adds what is missing; True when anything was added."""
    added = [seed(session) for seed in (_categories, _services, _questions, _faq)]
    return any(added)


def _empty(model: type[SQLModel], session: Session) -> bool:
    return not session.execute(select(func.count()).select_from(model)).scalar_one()


def _categories(session: Session) -> bool:
    if not _empty(Category, session):
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


def _services(session: Session) -> bool:
    if not _empty(SurveyService, session):
        return False
    for order, service in enumerate(survey_defaults.SERVICES):
        session.add(SurveyService(name=service["name"], sort_order=order, for_cases=service["for_cases"]))
    session.flush()
    return True


def _questions(session: Session) -> bool:
    if not _empty(SurveyQuestion, session):
        return False
    for order, q in enumerate(survey_defaults.QUESTIONS):
        session.add(SurveyQuestion(key=q["key"], text=q["text"], short=q["short"], scale=q["scale"],
                                   indicator=q["indicator"], sort_order=order))
    session.flush()
    return True


def _faq(session: Session) -> bool:
    if not _empty(Faq, session):
        return False
    for order, entry in enumerate(FAQ_SAMPLES):
        session.add(Faq(topic=entry["topic"], question=entry["question"], answer=entry["answer"],
                        keywords="\n".join(entry["keywords"]), sample=True, sort_order=order))
    session.flush()
    return True
