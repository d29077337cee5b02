"""Background work for proposals: retries and digests of the reporters' notifications (they
leave through ``notices.tasks.deliver_outbox``), and reminders of answers due."""

from django_tasks import task

from proposals import notifications


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
