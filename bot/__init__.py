"""The composition root: the one place where Flask, line-bot-sdk and the database meet.

Two apps are built here. `create_app` is the web service (gunicorn, `flask run`, the tests): it imports
every page at once so that no citizen or officer waits for an import. `create_cli_app` is the same
settings, database and LINE client with the `flask` commands and no web pages; it builds the database
engine only when a command first asks for it, so `flask --help` and `flask staff --help` start in a
fraction of a second (README, Performance). `flask_command_app` (FLASK_APP in .flaskenv) picks one.
Nothing heavy is imported at module level: `import bot` costs nothing (tests/test_startup.py).
"""
from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from flask import Flask

    from bot.services import Services
    from bot.settings import Settings

# The flask commands that serve or show the web app itself; every other command gets the command app.
WEB_COMMANDS = frozenset({"run", "routes", "shell"})


def flask_command_app() -> Flask:
    """What the `flask` command loads (FLASK_APP): the web app for `flask run`, `routes` and `shell`,
    the command app for everything else, --help included. Flask loads the app from inside the command
    that needs it, so the command's name is the current click context's."""
    import click

    ctx = click.get_current_context(silent=True)
    return create_app() if ctx is not None and ctx.info_name in WEB_COMMANDS else create_cli_app()


def create_cli_app(settings: Settings | None = None) -> Flask:
    """The `flask` commands with the settings, and the database and LINE client built on first use."""
    settings = settings or _settings()
    app = _flask_app(settings)
    app.extensions = _OnFirstUse(lambda: _service_extensions(settings, None))
    app.extensions["settings"] = settings
    _use_nlu_model(settings)
    from bot.cli import register_cli

    register_cli(app)
    return app


def create_app(settings: Settings | None = None, *, services: Services | None = None) -> Flask:
    """Build the web app; nothing runs at import time. Worker threads, if this process runs any
    (bot/runtime/event_workers.py), start with its first request or from gunicorn.conf.py, never merely
    because a CLI command built the app."""
    from flask_wtf import CSRFProtect

    from bot.web.webhook import MAX_BODY_BYTES

    settings = settings or _settings()
    app = _flask_app(settings)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.is_production,
        JSON_AS_ASCII=False,
        MUNICIPALITY_NAME=settings.municipality_name,
        REMEMBER_COOKIE_SECURE=settings.is_production,
        REMEMBER_COOKIE_HTTPONLY=True,
        # The cookie only names a server-side session (bot/admin/auth.py), which ends sooner; this
        # is a second limit on how long a signed cookie is accepted at all (Flask's default: 31 days).
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.session_max_hours),
    )
    app.extensions.update(settings=settings, **_service_extensions(settings, services))
    csrf = CSRFProtect(app)
    _use_nlu_model(settings)

    from bot.web import after_photos, fonts, health, open311, webhook
    app.register_blueprint(webhook.bp)
    csrf.exempt(webhook.bp)  # LINE signs its requests; there is no browser session to forge
    app.wsgi_app = webhook.CallbackShortcut(app, app.wsgi_app)  # type: ignore[method-assign]
    if settings.trusted_proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # The client's own address (login throttle, audit log) and scheme from the proxies' headers,
        # trusting only as many hops as the deployment really has.
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n)  # type: ignore[method-assign]
    if settings.worker_threads > 0:
        from bot.runtime.event_workers import StartWorkersFirst

        starter = StartWorkersFirst(app, app.wsgi_app, settings.worker_threads)
        app.extensions["worker_starter"] = starter
        app.wsgi_app = starter  # type: ignore[method-assign]
    app.register_blueprint(health.bp)
    app.register_blueprint(open311.bp)
    app.register_blueprint(after_photos.bp)  # public: LINE fetches pushed images without a login
    app.register_blueprint(fonts.bp)  # public: the login page needs them too
    from bot.admin import register_admin
    register_admin(app)
    if settings.devchat_enabled:
        _register_devchat(app, settings, csrf)

    from bot.cli import register_cli
    register_cli(app)
    return app


def _settings() -> Settings:
    from bot.settings import Settings

    return Settings()


def _flask_app(settings: Settings) -> Flask:
    from flask import Flask
    from flask.json.provider import DefaultJSONProvider

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    Path(settings.instance_path).mkdir(parents=True, exist_ok=True)
    app = Flask(__name__, instance_path=str(Path(settings.instance_path).resolve()))
    if isinstance(app.json, DefaultJSONProvider):  # always, unless a provider is swapped in
        app.json.ensure_ascii = False
    return app


def _service_extensions(settings: Settings, services: Services | None) -> dict[str, Any]:
    """The database engine, the LINE gateway (itself built on first use) and the waker, as
    `app.extensions` names them."""
    from bot.runtime.wake import Notifier, Waker
    from bot.services import Services

    services = services or Services.build(settings)
    # Workers in other processes hear of new work by NOTIFY on PostgreSQL; SQLite's watch the file.
    notifier = Notifier(services.engine) if services.engine.dialect.name == "postgresql" else None
    return {"services": services, "db_engine": services.engine, "work_signal": services.work_signal,
            "channel_secret": settings.channel_secret.encode("utf-8"),
            "waker": Waker(services.work_signal, notifier)}  # the notifier starts on its first poke


class _OnFirstUse(dict):
    """The command app's `app.extensions`: the first command that asks for the database (or any other
    service) has them built; `--help` never asks, so it never imports SQLAlchemy."""

    SERVICES = frozenset({"services", "db_engine", "work_signal", "channel_secret", "waker"})

    def __init__(self, build: Callable[[], dict[str, Any]]):
        super().__init__()
        self._build: Callable[[], dict[str, Any]] | None = build

    def __missing__(self, key: str) -> Any:
        if key in self.SERVICES and self._build is not None:
            build, self._build = self._build, None
            self.update(build())
            return self[key]
        raise KeyError(key)


def _use_nlu_model(settings: Settings) -> None:
    from handlers import nlu_model

    # The municipality's retrained model when there is one (read on first use, not here).
    nlu_model.use(path=settings.nlu_model_path if settings.nlu_model_path.is_file() else None)


def _register_devchat(app: Flask, settings: Settings, csrf: Any) -> None:
    from bot.devchat import register_devchat
    from bot.devchat.fake_line import FakeLineStore

    store = FakeLineStore()
    app.extensions["fake_line"] = store
    register_devchat(app, store, lambda: settings, csrf=csrf)
    if settings.uses_builtin_fake_line:
        store.own_origin = settings.public_url
        _seed_rich_menu(store)


def _seed_rich_menu(store: Any) -> None:
    """`make run` shows the same rich menu as production, as if `flask richmenu deploy` had run."""
    from bot.line.richmenu import menu_definition, render_menu_png

    state = store.rich_menus
    state.menus["richmenu-dev"] = {"richMenuId": "richmenu-dev", **menu_definition()}
    state.images["richmenu-dev"] = (render_menu_png(), "image/png")
    state.default_id = "richmenu-dev"
    # The staff's menu too, which a staff member who links their LINE in the simulator then gets.
    from bot.line import staff_menu

    state.menus["richmenu-dev-staff"] = {"richMenuId": "richmenu-dev-staff",
                                         **staff_menu.menu_definition(staff_menu.MENU_NAME + " dev")}
    state.images["richmenu-dev-staff"] = (staff_menu.render_menu_png(), "image/png")
