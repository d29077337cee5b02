"""Background work of the analysis app."""

from datetime import timedelta

from django_tasks import task

from analysis import vectors

RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1)]


@task()
def compute_text_vectors(*, observation_ids: list[int]) -> int:
    return vectors.compute(observation_ids)


@task()
def compute_suggestions(*, run_id: int) -> None:
    from analysis import suggestion_runs

    suggestion_runs.compute(run_id)


@task()
def compute_signals(*, run_id: int) -> None:
    from analysis import signal_runs

    signal_runs.compute(run_id)


@task()
def refresh_signals() -> int:
    """Today's signals for every analysts' scope whose data or day changed (scheduled)."""
    from analysis import signal_runs

    return signal_runs.refresh_all()
