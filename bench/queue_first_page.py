"""How fast is the first page of the staff queue with many cases? (target: p95 under 200 ms at 1,000,000)

    .venv/bin/python -m bench.queue_first_page [N] [--database-url URL] [--runs 40] [--analyze]

Seeds N synthetic complaints (default 1,000,000) with their search words into the database, in bulk
(a few minutes at most for a million), unless it already holds that many; then prints p50 / p95 of
the queries the queue page runs (the page of rows plus the counts per status), for the plain first
page and for filtered and searched ones, and of the whole page through Flask (login, query, render).
The database is migrated first; use a scratch database: the cases stay there for the next run.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text

from bot.cli import upgrade_database
from models.case_queries import QueueFilter, queue_page, status_counts
from models.complaint import Case, Category
from models.db import make_engine, read_scope, session_scope
from models.search import words_of
from models.seed import seed_defaults

# (category, description): what citizens write, so that the word index has realistic lists.
TEMPLATES = [
    ("ถนน/ทางเท้า", "ถนนหน้าบ้านเป็นหลุมใหญ่ รถจักรยานยนต์ล้มบ่อย ขอให้ซ่อมด่วน"),
    ("ถนน/ทางเท้า", "ทางเท้าแตกร้าว ผู้สูงอายุเดินสะดุดล้ม"),
    ("ถนน/ทางเท้า", "ถนนลูกรังในซอยฝุ่นเยอะมาก ขอลาดยาง"),
    ("ไฟฟ้าสาธารณะ", "ไฟถนนหน้าบ้านดับมา 3 วันแล้ว มืดมาก กลัวขโมย"),
    ("ไฟฟ้าสาธารณะ", "เสาไฟฟ้าเอียงจะล้ม อันตรายต่อคนสัญจร"),
    ("ไฟฟ้าสาธารณะ", "ไฟกิ่งหน้าวัดกระพริบทั้งคืน"),
    ("น้ำประปา", "น้ำประปาไม่ไหลตั้งแต่เมื่อวาน หมู่ 3"),
    ("น้ำประปา", "ท่อประปาแตกน้ำรั่วไหลบนถนน"),
    ("น้ำประปา", "น้ำประปาขุ่นมีตะกอน ใช้อาบไม่ได้"),
    ("ขยะ/ความสะอาด", "ขยะไม่มีคนมาเก็บหนึ่งสัปดาห์ ส่งกลิ่นเหม็น"),
    ("ขยะ/ความสะอาด", "มีคนแอบทิ้งขยะริมถนนทางเข้าหมู่บ้าน"),
    ("ท่อระบายน้ำ/น้ำท่วม", "ท่อระบายน้ำอุดตัน ฝนตกน้ำท่วมขังหน้าบ้าน"),
    ("ท่อระบายน้ำ/น้ำท่วม", "ฝาท่อระบายน้ำหาย เด็กอาจตกลงไป"),
    ("เหตุเดือดร้อนรำคาญ (เสียง กลิ่น ควัน การเผา)", "ข้างบ้านเผาขยะทุกเย็น ควันเข้าบ้าน เด็กไอ"),
    ("เหตุเดือดร้อนรำคาญ (เสียง กลิ่น ควัน การเผา)", "ร้านคาราโอเกะเปิดเพลงเสียงดังถึงตีสอง"),
    ("เหตุเดือดร้อนรำคาญ (เสียง กลิ่น ควัน การเผา)", "ฟาร์มหมูส่งกลิ่นเหม็นทั้งหมู่บ้าน"),
    ("สัตว์จรจัด", "สุนัขจรจัดไล่กัดเด็กนักเรียนหน้าโรงเรียน"),
    ("สัตว์จรจัด", "แมวจรจัดจำนวนมากในตลาดสด"),
    ("ต้นไม้", "กิ่งไม้ใหญ่พาดสายไฟ ลมแรงกลัวหัก"),
    ("ต้นไม้", "ต้นไม้ล้มขวางถนนหลังพายุ"),
    ("ความปลอดภัย/สาธารณภัย", "ป้ายจราจรหาย ทางแยกอันตราย เกิดอุบัติเหตุบ่อย"),
    ("ความปลอดภัย/สาธารณภัย", "มีรังต่อขนาดใหญ่บนต้นไม้ข้างศาลาประชาคม"),
    ("การให้บริการของเจ้าหน้าที่", "ติดต่อขอใบอนุญาตรอนานมาก เจ้าหน้าที่ไม่อยู่"),
    ("การให้บริการของเจ้าหน้าที่", "โทรไปสำนักงานไม่มีคนรับสาย"),
    ("อื่นๆ", "ขอให้จัดอบรมอาชีพให้ผู้สูงอายุในชุมชน"),
]
PLACES = ["หมู่ 1", "หมู่ 2", "หมู่ 3", "หมู่ 4", "หมู่ 5", "หมู่ 6", "หมู่ 7", "หมู่ 8"]
SEARCHES = {"q=ถนน (common)": "ถนน", "q=ไฟดับ (two words)": "ไฟดับ", "q=รังต่อ (rare)": "รังต่อ",
            "q=ticket": None}
CHUNK = 20_000


def bulk_seed(engine: Any, n: int) -> None:
    """N complaints over two years, oldest first (ids rise with time, as when the bot files them),
    mostly closed except the last weeks; the words come from an INSERT … SELECT per template."""
    with session_scope(engine) as s:
        seed_defaults(session=s)
        categories = {c.name: c for c in s.exec(select(Category)).scalars()}
        start_id = (s.exec(select(func.max(Case.id))).scalar_one() or 0) + 1
    rng = random.Random(2568)
    now = datetime.now(UTC)
    first = now - timedelta(days=730)
    step = timedelta(days=730) / n
    k = len(TEMPLATES) * len(PLACES)
    columns = ["id", "ticket", "status", "category_id", "division_id", "description", "landmark", "latitude",
               "longitude", "location_title", "location_address", "contact_mode", "reporter_name",
               "reporter_phone", "channel", "created_at", "updated_at", "due_at", "last_message"]
    t0 = time.perf_counter()
    with engine.begin() as conn:
        for lo in range(0, n, CHUNK):
            rows = []
            for i in range(lo, min(n, lo + CHUNK)):
                cat_name, desc = TEMPLATES[i % len(TEMPLATES)]
                place = PLACES[(i // len(TEMPLATES)) % len(PLACES)]
                cat = categories[cat_name]
                created = first + step * i
                age = (now - created).days
                status = _status(rng, age)
                rows.append({
                    "id": start_id + i, "ticket": f"BEN{(created.year + 543) % 100:02d}{created.month:02d}-{i:07d}",
                    "status": status, "category_id": cat.id, "division_id": cat.division_id,
                    "description": desc, "landmark": place, "latitude": None, "longitude": None,
                    "location_title": "", "location_address": "", "contact_mode": "anonymous", "reporter_name": "",
                    "reporter_phone": "", "channel": "line", "created_at": created, "updated_at": created,
                    "due_at": created + timedelta(days=15), "last_message": ""})
            _insert(conn, columns, rows)
            print(f"\r  complaints {min(n, lo + CHUNK):,}/{n:,}", end="", file=sys.stderr, flush=True)
        print(f"  ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
        t1 = time.perf_counter()
        conn.execute(text("CREATE TEMP TABLE bench_word (template INTEGER NOT NULL, word VARCHAR(64) NOT NULL)"))
        words = [{"t": t, "w": w} for t in range(k)
                 for w in words_of(TEMPLATES[t % len(TEMPLATES)][1] + " " + PLACES[(t // len(TEMPLATES)) % len(PLACES)])]
        conn.execute(text("INSERT INTO bench_word (template, word) VALUES (:t, :w)"), words)
        # Template of a case = (id - start) mod k, as the rows above were made. The case_id index is
        # built after the rows are in: one sort instead of millions of scattered inserts.
        conn.execute(text("DROP INDEX ix_complaint_word_case"))
        conn.execute(text("INSERT INTO complaint_word (word, case_id) SELECT w.word, c.id FROM complaint c "
                          "JOIN bench_word w ON w.template = (c.id - :start) % :k WHERE c.id >= :start "
                          "ORDER BY w.word, c.id"), {"start": start_id, "k": k})
        conn.execute(text("CREATE INDEX ix_complaint_word_case ON complaint_word (case_id)"))
        conn.execute(text("DROP TABLE bench_word"))
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT setval(pg_get_serial_sequence('complaint', 'id'), (SELECT max(id) FROM complaint))"))
    print(f"  words ({time.perf_counter() - t1:.0f} s)", file=sys.stderr)


def _insert(conn: Any, columns: list[str], rows: list[dict[str, Any]]) -> None:
    """COPY on PostgreSQL (several times faster than INSERTs), a multi-row INSERT on SQLite."""
    if conn.dialect.name != "postgresql":
        conn.execute(Case.__table__.insert(), rows)  # type: ignore[attr-defined]
        return
    with conn.connection.driver_connection.cursor() as cur, \
            cur.copy(f"COPY complaint ({', '.join(columns)}) FROM STDIN") as copy:
        for r in rows:
            copy.write_row([r[c] for c in columns])


def _status(rng: random.Random, age_days: int) -> str:
    if age_days < 20:
        return rng.choice(["received", "received", "in_progress", "in_progress", "resolved"])
    return rng.choices(["resolved", "rejected", "forwarded", "cancelled", "in_progress", "received"],
                       [85, 4, 3, 2, 4, 2])[0]


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    for _ in range(3):
        fn()  # warm the caches, as a page people keep opening is
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def measure_queries(engine: Any, runs: int) -> None:
    with read_scope(engine) as s:
        ticket = s.exec(select(Case.ticket).order_by(Case.id.desc()).limit(1)).scalar_one()  # type: ignore[union-attr]
        division, category = s.exec(select(Case.division_id, Case.category_id).order_by(Case.id.desc()).limit(1)).one()
    month = datetime.now(UTC) - timedelta(days=200)
    scenarios = {"first page: not finished (the default tab)": QueueFilter(status="open"),
                 "all statuses (no filter, newest)": QueueFilter(),
                 "officer's division": QueueFilter(scoped=True, scope_division_id=division),
                 "status=in_progress": QueueFilter(status="in_progress"),
                 "officer's division, status=received": QueueFilter(scoped=True, scope_division_id=division,
                                                                   status="received"),
                 "category": QueueFilter(category_id=category),
                 "one month (date range)": QueueFilter(date_from=month.date(), date_to=(month + timedelta(days=30)).date()),
                 "overdue": QueueFilter(overdue=True),
                 "sort=due, status=received": QueueFilter(sort="due", status="received"),
                 "sort=oldest": QueueFilter(sort="oldest")}
    scenarios |= {name: QueueFilter(q=q or ticket) for name, q in SEARCHES.items()}
    print(f"{'queries of the queue page':40} {'rows p50':>9} {'rows p95':>9} {'+counts p50':>12} {'+counts p95':>12}")
    for name, f in scenarios.items():
        def rows(f: QueueFilter = f) -> None:
            with read_scope(engine) as s:
                queue_page(f, session=s, now=datetime.now(UTC))

        def page(f: QueueFilter = f) -> None:
            with read_scope(engine) as s:
                queue_page(f, session=s, now=datetime.now(UTC))
                status_counts(f, session=s, now=datetime.now(UTC))

        r50, r95 = timed(rows, runs)
        p50, p95 = timed(page, runs)
        print(f"{name:40} {r50:7.1f}ms {r95:7.1f}ms {p50:10.1f}ms {p95:10.1f}ms", flush=True)


def measure_http(url: str, runs: int) -> None:
    """The whole page as an admin sees it: Flask, login session, the queries and the template."""
    from bot import create_app
    from bot.settings import Settings
    from models.staff import create_staff, staff_by_username

    settings = Settings(_env_file=None, app_env="test", database_url=url, worker_threads=0,  # type: ignore[call-arg]
                        secret_key="bench-secret-key-not-for-production", line_api_base_url="http://127.0.0.1:9",
                        line_data_api_base_url="http://127.0.0.1:9")
    app = create_app(settings)
    app.config.update(WTF_CSRF_ENABLED=False)
    with session_scope(app.extensions["db_engine"]) as s:
        if staff_by_username("bench-admin", session=s) is None:
            create_staff("bench-admin", "bench-password-123", ["admin"], session=s)
    client = app.test_client()
    client.post("/admin/login", data={"username": "bench-admin", "password": "bench-password-123"})
    for name, path in (("GET /admin/cases", "/admin/cases"), ("GET /admin/cases?status=all", "/admin/cases?status=all"),
                       ("GET /admin/cases?q=ไฟดับ", "/admin/cases?q=ไฟดับ")):
        def get(path: str = path) -> None:
            assert client.get(path).status_code == 200

        p50, p95 = timed(get, runs)
        print(f"{name:40} {'':>9} {'':>9} {p50:10.1f}ms {p95:10.1f}ms  (whole page)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=1_000_000)
    ap.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or "sqlite:////tmp/queue_bench.db")
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--analyze", action="store_true", help="SQLite: ANALYZE first (PostgreSQL always gets "
                    "VACUUM ANALYZE, as its autovacuum does after a bulk load; SQLite has no such thing)")
    args = ap.parse_args()
    upgrade_database(args.database_url)
    engine = make_engine(args.database_url)
    with read_scope(engine) as s:
        have = s.exec(select(func.count()).select_from(Case)).scalar_one()
    if have < args.n:
        print(f"seeding {args.n - have:,} complaints into {engine.url.render_as_string(hide_password=True)}",
              file=sys.stderr)
        bulk_seed(engine, args.n - have)
    if engine.dialect.name == "postgresql":  # what autovacuum does soon after a bulk load
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    elif args.analyze:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    with read_scope(engine) as s:
        total = s.exec(select(func.count()).select_from(Case)).scalar_one()
        words = s.exec(text("SELECT count(*) FROM complaint_word")).scalar_one()
    print(f"{total:,} complaints, {words:,} indexed words, {engine.dialect.name}, {args.runs} runs each")
    measure_queries(engine, args.runs)
    measure_http(args.database_url, args.runs)


if __name__ == "__main__":
    main()
