"""A task a killed worker left running is run again to the end; retention is scheduled."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from sora import worker as keeper
from sora.tasks import worker_probe


@pytest.fixture(autouse=True)
def _database_queue(settings, db, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes connections between tasks; inside a test's transaction that would
    # close the test's own connection (PostgreSQL).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def _dead_worker_id() -> str:
    """The id a worker had whose process has ended."""
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return keeper.new_worker_id().replace(f":{os.getpid()}:", f":{process.pid}:")


def _claimed_by(worker_id: str, *, started: dt.datetime | None = None) -> DBTaskResult:
    task = DBTaskResult.objects.get(pk=worker_probe.enqueue(seconds=0).id)
    task.claim(worker_id)
    if started is not None:
        DBTaskResult.objects.filter(pk=task.pk).update(started_at=started)
    return task


def _run_queue() -> None:
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=keeper.new_worker_id(),
        excluded_queue_names=[],
    ).run()


def test_a_task_left_running_by_a_dead_worker_is_completed():
    task = _claimed_by(_dead_worker_id())
    _run_queue()
    assert DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.RUNNING
    assert keeper.requeue_abandoned() == 1
    _run_queue()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value == "done"
    assert len(task.worker_ids) == 2


def test_a_task_of_a_living_worker_is_left_alone():
    _claimed_by(keeper.new_worker_id())  # this very process: alive
    assert keeper.requeue_abandoned(own_id="another") == 0


def test_a_task_of_another_machine_is_requeued_after_the_timeout(settings):
    settings.TASK_ABANDONED_SECONDS = 60
    _claimed_by("elsewhere:1:abcd", started=timezone.now() - dt.timedelta(seconds=30))
    assert keeper.requeue_abandoned() == 0
    _claimed_by("elsewhere:2:abcd", started=timezone.now() - dt.timedelta(seconds=90))
    assert keeper.requeue_abandoned() == 1


def test_a_task_failed_by_a_database_outage_is_tried_again():
    task = _claimed_by(keeper.new_worker_id())
    from django.db import OperationalError

    task.set_failed(OperationalError("server closed the connection unexpectedly"))
    assert keeper.requeue_abandoned() == 1
    _run_queue()
    assert DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.SUCCESSFUL


def test_other_failures_stay_failed():
    task = _claimed_by(keeper.new_worker_id())
    task.set_failed(ValueError("a bug"))
    assert keeper.requeue_abandoned() == 0


def test_periodic_tasks_are_queued_once_per_interval():
    assert keeper.schedule_periodic() == [
        "apply_retention",
        "refresh_signals",
        "remind_due_answers",
        "remind_closing_campaigns",
        "retry_notices",
        "send_daily_notices",
        "send_weekly_notices",
    ]
    assert keeper.schedule_periodic() == []
    next_day = timezone.now() + dt.timedelta(days=1, seconds=1)
    assert keeper.schedule_periodic(now=next_day) == [
        "apply_retention",
        "refresh_signals",
        "remind_due_answers",
        "remind_closing_campaigns",
        "retry_notices",
        "send_daily_notices",
    ]
    _run_queue()
    assert (
        DBTaskResult.objects.successful().filter(task_path__endswith="apply_retention").count() == 2
    )
    digests = DBTaskResult.objects.successful().filter(task_path__endswith="weekly_notices")
    assert digests.count() == 1
