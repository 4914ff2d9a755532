"""`flask staff …`: accounts from the server's command line. It is also the way to give or take
the integrity role (who reads corruption reports) and to set its holders' passwords when no
integrity handler can do it in the web view; every change is logged with the operating-system
user who ran it ("cli:root"; a colon cannot be in a staff username). The database layer is imported
when a command runs, so that `flask staff --help` starts at once."""
from __future__ import annotations

import getpass

import click
from flask import Flask, current_app
from flask.cli import AppGroup

KIND = "staff"


def _who() -> str:
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except (KeyError, OSError):  # no name for this uid (a container)
        return "cli"


def _account(username: str, s):
    from models.staff import staff_by_username

    staff = staff_by_username(username, session=s)
    if staff is None:
        raise click.UsageError(f"no account {username!r}")
    return staff


def register_staff_cli(app: Flask) -> None:
    staff = AppGroup("staff", help="Staff accounts of the admin view.")

    @staff.command("create")
    @click.argument("username")
    @click.option("--role", "roles", multiple=True, required=True,
                  type=click.Choice(["admin", "officer", "executive", "integrity"]),
                  help="Repeat for several roles, e.g. --role admin --role integrity.")
    @click.option("--division", default=None, help="The division of an officer, by its name.")
    @click.option("--name", "display_name", default="", help="The name shown in the admin view.")
    @click.password_option(envvar="STAFF_PASSWORD", help="Taken from STAFF_PASSWORD, or asked for.")
    def create(username: str, roles: tuple[str, ...], division: str | None, display_name: str, password: str) -> None:
        """Create a staff account: flask staff create USERNAME --role ROLE [--division NAME]."""
        from sqlalchemy import select
        from sqlmodel import col

        from models import audit
        from models.complaint import Division
        from models.db import session_scope
        from models.staff import INTEGRITY, create_staff, staff_by_username

        if "officer" in roles and not division:
            raise click.UsageError("an officer belongs to a division: add --division NAME")
        with session_scope(current_app.extensions["db_engine"]) as s:
            if staff_by_username(username, session=s):
                raise click.UsageError(f"username {username!r} already exists")
            division_id = None
            if division:
                row = s.execute(select(Division).where(col(Division.name) == division.strip())).scalars().first()
                if row is None:
                    names = ", ".join(d.name for d in s.execute(select(Division)).scalars())
                    raise click.UsageError(f"no division {division!r}; known: {names}")
                division_id = row.id
            try:
                made = create_staff(username, password, list(roles), division_id=division_id,
                                    display_name=display_name, session=s)
            except ValueError as exc:
                raise click.UsageError(str(exc)) from exc
            audit.record("create_staff", session=s, username=_who(), target_kind=KIND, target_id=str(made.id),
                         detail=f"{made.username}: {made.roles}")
            if INTEGRITY in roles:
                audit.record("grant_integrity", session=s, username=_who(), target_kind=KIND,
                             target_id=str(made.id), detail=made.username)
        click.echo(f"created {username} ({', '.join(roles)})")

    @staff.command("password")
    @click.argument("username")
    @click.password_option(envvar="STAFF_PASSWORD", help="Taken from STAFF_PASSWORD, or asked for.")
    def password(username: str, password: str) -> None:
        """Set a new password: every session of the account ends and its login failures are forgotten."""
        from models import audit
        from models.db import session_scope
        from models.staff import INTEGRITY, set_password

        with session_scope(current_app.extensions["db_engine"]) as s:
            account = _account(username, s)
            try:
                set_password(account, password, session=s)
            except ValueError as exc:
                raise click.UsageError(str(exc)) from exc
            audit.record("reset_integrity_password" if account.has_role(INTEGRITY) else "reset_password",
                         session=s, username=_who(), target_kind=KIND, target_id=str(account.id),
                         detail=account.username)
        click.echo(f"new password set for {username}; their sessions have ended")

    @staff.command("integrity")
    @click.argument("username")
    @click.option("--remove", is_flag=True, help="Take the role away instead of giving it.")
    def integrity(username: str, remove: bool) -> None:
        """Give (or with --remove take) the integrity role: the only one that reads corruption reports."""
        from models import audit
        from models.db import session_scope
        from models.staff import INTEGRITY, set_roles

        with session_scope(current_app.extensions["db_engine"]) as s:
            account = _account(username, s)
            roles = account.role_set() - {INTEGRITY} if remove else account.role_set() | {INTEGRITY}
            if not roles:
                raise click.UsageError(f"{username} has no other role: give one in the web view first")
            granted = set_roles(account, sorted(roles), session=s)
            if granted is not None:
                audit.record("grant_integrity" if granted else "revoke_integrity", session=s, username=_who(),
                             target_kind=KIND, target_id=str(account.id), detail=account.username)
        click.echo(f"{username}: {' '.join(sorted(roles))}" + ("" if granted is not None else " (unchanged)"))

    @staff.command("link-code")
    @click.argument("username")
    def link_code(username: str) -> None:
        """A one-time code (15 minutes) that, sent to the official account in LINE, links that LINE
        user to this staff account. A new code replaces the old; only its hash is stored."""
        from messages_th.dates import thai_datetime
        from messages_th.staff_line import CLI
        from models import audit
        from models.db import session_scope
        from models.link_code import shown
        from models.staff_link import new_code

        with session_scope(current_app.extensions["db_engine"]) as s:
            account = _account(username, s)
            if not account.active:
                raise click.UsageError(f"{username} is deactivated")
            code, expires = new_code(account, session=s)
            audit.record("link_code", session=s, username=_who(), target_kind=KIND, target_id=str(account.id),
                         detail=account.username)
        click.echo(CLI["link_code"].format(username=account.username, code=shown(code),
                                           until=thai_datetime(expires, short=True)))

    @staff.command("unlink")
    @click.argument("username")
    def unlink_line(username: str) -> None:
        """Forget the LINE account linked to this staff account (a lost or changed phone): alerts
        stop, and that LINE user gets the citizens' menu back."""
        from bot.line import staff_menu
        from messages_th.staff_line import CLI
        from models import audit
        from models.db import session_scope
        from models.staff_link import masked_line_id, unlink

        gateway = current_app.extensions["services"].gateway
        with session_scope(current_app.extensions["db_engine"]) as s:
            account = _account(username, s)
            before = unlink(account, session=s)
            if before:
                audit.record("unlink_line", session=s, username=_who(), target_kind=KIND,
                             target_id=str(account.id), detail=f"{account.username}: {masked_line_id(before)}")
                staff_menu.after_commit(s, gateway, before, linked=False)
        click.echo(CLI["unlinked" if before else "not_linked"].format(username=username))

    app.cli.add_command(staff)
