"""Telling reporters what became of their observations.

Each step a reporter follows (submitted, answered, implemented) and each milestone set or
moved forward is told to every signed-in reporter whose observation fed the proposal: one
notice each (``notices``, kind "news of a proposal"), in Sora and by e-mail as the reporter
chose, in the same transaction as the step. The notice's key names the step or the milestone's
progress, so a retried step tells nobody twice.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from notices import services as notices
from notices.models import Kind
from reporting.models import Observation


def observations_behind(proposal):
    """Observations linked to the proposal directly or through one of its phenomena, also
    when that phenomenon has since been merged into another."""
    return Observation.objects.filter(
        Q(proposals=proposal)
        | Q(phenomenon_links__phenomenon__proposals=proposal)
        | Q(phenomenon_links__phenomenon__merged_from__proposals=proposal)
    ).distinct()


def reporters_behind(proposal):
    """Signed-in reporters whose observations fed the proposal."""
    ids = observations_behind(proposal).exclude(reporter=None).values("reporter_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


def queue_feedback(transition) -> None:
    """Tell the step to every reporter behind the proposal."""
    notices.tell(
        reporters_behind(transition.proposal),
        Kind.PROPOSAL_NEWS,
        event_key=f"transition:{transition.pk}",
        object_id=transition.proposal_id,
        event=f"step:{transition.pk}",
    )


def tell_milestone(milestone, *, new: bool = False) -> None:
    """Tell a milestone set, or its progress, to every reporter behind the proposal; the same
    progress is told once."""
    stage = "new" if new else str(milestone.progress)
    notices.tell(
        reporters_behind(milestone.proposal),
        Kind.PROPOSAL_NEWS,
        event_key=f"milestone:{milestone.pk}:{stage}",
        object_id=milestone.proposal_id,
        event=f"milestone:{milestone.pk}:{stage}",
    )
