"""Loopback load test: signed-in reporters submitting observations against gunicorn on
PostgreSQL.

Sets up a scratch PostgreSQL database with the demo installation and one reporter account per
virtual reporter, starts gunicorn, and lets every reporter repeat for the given time: load the
form, send an observation. Then it measures a trivial view (/healthz) with the same
concurrency as the ceiling of the stack, and checks that every submission the server
acknowledged (a redirect to a receipt) is in the database.

With ``--rate`` the reporters send at a fixed total rate instead of as fast as they can:
submission i is due at start + i / rate, and each reporter takes every n-th one. A reporter
still busy when its next one is due sends it late, and the late starts are counted.

    .venv/bin/python bench/load_test.py [--seconds 60] [--reporters 20] [--workers 4]
    .venv/bin/python bench/load_test.py --rate 20 --seconds 300
"""

import argparse
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
PASSWORD = "load-test-password"  # noqa: S105
TEXTS = [
    "Nuorten mielenterveyspalvelujen jonot ovat pidentyneet ja perheet odottavat kuukausia.",
    "Toimeentulotuen käsittely viivästyy, ja asiakkaat hakevat ruoka-apua odottaessaan.",
    "Ikääntyneiden yksinäisyys näkyy kylillä, kun kuljetuspalvelut ovat vähentyneet.",
    "Beslut om utkomststöd dröjer och fler familjer söker matbiståndet.",
]


def environment(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY="load-test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        HTTPS="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="sora.settings",
    )
    return env


def manage(env, *args, stdin=None):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, input=stdin, text=True
    )


def prepare(env, database_url: str, reporters: int) -> None:
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    name = urlparse(database_url).path.lstrip("/")
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "-v0")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_demo", "--i-know-this-is-not-production")
    script = f"""
from accounts.models import Membership, Organisation, Profession, User
org = Organisation.objects.get(code="ep-sosiaali")
profession = Profession.objects.get(code="social_worker")
for i in range({reporters}):
    user, _ = User.objects.get_or_create(username=f"load{{i}}")
    user.set_password("{PASSWORD}")
    user.save()
    Membership.objects.get_or_create(user=user, organisation=org,
                                     defaults={{"role": "reporter", "profession": profession}})
"""
    manage(env, "shell", "-c", script)


class Reporter:
    """One person at a browser: a kept-alive connection and a session cookie."""

    def __init__(self, username: str):
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        self.cookies: dict[str, str] = {}
        self.username = username

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{PORT}{path}"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location"), data

    def csrf(self, html: bytes) -> str:
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()

    def sign_in(self):
        _, _, html = self.request("GET", "/accounts/sign-in/")
        body = urlencode(
            {
                "csrfmiddlewaretoken": self.csrf(html),
                "username": self.username,
                "password": PASSWORD,
            }
        )
        status, _, _ = self.request("POST", "/accounts/sign-in/", body)
        assert status == 302, f"sign-in failed for {self.username}: {status}"

    def submit(self, n: int, choices: dict) -> tuple[float, str | None]:
        _, _, html = self.request("GET", "/observations/new/")
        key = re.search(rb'name="submission_key" value="([^"]+)"', html)
        form = {
            "csrfmiddlewaretoken": self.csrf(html),
            "submission_key": key.group(1).decode() if key else str(uuid.uuid4()),
            "text": TEXTS[n % len(TEXTS)] + f" Havainto {n}.",
            "signal": "concern",
            "novelty": "recurring",
            "target_groups": choices["target_group"],
            "whole_county": "on",
            "reach": "6_20",
            "answered_as": "alone",
            "language": "fi",
            "action": "submit",
        }
        started = time.perf_counter()
        status, location, _ = self.request("POST", "/observations/new/", urlencode(form))
        elapsed = time.perf_counter() - started
        if status == 302 and location and "/observations/receipt/" in location:
            return elapsed, location.rstrip("/").rsplit("/", 1)[1]
        return elapsed, None


def due_times(index: int, count: int, start_at: float, deadline: float, rate: float | None):
    """When this reporter sends: as fast as it can without a rate, else every count-th slot."""
    if rate is None:
        while True:
            yield time.time()
    slot = index
    while (due := start_at + slot / rate) < deadline:
        yield due
        slot += count


def reporter_loop(
    index: int, start_at: float, deadline: float, choices: dict, count: int, rate=None
):
    """One reporter in its own process, as one browser would be: signs in, waits for the
    common start, then loads the form and sends an observation until the deadline."""
    latencies, receipts, errors, late = [], [], [], 0
    reporter = Reporter(f"load{index}")
    try:
        reporter.sign_in()
    except Exception as error:  # noqa: BLE001
        return latencies, receipts, [repr(error)], late
    time.sleep(max(0.0, start_at - time.time()))
    n = index * 100000
    for due in due_times(index, count, start_at, deadline, rate):
        if time.time() >= deadline:
            break
        wait = due - time.time()
        if wait > 0:
            time.sleep(wait)
        elif rate is not None and wait < -0.1:
            late += 1
        n += 1
        try:
            elapsed, receipt = reporter.submit(n, choices)
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
            reporter.conn.close()
            continue
        latencies.append(elapsed)
        if receipt:
            receipts.append(receipt)
        else:
            errors.append("not acknowledged")
    return latencies, receipts, errors, late


def trivial_loop(start_at: float, deadline: float):
    done, errors = 0, []
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    time.sleep(max(0.0, start_at - time.time()))
    while time.time() < deadline:
        try:
            conn.request("GET", "/healthz")
            response = conn.getresponse()
            response.read()
            done += response.status == 200
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
            conn.close()
    return done, errors


def run_reporters(count: int, seconds: float, choices: dict, rate=None):
    start_at = time.time() + 5  # time for every reporter to sign in first
    deadline = start_at + seconds
    with ProcessPoolExecutor(max_workers=count) as pool:
        futures = [
            pool.submit(reporter_loop, i, start_at, deadline, choices, count, rate)
            for i in range(count)
        ]
        results = [future.result() for future in futures]
    latencies = [x for result in results for x in result[0]]
    receipts = [x for result in results for x in result[1]]
    errors = [x for result in results for x in result[2]]
    late = sum(result[3] for result in results)
    return latencies, receipts, errors, seconds, late


def run_trivial(count: int, seconds: float) -> tuple[int, float, list]:
    start_at = time.time() + 2
    deadline = start_at + seconds
    with ProcessPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(trivial_loop, start_at, deadline) for _ in range(count)]
        results = [future.result() for future in futures]
    return sum(r[0] for r in results), seconds, [e for r in results for e in r[1]]


def form_choices(env) -> dict:
    """The ids the form needs that differ between databases."""
    script = (
        "from reporting.models import TargetGroup;"
        "print(TargetGroup.objects.get(code='working_age').pk)"
    )
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return {"target_group": result.stdout.strip().splitlines()[-1]}


def start_gunicorn(
    env, *, workers: int, threads: int, log_level: str = "warning", stderr=None, preload=False
):
    """gunicorn on the loopback at PORT, returned once it answers."""
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "sora.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--keep-alive",
            "30",
            "--log-level",
            log_level,
            *(["--preload"] if preload else []),
        ],
        cwd=ROOT,
        env=env,
        stderr=stderr,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
            break
        except OSError:
            time.sleep(0.2)
    return server


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--reporters", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rate", type=float, help="submissions per second in total (fixed)")
    args = parser.parse_args()
    database_url = os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sora_bench"
    )
    env = environment(database_url)
    print("preparing the database …", flush=True)
    prepare(env, database_url, args.reporters)
    server = start_gunicorn(env, workers=args.workers, threads=args.threads)
    try:
        choices = form_choices(env)
        pace = f" at {args.rate:g} submissions per second" if args.rate else ""
        print(f"{args.reporters} reporters for {args.seconds:.0f} s{pace} …", flush=True)
        load_before = os.getloadavg()
        latencies, receipts, errors, elapsed, late = run_reporters(
            args.reporters, args.seconds, choices, args.rate
        )
        load_after = os.getloadavg()
        trivial_seconds = min(args.seconds / 4, 15)
        print(f"trivial view, {args.reporters} clients for {trivial_seconds:.0f} s …", flush=True)
        trivial, trivial_elapsed, trivial_errors = run_trivial(args.reporters, trivial_seconds)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    rate = len(receipts) / elapsed
    ceiling = trivial / trivial_elapsed
    check = (
        "from reporting.models import Observation; import sys;"
        "codes = set(sys.stdin.read().split());"
        "found = set(Observation.objects.filter(receipt_code__in=codes)"
        ".values_list('receipt_code', flat=True));"
        "print(len(codes - found))"
    )
    missing = (
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", check],
            cwd=ROOT,
            env=env,
            check=True,
            input="\n".join(receipts),
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    print(f"submissions acknowledged: {len(receipts)} in {elapsed:.1f} s")
    target = f"fixed rate {args.rate:g}" if args.rate else "target >= 50"
    print(f"submissions per second: {rate:.1f} ({target})")
    if args.rate:
        print(f"sent later than due by more than 0.1 s: {late}")
    print(
        f"submit latency p50: {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95: {percentile(latencies, 0.95) * 1000:.0f} ms (target <= 300 ms)"
    )
    print(f"errors: {len(errors)} (target 0){' first: ' + errors[0] if errors else ''}")
    print(f"trivial view: {ceiling:.0f} requests per second, errors {len(trivial_errors)}")
    print(f"submissions / trivial-view throughput: {rate / ceiling:.3f}")
    print(f"acknowledged but missing from the database: {missing} (must be 0)")
    print(
        f"machine: {os.cpu_count()} CPUs, load average before {load_before[0]:.2f}, "
        f"after {load_after[0]:.2f} (1 min)"
    )
    return 0 if not errors and missing == "0" else 1


if __name__ == "__main__":
    sys.exit(main())
