"""The order and the failure rules of a rich menu deploy, with a scripted stand-in for the gateway
(for answers the fake LINE API cannot be told to give for an id it has not made yet)."""
from __future__ import annotations

import pytest

from bot.line import richmenu
from bot.line.gateway import SendResult

OK, NO_ANSWER = SendResult(ok=True, status=200), SendResult(ok=False, status=None, error="ReadTimeoutError")
NOT_FOUND, BROKEN = SendResult(ok=False, status=404, error="not found"), SendResult(ok=False, status=500, error="x")


class ScriptedLine:
    """Keeps menus and the default like LINE; `answers` overrides what one call returns."""

    def __init__(self, **answers: object):
        self.menus = {"old": {"richMenuId": "old", "name": "citizen-main-menu 2025-01-01T00:00:00Z"},
                      "theirs": {"richMenuId": "theirs", "name": "campaign"}}
        self.default: str | None = "old"
        self.answers = answers
        self.log: list[str] = []

    def _answer(self, name: str, default: SendResult) -> SendResult:
        self.log.append(name)
        return self.answers.get(name, default)  # type: ignore[return-value]

    def list_rich_menus(self):
        result = self._answer("list", OK)
        return result, (list(self.menus.values()) if result.ok else [])

    def get_default_rich_menu_id(self):
        result = self._answer("get_default", OK if self.default else NOT_FOUND)
        return result, (self.default if result.ok else None)

    def create_rich_menu(self, menu):
        result = self._answer("create", OK)
        if result.ok:
            self.menus["new"] = {"richMenuId": "new", **menu}
        return result, ("new" if result.ok else None)

    def set_rich_menu_image(self, menu_id, data, content_type="image/png"):
        return self._answer("upload", OK)

    def set_default_rich_menu(self, menu_id):
        if self.answers.get("set_default_takes_effect", True):
            self.default = menu_id
        return self._answer("set_default", OK)

    def delete_rich_menu(self, menu_id):
        result = self._answer(f"delete {menu_id}", OK)
        if result.ok:
            self.menus.pop(menu_id, None)
            self.default = None if self.default == menu_id else self.default
        return result


def test_the_default_switches_before_anything_is_deleted() -> None:
    line = ScriptedLine()
    report = richmenu.deploy(line, b"png")
    assert line.log == ["list", "get_default", "create", "upload", "set_default", "delete old"]
    assert line.default == "new" and set(line.menus) == {"new", "theirs"}
    assert report.removed == ["old"] and report.previous_default == "old" and report.previous_is_ours


def test_a_lost_answer_that_switched_the_default_counts_as_done() -> None:
    line = ScriptedLine(set_default=NO_ANSWER)
    report = richmenu.deploy(line, b"png")
    assert report.defaulted and line.default == "new" and "old" not in line.menus


def test_a_refused_default_deletes_only_the_new_menu() -> None:
    line = ScriptedLine(set_default=BROKEN, set_default_takes_effect=False)
    with pytest.raises(richmenu.DeployFailed) as failed:
        richmenu.deploy(line, b"png")
    assert failed.value.step == "set_default" and failed.value.report.cleaned_up
    assert line.default == "old" and set(line.menus) == {"old", "theirs"}


def test_when_the_default_cannot_be_checked_nothing_is_deleted() -> None:
    """Deleting a menu that might be the default could leave citizens with no menu at all."""
    line = ScriptedLine(set_default=NO_ANSWER, set_default_takes_effect=False)
    line.answers["get_default"] = OK
    calls = {"n": 0}
    original = line.get_default_rich_menu_id

    def second_check_fails():
        calls["n"] += 1
        return original() if calls["n"] == 1 else (NO_ANSWER, None)

    line.get_default_rich_menu_id = second_check_fails  # type: ignore[method-assign]
    with pytest.raises(richmenu.DeployFailed) as failed:
        richmenu.deploy(line, b"png")
    report = failed.value.report
    assert report.default_unknown and not report.cleaned_up
    assert set(line.menus) == {"old", "new", "theirs"}


def test_a_failed_delete_of_an_old_menu_is_reported_not_hidden() -> None:
    line = ScriptedLine(**{"delete old": BROKEN})
    report = richmenu.deploy(line, b"png")
    assert report.defaulted and line.default == "new"
    assert [menu_id for menu_id, _ in report.not_removed] == ["old"]


def test_no_default_yet_is_not_a_failure() -> None:
    line = ScriptedLine()
    line.default = None
    report = richmenu.deploy(line, b"png")
    assert report.previous_default is None and line.default == "new"
