"""Who may see reporting's protected objects (campaigns, drafts, observations), built on the
rules of ``accounts.access``.

Another organisation's object answers 404, so its existence does not leak; an object the
person may see but their role may not act on answers 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import analysis_scope, organisation_ids, require_analyst
from accounts.models import Organisation, User
from reporting.models import Campaign, Draft, ForumSession, Observation


def campaigns_for_user(user: User) -> QuerySet[Campaign]:
    """Campaigns a signed-in person's organisations are invited to."""
    org_ids = organisation_ids(user)
    if not org_ids:
        return Campaign.objects.none()
    return (
        Campaign.objects.filter(Q(audience__isnull=True) | Q(audience__in=org_ids))
        .distinct()
        .order_by("-starts_on")
    )


def get_campaign_for_user(user: User, pk: int) -> Campaign:
    campaign = campaigns_for_user(user).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def get_campaign_by_link(token: str) -> Campaign:
    """The campaign behind an open link; unknown or disabled links answer 404."""
    campaign = Campaign.objects.filter(link_token=token, open_link_enabled=True).first()
    if campaign is None:
        raise Http404
    return campaign


def get_forum_by_link(token: str) -> Campaign:
    """The forum behind an open link; any other campaign's link answers 404 here."""
    campaign = get_campaign_by_link(token)
    if campaign.kind != Campaign.Kind.FORUM:
        raise Http404
    return campaign


def get_forum_session(user: User, token: str) -> ForumSession:
    """A scribe's recording session, by its unguessable token. A session a signed-in scribe
    started is theirs alone; a forum whose link was turned off takes no more findings."""
    session = (
        ForumSession.objects.filter(token=token, campaign__open_link_enabled=True)
        .select_related("campaign", "forum_group", "organisation", "scribe")
        .first()
    )
    if session is None or (session.scribe_id is not None and session.scribe_id != user.pk):
        raise Http404
    return session


def get_forum_session_by_receipt(code: str) -> ForumSession:
    """A session's receipt, for anyone with its code (it shows no text)."""
    session = (
        ForumSession.objects.filter(receipt_code=code)
        .select_related("campaign", "forum_group", "organisation")
        .first()
    )
    if session is None:
        raise Http404
    return session


def organisations_for_link(campaign: Campaign) -> QuerySet[Organisation]:
    """The organisations an open-link reporter may report for."""
    if campaign.link_organisation_id:
        return Organisation.objects.filter(pk=campaign.link_organisation_id)
    audience = campaign.audience.filter(is_active=True)
    return audience if audience.exists() else Organisation.objects.filter(is_active=True)


def observations_reported_by(user: User) -> QuerySet[Observation]:
    if not user.is_authenticated:
        return Observation.objects.none()
    return Observation.objects.filter(reporter=user)


def get_own_observation(user: User, pk: int) -> Observation:
    """An observation the person sent themselves, for changing it; 404 for anyone else's,
    whatever their role."""
    observation = observations_reported_by(user).filter(pk=pk).first()
    if observation is None:
        raise Http404
    return observation


def observations_for_analyst(user: User) -> QuerySet[Observation]:
    """Every observation in the person's analysis scope; 403 if they are no analyst."""
    return Observation.objects.filter(organisation_id__in=require_analyst(user))


def get_observation_for_user(user: User, pk: int) -> Observation:
    """An observation its reporter or an analyst whose scope covers it may read.

    Members of the same organisation in other roles get 403; everyone else 404.
    """
    observation = Observation.objects.filter(pk=pk).first()
    if observation is None or not user.is_authenticated:
        raise Http404
    if observation.reporter_id == user.pk:
        return observation
    if observation.organisation_id in analysis_scope(user):
        return observation
    if observation.organisation_id in organisation_ids(user):
        raise PermissionDenied
    raise Http404


def get_observation_for_analyst(user: User, pk: int) -> Observation:
    """An observation in the analyst's scope: 403 for other roles, 404 outside the scope."""
    scope = require_analyst(user)
    observation = observations_for_analyst(user).filter(pk=pk).first()
    if observation is None or observation.organisation_id not in scope:
        raise Http404
    return observation


def get_draft_for_user(user: User, pk: int) -> Draft:
    draft = Draft.objects.filter(pk=pk, user=user).first() if user.is_authenticated else None
    if draft is None:
        raise Http404
    return draft
