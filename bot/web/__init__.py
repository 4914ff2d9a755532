"""What answers HTTP: LINE's webhook, the health check, Open311, and gunicorn's buffering worker class."""
