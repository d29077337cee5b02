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
