"""Computing phenomenon suggestions in the background, with progress an analyst can watch.

A run covers the observations of the requesting analyst's scope: it makes sure every
observation has its text vector, suggests existing phenomena for the unlinked ones and groups
the rest into possible new phenomena. The page reads the latest finished run, so no request
waits for the computation.
"""

import logging

from django.db import transaction
from django.utils import timezone

from analysis import phenomena_help, vectors
from analysis.models import AssignmentSuggestion, DiscoveredGroup, Phenomenon, SuggestionRun
from reporting.models import Observation

logger = logging.getLogger(__name__)


def start_run(*, organisation, scope: set[int], user) -> SuggestionRun:
    """Queue a run, unless one for this organisation is already waiting or running."""
    from analysis.tasks import compute_suggestions

    pending = SuggestionRun.objects.filter(
        organisation=organisation,
        state__in=[SuggestionRun.State.QUEUED, SuggestionRun.State.RUNNING],
    ).first()
    if pending is not None:
        return pending
    run = SuggestionRun.objects.create(
        organisation=organisation, scope=sorted(scope), requested_by=user
    )
    transaction.on_commit(lambda: compute_suggestions.enqueue(run_id=run.pk))
    return run


def compute(run_id: int) -> None:
    run = SuggestionRun.objects.get(pk=run_id)
    _progress(run, SuggestionRun.State.RUNNING, 5)
    try:
        observations = Observation.objects.filter(organisation_id__in=run.scope)
        missing = vectors.missing(observations)
        for start in range(0, len(missing), 256):
            vectors.compute(missing[start : start + 256])
            _progress(run, run.state, 5 + int(55 * (start + 256) / max(len(missing), 1)))
        phenomena = Phenomenon.objects.active().filter(organisation=run.organisation)
        assignments = phenomena_help.assignments(observations, phenomena)
        _progress(run, run.state, 75)
        groups = phenomena_help.suggested_groups(observations, phenomena)
        _save(run, assignments, groups)
    except Exception as error:
        logger.exception("suggestion run %s failed", run_id)
        run.error = str(error)[:2000]
        _progress(run, SuggestionRun.State.FAILED, run.progress)
        raise
    run.finished_at = timezone.now()
    _progress(run, SuggestionRun.State.DONE, 100)


@transaction.atomic
def _save(run, assignments, groups) -> None:
    AssignmentSuggestion.objects.bulk_create(
        AssignmentSuggestion(
            run=run, observation=a.observation, phenomenon=s.phenomenon, rank=rank, score=s.score
        )
        for a in assignments
        for rank, s in enumerate(a.suggestions, 1)
    )
    for group in groups:
        saved = DiscoveredGroup.objects.create(
            run=run, label=group.label[:200], examples=[o.pk for o in group.examples]
        )
        saved.observations.set(group.observations)


def _progress(run: SuggestionRun, state: str, percent: int) -> None:
    run.state = state
    run.progress = min(100, max(0, percent))
    run.save(update_fields=["state", "progress", "error", "finished_at"])


def latest_done(organisation) -> SuggestionRun | None:
    return SuggestionRun.objects.filter(
        organisation=organisation, state=SuggestionRun.State.DONE
    ).first()


@transaction.atomic
def accept_group(*, group: DiscoveredGroup, observations, phenomenon=None, name="", user):
    """Turn a suggested group into a phenomenon: a new one under ``name`` or an existing one
    (merging), with the observations the analyst kept (splitting off the rest)."""
    from analysis import services

    if phenomenon is None:
        phenomenon = services.create_phenomenon(
            organisation=group.run.organisation, name=name, description="", author=user
        )
    for observation in observations:
        services.link_observation(
            phenomenon=phenomenon, observation=observation, by=user, how="suggestion"
        )
    group.accepted = True
    group.save(update_fields=["accepted"])
    return phenomenon
