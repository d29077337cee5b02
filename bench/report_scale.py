"""Time a quarterly county report over 100,000 observations, in every format, on PostgreSQL.

    .venv/bin/python bench/report_scale.py [--size 100000] [--keep]

Creates the scratch database ``sora_reports_bench`` (or ``BENCH_POSTGRES_URL``), migrates
it, and fills it in SQL as ``signals_scale.py`` does: ``--size`` observations inside the
third quarter of 2025 and half as many again over the year before it (the previous quarter
and the signals' baseline), with themes, municipalities, phenomena, professions and target
groups. Then it drafts the report of 2025Q3 for the whole county in this process, as the
background task does, and renders it as HTML, PDF, DOCX, XLSX, CSV and JSON, and prints the
seconds. Budget: <= 60 s on 2 cores. The database is dropped afterwards unless ``--keep``.
"""

import argparse
import datetime
import os
import sys
import time

import psycopg
from signals_scale import (
    LINKS_SQL,
    MUNICIPALITIES_SQL,
    OBSERVATIONS_SQL,
    ORGANISATIONS_SQL,
    PHENOMENA_SQL,
    ROOT,
    SEED,
    THEMES_SQL,
    create_database,
    drop_database,
    environment,
    step,
)

QUARTER_ENDS = datetime.date(2025, 9, 30)
BUDGET_SECONDS = 60

PROFESSIONS_SQL = (
    "WITH p AS (SELECT array_agg(id ORDER BY id) ids FROM accounts_profession) "
    "UPDATE reporting_observation o SET profession_id = "
    "p.ids[1 + floor(cardinality(p.ids) * power(random(), 1.5))::int] FROM p"
)
TARGET_GROUPS_SQL = (
    "WITH g AS (SELECT array_agg(id ORDER BY id) ids FROM reporting_targetgroup) "
    "INSERT INTO reporting_observation_target_groups (observation_id, targetgroup_id) "
    "SELECT o.id, g.ids[1 + floor(cardinality(g.ids) * random())::int] "
    "FROM reporting_observation o, g"
)


def _ends(day: datetime.date) -> str:
    return f"{day + datetime.timedelta(days=1)} 00:00 Europe/Helsinki"


def fill(conn: psycopg.Connection, size: int) -> None:
    conn.execute("SELECT setseed(%s)", [SEED])
    conn.execute(ORGANISATIONS_SQL)
    step("observations in the quarter", conn, OBSERVATIONS_SQL, [_ends(QUARTER_ENDS), 92, size])
    # The generated receipt codes restart from 1 with each insert: keep the first ones apart.
    conn.execute("UPDATE reporting_observation SET receipt_code = 'Q' || substr(receipt_code, 2)")
    before = QUARTER_ENDS - datetime.timedelta(days=92)
    step("observations the year before", conn, OBSERVATIONS_SQL, [_ends(before), 365, size // 2])
    step("themes", conn, THEMES_SQL)
    step("municipalities", conn, MUNICIPALITIES_SQL)
    step("target groups", conn, TARGET_GROUPS_SQL)
    step("professions", conn, PROFESSIONS_SQL)
    step("phenomena", conn, PHENOMENA_SQL)
    step("phenomenon links", conn, LINKS_SQL)
    step("vacuum analyze", conn, "VACUUM ANALYZE")


def measure(database_url: str) -> float:
    os.environ.update(environment(database_url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from reports.build import build_content
    from reports.definition import Definition
    from reports.outputs import FORMATS, render
    from reports.periods import parse_period

    started = time.perf_counter()
    content = build_content(Definition(period=parse_period("2025Q3"), language="fi"))
    drafted = time.perf_counter() - started
    print(f"  drafting the content (every count, signals, suppression): {drafted:.1f} s")
    for file_format in FORMATS:
        began = time.perf_counter()
        data = render(content, file_format)
        print(f"  {file_format}: {time.perf_counter() - began:.1f} s, {len(data):,} bytes")
    total = time.perf_counter() - started
    first = content.tables()[0].rows[0]
    print(f"observations in the quarter: {first.cells[0].text}")
    print(f"quarterly county report in all formats: {total:.1f} s (budget <= {BUDGET_SECONDS} s)")
    return total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    database_url = os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sora_reports_bench"
    )
    print("creating and migrating the database …", flush=True)
    create_database(database_url, environment(database_url))
    try:
        print(f"loading {args.size:,} observations in the quarter …", flush=True)
        with psycopg.connect(database_url, autocommit=True) as conn:
            fill(conn, args.size)
        total = measure(database_url)
    finally:
        if not args.keep:
            drop_database(database_url)
    return 0 if total <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
