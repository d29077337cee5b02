"""The building blocks of every access decision: people, organisations and roles.

They know only who belongs where with which role, and which partners share with an
organisation. Each app's own ``access.py`` builds on them to fetch its protected objects
(``reporting.access``, ``analysis.access``, ``proposals.access``, ``reports.access``); views
fetch protected objects only through those. Another organisation's object answers 404, so
its existence does not leak; an object the person may see but their role may not act on
answers 403.
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


def organisation_ids(user: User, roles: frozenset[str] | None = None) -> set[int]:
    return {m.organisation_id for m in memberships_of(user) if roles is None or m.role in roles}


def analysis_scope(user: User) -> set[int]:
    """Organisations whose observations the person may analyse: their own organisations where
    they are an analyst or admin, and the partners that share observations with those."""
    own = organisation_ids(user, ANALYSIS_ROLES)
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
    own = organisation_ids(user, frozenset({Role.ADMIN}))
    if not own:
        raise PermissionDenied
    return own


def is_admin(user: User) -> bool:
    return bool(organisation_ids(user, frozenset({Role.ADMIN})))


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
