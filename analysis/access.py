"""Who may see analysis's protected objects, built on the rules of ``accounts.access``.

A phenomenon, a memo and a suggestion run belong to the organisation whose analysts made
them. What an analyst sees of them:

- *Phenomena* of their own organisations only (anyone else gets 404). A partner's phenomena
  are its own work and never shown, not even by name beside a shared observation.
- *Observations inside a phenomenon, a suggestion or a count* only while they are in the
  analyst's scope: an observation of a partner that stops sharing leaves the phenomenon's
  page, its size and the suggestions at once (its link stays, and shows again if the partner
  shares again).
- *Memos* of their own organisations, with the author's name, and of the partners that share
  with them, with the author's role instead of the name.

- *Signal subscriptions* of their own only; another person's answers 404.

Views fetch phenomena, links, memos, suggestions and subscriptions only through these
functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.access import (
    ANALYSIS_ROLES,
    analysis_organisation,
    analysis_scope,
    member_roles,
    organisation_ids,
    require_analyst,
)
from accounts.models import Organisation, Role, User
from analysis import inbox, signal_runs, suggestion_runs
from analysis.forms import InboxFilterForm
from analysis.models import (
    AssignmentSuggestion,
    DiscoveredGroup,
    Memo,
    Phenomenon,
    PhenomenonLink,
    PhenomenonQuerySet,
    SignalRun,
    SignalSubscription,
    SuggestionRun,
)
from analysis.signal_links import LinkedSignal, SignalRef
from analysis.signals import Names
from reporting.access import observations_for_analyst
from reporting.models import Observation


def phenomena_for_analyst(user: User) -> PhenomenonQuerySet:
    """Phenomena owned by the organisations where the person is an analyst or admin; 403 for
    every other role."""
    own = organisation_ids(user, ANALYSIS_ROLES)
    if not own:
        raise PermissionDenied
    return Phenomenon.objects.filter(organisation_id__in=own)


def get_phenomenon_for_user(user: User, pk: int) -> Phenomenon:
    """A phenomenon an analyst of its organisation may read and change; 404 for others."""
    phenomenon = phenomena_for_analyst(user).filter(pk=pk).first()
    if phenomenon is None:
        raise Http404
    return phenomenon


def with_sizes(user: User, phenomena: QuerySet[Phenomenon]) -> QuerySet[Phenomenon]:
    """The phenomena with ``size``: how many of their observations the person may see."""
    shared = Q(links__observation__organisation_id__in=analysis_scope(user))
    return phenomena.annotate(size=Count("links", filter=shared))


def links_of_phenomenon(user: User, phenomenon: Phenomenon) -> QuerySet[PhenomenonLink]:
    """The phenomenon's links to observations in the person's scope."""
    return phenomenon.links.filter(observation__organisation_id__in=analysis_scope(user))


def links_of_observation(user: User, observation: Observation) -> QuerySet[PhenomenonLink]:
    """The observation's links to phenomena of the person's own organisations."""
    own = organisation_ids(user, ANALYSIS_ROLES)
    return observation.phenomenon_links.filter(phenomenon__organisation_id__in=own)


def colleagues_of(user: User) -> QuerySet[User]:
    """Whom an analyst may give observations to: the active analysts and administrators of
    their own analysis organisation (themselves included); 403 for every other role."""
    organisation = analysis_organisation(user)
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__role__in=ANALYSIS_ROLES,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def assignee_label(assignment, colleague_ids: set[int]) -> str:
    """Who has an observation, as one person sees it: a colleague by name; an analyst of
    another organisation (one the observation is shared with) without the name, as memos
    name their writers."""
    if assignment is None:
        return ""
    if assignment.assignee_id in colleague_ids:
        assignee = assignment.assignee
        return assignee.get_full_name() or assignee.get_username()
    return _("An analyst of another organisation")


# Memos ---------------------------------------------------------------------------------


def memo_organisation(user: User, observation: Observation) -> Organisation:
    """The organisation a new memo is written for: the observation's own when the person
    analyses there, else the first of theirs that the observation's organisation shares
    with. 404 when the observation is outside the person's scope."""
    own = organisation_ids(user, ANALYSIS_ROLES)
    if observation.organisation_id in own:
        return observation.organisation
    receivers = set(observation.organisation.shares_with.values_list("pk", flat=True))
    if observation.organisation.is_active:
        for pk in sorted(own & receivers):
            return Organisation.objects.get(pk=pk)
    raise Http404


@dataclass(frozen=True)
class ShownMemo:
    """A memo as one person sees it: ``author`` is the writer's name inside the writer's own
    organisation, and their role (with the organisation) anywhere else."""

    memo: Memo
    author: str


def memos_for(user: User, observation: Observation) -> list[ShownMemo]:
    """The observation's memos the person may read: those written for an organisation in
    their scope. A memo whose organisation is unknown (written before it was kept, by an
    author whose organisation could not be told) is read only by analysts of the
    observation's own organisation."""
    scope = require_analyst(user)
    own_analysis = organisation_ids(user, ANALYSIS_ROLES)
    visible = Q(organisation_id__in=scope)
    if observation.organisation_id in own_analysis:
        visible |= Q(organisation__isnull=True)
    memos = list(observation.memos.filter(visible).select_related("author", "organisation"))
    roles = member_roles({m.author_id for m in memos}, {m.organisation_id for m in memos})
    own = organisation_ids(user)
    return [ShownMemo(memo, _author_shown(memo, own, roles)) for memo in memos]


def _author_shown(memo: Memo, own: set[int], roles: dict) -> str:
    if memo.organisation_id is None:
        return _("Writer's organisation unknown")
    author = memo.author
    if author is not None and memo.organisation_id in own:
        return author.get_full_name() or author.get_username()
    role = roles.get((memo.author_id, memo.organisation_id))
    label = Role(role).label if role else _("Former member")
    return _("%(role)s, %(organisation)s") % {"role": label, "organisation": memo.organisation}


# Suggestions ---------------------------------------------------------------------------


def suggested_groups(user: User, run: SuggestionRun | None) -> QuerySet[DiscoveredGroup]:
    """The run's groups not yet accepted that hold only observations in the person's scope:
    a group's label is made of its members' words, so a group with an observation no longer
    shared is not shown at all."""
    if run is None:
        return DiscoveredGroup.objects.none()
    members = DiscoveredGroup.observations.through.objects.filter(discoveredgroup__run=run)
    mixed = members.exclude(observation__organisation_id__in=analysis_scope(user))
    return run.groups.filter(accepted=False).exclude(pk__in=mixed.values("discoveredgroup_id"))


def get_group_for_analyst(user: User, organisation: Organisation, pk: int) -> DiscoveredGroup:
    """A suggested group of the organisation's runs whose observations are all in the
    person's scope; 404 for any other."""
    group = DiscoveredGroup.objects.filter(pk=pk, run__organisation=organisation).first()
    if group is None:
        raise Http404
    if group.observations.exclude(organisation_id__in=analysis_scope(user)).exists():
        raise Http404
    return group


MAX_SUGGESTIONS = 3


def suggested_assignments(user: User, run: SuggestionRun | None) -> QuerySet:
    """The run's scored suggestions (at most three per observation, best first) for
    observations in the person's scope, not withdrawn by their reporters, that are not yet
    linked to an active phenomenon of the run's organisation. Runs from before fits were
    kept have no scores and offer none."""
    if run is None:
        return AssignmentSuggestion.objects.none()
    linked = _linked_in(run.organisation)
    return (
        AssignmentSuggestion.objects.filter(
            run=run,
            observation__organisation_id__in=analysis_scope(user),
            score__gt=0,
            rank__lte=MAX_SUGGESTIONS,
            observation__withdrawn_at__isnull=True,
        )
        .exclude(observation_id__in=linked)
        .select_related("observation", "phenomenon")
        .order_by("observation_id", "rank")
    )


def suggestions_for(user: User, observation: Observation) -> tuple[bool, list]:
    """Whether suggestions have been computed for the person's analysis organisation, and
    the latest run's scored suggestions for one observation, best first (none when it fits
    no phenomenon well enough)."""
    run = suggestion_runs.latest_done(analysis_organisation(user))
    if run is None:
        return False, []
    return True, list(suggested_assignments(user, run).filter(observation=observation))


def _linked_in(organisation: Organisation) -> QuerySet:
    """The ids of the observations in an active phenomenon of the organisation."""
    return PhenomenonLink.objects.filter(
        phenomenon__organisation=organisation, phenomenon__status=Phenomenon.Status.ACTIVE
    ).values("observation_id")


# Signals -------------------------------------------------------------------------------


def get_signal_for_analyst(user: User, token: str) -> LinkedSignal:
    """The signal a token names, read again from the person's own newest run of its day;
    403 for roles other than analyst, 404 when the token names no signal listed for them
    (another scope's, one gone when the run was computed again, or one whose theme or
    phenomenon is no longer in use)."""
    require_analyst(user)
    ref = SignalRef.parse(token)
    if ref is None:
        raise Http404
    run = (
        signal_runs.scope_of(user)
        .runs()
        .filter(state=SignalRun.State.DONE, as_of=ref.as_of)
        .order_by("-finished_at", "-id")
        .first()
    )
    findings = signal_runs.findings_of(run) if run is not None else []
    finding = next((f for f in findings if f.key == ref.key and f.direction == ref.direction), None)
    if finding is None:
        raise Http404
    names = Names.for_findings([finding])
    if not names.knows(finding):
        raise Http404
    signal = LinkedSignal(ref.as_of, finding, names)
    if not signal.usable:
        raise Http404
    return signal


def signal_observations(user: User, signal: LinkedSignal) -> QuerySet[Observation]:
    """The signal's observations that the person may see now: what the inbox shows with the
    signal's filters."""
    form = InboxFilterForm(signal.inbox_filters(), phenomena=phenomena_for_analyst(user).active())
    if not form.is_valid():
        return Observation.objects.none()
    return inbox.apply_filters(observations_for_analyst(user), form.cleaned_data)


def unlinked_signal_observations(
    user: User, organisation: Organisation, signal: LinkedSignal
) -> QuerySet[Observation]:
    """The signal's observations that the person may see and that are in no active
    phenomenon of ``organisation`` yet: those a phenomenon started from it takes."""
    return signal_observations(user, signal).exclude(pk__in=_linked_in(organisation))


def subscriptions_for(user: User) -> QuerySet[SignalSubscription]:
    """The analyst's own signal subscriptions; 403 for every other role."""
    require_analyst(user)
    return SignalSubscription.objects.filter(user=user).select_related(
        "theme", "municipality", "target_group"
    )


def get_subscription_for_user(user: User, pk: int) -> SignalSubscription:
    subscription = subscriptions_for(user).filter(pk=pk).first()
    if subscription is None:
        raise Http404
    return subscription
