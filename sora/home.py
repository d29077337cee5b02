"""The signed-in person's home page: what waits for them, one part per role they hold.

A person with several roles sees each part. Every figure is read from the pages it links to,
with the same access rules, so a number on the home page never counts what the page behind
it would not show: untriaged observations in the analyst's scope, signals of the analyst's
own latest run, proposals of the person's bodies, reports of their own organisations.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Max, Min, Q
from django.utils import timezone

from accounts import access as accounts_access
from accounts.models import Membership
from analysis import signal_notices, signal_runs
from campaigns.access import managed_campaigns
from campaigns.services import open_filter
from proposals import access as proposals_access
from proposals.bodies import bodies_without_answerers
from proposals.models import ActionProposal, Status
from reporting import access as reporting_access
from reporting.models import Draft, Observation
from reporting.models import Status as ObservationStatus
from reports.access import editing_organisations
from reports.models import Report, ReportRun

OPEN_PROPOSALS = (
    Status.DRAFT,
    Status.PREPARATION,
    Status.SUBMITTED,
    Status.ANSWERED,
    Status.IMPLEMENTATION,
)
LISTED = 5
SENDING = ("submit", "readdress")


@dataclass
class ReporterPart:
    drafts: int
    campaigns: list
    in_phenomena: int
    in_proposals: int


@dataclass
class AnalystPart:
    untriaged: int
    signals: int | None  # None while the first run is computed
    signals_as_of: datetime.date | None
    unread_notices: int
    proposals: list
    reports_to_approve: list
    open_campaigns: int = 0


@dataclass
class DecisionMakerPart:
    waiting: list
    waiting_total: int


@dataclass
class AdminPart:
    bodies_without_answerers: list
    never_signed_in: int
    organisations: list = field(default_factory=list)


def parts_for(user) -> dict:
    """The parts of the home page the person's roles give them, by name."""
    parts = {}
    if accounts_access.can_report(user):
        parts["reporter"] = reporter_part(user)
    if accounts_access.analysis_scope(user):
        parts["analyst"] = analyst_part(user)
    if proposals_access.bodies_for_decision_maker(user).exists():
        parts["decision_maker"] = decision_maker_part(user)
    if accounts_access.is_admin(user) or accounts_access.is_installation_admin(user):
        parts["admin"] = admin_part(user)
    return parts


def reporter_part(user) -> ReporterPart:
    own = Observation.objects.filter(reporter=user)
    delivered = Q(proposals__status__in=_delivered()) | Q(
        phenomenon_links__phenomenon__proposals__status__in=_delivered()
    )
    return ReporterPart(
        drafts=Draft.objects.filter(user=user).count(),
        campaigns=[c for c in reporting_access.campaigns_for_user(user) if c.is_open_now()],
        in_phenomena=own.filter(phenomenon_links__isnull=False).distinct().count(),
        in_proposals=own.filter(delivered).distinct().count(),
    )


def _delivered() -> list[str]:
    return [Status.SUBMITTED, Status.ANSWERED, Status.IMPLEMENTATION, Status.IMPLEMENTED]


def analyst_part(user) -> AnalystPart:
    scope = accounts_access.analysis_scope(user)
    run = signal_runs.latest_done(signal_runs.scope_of(user), timezone.localdate())
    return AnalystPart(
        untriaged=Observation.objects.filter(
            organisation_id__in=scope, status=ObservationStatus.NEW
        ).count(),
        signals=len(run.findings) if run else None,
        signals_as_of=run.as_of if run else None,
        unread_notices=signal_notices.unread_count(user),
        proposals=list(
            ActionProposal.objects.filter(owner=user, status__in=OPEN_PROPOSALS)
            .annotate(next_due=Min("milestones__due_on", filter=Q(milestones__progress__lt=100)))
            .order_by("next_due", "-updated_at")[:LISTED]
        ),
        reports_to_approve=list(
            Report.objects.filter(
                organisation_id__in=editing_organisations(user),
                state=Report.State.DRAFT,
                runs__state=ReportRun.State.DONE,
            )
            .exclude(created_by=user)
            .filter(Q(approval_requested_from=None) | Q(approval_requested_from=user))
            .distinct()
            .order_by("-updated_at")[:LISTED]
        ),
        open_campaigns=managed_campaigns(user).filter(open_filter(timezone.localdate())).count(),
    )


def decision_maker_part(user) -> DecisionMakerPart:
    waiting = (
        ActionProposal.objects.filter(
            recipient__in=proposals_access.bodies_for_decision_maker(user),
            status=Status.SUBMITTED,
        )
        .select_related("recipient", "organisation")
        .annotate(sent_at=Max("transitions__at", filter=Q(transitions__action__in=SENDING)))
        .order_by(F("answer_due_on").asc(nulls_last=True), "sent_at", "pk")
    )
    return DecisionMakerPart(waiting=list(waiting[:LISTED]), waiting_total=waiting.count())


def admin_part(user) -> AdminPart:
    organisations = (
        list(accounts_access.admin_organisations(user)) if accounts_access.is_admin(user) else []
    )
    own_bodies = Q(organisation__in=organisations)
    if accounts_access.is_installation_admin(user):
        own_bodies |= Q(organisation__isnull=True)
    members = Membership.objects.filter(organisation__in=organisations)
    return AdminPart(
        bodies_without_answerers=list(
            bodies_without_answerers().filter(own_bodies).order_by("name_fi")
        ),
        never_signed_in=members.filter(user__is_active=True, user__last_login__isnull=True)
        .values("user")
        .distinct()
        .count(),
        organisations=organisations,
    )
