"""`flask --help` and every command group's help start without the heavy libraries (issue 14: under a
second): checked by what a real `flask` run has imported, not by timing it (bench/startup.py times it).
A command that runs still gets the database, and `flask run`/`routes` still the whole web app."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import create_cli_app
from models.db import session_scope
from models.staff import Staff

# What only some commands or pages need: the database layer, the Thai tokenizer and text model,
# PDF and spreadsheet writers, images and fonts, line-bot-sdk, the PostgreSQL driver, the web pages.
HEAVY = ("sqlalchemy", "sqlmodel", "pythainlp", "weasyprint", "openpyxl", "PIL", "fontTools", "linebot", "psycopg",
         "models.complaint", "handlers.understanding", "bot.admin", "bot.web.webhook", "bot.devchat")
GROUPS = ("db", "demo", "ita", "nlu", "privacy", "richmenu", "staff", "worker")
# The `flask` command itself, in this interpreter, reporting the modules it imported on the way out.
RUN_FLASK = ("import sys, json\nfrom flask.cli import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "sys.stderr.write('MODULES ' + json.dumps(sorted(sys.modules)) + '\\n')\n")


def _flask(tmp_path: Path, *args: str) -> tuple[str, set[str]]:
    env = {"PATH": os.environ.get("PATH", ""), "FLASK_APP": "bot:flask_command_app", "INSTANCE_PATH": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'startup.db'}", "WORKER_THREADS": "0"}
    done = subprocess.run([sys.executable, "-c", RUN_FLASK, *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    return done.stdout, set(json.loads(line.removeprefix("MODULES ")))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_flask_help_lists_every_group_without_importing_anything_heavy(tmp_path: Path) -> None:
    out, modules = _flask(tmp_path, "--help")
    assert all(f"\n  {group} " in out for group in GROUPS), out
    assert _heavy(modules) == []


@pytest.mark.parametrize("group", GROUPS)
def test_a_command_groups_help_imports_nothing_heavy(tmp_path: Path, group: str) -> None:
    out, modules = _flask(tmp_path, group, "--help")
    assert "Usage: " in out and group in out, out
    assert _heavy(modules) == []


def test_flask_routes_still_shows_the_whole_web_app(tmp_path: Path) -> None:
    out, modules = _flask(tmp_path, "routes")
    assert "/callback" in out and "/admin/cases" in out, out
    assert "bot.admin" in modules


def test_the_demo_seed_runs_from_the_command_app(tmp_path: Path) -> None:
    """`flask demo seed` in a fresh process, as a newcomer types it (every table loaded by the command)."""
    _flask(tmp_path, "db", "upgrade")
    out, _ = _flask(tmp_path, "demo", "seed", "--cases", "20", "--months", "2")
    assert "20" in out, out
    with sqlite3.connect(tmp_path / "startup.db") as db:
        assert db.execute("SELECT count(*) FROM complaint").fetchone() == (20,)


def test_the_command_app_builds_the_database_when_a_command_runs(settings, engine) -> None:
    app = create_cli_app(settings)
    result = app.test_cli_runner().invoke(args=["staff", "create", "startup1", "--role", "admin"],
                                          env={"STAFF_PASSWORD": "a-long-password-1"})
    assert result.exit_code == 0, result.output
    with session_scope(engine) as s:
        assert s.execute(select(Staff.username).where(Staff.username == "startup1")).scalars().all() == ["startup1"]
    assert app.extensions["db_engine"].url == engine.url
