"""Background work of the reporting app."""

from django_tasks import task


@task()
def apply_retention() -> dict:
    """The daily retention run the worker schedules (see ``manage.py worker``)."""
    from reporting.retention import apply_retention as run

    return run()
