"""`flask richmenu deploy [--dry-run] [--out DIR]`: put the citizens' rich menu on LINE, then the
staff's (bot/line/staff_menu.py), linked to every staff member whose LINE account is linked.

Plain lines of Thai for the municipality's IT person (texts in messages_th/richmenu.py). A failure
of LINE is explained in one line and exits with status 1, never with a traceback.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from messages_th.richmenu import CLI, ERRORS, STEPS
from messages_th.staff_line import CLI as STAFF_CLI

if TYPE_CHECKING:
    from bot.line import richmenu
    from bot.line.gateway import SendResult


def say(key: str, err: bool = False, **values: object) -> None:
    click.echo(CLI[key].format(**values), err=err)


def explain(result: SendResult) -> str:
    """One line about a failed LINE call."""
    if result.status is None:
        return ERRORS["timeout"].format(detail=result.error[:200])
    if result.status in (401, 403):
        return ERRORS["auth"].format(status=result.status)
    key = "server" if result.status >= 500 or result.status == 429 else "client"
    return ERRORS[key].format(status=result.status, detail=result.error[:300])


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB"


def register_richmenu_cli(app: Flask) -> None:
    group = AppGroup("richmenu", help="The rich menu citizens see in LINE.")

    @group.command("deploy")
    @click.option("--dry-run", is_flag=True, help="Only write the image and JSON to --out; do not call LINE.")
    @click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="Folder for --dry-run (default: <instance>/richmenu).")
    def deploy(dry_run: bool, out: Path | None) -> None:
        """Create the menu, upload its image, make it the default, delete this project's older menus."""
        from bot.line import richmenu  # Pillow and the menu's fonts: only when a menu is drawn
        from bot.line.richmenu_image import FontMissing

        try:
            image = richmenu.render_menu_png()
        except FontMissing as exc:
            say("font_missing", err=True, error=exc)
            raise SystemExit(1) from None
        menu = richmenu.menu_definition()
        problems = richmenu.image_problems(image, menu)
        say("image", width=menu["size"]["width"], height=menu["size"]["height"], kind="PNG", size=_size(len(image)))
        if problems:  # a bug in the drawing, not LINE's fault; still said plainly
            say("image_bad", err=True, problems="; ".join(problems))
            raise SystemExit(1)
        for n, area in enumerate(menu["areas"], 1):
            say("area", n=n, label=area["action"]["label"], data=area["action"]["data"])
        if dry_run:
            folder = out or Path(current_app.instance_path) / "richmenu"
            _write(folder, menu, image)
            from bot.line import staff_menu

            _write(folder, staff_menu.menu_definition(), staff_menu.render_menu_png(), "staff-")
            return
        _deploy(image)
        _deploy_staff()

    app.cli.add_command(group)


def _write(folder: Path, menu: dict, image: bytes, prefix: str = "") -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        png, spec = folder / f"{prefix}richmenu.png", folder / f"{prefix}richmenu.json"
        png.write_bytes(image)
        spec.write_text(json.dumps(menu, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        say("write_failed", err=True, error=exc)
        raise SystemExit(1) from None
    say("dry_run", folder=folder)
    for path in (png, spec):
        say("file", path=path, size=_size(path.stat().st_size))


def _deploy(image: bytes) -> None:
    from bot.line import richmenu

    gateway = current_app.extensions["services"].gateway
    try:
        report = richmenu.deploy(gateway, image)
    except richmenu.DeployFailed as exc:
        _progress(exc.report)
        say("failed", err=True, step=STEPS.get(exc.step, exc.step), error=explain(exc.result))
        if exc.report.menu_id and not exc.report.defaulted:
            say("cleaned" if exc.report.cleaned_up else "left_behind", err=True, menu_id=exc.report.menu_id)
        if exc.step == "list":  # nothing was read, so nothing was changed and nothing is known
            say("nothing_changed", err=True)
        elif exc.report.default_unknown:
            say("unknown_default", err=True)
        else:
            say("kept_default", err=True, menu_id=exc.report.previous_default or CLI["none"])
        raise SystemExit(1) from None
    _progress(report)
    if report.previous_default and not report.previous_is_ours:
        say("foreign_default", menu_id=report.previous_default)
    for menu_id in report.removed:
        say("removed", menu_id=menu_id)
    for menu_id, result in report.not_removed:
        say("not_removed", err=True, menu_id=menu_id, error=explain(result))
    if report.not_removed:
        say("done_with_leftovers", err=True, count=len(report.not_removed))
        raise SystemExit(1)
    say("done", menu_id=report.menu_id)


def _deploy_staff() -> None:
    """The staff menu, after the citizens' is in place; relinked to every linked staff member."""
    from bot.line import richmenu, staff_menu
    from models.db import read_scope

    gateway = current_app.extensions["services"].gateway
    with read_scope(current_app.extensions["db_engine"]) as s:
        users = staff_menu.linked_users(s)
    try:
        menu_id, linked, removed = staff_menu.deploy(gateway, staff_menu.render_menu_png(), users)
    except richmenu.DeployFailed as exc:
        click.echo(STAFF_CLI["staff_failed"].format(error=explain(exc.result)), err=True)
        raise SystemExit(1) from None
    click.echo(STAFF_CLI["staff_created"].format(menu_id=menu_id))
    click.echo(STAFF_CLI["staff_linked"].format(n=linked))
    for old in removed:
        say("removed", menu_id=old)


def _progress(report: richmenu.Report) -> None:
    if report.menu_id:
        say("created", menu_id=report.menu_id)
    if report.uploaded:
        say("uploaded")
    if report.defaulted:
        say("defaulted")
