"""Production mode: it refuses to start with a missing or default secret (through the same entry
points as the Procfile), never serves the chat simulator or the fake LINE API at any of their URLs,
and sends its cookies only over HTTPS."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import create_app
from bot.settings import DEV_ACCESS_TOKEN, DEV_CHANNEL_SECRET, DEV_SECRET_KEY, Settings

ROOT = Path(__file__).resolve().parents[2]
REAL = {"SECRET_KEY": "5b0f9c2e7d4a41e3b8c6f0a1d2e3f405", "LINE_CHANNEL_SECRET": "0123456789abcdef0123456789abcdef",
        "LINE_CHANNEL_ACCESS_TOKEN": "a-real-long-lived-channel-access-token"}


def _start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """The web process's own start (`bot:create_app()`, what gunicorn calls), in a clean environment."""
    clean = {"PATH": os.environ.get("PATH", ""), "APP_ENV": "production", "INSTANCE_PATH": str(tmp_path),
             "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}", "WORKER_THREADS": "0", **env}
    return subprocess.run([sys.executable, "-c", "from bot import create_app; create_app()"], cwd=tmp_path,
                          env={**clean, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name,value", [("SECRET_KEY", DEV_SECRET_KEY), ("SECRET_KEY", None),
                                        ("LINE_CHANNEL_SECRET", DEV_CHANNEL_SECRET), ("LINE_CHANNEL_SECRET", None),
                                        ("LINE_CHANNEL_ACCESS_TOKEN", DEV_ACCESS_TOKEN),
                                        ("LINE_CHANNEL_ACCESS_TOKEN", None)])
def test_production_will_not_start_with_a_default_or_missing_secret(tmp_path, name, value):
    env = {k: v for k, v in REAL.items() if k != name} | ({name: value} if value is not None else {})
    done = _start(tmp_path, **env)
    assert done.returncode != 0 and "production needs real values for" in done.stderr and name in done.stderr


def test_production_starts_with_real_secrets(tmp_path):
    done = _start(tmp_path, **REAL)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def production_app(tmp_path):
    settings = Settings(_env_file=None, app_env="production", instance_path=str(tmp_path), worker_threads=0,
                        database_url=f"sqlite:///{tmp_path / 'p.db'}",
                        **{k.lower(): v for k, v in REAL.items()})
    return create_app(settings)


def test_no_simulator_or_fake_line_url_exists_in_production(production_app, tmp_path):
    assert not [r.rule for r in production_app.url_map.iter_rules() if r.rule.startswith("/dev")]
    assert "fake_line" not in production_app.extensions
    client = production_app.test_client()
    app = create_app(Settings(_env_file=None, instance_path=str(tmp_path / "dev"), worker_threads=0,  # `make run`'s
                              database_url=f"sqlite:///{tmp_path / 'd.db'}"))
    dev_rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/dev")]  # what development has
    assert dev_rules, "the development app should have the simulator to compare with"
    for rule in dev_rules:
        url = rule.rule.replace("<path:rest>", "v2/bot/info")
        for part in ("<message_id>", "<menu_id>", "<user_id>", "<kind>", "<path:filename>"):
            url = url.replace(part, "x")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert client.open(url, method=method).status_code == 404, f"production serves {method} {url}"
    assert client.get("/dev/chat").status_code == 404


def test_production_cookies_need_https_and_the_admin_still_works(production_app):
    assert production_app.config["SESSION_COOKIE_SECURE"] is True
    assert production_app.config["REMEMBER_COOKIE_SECURE"] is True
    assert production_app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert production_app.test_client().get("/admin/").status_code == 302  # to the login page, not the simulator
