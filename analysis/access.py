"""Who may see analysis's protected objects (phenomena), built on the rules of
``accounts.access``.

A phenomenon belongs to the organisation whose analysts made it; analysts and admins of that
organisation read and change it, everyone else gets 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.access import ANALYSIS_ROLES, organisation_ids
from accounts.models import User
from analysis.models import Phenomenon, PhenomenonQuerySet


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
