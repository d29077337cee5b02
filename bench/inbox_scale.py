"""Time the analyst's inbox over a million observations on PostgreSQL, through the HTTP stack.

    .venv/bin/python bench/inbox_scale.py [--size 1000000] [--keep] [--reuse]

Creates the scratch database ``sora_inbox_bench`` (or ``BENCH_POSTGRES_URL``), migrates it
(helpers from ``signals_scale.py``, environment from ``load_test.py``: DEBUG=false), adds the
demo organisations (the county's social services, whose analysts the partners share with)
and two outside organisations, and fills it in SQL with ``generate_series``: ``--size``
observations over two years, inserted in time order. Each one starts from a sentence of a
demo observation (``reporting/demo_data/observations.json``), keeps its language, signal,
themes, target groups and organisation, and adds one or two sentences and a suggestion drawn
from the demo texts of the same language, so search terms keep the demo's selectivity and
their link to the themes. Municipalities are drawn by population, 12 % concern the whole
county, 12 % come from organisations outside the analyst's scope. The search index of
migration 0006 and the link arrays of 0007 are built after the load, which skips triggers
(``session_replication_role``), so the database user must be a superuser.

Then a signed-in analyst (test Client, ``force_login``) opens the inbox with realistic
filter combinations (two filters and a search term, and a few others), each on the first
and a later page (which reuses the first page's count, as the inbox does for two minutes;
the cache is cleared before every first page): one warm-up round, then at least 200
measured requests. Prints p50, p95 and max against the target p95 <= 300 ms, the time per
query, and the slowest SQL query with its EXPLAIN ANALYZE. The database is dropped
afterwards unless ``--keep`` is given; ``--reuse`` measures a kept database again without
loading it.
"""

import argparse
import importlib.util
import json
import os
import re
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from load_test import environment, manage, percentile
from signals_scale import create_database, drop_database, step

ROOT = Path(__file__).resolve().parent.parent
DEMO_TEXTS = ROOT / "reporting" / "demo_data" / "observations.json"
DAYS = 730
# The inbox's search index (migration 0006), built once after the bulk load.
SEARCH_INDEX = (
    "CREATE INDEX IF NOT EXISTS observation_search_document_idx "
    "ON reporting_observation USING gin (search_document)"
)


def _migration(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "analysis" / "migrations" / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The link arrays and their triggers (migration 0007): filled after the bulk load.
LINK_ARRAYS = _migration("0007_link_arrays.py")
SEED = 0.17
TARGET_P95_MS = 300
BUDGET_SECONDS = 600
MEASURED_REQUESTS = 200
LATER_PAGE = 5
ANALYST = "inbox-bench-analyst"

# Organisations outside the analyst's scope: their observations must be filtered out.
OUTSIDERS = [("bench-kela", "kela", "Kela (bench)"), ("bench-parish", "parish", "Seurakunta")]
# Rough populations in thousands: the weight of each municipality in the draw.
POPULATION = {
    "743": 65, "301": 20, "233": 15, "408": 14, "232": 12, "145": 12, "010": 11, "005": 9,
    "989": 6, "846": 5, "152": 5, "300": 3, "403": 3, "934": 3, "052": 2, "759": 2, "151": 2,
    "218": 1,
}  # fmt: skip
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")

SOURCES_SQL = (
    "CREATE UNLOGGED TABLE bench_source (n int PRIMARY KEY, language text, first text, "
    "suggestion text, signal text, novelty text, reach text, duration text, "
    "organisation_id bigint, profession_id bigint, theme_ids bigint[], group_ids bigint[])"
)
# One row per observation in time order: the ids grow with submitted_at, as in real use.
DRAW_SQL = (
    "CREATE UNLOGGED TABLE bench_draw AS "
    "SELECT (row_number() OVER (ORDER BY ts))::bigint AS id, s, ts, whole_county, outsider "
    "FROM (SELECT 1 + floor(random() * %s)::int AS s, "
    "now() - random() * interval '1 day' * %s AS ts, "
    "random() < 0.12 AS whole_county, random() < 0.12 AS outsider "
    "FROM generate_series(1, %s)) d"
)


def _pick(pool: str) -> str:
    """A random sentence of the observation's language from a pool passed as a parameter
    (an array in a table would be TOASTed and read whole for every row)."""
    return (
        f"CASE s.language WHEN 'sv' THEN (%({pool}_sv)s::text[])[1 + floor(random() * "
        f"cardinality(%({pool}_sv)s::text[]))::int] ELSE (%({pool}_fi)s::text[])[1 + "
        f"floor(random() * cardinality(%({pool}_fi)s::text[]))::int] END"
    )


OBSERVATIONS_SQL = (
    "INSERT INTO reporting_observation (id, receipt_code, channel, organisation_id, "
    "profession_id, text, suggestion, signal, novelty, whole_county, reach, duration, "
    "answered_as, consent_to_contact, language, privacy_confirmations, status, submitted_at, "
    "created_at, submission_digest, withdrawal_reason) "
    "SELECT d.id, 'I' || lpad(d.id::text, 15, '0'), "
    "CASE WHEN random() < 0.3 THEN 'open_link' ELSE 'form' END, "
    "CASE WHEN d.outsider THEN %(outsiders)s[1 + floor(random() * "
    "cardinality(%(outsiders)s))::int] ELSE s.organisation_id END, s.profession_id, "
    f"s.first || ' ' || {_pick('sentences')} || "
    f"CASE WHEN random() < 0.6 THEN ' ' || {_pick('sentences')} ELSE '' END, "
    "CASE WHEN random() < 0.6 THEN s.suggestion "
    f"WHEN random() < 0.5 THEN {_pick('suggestions')} ELSE '' END, "
    "s.signal, s.novelty, d.whole_county, s.reach, s.duration, 'alone', random() < 0.2, "
    "s.language, '[]', "
    "CASE WHEN d.ts > now() - interval '30 days' THEN "
    "CASE WHEN random() < 0.7 THEN 'new' ELSE 'reviewed' END "
    "WHEN random() < 0.08 THEN 'new' WHEN random() < 0.7 THEN 'reviewed' "
    "WHEN random() < 0.5 THEN 'in_phenomenon' ELSE 'archived' END, d.ts, d.ts, '', '' "
    "FROM bench_draw d JOIN bench_source s ON s.n = d.s ORDER BY d.id"
)
THEMES_SQL = (
    "INSERT INTO reporting_observation_themes (observation_id, theme_id) "
    "SELECT * FROM (SELECT d.id, unnest(s.theme_ids) FROM bench_draw d "
    "JOIN bench_source s ON s.n = d.s "
    "UNION ALL SELECT d.id, %(themes)s[1 + floor(random() * cardinality(%(themes)s))::int] "
    "FROM bench_draw d WHERE random() < 0.08) x ORDER BY 1 ON CONFLICT DO NOTHING"
)
TARGET_GROUPS_SQL = (
    "INSERT INTO reporting_observation_target_groups (observation_id, targetgroup_id) "
    "SELECT * FROM (SELECT d.id, unnest(s.group_ids) FROM bench_draw d "
    "JOIN bench_source s ON s.n = d.s) x ORDER BY 1 ON CONFLICT DO NOTHING"
)
MUNICIPALITIES_SQL = (
    "INSERT INTO reporting_observation_municipalities (observation_id, municipality_id) "
    "SELECT * FROM (SELECT d.id, %(places)s[1 + floor(random() * "
    "cardinality(%(places)s))::int] FROM bench_draw d WHERE NOT d.whole_county "
    "UNION ALL SELECT d.id, %(places)s[1 + floor(random() * cardinality(%(places)s))::int] "
    "FROM bench_draw d WHERE NOT d.whole_county AND random() < 0.25 "
    "UNION ALL SELECT d.id, %(places)s[1 + floor(random() * cardinality(%(places)s))::int] "
    "FROM bench_draw d WHERE NOT d.whole_county AND random() < 0.08) x "
    "ORDER BY 1 ON CONFLICT DO NOTHING"
)

# (label, filters by code, search terms): what an analyst would look for.
QUERIES = [
    ("Seinäjoki + housing + vuokra", {"municipality": "743", "theme": "housing"}, "vuokra"),
    ("Seinäjoki + livelihood + kela", {"municipality": "743", "theme": "livelihood"}, "kela"),
    ("Lapua + mental health + nuoret", {"municipality": "408", "theme": "mental_health"}, "nuoret"),
    ("Kurikka + ageing + kotihoito", {"municipality": "301", "theme": "ageing"}, "kotihoito"),
    ("families group + family + koulu", {"target_group": "children_families", "theme": "family"},
     "koulu"),
    ("concern + substances + päihde", {"signal": "concern", "theme": "substances"}, "päihde"),
    ("Kauhava + service access + jono", {"municipality": "233", "theme": "service_access"},
     "jono"),
    ("Seinäjoki + older people + yksinäisyys", {"municipality": "743",
     "target_group": "older_people"}, "yksinäisyys"),
    ("last 90 days + livelihood + toimeentulotuki", {"start": 90, "theme": "livelihood"},
     "toimeentulotuki"),
    ("Seinäjoki + new + mielenterveys", {"municipality": "743", "status": "new"}, "mielenterveys"),
    ("Ilmajoki + immigration + maahanmuuttajat", {"municipality": "145", "theme": "immigration"},
     "maahanmuuttajat"),
    ("Seinäjoki + loneliness + ensamhet", {"municipality": "743", "theme": "loneliness"},
     "ensamhet"),
    ("ageing + older people + äldre", {"theme": "ageing", "target_group": "older_people"},
     "äldre"),
    ("Seinäjoki + housing + vuokra asumistuki", {"municipality": "743", "theme": "housing"},
     "vuokra asumistuki"),
    ("last year + violence + väkivalta", {"start": 365, "end": 0, "theme": "violence"},
     "väkivalta"),
    ("older people + digital + digi", {"target_group": "older_people", "theme": "digital"},
     "digi"),
    ("Seinäjoki + family + lastensuojelu", {"municipality": "743", "theme": "family"},
     "lastensuojelu"),
    ("positive + county social + sosiaalityö", {"signal": "positive",
     "organisation_type": "county_social"}, "sosiaalityö"),
    ("service access + oldest first + puhelin", {"theme": "service_access", "sort": "oldest"},
     "puhelin"),
    ("Kurikka + growing + perhe", {"municipality": "301", "novelty": "growing"}, "perhe"),
    ("Seinäjoki + service paths + hyvinvointialue", {"municipality": "743",
     "theme": "service_paths"}, "hyvinvointialue"),
    ("livelihood + working age + skuld", {"theme": "livelihood", "target_group": "working_age"},
     "skuld"),
    ("Lapua + livelihood + velka", {"municipality": "408", "theme": "livelihood"}, "velka"),
    ("Seinäjoki + housing, no search", {"municipality": "743", "theme": "housing"}, ""),
    ("search only: kela", {}, "kela"),
    ("no filters (landing page)", {}, ""),
]  # fmt: skip


def load_sources() -> tuple[list[dict], dict[str, dict[str, list[str]]]]:
    """The demo observations, and their sentences and suggestions pooled per language."""
    items = json.loads(DEMO_TEXTS.read_text(encoding="utf-8"))
    assert {item["language"] for item in items} <= {"fi", "sv"}
    pool: dict[str, dict[str, list[str]]] = {}
    for item in items:
        sentences = SENTENCE_END.split(item["text"].strip())
        item["first"] = sentences[0]
        language = pool.setdefault(item["language"], {"sentences": [], "suggestions": []})
        language["sentences"].extend(sentences)
        if item.get("suggestion"):
            language["suggestions"].append(item["suggestion"])
    return items, pool


def prepare_people() -> dict[str, int]:
    """The demo organisations, two outsiders and an analyst of the county's social services."""
    from accounts.models import Membership, Organisation, OrganisationType, Profession, Role, User
    from reporting.demo import ORG_FOR_TYPE, ORGANISATIONS

    types = {t.code: t for t in OrganisationType.objects.all()}
    ids = {}
    for code, type_code, fi, sv, en in ORGANISATIONS:
        organisation = Organisation.objects.create(
            code=code, type=types[type_code], name_fi=fi, name_sv=sv, name_en=en
        )
        ids[type_code] = organisation.pk
    county = Organisation.objects.get(code="ep-sosiaali")
    for organisation in Organisation.objects.exclude(pk=county.pk):
        organisation.shares_with.add(county)  # the partners share with the county's analysts
    for code, type_code, name in OUTSIDERS:
        ids[code] = Organisation.objects.create(code=code, type=types[type_code], name_fi=name).pk
    analyst = User.objects.create(username=ANALYST, first_name="Analyytikko")
    Membership.objects.create(
        user=analyst,
        organisation=county,
        role=Role.ANALYST,
        profession=Profession.objects.get(code="social_worker"),
    )
    assert set(ORG_FOR_TYPE) <= set(ids)
    return ids


def fill(conn: psycopg.Connection, size: int, organisations: dict[str, int]) -> None:
    """Observations and their themes, target groups and municipalities, in SQL."""
    sources, pool = load_sources()

    def ids(table: str) -> dict[str, int]:
        return dict(conn.execute(f"SELECT code, id FROM {table}").fetchall())

    themes, groups = ids("reporting_theme"), ids("reporting_targetgroup")
    professions, places = ids("accounts_profession"), ids("reporting_municipality")
    conn.execute("SELECT setseed(%s)", [SEED])
    conn.execute(SOURCES_SQL)
    with conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO bench_source VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    n,
                    item["language"],
                    item["first"],
                    item.get("suggestion", ""),
                    item["signal"],
                    item["novelty"],
                    item["reach"],
                    item["duration"],
                    organisations[item["org_type"]],
                    professions[item["profession"]],
                    [themes[c] for c in item["themes"]],
                    [groups[c] for c in item["target_groups"]],
                )
                for n, item in enumerate(sources, start=1)
            ],
        )
    weighted = [places[code] for code, weight in POPULATION.items() for _ in range(weight)]
    outsiders = [organisations[code] for code, _, _ in OUTSIDERS]
    # Built afterwards in one go, as a bulk load would: much faster than row by row.
    conn.execute("DROP INDEX IF EXISTS observation_search_document_idx")
    for column, _, _ in LINK_ARRAYS.LINKS:
        conn.execute(f"DROP INDEX IF EXISTS observation_{column}_idx")
    # No foreign-key triggers while loading: every reference is valid by construction.
    conn.execute("SET session_replication_role = replica")
    step("draws", conn, DRAW_SQL, [len(sources), DAYS, size])
    texts = {
        f"{name}_{language}": pool[language][name]
        for name in ("sentences", "suggestions")
        for language in ("fi", "sv")
    }
    step("observations", conn, OBSERVATIONS_SQL, {"outsiders": outsiders} | texts)
    conn.execute(
        "SELECT setval(pg_get_serial_sequence('reporting_observation', 'id'), "
        "(SELECT max(id) FROM reporting_observation))"
    )
    step("themes", conn, THEMES_SQL, {"themes": sorted(themes.values())})
    step("target groups", conn, TARGET_GROUPS_SQL)
    step("municipalities", conn, MUNICIPALITIES_SQL, {"places": weighted})
    conn.execute("RESET session_replication_role")
    conn.execute("DROP TABLE bench_draw, bench_source")
    conn.execute("SET maintenance_work_mem = '1GB'")
    step("search index (migration 0006)", conn, SEARCH_INDEX)
    # The link triggers of migration 0007 were off with the foreign keys: fill the arrays.
    step("link arrays (migration 0007)", conn, LINK_ARRAYS.fill_sql())
    for column, _, _ in LINK_ARRAYS.LINKS:
        step(f"{column} index", conn, LINK_ARRAYS.index_sql(column))
    step("vacuum analyze", conn, "VACUUM ANALYZE")


def inbox_urls() -> list[tuple[str, int, str]]:
    """(label, page, URL) for every query on its first and a later page."""
    from django.urls import reverse
    from django.utils import timezone

    from accounts.models import OrganisationType
    from reporting.models import Municipality, TargetGroup, Theme

    models = {
        "municipality": Municipality,
        "theme": Theme,
        "target_group": TargetGroup,
        "organisation_type": OrganisationType,
    }
    today = timezone.localdate()
    base = reverse("analysis:inbox")
    urls = []
    for label, filters, terms in QUERIES:
        params = {"q": terms} if terms else {}
        for name, value in filters.items():
            if name in models:
                value = models[name].objects.get(code=value).pk
            elif name in ("start", "end"):
                value = (today - timedelta(days=value)).isoformat()
            params[name] = value
        for page in (1, LATER_PAGE):
            query = urlencode(params | ({"page": page} if page > 1 else {}))
            urls.append((label, page, f"{base}?{query}" if query else base))
    return urls


class QueryTimer:
    """Times every SQL query of the requests; installed with connection.execute_wrapper."""

    def __init__(self):
        self.queries: list[tuple[float, str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((time.perf_counter() - started, sql, params))


def kind(sql: str) -> str:
    if 'FROM "reporting_observation"' not in sql:
        return "other"
    return "count" if sql.startswith("SELECT COUNT(*)") else "page"


def measure(deadline: float) -> bool:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=ANALYST))
    urls = inbox_urls()
    timer = QueryTimer()
    results: list[dict] = []
    with connection.execute_wrapper(timer):
        print(f"warm-up: {len(urls)} requests …", flush=True)
        for _, _, url in urls:
            client.get(url)
        print(f"load average before measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        rounds = -(-MEASURED_REQUESTS // len(urls))
        print(f"measuring {rounds} rounds of {len(urls)} requests …", flush=True)
        for _ in range(rounds):
            for label, page, url in urls:
                if time.perf_counter() > deadline:
                    break
                if page == 1:
                    # A first page counts afresh; the later page that follows reuses the count.
                    cache.clear()
                timer.queries.clear()
                started = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - started) * 1000
                status = re.search(rb'class="meta" role="status">([^<]*)<', response.content)
                sql = {"count": 0.0, "page": 0.0, "other": 0.0}
                for seconds, text, _ in timer.queries:
                    sql[kind(text)] += seconds * 1000
                slowest = max(timer.queries, key=lambda q: q[0])
                results.append(
                    {
                        "label": label,
                        "page": page,
                        "url": url,
                        "ms": elapsed,
                        "ok": response.status_code == 200,
                        "found": re.sub(rb"\D", b"", status.group(1)).decode() if status else "?",
                        "sql": sql,
                        "queries": len(timer.queries),
                        "slowest": (slowest[0] * 1000, slowest[1], slowest[2]),
                    }
                )
    print(f"load average after measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    report(results)
    explain_slowest(connection, results)
    times = [r["ms"] for r in results]
    return (
        len(results) >= MEASURED_REQUESTS
        and all(r["ok"] for r in results)
        and percentile(times, 0.95) <= TARGET_P95_MS
    )


def report(results: list[dict]) -> None:
    print(f"\n{'query':<46} {'found':>7} {'page':>4} {'p50 ms':>7} {'max ms':>7} "
          f"{'count':>6} {'select':>6} {'other':>6}")  # fmt: skip
    for label, _, _ in QUERIES:
        for page in (1, LATER_PAGE):
            rows = [r for r in results if r["label"] == label and r["page"] == page]
            if not rows:
                continue
            print(
                f"{label[:46]:<46} {rows[0]['found']:>7} {page:>4} "
                f"{statistics.median(r['ms'] for r in rows):>7.0f} "
                f"{max(r['ms'] for r in rows):>7.0f} "
                + " ".join(
                    f"{statistics.median(r['sql'][k] for r in rows):>6.0f}"
                    for k in ("count", "page", "other")
                )
            )
    print(
        "(found: matching observations; p50/max: whole request; count, select, other: median ms "
        "in SQL for the paginator's COUNT, the page's SELECT and all other queries)"
    )
    times = [r["ms"] for r in results]
    sql = sum(sum(r["sql"].values()) for r in results)
    print(
        f"\nrequests measured: {len(results)} (at least {MEASURED_REQUESTS}), "
        f"errors: {sum(not r['ok'] for r in results)}, "
        f"SQL queries per request: {statistics.median(r['queries'] for r in results):.0f}"
    )
    print(
        f"inbox latency p50: {statistics.median(times):.0f} ms, "
        f"p95: {percentile(times, 0.95):.0f} ms, max: {max(times):.0f} ms "
        f"(target p95 <= {TARGET_P95_MS} ms)"
    )
    print(
        f"time in SQL: {sql / sum(times):.0%}; of it counting for the paginator "
        f"{sum(r['sql']['count'] for r in results) / sql:.0%}, the page "
        f"{sum(r['sql']['page'] for r in results) / sql:.0%}"
    )


def explain_slowest(connection, results: list[dict]) -> None:
    worst = max(results, key=lambda r: r["slowest"][0])
    ms, sql, params = worst["slowest"]
    print(f"\nslowest SQL query: {ms:.0f} ms in {worst['url']}\n")
    print(connection.ops.compose_sql(sql, params))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    print(f"\nEXPLAIN (ANALYZE, BUFFERS):\n{plan}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="measure a database kept by an earlier --keep run"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    database_url = os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sora_inbox_bench"
    )
    env = environment(database_url)
    if args.reuse:
        manage(env, "migrate", "--noinput", "-v0")
    else:
        print("creating and migrating the database …", flush=True)
        create_database(database_url, env)
    manage(env, "collectstatic", "--noinput", "-v0")
    try:
        manage(env, "createcachetable")
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import connections

        loading = time.perf_counter()
        with psycopg.connect(database_url, autocommit=True) as conn:
            if not args.reuse:
                print(f"loading {args.size:,} observations …", flush=True)
                fill(conn, args.size, prepare_people())
            rows = conn.execute(
                "SELECT (SELECT count(*) FROM reporting_observation), "
                "(SELECT count(*) FROM reporting_observation_themes), "
                "(SELECT count(*) FROM reporting_observation_municipalities), "
                "(SELECT count(*) FROM reporting_observation_target_groups), "
                "pg_size_pretty(pg_total_relation_size('reporting_observation'))"
            ).fetchone()
        print(
            f"loaded in {time.perf_counter() - loading:.0f} s: {rows[0]:,} observations "
            f"({rows[4]} with indexes), {rows[1]:,} theme links, {rows[2]:,} municipality "
            f"links, {rows[3]:,} target group links",
            flush=True,
        )
        # Leave a minute of the budget for EXPLAIN ANALYZE and dropping the database.
        ok = measure(deadline=started + BUDGET_SECONDS - 60)
        connections.close_all()
    finally:
        if not args.keep:
            drop_database(database_url)
    print(f"whole run: {time.perf_counter() - started:.0f} s (budget {BUDGET_SECONDS} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
