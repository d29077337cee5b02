"""Background work of the reports app."""

from django_tasks import task


@task()
def generate_report(*, run_id: int) -> None:
    from reports import runs

    runs.generate(run_id)
