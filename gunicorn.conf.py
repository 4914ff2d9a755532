"""gunicorn settings for the Procfile's web line; every value can be overridden by the environment.

One `web:` line runs everything. WORKER_PROCESSES (bot/settings.py) chooses where events are
handled, as bot/runtime/event_workers.py explains: by default gunicorn runs that many event-worker
processes as workers of its own beside the WEB_CONCURRENCY web processes (pre_fork picks which
worker is which), and supervises both kinds alike; with 0, each web process runs WORKER_THREADS
worker threads itself. More event workers, on other machines too, run as `flask worker`.
"""
import os

from bot.runtime.event_workers import EventWorkerProcess, choose_role, web_process_ready
from bot.settings import Settings

event_processes = Settings().worker_processes

port = os.environ.get("PORT", "8000")
bind = f"0.0.0.0:{port}"
# Threads, not processes, carry concurrent webhook requests: each request is one short insert.
# gthread's, except that a thread gets a request only once it is wholly read: slow or incomplete
# clients wait in the event loop, with a deadline, not in threads (see bot/web/http_worker.py).
worker_class = "bot.web.http_worker.BufferedThreadWorker"
workers = int(os.environ.get("WEB_CONCURRENCY", "2")) + event_processes
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESSLOG")  # off by default: LINE's traffic is in the database
proc_name = f"namakhuea-{port}"
control_socket_disable = True  # gunicorn 25+'s control socket is one path per user; unused here


def pre_fork(server, worker):
    choose_role(server, worker, event_processes)


def post_worker_init(worker):
    if not isinstance(worker, EventWorkerProcess):
        web_process_ready(worker.wsgi, run_workers=event_processes == 0)


def worker_exit(server, worker):
    pool = getattr(worker, "wsgi", None) and getattr(worker.wsgi, "extensions", {}).get("worker_pool")
    if pool:
        pool.shutdown()
