"""Production refuses to start with missing or default secrets, and never serves the simulator."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot import create_app
from bot.settings import DEV_ACCESS_TOKEN, DEV_CHANNEL_SECRET, DEV_SECRET_KEY, Settings

REAL = dict(secret_key="9f3c1e0b7a6d4c2e8f1a3b5d7c9e0f21", line_channel_secret="0123456789abcdef0123456789abcdef",
            line_channel_access_token="a-real-long-lived-token")


@pytest.mark.parametrize("override", [
    {"secret_key": DEV_SECRET_KEY}, {"secret_key": ""}, {"secret_key": "short"},
    {"line_channel_secret": DEV_CHANNEL_SECRET}, {"line_channel_secret": ""},
    {"line_channel_access_token": DEV_ACCESS_TOKEN}, {"line_channel_access_token": ""},
])
def test_production_refuses_default_or_missing_secrets(override):
    with pytest.raises(ValidationError, match="production needs real values"):
        Settings(_env_file=None, app_env="production", **{**REAL, **override})


def test_production_talks_to_line_and_never_serves_the_simulator(tmp_path):
    settings = Settings(_env_file=None, app_env="production", instance_path=str(tmp_path), worker_threads=0,
                        database_url=f"sqlite:///{tmp_path / 'p.db'}", **REAL)
    assert settings.api_base_url == "https://api.line.me"
    assert settings.data_api_base_url == "https://api-data.line.me"
    app = create_app(settings)
    client = app.test_client()
    for path in ("/dev/chat/", "/dev/line-api/v2/bot/info", "/dev/"):
        assert client.get(path).status_code == 404
    assert "fake_line" not in app.extensions
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_development_without_credentials_uses_the_builtin_fake(tmp_path):
    settings = Settings(_env_file=None, instance_path=str(tmp_path), port=5123)
    assert settings.api_base_url == "http://127.0.0.1:5123/dev/line-api"
    assert settings.channel_secret == DEV_CHANNEL_SECRET


def test_after_photos_go_to_line_from_https_only_but_the_simulator_shows_its_own():
    production = Settings(_env_file=None, app_env="production", **REAL)
    assert production.photo_base_url == ""  # no public https address: LINE would refuse the push
    assert Settings(_env_file=None, app_env="production", public_base_url="https://oa.example.go.th/",
                    **REAL).photo_base_url == "https://oa.example.go.th"
    simulator = Settings(_env_file=None, port=5123)
    assert simulator.photo_base_url == "http://127.0.0.1:5123"  # its own fake LINE takes that address
    elsewhere = Settings(_env_file=None, port=5123, line_api_base_url="http://127.0.0.1:9/fake")
    assert elsewhere.photo_base_url == ""


def test_heroku_style_postgres_urls_use_psycopg3():
    s = Settings(_env_file=None, database_url="postgres://u:p@db.example/app")
    assert s.db_url == "postgresql+psycopg://u:p@db.example/app"
