"""Event workers as a process of their own beside gunicorn's web processes (gunicorn.conf.py).

gunicorn's dirty arbiter forks, supervises and restarts these processes; they take no requests
from the web processes: everything they need is in the database, and a stored event wakes them
through bot/wake.py. They run at a lower CPU priority than the web processes, so that a burst of
webhook requests is acknowledged first and handled right after.
"""
from __future__ import annotations

import importlib
import logging
import os
import pkgutil

from gunicorn.dirty import DirtyApp

log = logging.getLogger(__name__)


class EventWorkers(DirtyApp):
    def __init__(self) -> None:
        self.pool = None

    def init(self) -> None:
        from bot.services import Services
        from bot.settings import Settings
        from bot.worker_pool import WorkerPool

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        _import_all_tables()
        settings = Settings()
        if settings.worker_nice:
            os.nice(settings.worker_nice)
        services = Services.build(settings)
        _warm_up(services)
        self.pool = WorkerPool(services, settings.worker_process_threads)
        self.pool.start()
        log.info("event workers: %d threads in process %d", settings.worker_process_threads, os.getpid())

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()


def _import_all_tables() -> None:
    """Every table must be known before the first flush (foreign keys between modules); the web
    app gets them through its blueprints, this process has no blueprints."""
    import models

    for info in pkgutil.iter_modules(models.__path__):
        importlib.import_module(f"models.{info.name}")


def _warm_up(services) -> None:  # noqa: ANN001
    """Load the Thai dictionary and line-bot-sdk (for profiles and photos) before taking events,
    not while the first citizens wait: together about 3 s of CPU."""
    from bot.worker import _warm_up_once

    _warm_up_once()
    services.gateway._sdk_parts()
