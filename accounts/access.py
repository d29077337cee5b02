"""The building blocks of every access decision: people, organisations and roles.

They know only who belongs where with which role, and which partners share with an
organisation. Each app's own ``access.py`` builds on them to fetch its protected objects
(``reporting.access``, ``analysis.access``, ``proposals.access``, ``reports.access``); views
fetch protected objects only through those. Another organisation's object answers 404, so
its existence does not leak; an object the person may see but their role may not act on
answers 403.
"""

from collections.abc import Iterable

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


def partners_sharing_with(organisation_ids: Iterable[int]) -> set[int]:
    """The active organisations that share their observations with any of the given ones."""
    ids = set(organisation_ids)
    if not ids:
        return set()
    sharing = Organisation.objects.filter(shares_with__in=ids, is_active=True)
    return set(sharing.values_list("pk", flat=True))


def shared_scope(organisation_ids: Iterable[int]) -> set[int]:
    """The organisations whose observations the given organisations may use: themselves and
    the active partners that share with them.

    Sharing is read afresh every time: a partner that stops sharing (or is deactivated)
    leaves every page, list, suggestion and report at once, and so does everything made of
    its observations. It reaches only the organisations it names, one way: sharing with an
    organisation gives no sight of that organisation's observations back."""
    own = set(organisation_ids)
    return own | partners_sharing_with(own)


def analysis_scope(user: User) -> set[int]:
    """Organisations whose observations the person may analyse: their own organisations where
    they are an analyst or admin, and the partners that share observations with those."""
    return shared_scope(organisation_ids(user, ANALYSIS_ROLES))


def require_analyst(user: User) -> set[int]:
    """The analysis scope of a signed-in analyst; 403 for every other role."""
    scope = analysis_scope(user)
    if not scope:
        raise PermissionDenied
    return scope


def member_roles(user_ids: Iterable[int], organisation_ids: Iterable[int]) -> dict:
    """The role of each of the people in each of the organisations where they are members,
    keyed by (person id, organisation id)."""
    rows = Membership.objects.filter(
        user_id__in=set(user_ids), organisation_id__in=set(organisation_ids)
    ).values_list("user_id", "organisation_id", "role")
    return {(user_id, org_id): role for user_id, org_id, role in rows}


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
