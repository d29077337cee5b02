"""Background work of the analysis app."""

from django_tasks import task

from analysis import vectors


@task()
def compute_text_vectors(*, observation_ids: list[int]) -> int:
    return vectors.compute(observation_ids)
