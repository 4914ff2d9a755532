"""gunicorn settings for the Procfile's web line; every value can be overridden by the environment."""
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Threads, not processes, carry concurrent webhook requests: each request is one short insert.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESSLOG")  # off by default: LINE's traffic is in the database


def post_worker_init(worker):  # noqa: ANN001, ANN201
    """Start the event workers at once in each web process, so events left over from before a
    restart are handled without waiting for the next request."""
    from bot import start_workers

    start_workers(worker.wsgi)


def worker_exit(server, worker):  # noqa: ANN001, ANN201
    pool = getattr(worker, "wsgi", None) and worker.wsgi.extensions.get("worker_pool")
    if pool:
        pool.shutdown()
