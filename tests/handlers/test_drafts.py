"""A stored draft is read against its TypedDict: what has its key's type is kept, the rest reset."""
from __future__ import annotations

from handlers import complaint, corruption, suggestion
from handlers.drafts import ComplaintDraft, CorruptionDraft, Location, SuggestionDraft, conforms, fill
from handlers.survey_prompts import read_draft
from handlers.types import State


def test_each_report_flow_reads_its_draft_by_its_type() -> None:
    assert (complaint.REPORT.draft, corruption.REPORT.draft, suggestion.REPORT.draft) == (
        ComplaintDraft, CorruptionDraft, SuggestionDraft)
    for flow in (complaint.REPORT, corruption.REPORT, suggestion.REPORT):
        blank = flow.blank()
        assert set(blank) == set(flow.draft.__annotations__)
        assert fill(blank, flow.draft, flow.blank()) == blank  # a new draft has its own type


def test_kept_when_typed_reset_when_not() -> None:
    stored = {"description": "ไฟดับ", "category_id": True, "photos": ["m1", 2], "landmark": 5,
              "location": {"latitude": 13, "longitude": 100.5, "title": "x"}, "extra": "dropped"}
    draft = fill(stored, ComplaintDraft, complaint.new_draft())
    assert draft == {**complaint.new_draft(), "description": "ไฟดับ",
                     "location": {"latitude": 13, "longitude": 100.5, "title": "x"}}
    assert fill({"category_id": 4, "photos": ["m1"]}, ComplaintDraft, complaint.new_draft())["category_id"] == 4
    assert fill("not a draft", SuggestionDraft, suggestion.new_draft()) == suggestion.new_draft()


def test_conforms() -> None:
    assert conforms(None, int | None) and conforms(3, int | None) and not conforms(False, int | None)
    assert conforms([], list[str]) and not conforms(["a", None], list[str]) and not conforms("ab", list[str])
    assert conforms({"latitude": 13.7, "longitude": 100}, Location)  # title and address are optional
    assert not conforms({"latitude": 13.7}, Location) and not conforms({"latitude": "13", "longitude": 1}, Location)


def test_a_survey_draft_is_read_whole_or_not_at_all() -> None:
    question = {"id": 1, "scale": "four", "text": "พอใจไหม"}
    whole = {"service_id": 2, "service": "น้ำประปา", "ticket": "", "questions": [question], "answers": [],
             "asked_at": ""}
    assert read_draft(State("survey", "question", {"draft": whole})) == (whole, "question")
    older = {"questions": [question], "answers": []}  # written before the other keys existed
    assert read_draft(State("survey", "question", {"draft": older}))[0] == {**whole, "service_id": None,
                                                                             "service": ""}
    for broken in ({"service_id": True}, {"questions": []}, {"answers": [4, 4]}, {"answers": ["4"]},
                   {"questions": [{**question, "scale": "x"}]}, {"questions": [{"scale": "four"}]}):
        assert read_draft(State("survey", "question", {"draft": {**whole, **broken}}))[0] is None, broken
