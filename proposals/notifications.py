"""Telling reporters what became of their observations.

Each step a reporter follows (submitted, answered, implemented) adds one ``Notification`` row
per reporter to the outbox in the same transaction as the step. The rows are sent after the
commit by a background task, so a slow or broken mail server never holds up the person who
acted; a failed message stays in the outbox and is tried again. The unique key of a row and
its ``sent_at`` make sure nobody gets the same news twice.
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from proposals.models import Frequency, Notification, NotificationPreference
from reporting.models import Observation

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


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
    ids = list(
        Notification.objects.filter(transition=transition, weekly=False, sent_at=None).values_list(
            "pk", flat=True
        )
    )
    if ids:
        transaction.on_commit(lambda: enqueue(ids))


def enqueue(ids: list[int], *, attempt: int = 0, run_after=None) -> None:
    """Hand the rows to the task queue. A queue that cannot take them (or cannot defer a
    retry) leaves them in the outbox for ``send_notifications``: the person who acted never
    sees an error."""
    from proposals.tasks import deliver_notifications

    task = deliver_notifications
    try:
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return
            task = task.using(run_after=run_after)
        task.enqueue(notification_ids=ids, attempt=attempt)
    except Exception:
        logger.exception("Could not queue notifications %s; they stay in the outbox.", ids)


def deliver(notification_id: int) -> bool:
    """Send one immediate notification unless it was sent already; True when it is sent
    (now or before), False when sending failed and it stays in the outbox."""
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user", "transition__proposal__recipient")
            .filter(pk=notification_id)
            .first()
        )
        if row is None or row.sent_at is not None:
            return True
        row.attempts += 1
        try:
            _send(row.user, [row])
        except Exception as error:
            logger.warning("Notification %s failed: %s", row.pk, error)
            row.last_error = str(error)[:1000]
            row.save(update_fields=["attempts", "last_error"])
            return False
        row.sent_at = timezone.now()
        row.save(update_fields=["attempts", "sent_at"])
        return True


def retry_failed() -> int:
    """Try the immediate notifications that are still unsent once more; the count sent."""
    pending = Notification.objects.filter(weekly=False, sent_at=None, attempts__lt=MAX_ATTEMPTS)
    return sum(deliver(pk) for pk in pending.values_list("pk", flat=True))


def send_weekly_digests() -> int:
    """One message per reporter with every step they chose to hear about weekly; the number
    of messages sent. A reporter whose message fails keeps their rows for the next run."""
    pending = (
        Notification.objects.filter(weekly=True, sent_at=None)
        .select_related("user", "transition__proposal__recipient")
        .order_by("user_id", "created_at")
    )
    by_user = defaultdict(list)
    for row in pending:
        by_user[row.user].append(row)
    sent = 0
    for user, rows in by_user.items():
        try:
            _send(user, rows)
        except Exception as error:
            logger.warning("Weekly digest to user %s failed: %s", user.pk, error)
            Notification.objects.filter(pk__in=[r.pk for r in rows]).update(
                last_error=str(error)[:1000]
            )
            continue
        Notification.objects.filter(pk__in=[r.pk for r in rows], sent_at=None).update(
            sent_at=timezone.now()
        )
        sent += 1
    return sent


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
