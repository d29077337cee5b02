"""Time the early signals over a million observations on PostgreSQL.

    .venv/bin/python bench/signals_scale.py [--size 1000000] [--keep]

Creates the scratch database ``sora_signals_bench`` (or ``BENCH_POSTGRES_URL``), migrates
it, and fills it in SQL with ``generate_series``: ``--size`` observations spread evenly over
two years, 70 % concerns, 15 % about the whole county, one or two themes, one or two
municipalities and one or two target groups each, drawn unevenly as in real data, and 30 %
linked to one of 40 phenomena. Then it plants three changes in the last eight weeks (a
doubled theme in one municipality, a theme that all but vanished from another, a doubled
positive phenomenon) and times computing every signal for every theme and phenomenon × the
county, municipalities and target groups (windows of 2 to 26 weeks against up to 78 weeks
before), in this process as the background run does. Budget: <= 30 s on 2 cores. The
database is dropped afterwards unless ``--keep`` is given.
"""

import argparse
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
AS_OF = datetime.date(2025, 6, 30)
DAYS = 730
SEED = 0.42
BUDGET_SECONDS = 30

RISE = ("housing", "743")  # theme, municipality: doubled in the recent window
FALL = ("livelihood", "408")  # 80 % of the recent window's links removed
RISING_PHENOMENON = 7  # the n-th phenomenon: positive observations doubled

OBSERVATION_COLUMNS = (
    "receipt_code, channel, organisation_id, text, suggestion, signal, novelty, whole_county, "
    "reach, duration, answered_as, consent_to_contact, language, privacy_confirmations, status, "
    "submitted_at, created_at, submission_digest, withdrawal_reason"
)


def environment(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY="signals-bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        HTTPS="false",
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="sora.settings",
    )
    return env


def create_database(database_url: str, env: dict) -> None:
    with psycopg.connect(_admin_url(database_url), autocommit=True) as conn:
        name = _name(database_url)
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)


def drop_database(database_url: str) -> None:
    with psycopg.connect(_admin_url(database_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{_name(database_url)}" WITH (FORCE)')


def _admin_url(database_url: str) -> str:
    return database_url.rsplit("/", 1)[0] + "/postgres"


def _name(database_url: str) -> str:
    return urlparse(database_url).path.lstrip("/")


def _end_of_as_of() -> str:
    """The instant the as-of day ends in Helsinki, as PostgreSQL reads it."""
    return f"{AS_OF + datetime.timedelta(days=1)} 00:00 Europe/Helsinki"


# Skewed draws (a power of random()): a few themes, phenomena and municipalities get most of
# the observations, as in real data; a second theme or municipality is drawn evenly.
ORGANISATIONS_SQL = (
    "INSERT INTO accounts_organisation (code, name_fi, name_sv, name_en, type_id, is_active) "
    "SELECT 'bench-' || n, 'Bench ' || n, '', '', (SELECT min(id) FROM "
    "accounts_organisationtype), true FROM generate_series(1, 3) n"
)
OBSERVATIONS_SQL = (
    f"INSERT INTO reporting_observation ({OBSERVATION_COLUMNS}) "
    "SELECT 'B' || lpad(g::text, 15, '0'), 'form', "
    "(SELECT min(id) FROM accounts_organisation) + g %% 3, 'Bench', '', "
    "CASE WHEN random() < 0.7 THEN 'concern' ELSE 'positive' END, '', random() < 0.15, "
    "'unknown', '', 'alone', false, 'fi', '[]', 'new', "
    "%s::timestamptz - random() * interval '1 day' * %s, now(), '', '' "
    "FROM generate_series(1, %s) g"
)
THEMES_SQL = (
    "WITH t AS (SELECT array_agg(id ORDER BY id) ids FROM reporting_theme) "
    "INSERT INTO reporting_observation_themes (observation_id, theme_id) "
    "SELECT o.id, t.ids[1 + floor(cardinality(t.ids) * power(random(), 1.6))::int] "
    "FROM reporting_observation o, t "
    "UNION ALL SELECT o.id, t.ids[1 + floor(cardinality(t.ids) * random())::int] "
    "FROM reporting_observation o, t WHERE random() < 0.4 "
    "ON CONFLICT DO NOTHING"
)
MUNICIPALITIES_SQL = (
    "WITH m AS (SELECT array_agg(id ORDER BY id) ids FROM reporting_municipality) "
    "INSERT INTO reporting_observation_municipalities (observation_id, municipality_id) "
    "SELECT o.id, m.ids[1 + floor(cardinality(m.ids) * power(random(), 2))::int] "
    "FROM reporting_observation o, m WHERE NOT o.whole_county "
    "UNION ALL SELECT o.id, m.ids[1 + floor(cardinality(m.ids) * random())::int] "
    "FROM reporting_observation o, m WHERE NOT o.whole_county AND random() < 0.1 "
    "ON CONFLICT DO NOTHING"
)
TARGET_GROUPS_SQL = (
    "WITH g AS (SELECT array_agg(id ORDER BY id) ids FROM reporting_targetgroup) "
    "INSERT INTO reporting_observation_target_groups (observation_id, targetgroup_id) "
    "SELECT o.id, g.ids[1 + floor(cardinality(g.ids) * power(random(), 1.5))::int] "
    "FROM reporting_observation o, g "
    "UNION ALL SELECT o.id, g.ids[1 + floor(cardinality(g.ids) * random())::int] "
    "FROM reporting_observation o, g WHERE random() < 0.2 "
    "ON CONFLICT DO NOTHING"
)
PHENOMENA_SQL = (
    "INSERT INTO analysis_phenomenon (organisation_id, name, description, status, "
    "privacy_confirmations, created_at, updated_at) "
    "SELECT (SELECT min(id) FROM accounts_organisation), 'Ilmiö ' || n, '', 'active', "
    "'[]', now(), now() FROM generate_series(1, 40) n"
)
LINKS_SQL = (
    "WITH p AS (SELECT array_agg(id ORDER BY id) ids FROM analysis_phenomenon) "
    "INSERT INTO analysis_phenomenonlink (phenomenon_id, observation_id, how, linked_at) "
    "SELECT p.ids[1 + floor(40 * power(random(), 1.3))::int], o.id, 'manual', now() "
    "FROM reporting_observation o, p WHERE random() < 0.3"
)


def fill(conn: psycopg.Connection, size: int) -> None:
    """Organisations, observations, their themes, municipalities and phenomena, all in SQL."""
    conn.execute("SELECT setseed(%s)", [SEED])
    conn.execute(ORGANISATIONS_SQL)
    step("observations", conn, OBSERVATIONS_SQL, [_end_of_as_of(), DAYS, size])
    step("themes", conn, THEMES_SQL)
    step("municipalities", conn, MUNICIPALITIES_SQL)
    step("target groups", conn, TARGET_GROUPS_SQL)
    step("phenomena", conn, PHENOMENA_SQL)
    step("phenomenon links", conn, LINKS_SQL)


def plant(conn: psycopg.Connection, window_weeks: int = 8) -> dict[str, int]:
    """Three real changes the signals should find; returns how many rows each moved."""
    end = _end_of_as_of()
    start = f"({end!r}::timestamptz - interval '{7 * window_weeks} days')"
    theme, municipality = RISE
    cell = (
        "FROM reporting_observation o "
        "JOIN reporting_observation_themes t ON t.observation_id = o.id "
        "JOIN reporting_theme th ON th.id = t.theme_id "
        "JOIN reporting_observation_municipalities m ON m.observation_id = o.id "
        "JOIN reporting_municipality mu ON mu.id = m.municipality_id "
        f"WHERE th.code = %s AND mu.code = %s AND o.signal = 'concern' "
        f"AND NOT o.whole_county AND o.submitted_at >= {start}"
    )
    rise = conn.execute(f"SELECT count(*) {cell}", [theme, municipality]).fetchone()[0]
    conn.execute(
        f"WITH new AS (INSERT INTO reporting_observation ({OBSERVATION_COLUMNS}) "
        "SELECT 'R' || lpad(g::text, 15, '0'), 'form', (SELECT min(id) FROM "
        "accounts_organisation), 'Bench', '', 'concern', '', false, 'unknown', '', 'alone', "
        f"false, 'fi', '[]', 'new', %s::timestamptz - random() * ({end!r}::timestamptz - "
        f"{start}), now(), '', '' FROM generate_series(1, %s) g RETURNING id), "
        "themes AS (INSERT INTO reporting_observation_themes (observation_id, theme_id) "
        "SELECT id, (SELECT id FROM reporting_theme WHERE code = %s) FROM new) "
        "INSERT INTO reporting_observation_municipalities (observation_id, municipality_id) "
        "SELECT id, (SELECT id FROM reporting_municipality WHERE code = %s) FROM new",
        [end, rise, theme, municipality],
    )
    fall = conn.execute(
        "DELETE FROM reporting_observation_themes WHERE id IN "
        f"(SELECT t.id {cell} AND random() < 0.8)",
        list(FALL),
    ).rowcount
    phenomenon = conn.execute(
        "WITH p AS (SELECT id FROM analysis_phenomenon ORDER BY id OFFSET %s LIMIT 1), "
        "src AS (SELECT o.* FROM reporting_observation o JOIN analysis_phenomenonlink l "
        "ON l.observation_id = o.id JOIN p ON p.id = l.phenomenon_id "
        f"WHERE o.signal = 'positive' AND o.submitted_at >= {start}), "
        f"new AS (INSERT INTO reporting_observation ({OBSERVATION_COLUMNS}) "
        "SELECT 'P' || lpad(src.id::text, 15, '0'), channel, organisation_id, text, suggestion, "
        "signal, novelty, true, reach, duration, answered_as, consent_to_contact, language, "
        "privacy_confirmations, status, submitted_at, created_at FROM src RETURNING id) "
        "INSERT INTO analysis_phenomenonlink (phenomenon_id, observation_id, how, linked_at) "
        "SELECT (SELECT id FROM p), id, 'manual', now() FROM new",
        [RISING_PHENOMENON - 1],
    ).rowcount
    return {"rise": rise, "fall": fall, "phenomenon": phenomenon}


def step(label: str, conn: psycopg.Connection, sql: str, params: list | None = None) -> None:
    started = time.perf_counter()
    conn.execute(sql, params)
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)


def measure(database_url: str) -> bool:
    """Time all signals in this process, with and without an analyst's scope."""
    os.environ.update(environment(database_url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from accounts.models import Organisation
    from analysis.models import Phenomenon
    from analysis.signals import (
        FALLING,
        RISING,
        Names,
        SignalParams,
        count_weeks,
        detect_signals,
    )

    params = SignalParams(as_of=AS_OF)
    scope = set(Organisation.objects.values_list("pk", flat=True))
    for label, kwargs in [
        ("all organisations", {}),
        ("an analyst's scope", {"organisation_ids": scope, "phenomena": Phenomenon.objects.all()}),
        ("all organisations, again", {}),
    ]:
        started = time.perf_counter()
        found = detect_signals(params, **kwargs)
        elapsed = time.perf_counter() - started
        print(
            f"all signals, {label}: {elapsed:.1f} s (budget <= {BUDGET_SECONDS} s), "
            f"{len(found)} signals",
            flush=True,
        )
    started = time.perf_counter()
    cells = count_weeks(as_of=AS_OF, weeks=params.total_weeks)
    counting = time.perf_counter() - started
    print(f"  of which counting in the database: {counting:.1f} s, {len(cells)} cells tested")
    names = Names.for_findings(found)
    described = {
        (
            f.key.kind,
            getattr(names.subject(f.key), "code", None) or names.subject(f.key).name,
            names.municipality(f.key).code if f.key.municipality_id else None,
            f.key.signal,
            f.direction,
        )
        for f in found
    }
    # A change listed for the county may name the planted municipality as its detail.
    described |= {
        (
            f.key.kind,
            names.subject(f.key).code,
            names.municipality(d).code,
            f.key.signal,
            f.direction,
        )
        for f in found
        if f.key.kind == "theme"
        for d in f.details
        if d.flagged and d.municipality_id is not None
    }
    expected = {
        ("theme", RISE[0], RISE[1], "concern", RISING),
        ("theme", FALL[0], FALL[1], "concern", FALLING),
        ("phenomenon", f"Ilmiö {RISING_PHENOMENON}", None, "positive", RISING),
    }
    print(f"planted changes found: {len(expected & described)} of {len(expected)}")
    for row in sorted(described - expected, key=str):
        print(f"  also listed: {row}")
    return elapsed <= BUDGET_SECONDS and expected <= described


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    database_url = os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sora_signals_bench"
    )
    print("creating and migrating the database …", flush=True)
    create_database(database_url, environment(database_url))
    try:
        started = time.perf_counter()
        print(f"loading {args.size:,} observations …", flush=True)
        with psycopg.connect(database_url, autocommit=True) as conn:
            fill(conn, args.size)
            moved = plant(conn)
            print(f"  planted: {moved}", flush=True)
            step("vacuum analyze", conn, "VACUUM ANALYZE")
            rows = conn.execute(
                "SELECT (SELECT count(*) FROM reporting_observation), "
                "(SELECT count(*) FROM reporting_observation_themes), "
                "(SELECT count(*) FROM reporting_observation_municipalities), "
                "(SELECT count(*) FROM analysis_phenomenonlink)"
            ).fetchone()
        print(
            f"loaded in {time.perf_counter() - started:.0f} s: {rows[0]:,} observations, "
            f"{rows[1]:,} theme links, {rows[2]:,} municipality links, "
            f"{rows[3]:,} phenomenon links",
            flush=True,
        )
        ok = measure(database_url)
    finally:
        if not args.keep:
            drop_database(database_url)  # WITH (FORCE) also ends this process's connection
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
