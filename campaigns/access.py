"""Who may manage a campaign and read its results, built on ``accounts.access``.

A campaign is managed by the analysts and administrators of its owner organisation. Anyone
else gets 404 for it, so its existence does not leak; a signed-in person with no analyst or
administrator role anywhere gets 403 for every page. Results count only the observations the
reader may analyse (``accounts.access.analysis_scope``): their own organisations' and those of
partners that share with them now.
"""

from django.db.models import QuerySet
from django.http import Http404

from accounts.access import ANALYSIS_ROLES, analysis_scope, organisation_ids, require_analyst
from accounts.models import Organisation, User
from reporting.models import Campaign, Observation


def managing_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations whose campaigns the person manages; 403 for other roles."""
    require_analyst(user)
    ids = organisation_ids(user, ANALYSIS_ROLES)
    return Organisation.objects.filter(pk__in=ids, is_active=True)


def managed_campaigns(user: User) -> QuerySet[Campaign]:
    require_analyst(user)
    return Campaign.objects.filter(owner_id__in=organisation_ids(user, ANALYSIS_ROLES))


def get_managed_campaign(user: User, pk: int) -> Campaign:
    """A campaign of the person's own organisation: 403 for other roles, 404 for another
    organisation's campaign."""
    campaign = managed_campaigns(user).filter(pk=pk).select_related("owner").first()
    if campaign is None:
        raise Http404
    return campaign


def result_observations(user: User, campaign: Campaign) -> QuerySet[Observation]:
    """The campaign's observations the person may count and read."""
    return Observation.objects.filter(campaign=campaign, organisation_id__in=analysis_scope(user))
