"""gunicorn settings for the Procfile's web line; every value can be overridden by the environment.

One `web:` line runs everything: the web processes only verify, store and acknowledge webhook
events, and gunicorn's dirty arbiter keeps WORKER_PROCESSES event-worker processes beside them
(bot/event_workers.py), restarting one that dies. The workers are separate processes so that
handling events (Thai word segmentation, the LINE SDK, ~20 ms of CPU per event) never competes
with acknowledging LINE for one Python GIL, and so that a web process stays small. More workers,
on other machines too, can run as `flask worker` (PostgreSQL); WORKER_PROCESSES=0 puts the
workers back inside the web processes as threads (WORKER_THREADS of them).
"""
import os

port = os.environ.get("PORT", "8000")
bind = f"0.0.0.0:{port}"
# Threads, not processes, carry concurrent webhook requests: each request is one short insert.
# gthread's, except that a thread gets a request only once it is wholly read: slow or incomplete
# clients wait in the event loop, with a deadline, not in threads (see bot/http_worker.py).
worker_class = "bot.http_worker.BufferedThreadWorker"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESSLOG")  # off by default: LINE's traffic is in the database
# gunicorn keeps its dirty arbiter's pid in a file named after proc_name and kills the process it
# names when it starts: two services on one machine (a test beside a benchmark) need two names.
proc_name = f"namakhuea-{port}"
control_socket_disable = True  # gunicorn 25+'s control socket is one path per user; unused here

worker_processes = int(os.environ.get("WORKER_PROCESSES", "1"))
if worker_processes > 0:
    dirty_apps = ["bot.event_workers:EventWorkers"]
    dirty_workers = worker_processes
    dirty_graceful_timeout = 20
    # The web processes (forked after this file is read) then run no worker threads of their own.
    os.environ["WORKER_THREADS"] = "0"


def post_worker_init(worker):  # noqa: ANN001, ANN201
    """Start in-process worker threads at once (only when WORKER_PROCESSES=0), so events left
    over from before a restart are handled without waiting for the next request."""
    from bot import start_workers

    start_workers(worker.wsgi)


def worker_exit(server, worker):  # noqa: ANN001, ANN201
    pool = getattr(worker, "wsgi", None) and worker.wsgi.extensions.get("worker_pool")
    if pool:
        pool.shutdown()
