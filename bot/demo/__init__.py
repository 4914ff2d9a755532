"""`flask demo seed`: realistic synthetic data for demos, screenshots and benchmarks.

clock.py (months, seasons, office hours), text.py (complaints from the Thai templates in
messages_th/demo_*.py, and their search words), sink.py (bulk writes: executemany on SQLite, COPY
on PostgreSQL), people.py (followers, staff, survey/FAQ reference data), cases.py (complaints and
their histories), feedback.py (surveys, inquiries, suggestions, corruption reports), seed.py (the
whole run), cli.py (the command).
"""
