"""Where the observation form keeps an unsent draft in the browser (observation-form.js).

A shared ward computer serves many people in turn, so a draft is stored under its owner and
its form: a signed-in person under a name made from their account with the secret key (it
tells nobody who they are), anyone on an open link under that link. Drafts expire, an open
link's within hours, and signing out removes them all (``accounts.browser``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import salted_hmac

PREFIX = "sora-draft:"
OPEN_LINK_OWNER = "open"
_OWNER_SALT = "sora.reporting.browser-drafts"


@dataclass(frozen=True)
class BrowserDraft:
    """What the form page tells its script: the storage key, its owner and its lifetime."""

    owner: str
    form: str
    hours: int

    @property
    def key(self) -> str:
        return f"{PREFIX}{self.owner}:{self.form}"


def draft_owner(user) -> str:
    """The owner part of a draft's key: the same for a person on every visit, and one that
    cannot be turned back into their id or username without the secret key."""
    if not user.is_authenticated:
        return OPEN_LINK_OWNER
    digest = salted_hmac(_OWNER_SALT, str(user.pk), algorithm="sha256").hexdigest()
    return f"u-{digest[:32]}"


def browser_draft_for(request, *, campaign, open_link: bool) -> BrowserDraft:
    """The browser draft of the form on this page, for this person."""
    form = request.path
    if campaign is not None and not open_link:
        form = f"{form}?campaign={campaign.pk}"
    hours = settings.OPEN_LINK_DRAFT_HOURS if open_link else settings.SIGNED_IN_DRAFT_HOURS
    return BrowserDraft(owner=draft_owner(request.user), form=form, hours=hours)


def browser_draft_for_forum(request, *, session) -> BrowserDraft:
    """The browser draft of a forum session's finding form: named after a digest of the
    session's token, which itself is never written to the browser's storage."""
    digest = salted_hmac(_OWNER_SALT, session.token, algorithm="sha256").hexdigest()[:16]
    return BrowserDraft(
        owner=draft_owner(request.user),
        form=f"forum-{digest}",
        hours=settings.OPEN_LINK_DRAFT_HOURS,
    )
