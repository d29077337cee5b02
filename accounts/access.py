"""The one place that decides who may see or change a protected object.

Every view and API endpoint fetches protected objects through these helpers. Another
organisation's object answers 404, so its existence does not leak; an object the person may
see but their role may not act on answers 403.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Membership, Organisation, Role, User

# Roles whose members report observations. Readers are decision-makers: they read reports
# and answer proposals but do not report.
REPORTING_ROLES = frozenset({Role.REPORTER, Role.ANALYST, Role.ADMIN})
ANALYSIS_ROLES = frozenset({Role.ANALYST, Role.ADMIN})


def memberships_of(user: User) -> list[Membership]:
    """The person's memberships in active organisations, read once per request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_sora_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, organisation__is_active=True)
            .select_related("organisation", "organisation__type", "profession", "team")
            .order_by("organisation__name_fi")
        )
        user._sora_memberships = cached
    return cached


def reporting_memberships(user: User) -> list[Membership]:
    return [m for m in memberships_of(user) if m.role in REPORTING_ROLES]


def can_report(user: User) -> bool:
    return bool(reporting_memberships(user))


def require_reporting_memberships(user: User) -> list[Membership]:
    """The memberships a signed-in person may report through; 403 if there are none."""
    members = reporting_memberships(user)
    if not members:
        raise PermissionDenied
    return members


def _organisation_ids(user: User, roles: frozenset[str] | None = None) -> set[int]:
    return {m.organisation_id for m in memberships_of(user) if roles is None or m.role in roles}


def campaigns_for_user(user: User) -> QuerySet:
    """Campaigns a signed-in person's organisations are invited to."""
    campaign_model = apps.get_model("reporting", "Campaign")
    org_ids = _organisation_ids(user)
    if not org_ids:
        return campaign_model.objects.none()
    return (
        campaign_model.objects.filter(Q(audience__isnull=True) | Q(audience__in=org_ids))
        .distinct()
        .order_by("-starts_on")
    )


def get_campaign_for_user(user: User, pk: int):
    campaign = campaigns_for_user(user).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def get_campaign_by_link(token: str):
    """The campaign behind an open link; unknown or disabled links answer 404."""
    campaign_model = apps.get_model("reporting", "Campaign")
    campaign = campaign_model.objects.filter(link_token=token, open_link_enabled=True).first()
    if campaign is None:
        raise Http404
    return campaign


def organisations_for_link(campaign) -> QuerySet[Organisation]:
    """The organisations an open-link reporter may report for."""
    if campaign.link_organisation_id:
        return Organisation.objects.filter(pk=campaign.link_organisation_id)
    audience = campaign.audience.filter(is_active=True)
    return audience if audience.exists() else Organisation.objects.filter(is_active=True)


def observations_reported_by(user: User) -> QuerySet:
    observation_model = apps.get_model("reporting", "Observation")
    if not user.is_authenticated:
        return observation_model.objects.none()
    return observation_model.objects.filter(reporter=user)


def analysis_scope(user: User) -> set[int]:
    """Organisations whose observations the person may analyse: their own organisations where
    they are an analyst or admin, and the partners that share observations with those."""
    own = _organisation_ids(user, ANALYSIS_ROLES)
    if not own:
        return set()
    sharing = Organisation.objects.filter(shares_with__in=own, is_active=True)
    return own | set(sharing.values_list("pk", flat=True))


def require_analyst(user: User) -> set[int]:
    """The analysis scope of a signed-in analyst; 403 for every other role."""
    scope = analysis_scope(user)
    if not scope:
        raise PermissionDenied
    return scope


def require_admin(user: User) -> set[int]:
    """Organisations where the person is an administrator; 403 if there are none."""
    own = _organisation_ids(user, frozenset({Role.ADMIN}))
    if not own:
        raise PermissionDenied
    return own


def is_admin(user: User) -> bool:
    return bool(_organisation_ids(user, frozenset({Role.ADMIN})))


def is_installation_admin(user: User) -> bool:
    """An installation administrator: an active superuser, who runs what all organisations
    share (the Django admin, the codebook). An organisation's administrator role, staff
    status or model permissions do not make one."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def require_installation_admin(user: User) -> None:
    if not is_installation_admin(user):
        raise PermissionDenied


def require_codebook_reader(user: User) -> None:
    """The codebook is read by analysts and administrators of any organisation and by the
    installation's administrators; 403 for everyone else."""
    if not is_installation_admin(user):
        require_analyst(user)


def analysis_organisation(user: User) -> Organisation:
    """The organisation an analyst's new phenomena and suggestion runs belong to: their first
    organisation as analyst or admin; 403 for other roles."""
    require_analyst(user)
    return next(m.organisation for m in memberships_of(user) if m.role in ANALYSIS_ROLES)


def observations_for_analyst(user: User) -> QuerySet:
    """Every observation in the person's analysis scope; 403 if they are no analyst."""
    observation_model = apps.get_model("reporting", "Observation")
    return observation_model.objects.filter(organisation_id__in=require_analyst(user))


def get_observation_for_user(user: User, pk: int):
    """An observation its reporter or an analyst whose scope covers it may read.

    Members of the same organisation in other roles get 403; everyone else 404.
    """
    observation_model = apps.get_model("reporting", "Observation")
    observation = observation_model.objects.filter(pk=pk).first()
    if observation is None or not user.is_authenticated:
        raise Http404
    if observation.reporter_id == user.pk:
        return observation
    if observation.organisation_id in analysis_scope(user):
        return observation
    if observation.organisation_id in _organisation_ids(user):
        raise PermissionDenied
    raise Http404


def get_observation_for_analyst(user: User, pk: int):
    """An observation in the analyst's scope: 403 for other roles, 404 outside the scope."""
    scope = require_analyst(user)
    observation = observations_for_analyst(user).filter(pk=pk).first()
    if observation is None or observation.organisation_id not in scope:
        raise Http404
    return observation


def phenomena_for_analyst(user: User) -> QuerySet:
    """Phenomena owned by the organisations where the person is an analyst or admin."""
    phenomenon_model = apps.get_model("analysis", "Phenomenon")
    own = _organisation_ids(user, ANALYSIS_ROLES)
    if not own:
        raise PermissionDenied
    return phenomenon_model.objects.filter(organisation_id__in=own)


def get_phenomenon_for_user(user: User, pk: int):
    """A phenomenon an analyst of its organisation may read and change; 404 for others."""
    phenomenon = phenomena_for_analyst(user).filter(pk=pk).first()
    if phenomenon is None:
        raise Http404
    return phenomenon


def get_draft_for_user(user: User, pk: int):
    draft_model = apps.get_model("reporting", "Draft")
    draft = draft_model.objects.filter(pk=pk, user=user).first() if user.is_authenticated else None
    if draft is None:
        raise Http404
    return draft


def audit_events_for_admin(user: User) -> QuerySet:
    """The audit log an administrator may browse: events about their organisations and events
    of the people who are members there; 403 for every other role."""
    own = require_admin(user)
    members = Membership.objects.filter(organisation_id__in=own).values("user_id")
    audit_event_model = apps.get_model("accounts", "AuditEvent")
    return audit_event_model.objects.filter(Q(organisation_id__in=own) | Q(actor_id__in=members))


def admin_organisations(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=require_admin(user))


def get_organisation_for_admin(user: User, pk: int) -> Organisation:
    """An organisation whose people the person manages: 403 if they administer none, 404 for
    every organisation they do not administer (its existence does not leak)."""
    if pk not in require_admin(user):
        raise Http404
    return next(m.organisation for m in memberships_of(user) if m.organisation_id == pk)


def get_membership_for_admin(user: User, organisation_pk: int, pk: int) -> Membership:
    """A membership in an organisation the person administers; 404 for any other."""
    organisation = get_organisation_for_admin(user, organisation_pk)
    membership = (
        Membership.objects.filter(pk=pk, organisation=organisation)
        .select_related("user", "organisation", "profession", "team")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def get_team_for_admin(user: User, organisation_pk: int, pk: int):
    """A team of an organisation the person administers; 404 for any other."""
    organisation = get_organisation_for_admin(user, organisation_pk)
    team = organisation.teams.filter(pk=pk).first()
    if team is None:
        raise Http404
    return team
