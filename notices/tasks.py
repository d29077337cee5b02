"""Background work for notices: the rows of every outbox leave through one task."""

from django_tasks import task

from notices import outbox


@task()
def deliver_outbox(*, name: str, ids: list[int], attempt: int = 0) -> None:
    """Send the rows of the named outbox; those that fail are queued again later (where the
    queue can defer work) and are in any case tried again by the hourly retry."""
    outbox.named(name).deliver_all(ids, attempt)


@task()
def retry_notices() -> int:
    """Hourly, queued by the worker: messages of every outbox meant to go at once that are
    still unsent."""
    return outbox.retry_all()


@task()
def send_daily_notices() -> int:
    """Daily, queued by the worker: one e-mail per person who chose a daily digest."""
    from notices.models import Frequency

    return outbox.send_all_digests(Frequency.DAILY)


@task()
def send_weekly_notices() -> int:
    """Weekly, queued by the worker: one e-mail per person who chose a weekly digest."""
    from notices.models import Frequency

    return outbox.send_all_digests(Frequency.WEEKLY)
