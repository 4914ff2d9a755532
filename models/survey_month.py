"""Survey answers per Bangkok month, service, question and value, kept up to date by the database itself
(ITA indicator 6's satisfaction results).

A fiscal year of a million complaints came with 1.8 million answers; joining them to their responses
and grouping them took 2-3 of the export's seconds on SQLite. This table holds what the summary
groups by, with the count: the month is the one of the response's created_at (as the summary counts
a survey in the period its response was made), a response without a service is stored as service 0.

Triggers (migration 0016) keep it equal to the answers in the same transaction as each change: an
answer added, changed or deleted, and a response whose time or service changes (its answers move).
A response is deleted only after its answers (the foreign key has no cascade). The test
`tests/models/test_survey_month.py` checks it against the full computation.
"""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import Field, SQLModel

from models.participant_year import MONTH_SQL


class SurveyMonth(SQLModel, table=True):
    __tablename__ = "survey_month"

    month: str = Field(primary_key=True, max_length=7)  # 'YYYY-MM' (Gregorian) of the response, in Bangkok
    service_id: int = Field(primary_key=True)  # 0: none
    question_id: int = Field(primary_key=True)
    value: int = Field(primary_key=True)
    answers: int = 0


def rebuild(conn: Connection) -> None:
    """Counts every answer again: after a bulk load without the triggers (bot/demo/sink.py)."""
    month = MONTH_SQL[conn.dialect.name].format(row="r", at="created_at")
    conn.execute(text("DELETE FROM survey_month"))
    conn.execute(text(
        "INSERT INTO survey_month (month, service_id, question_id, value, answers) "
        f"SELECT {month}, coalesce(r.service_id, 0), a.question_id, a.value, count(*) FROM survey_answer a "
        f"JOIN survey_response r ON r.id = a.response_id GROUP BY {month}, coalesce(r.service_id, 0), a.question_id, "
        "a.value"))
