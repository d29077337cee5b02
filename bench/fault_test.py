"""Fault test: PostgreSQL stopped abruptly under load, and a worker killed mid-task.

Starts a private PostgreSQL 15 cluster in a temporary directory on a free port (as the
``postgres`` user when run as root), migrates the demo installation into it and runs gunicorn
against it. Reporters submit observations; during the load the database server is stopped in
immediate mode (no checkpoint, no goodbye to clients: a crash, as far as the data is
concerned) and started again. A reporter who gets the "could not save" page sends the same
submission again, as the page's button does. Afterwards it prints:

- acknowledged submissions missing from the database (must be 0) and duplicates (must be 0);
- seconds from the database being back until the application saved again (target <= 30);
- what people saw while the database was away, counted by kind of answer;
- a worker killed in the middle of a task: whether a restarted worker completed it, and the
  seconds it took; and whether a worker outlived a database outage.

Nothing touches the shared PostgreSQL server; the cluster is deleted at the end.

    .venv/bin/python bench/fault_test.py [--seconds 60] [--outage 8] [--reporters 10]
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import load_test
import psycopg

PG_BIN = Path("/usr/lib/postgresql/15/bin")
CALM_PAGE = "Tallennus ei onnistunut"  # the Finnish "could not save" page's heading


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A throwaway PostgreSQL cluster owned by an unprivileged user."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="sora-fault-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.root, "postgres", "postgres")

    def run(self, *command, check=True):
        return subprocess.run(
            [*self.as_user, *command], check=check, capture_output=True, text=True
        )

    def create(self):
        self.run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )

    def start(self):
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200"
        )
        self.run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "server.log"),
            "-w",
            "start",
        )

    def crash(self):
        """Stop at once: clients are cut off, nothing is flushed beyond what was committed."""
        self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")

    def destroy(self):
        self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/sora"


# One reporter in its own process ------------------------------------------------------


def classify(status: int, location: str | None, body: str, text: str) -> str:
    if status == 302 and location and "/observations/receipt/" in location:
        return "receipt"
    if "Traceback" in body:
        return "traceback"
    if status == 503 and CALM_PAGE in body:
        return "503 could not save, text kept" if text in body else "503 calm page"
    return f"{status} other"


def fault_reporter(index: int, start_at: float, deadline: float, choices: dict):
    """Submit until the deadline. After a "could not save" answer, send the same submission
    again a second later (its key makes that safe), as a person pressing "Try again"."""
    reporter = load_test.Reporter(f"load{index}")
    reporter.sign_in()
    if time.time() > start_at:
        raise RuntimeError("signing in took longer than the time given before the start")
    time.sleep(max(0.0, start_at - time.time()))
    seen, receipts, keys, n = [], [], [], index * 100000
    pending = None
    while time.time() < deadline:
        try:
            if pending is None:
                n += 1
                _, _, html = reporter.request("GET", "/observations/new/")
                key = re.search(rb'name="submission_key" value="([^"]+)"', html)
                if key is None:
                    seen.append((time.time(), "form unavailable (503 calm page)"))
                    time.sleep(1)
                    continue
                pending = submission(reporter, html, key.group(1).decode(), n, choices)
            status, location, body = reporter.request("POST", "/observations/new/", pending[1])
        except (OSError, http.client.HTTPException):
            seen.append((time.time(), "connection error"))
            reporter.conn.close()
            time.sleep(1)
            continue
        kind = classify(status, location, body.decode(errors="replace"), pending[2])
        seen.append((time.time(), kind))
        if kind == "receipt":
            receipts.append(location.rstrip("/").rsplit("/", 1)[1])
            keys.append(pending[0])
            pending = None
        else:
            time.sleep(1)
    return seen, receipts, keys


def submission(reporter, html: bytes, key: str, n: int, choices: dict):
    text = load_test.TEXTS[n % len(load_test.TEXTS)] + f" Havainto {n}."
    form = {
        "csrfmiddlewaretoken": reporter.csrf(html),
        "submission_key": key,
        "text": text,
        "signal": "concern",
        "novelty": "recurring",
        "target_groups": choices["target_group"],
        "whole_county": "on",
        "reach": "6_20",
        "answered_as": "alone",
        "language": "fi",
        "action": "submit",
    }
    escaped = text.replace("&", "&amp;")
    return key, urlencode(form), escaped


# The phases ---------------------------------------------------------------------------


def load_with_outage(cluster, env, args):
    choices = load_test.form_choices(env)
    start_at = time.time() + 45  # a loaded machine may be slow to sign everyone in
    deadline = start_at + args.seconds
    crash_at = start_at + args.seconds / 4
    with ProcessPoolExecutor(max_workers=args.reporters) as pool:
        futures = [
            pool.submit(fault_reporter, i, start_at, deadline, choices)
            for i in range(args.reporters)
        ]
        time.sleep(max(0.0, crash_at - time.time()))
        crashed = time.time()
        cluster.crash()
        print(f"database stopped (immediate) at +{crashed - start_at:.1f} s", flush=True)
        time.sleep(args.outage)
        cluster.start()
        back = time.time()
        print(f"database running again at +{back - start_at:.1f} s", flush=True)
        results = [future.result() for future in futures]
    seen = sorted(event for result in results for event in result[0])
    receipts = [r for result in results for r in result[1]]
    keys = [k for result in results for k in result[2]]
    return seen, receipts, keys, crashed, back


def check_database(cluster, receipts, keys):
    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as conn:
        found = {
            row[0]
            for row in conn.execute(
                "SELECT receipt_code FROM reporting_observation WHERE receipt_code = ANY(%s)",
                [receipts],
            )
        }
        duplicates = conn.execute(
            "SELECT count(*) - count(DISTINCT submission_key) FROM reporting_observation "
            "WHERE submission_key = ANY(%s)",
            [[uuid.UUID(k) for k in keys]],
        ).fetchone()[0]
    return len(set(receipts) - found), duplicates


def task_status(cluster, task_id: str) -> str:
    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as conn:
        row = conn.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", [task_id]
        ).fetchone()
    return row[0] if row else "MISSING"


def wait_for(cluster, task_id: str, status: str, seconds: float) -> float | None:
    started = time.time()
    while time.time() - started < seconds:
        if task_status(cluster, task_id) == status:
            return time.time() - started
        time.sleep(0.2)
    return None


def enqueue_probe(env, seconds: float) -> str:
    script = (
        "from sora.tasks import worker_probe;"
        f"print(worker_probe.using(priority=100).enqueue(seconds={seconds}).id)"
    )
    result = subprocess.run(
        [load_test.PYTHON, "manage.py", "shell", "-c", script],
        cwd=load_test.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def start_worker(env):
    return subprocess.Popen(
        [load_test.PYTHON, "manage.py", "worker", "--interval", "0.2"],
        cwd=load_test.ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_a_worker_mid_task(cluster, env) -> dict:
    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as conn:
        # Embedding the observations of the load is not what this phase measures.
        conn.execute("DELETE FROM django_tasks_database_dbtaskresult WHERE status = 'READY'")
    first = start_worker(env)
    task_id = enqueue_probe(env, seconds=6)
    running = wait_for(cluster, task_id, "RUNNING", 60) is not None
    time.sleep(1)
    first.send_signal(signal.SIGKILL)
    first.wait()
    left = task_status(cluster, task_id)
    second = start_worker(env)
    completed_in = wait_for(cluster, task_id, "SUCCESSFUL", 120)
    outlived = None
    if completed_in is not None:
        cluster.crash()
        time.sleep(5)
        cluster.start()
        after_outage = enqueue_probe(env, seconds=0)
        done = wait_for(cluster, after_outage, "SUCCESSFUL", 60)
        outlived = done is not None and second.poll() is None
    second.send_signal(signal.SIGTERM)
    second.wait(timeout=30)
    return {
        "running": running,
        "left": left,
        "completed_in": completed_in,
        "outlived": outlived,
    }


def report(seen, receipts, missing, duplicates, crashed, back, worker):
    during = Counter(kind for at, kind in seen if crashed <= at < back + 1)
    recovered = next((at for at, kind in seen if kind == "receipt" and at >= back), None)
    print(f"submissions acknowledged: {len(receipts)}")
    print(f"acknowledged but missing from the database: {missing} (must be 0)")
    print(f"duplicate observations for one submission: {duplicates} (must be 0)")
    if recovered is None:
        print("the application did not save again after the restart")
    else:
        print(
            f"seconds from the database being back to the next saved submission: "
            f"{recovered - back:.1f} (target <= 30); from the stop: {recovered - crashed:.1f}"
        )
    print("what people saw while the database was away:")
    for kind, count in during.most_common():
        print(f"  {count:5d}  {kind}")
    print("answers per second around the outage (seconds from the stop):")
    for second in range(-2, int(back - crashed) + 4):
        kinds = Counter(kind for at, kind in seen if crashed + second <= at < crashed + second + 1)
        print(f"  {second:+3d} s  " + ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items())))
    print(f"tracebacks shown at any time: {sum(kind == 'traceback' for _, kind in seen)}")
    print(
        f"worker killed mid-task: task was running {worker['running']}, left {worker['left']}, "
        f"completed by the restarted worker in "
        + (f"{worker['completed_in']:.1f} s" if worker["completed_in"] is not None else "never")
    )
    print(f"worker outlived a database outage and ran the next task: {worker['outlived']}")
    return (
        missing == 0
        and duplicates == 0
        and recovered is not None
        and recovered - back <= 30
        and worker["completed_in"] is not None
        and not any(kind == "traceback" for _, kind in seen)
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--outage", type=float, default=8)
    parser.add_argument("--reporters", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    load_test.PORT = free_port()
    cluster = Cluster()
    try:
        print(f"private PostgreSQL 15 on port {cluster.port} in {cluster.root} …", flush=True)
        cluster.create()
        cluster.start()
        env = load_test.environment(cluster.url)
        load_test.prepare(env, cluster.url, args.reporters)
        # The application logs each failed request with its traceback: to a file, not here.
        log = open(cluster.root / "gunicorn.log", "w")  # noqa: SIM115
        server = load_test.start_gunicorn(
            env, workers=args.workers, threads=2, stderr=log, preload=True
        )
        try:
            print(f"{args.reporters} reporters for {args.seconds:.0f} s …", flush=True)
            seen, receipts, keys, crashed, back = load_with_outage(cluster, env, args)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            log.close()
        missing, duplicates = check_database(cluster, receipts, keys)
        print("killing a worker in the middle of a task …", flush=True)
        worker = kill_a_worker_mid_task(cluster, env)
        ok = report(seen, receipts, missing, duplicates, crashed, back, worker)
    except Exception:
        print((cluster.root / "gunicorn.log").read_text(errors="replace")[-3000:], file=sys.stderr)
        raise
    finally:
        cluster.destroy()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
