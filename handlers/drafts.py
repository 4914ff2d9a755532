"""The drafts the flows fill in, typed, and the one reading of a stored draft against its type.

A draft lives in the conversation state, stored as JSON between messages, so a stored one may come from
an older release or a broken row: `fill` keeps each value that has its key's type and resets the rest
to the new draft's, reading the types from the TypedDicts here rather than from rules per key. The
survey's draft is all or nothing (answers count against its questions): `conforms` tells whether it is one.
"""
from __future__ import annotations

import types
import typing
from typing import NotRequired, TypedDict, TypeVar, Union, cast, get_args, get_origin, get_type_hints


class Location(TypedDict):
    latitude: float
    longitude: float
    title: NotRequired[str]
    address: NotRequired[str]


class ComplaintDraft(TypedDict):
    description: str
    category_id: int | None
    category: str
    photos: list[str]  # LINE message ids, kept as the citizen sends them
    location: Location | None
    landmark: str
    contact_mode: str  # anonymous, line or given
    name: str
    phone: str


class CorruptionDraft(TypedDict):
    accused: str
    description: str
    photos: list[str]
    contact_mode: str  # anonymous or given
    name: str
    phone: str


class SuggestionDraft(TypedDict):
    text: str
    photos: list[str]


class ReopenDraft(TypedDict):
    ticket: str  # the resolved complaint the citizen says is not fixed
    photos: list[str]
    asked_at: str  # when "what is still wrong?" was asked (ISO)


class SurveyQuestion(TypedDict):
    id: int
    scale: str  # a key of survey_prompts.SCALES
    text: NotRequired[str]


class SurveyDraft(TypedDict):
    service_id: int | None
    service: str
    ticket: str  # the case rated, or ""
    questions: list[SurveyQuestion]  # as shown, so each answer maps to the exact version the citizen saw
    answers: list[int]
    asked_at: str  # when the comment was asked (ISO), or ""
    cases: NotRequired[list[str]]  # a resolved case of the citizen's, offered among the services


D = TypeVar("D")


def conforms(value: object, hint: object) -> bool:
    """Whether a value read from JSON has the type `hint` (a TypedDict, list[...], X | None, str, ...)."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(conforms(value, arg) for arg in get_args(hint))
    if origin is NotRequired:
        return conforms(value, get_args(hint)[0])
    if origin is list:
        return isinstance(value, list) and all(conforms(v, get_args(hint)[0]) for v in value)
    if hint is type(None) or hint is None:
        return value is None
    if typing.is_typeddict(hint):
        fields = get_type_hints(hint, include_extras=True)  # __required_keys__ misses string NotRequired
        required = {key for key, field in fields.items() if get_origin(field) is not NotRequired}
        return isinstance(value, dict) and required <= set(value) and all(
            conforms(value[key], fields[key]) for key in fields if key in value)
    if hint is float:  # JSON writes 100.0 as 100
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, cast(type, hint))


def fill(draft: object, kind: type[D], blank: D) -> D:
    """A stored draft of type `kind` with every key; a value of the wrong type is reset to `blank`'s."""
    stored = draft if isinstance(draft, dict) else {}
    fields = get_type_hints(kind)
    return typing.cast(D, {key: stored[key] if key in stored and conforms(stored[key], fields[key]) else empty
                           for key, empty in typing.cast(dict, blank).items()})
