"""Background work of the analysis app."""

from django_tasks import task

from analysis import vectors


@task()
def compute_text_vectors(*, observation_ids: list[int]) -> int:
    return vectors.compute(observation_ids)


@task()
def compute_suggestions(*, run_id: int) -> None:
    from analysis import suggestion_runs

    suggestion_runs.compute(run_id)
