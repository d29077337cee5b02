"""Background work for proposals: the reporters' notifications leave through the task queue."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from proposals import notifications

RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1)]


@task()
def deliver_notifications(*, notification_ids: list[int], attempt: int = 0) -> None:
    """Send the notifications; those that fail are queued again later (where the queue can
    defer work) and are in any case picked up by ``manage.py send_notifications``."""
    failed = [pk for pk in notification_ids if not notifications.deliver(pk)]
    if failed and attempt < len(RETRY_DELAYS):
        notifications.enqueue(
            failed, attempt=attempt + 1, run_after=timezone.now() + RETRY_DELAYS[attempt]
        )


@task()
def send_pending_notifications() -> int:
    """Hourly, queued by the worker: immediate notifications still unsent are tried again."""
    return notifications.retry_failed()


@task()
def send_weekly_digests() -> int:
    """Weekly, queued by the worker: one digest per reporter who chose weekly messages."""
    return notifications.send_weekly_digests()


@task()
def remind_due_answers() -> int:
    """Daily, queued by the worker: reminders of answers due soon or overdue, once each."""
    from proposals.services import remind_due_answers as remind

    return remind()
