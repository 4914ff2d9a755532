"""Thai word search over complaints: a word index filled when a case is created, queried with AND.

Thai is written without spaces, so neither LIKE '%…%' (a full scan) nor a database's own full-text
search (no Thai segmentation in SQLite or PostgreSQL) fits. Each case's text is cut into words with
pythainlp's newmm once, at creation; a search is then a few primary-key lookups, on both databases.
Compound words are indexed with their parts too ("ไฟถนน" also as "ไฟ" and "ถนน"), so a search for
"ถนน" finds "ไฟถนนดับ" however newmm cut the sentence.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Index, delete, func, insert, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Field, Session, SQLModel, col

from models import thai_text
from models.complaint import Case

MAX_WORD = 64  # characters; longer tokens (links, runs of symbols) are not worth indexing
MAX_WORDS_PER_CASE = 400
MAX_QUERY_WORDS = 8


class CaseWord(SQLModel, table=True):
    """One (word, case) pair. The primary key is the search path; the case_id index serves the
    cascade when a case is deleted (PDPA erasure) and re-indexing."""

    __tablename__ = "complaint_word"
    __table_args__ = (Index("ix_complaint_word_case", "case_id"), {"sqlite_with_rowid": False})

    word: str = Field(primary_key=True, max_length=MAX_WORD)
    case_id: int = Field(primary_key=True, foreign_key="complaint.id", ondelete="CASCADE")


def clean_text(text: str) -> str:
    """Text as the index keeps it (normalised, invisible characters out, lower case)."""
    return thai_text.clean(text)


def _searchable(word: str, stopwords: frozenset[str]) -> bool:
    # A word needs a letter or digit (Thai letters are alphanumeric to Python); "ที่", "และ" … carry
    # no meaning for a search and would be in most cases' lists.
    return 0 < len(word) <= MAX_WORD and any(ch.isalnum() for ch in word) and word not in stopwords


def words_of(text: str) -> set[str]:
    """The searchable words of a text, with the parts of its compound words."""
    found: set[str] = set()
    for token in thai_text.tokens(clean_text(text)):
        found.add(token)
        found |= thai_text.parts(token)
    stopwords = thai_text.stopwords()
    return {w for w in found if _searchable(w, stopwords)}


def query_words(q: str) -> list[str]:
    """The words a search must all find; parts are not added (a case with "ไฟถนน" already has
    "ไฟ" and "ถนน" in the index, and requiring the parts would only repeat the same condition)."""
    stopwords = thai_text.stopwords()
    unique = list(dict.fromkeys(w for w in thai_text.tokens(clean_text(q)) if _searchable(w, stopwords)))
    # The longest words are the most selective; a very long query is cut rather than refused.
    return sorted(unique, key=len, reverse=True)[:MAX_QUERY_WORDS]


def case_text(case: Case) -> str:
    """What is searchable in a case: the citizen's words and where it happened, never contact data."""
    return " ".join((case.description or "", case.landmark or "", case.location_title or ""))


def index_case(case: Case, *, session: Session) -> int:
    """(Re)writes the word index of one case, in the caller's transaction; returns the word count.
    Call it after the case has its id (after flush), whenever its text is created or changed."""
    if case.id is None:
        session.flush()
    session.exec(delete(CaseWord).where(col(CaseWord.case_id) == case.id))
    words = sorted(words_of(case_text(case)))[:MAX_WORDS_PER_CASE]
    if words:
        session.exec(insert(CaseWord), params=[{"word": w, "case_id": case.id} for w in words])
    return len(words)


def posting_counts(words: list[str], *, session: Session, cap: int) -> dict[str, int]:
    """How many cases have each word, counting no further than cap + 1: one cheap round trip that
    tells which word to start from (the rarest) and whether any word is missing altogether."""
    counts = [select(func.count()).select_from(
        select(col(CaseWord.case_id)).where(col(CaseWord.word) == w).limit(cap + 1).subquery()).scalar_subquery()
        for w in words]
    row = session.execute(select(*counts)).one()
    return dict(zip(words, (int(n) for n in row)))


def having_words(driver: Any, others: Iterable[str]) -> list[ColumnElement[bool]]:
    """Conditions on a query that walks the driving word's postings (`driver`, a CaseWord alias):
    every other word is a primary-key lookup (word, case_id) for the same case."""
    conds: list[ColumnElement[bool]] = []
    for w in others:
        other = aliased(CaseWord)
        conds.append(select(col(other.case_id)).where(col(other.word) == w, col(other.case_id) == driver.case_id)
                     .exists())
    return conds


def walk_postings(columns: Iterable[Any], words: list[str], *, session: Session, cap: int) -> Any | None:
    """A select of `columns` over the cases that have every word, read from the postings of the
    rarest word (order it by CaseWord.case_id to walk them in index order and stop at a page).
    None when some word is in no case at all: nothing to read."""
    found = posting_counts(words, session=session, cap=cap)
    if min(found.values()) == 0:
        return None
    driver = min(words, key=found.__getitem__)
    return (select(*columns).select_from(CaseWord).join(Case, col(Case.id) == CaseWord.case_id)
            .where(col(CaseWord.word) == driver, *having_words(CaseWord, [w for w in words if w != driver])))
