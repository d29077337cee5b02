"""Background work for campaigns."""

from django_tasks import task


@task()
def remind_closing_campaigns() -> int:
    """Daily, queued by the worker: the audience of a campaign closing soon hears of it once."""
    from campaigns.services import remind_closing

    return remind_closing()
