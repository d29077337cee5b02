"""Keeping the background worker's promises: no task is lost when a worker dies, a database
outage does not stop the worker, and the periodic tasks (the daily retention run, the hourly
refresh of the signals, the daily reminders of answers due, and the retries and daily and
weekly digests of every e-mail outbox: notices and new signals) are queued on time.

django-tasks-db marks a task RUNNING when a worker claims it and leaves it so if the worker
is killed. Tasks are written to be safe to run twice, so such a task is handed back to the
queue: at once when its worker was on this machine and is gone, otherwise after
``TASK_ABANDONED_SECONDS``. A task that failed only because the database was unreachable is
queued again too, a few times.
"""

import datetime as dt
import os
import socket

from django.conf import settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

DATABASE_FAILURES = (
    "django.db.utils.OperationalError",
    "django.db.utils.InterfaceError",
)
MAX_ATTEMPTS = 5
RETENTION_EVERY = dt.timedelta(days=1)
# Signals are weekly counts: an hour is fresh enough, and a refresh without new data is cheap.
SIGNALS_EVERY = dt.timedelta(hours=1)


def new_worker_id() -> str:
    """``host:pid:random``, so that another worker can tell whether this one still runs."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{os.urandom(4).hex()}"


def is_gone(worker_id: str, *, own_id: str = "") -> bool:
    """True when ``worker_id`` ran on this machine and its process has ended (or it is this
    worker, which is not running anything while it recovers)."""
    host, _, rest = worker_id.partition(":")
    pid = rest.partition(":")[0]
    if worker_id == own_id:
        return True
    if host != socket.gethostname()[:40] or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def requeue_abandoned(*, own_id: str = "", now: dt.datetime | None = None) -> int:
    """Hand tasks left RUNNING by a dead worker, or failed by a database outage, back to the
    queue. Returns how many."""
    now = now or timezone.now()
    stale_before = now - dt.timedelta(seconds=settings.TASK_ABANDONED_SECONDS)
    abandoned = [
        task.pk
        for task in DBTaskResult.objects.running().only("pk", "worker_ids", "started_at")
        if (task.worker_ids and is_gone(task.worker_ids[-1], own_id=own_id))
        or (task.started_at is not None and task.started_at < stale_before)
    ]
    failed = [
        task.pk
        for task in DBTaskResult.objects.failed()
        .filter(exception_class_path__in=DATABASE_FAILURES)
        .only("pk", "worker_ids")
        if len(task.worker_ids) < MAX_ATTEMPTS
    ]
    return DBTaskResult.objects.filter(pk__in=abandoned + failed).update(
        status=TaskResultStatus.READY,
        started_at=None,
        finished_at=None,
        exception_class_path="",
        traceback="",
    )


def periodic_tasks() -> list[tuple[object, dt.timedelta]]:
    """The tasks the worker queues on a schedule, and how often."""
    from analysis.tasks import refresh_signals
    from campaigns.tasks import remind_closing_campaigns
    from notices.tasks import retry_notices, send_daily_notices, send_weekly_notices
    from proposals.tasks import remind_due_answers
    from reporting.tasks import apply_retention

    return [
        (apply_retention, RETENTION_EVERY),
        (refresh_signals, SIGNALS_EVERY),
        (remind_due_answers, dt.timedelta(days=1)),
        (remind_closing_campaigns, dt.timedelta(days=1)),
        (retry_notices, dt.timedelta(hours=1)),
        (send_daily_notices, dt.timedelta(days=1)),
        (send_weekly_notices, dt.timedelta(days=7)),
    ]


def schedule_periodic(*, now: dt.datetime | None = None) -> list[str]:
    """Queue each periodic task that was not queued within its interval; the names of those
    queued now."""
    now = now or timezone.now()
    queued = []
    for task, every in periodic_tasks():
        recent = DBTaskResult.objects.filter(
            task_path=task.module_path, enqueued_at__gte=now - every
        )
        if not recent.exists():
            task.enqueue()
            queued.append(task.name)
    return queued
