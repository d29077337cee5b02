"""Background work for proposals: reminders of answers due."""

from django_tasks import task


@task()
def remind_due_answers() -> int:
    """Daily, queued by the worker: reminders of answers due soon or overdue, once each."""
    from proposals.services import remind_due_answers as remind

    return remind()
