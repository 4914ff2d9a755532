"""Work the event workers do on a clock rather than for an event: the staff's morning digest.

The worker pool's dispatcher (bot/runtime/worker_pool.py) queues this step every PERIODIC_SECONDS in
every worker process; each job decides whether it is due and claims its run in the database, so
several processes never do a job twice. A new clock job is one more entry in JOBS.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot.runtime.digest import send_digest
from bot.services import Services

log = logging.getLogger(__name__)
PERIODIC_SECONDS = 30.0

# (services, holder, now) -> how much was done
JOBS: tuple[Callable[[Services, str, datetime | None], int], ...] = (send_digest,)


def run_periodic(services: Services, holder: str, now: datetime | None = None) -> int:
    done = 0
    for job in JOBS:
        try:
            done += job(services, holder, now)
        except Exception:  # one failing job (the database away) must not stop the others
            log.exception("periodic job %s failed", getattr(job, "__name__", job))
    return done
