"""Telling reporters what became of their observations.

Each step a reporter follows (submitted, answered, implemented) adds one ``Notification`` row
per reporter to Sora's outbox (``notices.outbox``) in the same transaction as the step; the
outbox sends it after the commit, retries it, and sends it once. The unique key of a row makes
sure a retried step adds nothing.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from notices.outbox import Outbox
from proposals.models import Frequency, Notification, NotificationPreference
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
    """Signed-in reporters with an e-mail address whose observations fed the proposal."""
    ids = observations_behind(proposal).exclude(reporter=None).values("reporter_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email="")


def preference_of(user) -> NotificationPreference:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference or NotificationPreference(user=user)


def queue_feedback(transition) -> None:
    """Add the step's news to the outbox for every reporter behind the proposal, by their
    choice, and send the immediate ones after the commit."""
    users = list(reporters_behind(transition.proposal))
    choices = dict(
        NotificationPreference.objects.filter(user__in=users).values_list("user_id", "frequency")
    )
    rows = [
        Notification(
            key=f"transition:{transition.pk}:user:{user.pk}",
            user=user,
            transition=transition,
            weekly=choices.get(user.pk) == Frequency.WEEKLY,
        )
        for user in users
        if choices.get(user.pk, Frequency.IMMEDIATE) != Frequency.OFF
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    OUTBOX.after_commit(
        list(
            Notification.objects.filter(
                transition=transition, weekly=False, sent_at=None
            ).values_list("pk", flat=True)
        )
    )


def send_weekly_digests() -> int:
    """One message per reporter with every step they chose to hear about weekly; the number
    of messages sent. A reporter whose message fails keeps their rows for the next run."""
    return OUTBOX.send_digests(Q(weekly=True))


def retry_failed() -> int:
    """Try the immediate notifications that are still unsent once more; the count sent."""
    return OUTBOX.retry_failed()


def _send(user, rows: list[Notification]) -> None:
    language = preference_of(user).language
    with translation.override(language):
        context = {
            "items": [row.transition for row in rows],
            "page_url": settings.SITE_URL + reverse("proposals:my_chain"),
            "settings_url": settings.SITE_URL + reverse("proposals:notification_settings"),
        }
        subject = render_to_string("proposals/email/subject.txt", context).strip()
        body = render_to_string("proposals/email/body.txt", context)
    send_mail(subject, body, None, [user.email])


OUTBOX = Outbox(
    name="proposals.notifications.OUTBOX",
    model=Notification,
    send=lambda user, rows: _send(user, rows),
    immediate=Q(weekly=False),
    related=("user", "transition__proposal__recipient"),
)
