"""Fixtures shared by the whole suite.

The database is SQLite in a temporary folder, or PostgreSQL when TEST_DATABASE_URL is set (CI runs
both). It is migrated once with Alembic, like production, and emptied before every test.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from bot import create_app
from bot.cli import upgrade_database
from bot.devchat.events import sign
from bot.devchat.fake_line import FakeLineServer
from bot.runtime.worker import Worker
from bot.services import Services
from bot.settings import Settings
from models.db import make_engine, session_scope
from models.seed import seed_defaults

CHANNEL_SECRET = "test-channel-secret-0123456789"
ACCESS_TOKEN = "test-access-token"
# Real data the tests read, kept in the repository (tests/fixtures/README.md says where each came from).
DATA = Path(__file__).resolve().parent / "fixtures"
FIXTURES = DATA / "line"
TRAFFY_SAMPLE = DATA / "traffy" / "bangkok_sample_2023-05-17.csv"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        upgrade_database(url)
        yield url
        return
    own = not os.environ.get("CI")  # outside CI, runs side by side must not share one database
    if own:
        url = _create_database(url, f"_{os.getpid()}")
    engine = make_engine(url)
    with engine.begin() as conn:  # a clean schema for this run
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    upgrade_database(url)
    yield url
    if own:
        _drop_database(url)


def _admin_engine(url: str):
    from sqlalchemy.engine import make_url

    return make_engine(make_url(url).set(database="postgres").render_as_string(hide_password=False)).execution_options(
        isolation_level="AUTOCOMMIT")


def _create_database(url: str, suffix: str) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = f"{parsed.database}{suffix}"
    engine = _admin_engine(url)
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def _drop_database(url: str) -> None:
    from sqlalchemy.engine import make_url

    engine = _admin_engine(url)
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def _engine(database_url: str):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def _empty_tables(engine) -> None:
    from sqlmodel import SQLModel

    # Not the staff's edit counter: it must only grow, or a number cached by this process
    # (bot/runtime/config_cache.py) would come back meaning other categories or FAQ.
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables) if t.name != "config_version"]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        else:
            for t in tables:
                conn.execute(text(f'DELETE FROM "{t}"'))
            conn.execute(text("DELETE FROM sqlite_sequence")) if _has_sqlite_sequence(conn) else None


def _has_sqlite_sequence(conn) -> bool:
    return bool(conn.execute(text("SELECT 1 FROM sqlite_master WHERE name='sqlite_sequence'")).first())


@pytest.fixture
def engine(_engine):
    _empty_tables(_engine)
    with session_scope(_engine) as s:
        seed_defaults(session=s)
    return _engine


@pytest.fixture
def fake_line() -> Iterator[Any]:
    """A real HTTP server that acts as LINE, records every call and checks LINE's limits."""
    with FakeLineServer() as server:
        yield server
        assert not server.store.violations, "messages broke LINE's limits:\n" + "\n".join(server.store.violations)


@pytest.fixture
def settings(database_url: str, fake_line: Any, tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        app_env="test", secret_key="test-secret-key-not-for-production", database_url=database_url,
        line_channel_secret=CHANNEL_SECRET, line_channel_access_token=ACCESS_TOKEN,
        line_api_base_url=fake_line.base_url, line_data_api_base_url=fake_line.base_url,
        instance_path=str(tmp_path / "instance"), worker_threads=0, event_settle_seconds=0.0,
        line_timeout_seconds=2.0, municipality_name="เทศบาลตำบลนามะเขือ", ticket_prefix="NMK",
    )


@pytest.fixture
def services(settings: Settings, engine) -> Iterator[Services]:
    sv = Services.build(settings, engine=engine)
    yield sv
    sv.gateway.close()


@pytest.fixture
def app(settings: Settings, services: Services):
    app = create_app(settings, services=services)
    app.config.update(TESTING=True)
    yield app
    app.extensions["waker"].close()  # its PostgreSQL NOTIFY connection, else one per test is left open


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def worker(services: Services) -> Worker:
    return Worker(services, name="test-worker")


def post_body(client, body: dict[str, Any] | bytes, *, secret: str = CHANNEL_SECRET, signature: str | None = None):
    raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    sig = sign(raw, secret) if signature is None else signature
    return client.post("/callback", data=raw, headers={"X-Line-Signature": sig, "Content-Type": "application/json"})


def load_fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def webhook_fixtures() -> list[Path]:
    """Every LINE webhook body in tests/fixtures/line. Never empty: an empty list would let the tests
    that loop over it pass without checking anything (as they did on a clone without the folder
    they used to be read from)."""
    paths = [p for p in sorted(FIXTURES.glob("*.json")) if p.name != "SIGNATURE_VECTORS.json"]
    assert len(paths) >= 20, f"LINE's webhook bodies are missing from {FIXTURES}"
    return paths


def chromium_path() -> str | None:
    """Debian's Chromium; browser tests skip without it, except in CI where it must be there."""
    import shutil

    found = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.environ.get("CI"):
        pytest.fail("CI must have Debian's chromium for the browser tests (.ci/run installs it)")
    return found


@pytest.fixture
def browser():
    """A headless Chromium driven by Playwright. Per test, because Playwright's sync API allows
    one running instance per thread and some tests start their own."""
    path = chromium_path()
    if path is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
            "--disable-background-networking", "--disable-component-update"])
        yield b
        b.close()


@pytest.fixture
def live_app(app):
    """The app served over real HTTP on 127.0.0.1 (for the browser)."""
    from bot.devchat.serving import ServedApp

    with ServedApp(app) as served:
        yield served
