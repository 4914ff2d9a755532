"""The composition root: the one place where Flask, line-bot-sdk and the database meet."""
from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask_wtf import CSRFProtect

from bot.services import Services
from bot.settings import Settings
from bot.web.webhook import MAX_BODY_BYTES
from handlers import nlu_model

csrf = CSRFProtect()


def create_app(settings: Settings | None = None, *, services: Services | None = None) -> Flask:
    """Build the app; nothing runs at import time. Worker threads, if this process runs any
    (bot/runtime/event_workers.py), start with its first request or from gunicorn.conf.py, never merely
    because a CLI command built the app."""
    settings = settings or Settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    Path(settings.instance_path).mkdir(parents=True, exist_ok=True)
    app = Flask(__name__, instance_path=str(Path(settings.instance_path).resolve()))
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
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    services = services or Services.build(settings)
    app.extensions.update(settings=settings, services=services, db_engine=services.engine,
                          channel_secret=settings.channel_secret.encode("utf-8"),
                          work_signal=services.work_signal)
    from bot.runtime.wake import Notifier, Waker

    # Workers in other processes hear of new work by NOTIFY on PostgreSQL; SQLite's watch the file.
    notifier = Notifier(services.engine) if services.engine.dialect.name == "postgresql" else None
    app.extensions["waker"] = Waker(services.work_signal, notifier)  # the notifier starts on its first poke
    csrf.init_app(app)
    # The municipality's retrained model when there is one (read on first use, not here).
    nlu_model.use(path=settings.nlu_model_path if settings.nlu_model_path.is_file() else None)

    from bot.web import after_photos, health, open311, webhook
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
    from bot.admin import register_admin
    register_admin(app)
    if settings.devchat_enabled:
        _register_devchat(app, settings)

    from bot.cli import register_cli
    register_cli(app)
    return app


def _register_devchat(app: Flask, settings: Settings) -> None:
    from bot.devchat import register_devchat
    from bot.devchat.fake_line import FakeLineStore

    store = FakeLineStore()
    app.extensions["fake_line"] = store
    register_devchat(app, store, lambda: settings, csrf=csrf)
    if settings.uses_builtin_fake_line:
        _seed_rich_menu(store)


def _seed_rich_menu(store) -> None:
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
