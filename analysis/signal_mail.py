"""E-mail about new signals: the outbox of ``SignalNotice`` rows.

A notice to be sent at once is handed to the task queue after the run that found its signal
commits; the weekly digest gathers the rest into one message per person. A message that fails
stays in the outbox and is tried again (hourly, at most ``MAX_ATTEMPTS`` times); ``sent_at``
makes sure nobody gets the same news twice. Each message is written in the language the
person chose, and only of the signals of their present scope: a notice made for a scope the
person no longer has is never sent.
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from analysis import signal_notices, signal_runs
from analysis.models import SignalNotice

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def enqueue(ids: list[int], *, attempt: int = 0, run_after=None) -> None:
    """Hand the notices to the task queue; a queue that cannot take them leaves them in the
    outbox for the hourly retry, so the run that found them never fails for it."""
    from analysis.tasks import deliver_signal_notices

    task = deliver_signal_notices
    try:
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return
            task = task.using(run_after=run_after)
        task.enqueue(notice_ids=ids, attempt=attempt)
    except Exception:
        logger.exception("Could not queue signal notices %s; they stay in the outbox.", ids)


def deliver(notice_id: int) -> bool:
    """Send one notice meant to go at once, unless it went already; False when sending failed
    and it stays in the outbox."""
    with transaction.atomic():
        row = (
            SignalNotice.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=notice_id, delivery=SignalNotice.Delivery.IMMEDIATE)
            .first()
        )
        if row is None or row.sent_at is not None:
            return True
        row.attempts += 1
        try:
            _send(row.user, [row])
        except Exception as error:
            logger.warning("Signal notice %s failed: %s", row.pk, error)
            row.last_error = str(error)[:1000]
            row.save(update_fields=["attempts", "last_error"])
            return False
        row.sent_at = timezone.now()
        row.save(update_fields=["attempts", "sent_at"])
        return True


def retry_failed() -> int:
    """Try the notices still unsent that were meant to go at once; how many went."""
    pending = SignalNotice.objects.filter(
        delivery=SignalNotice.Delivery.IMMEDIATE, sent_at=None, attempts__lt=MAX_ATTEMPTS
    )
    return sum(deliver(pk) for pk in pending.values_list("pk", flat=True))


def send_weekly_digests() -> int:
    """One message per person with the week's new signals they chose to hear of weekly; the
    number of messages sent. A person whose message fails keeps their notices for next time."""
    pending = (
        SignalNotice.objects.filter(delivery=SignalNotice.Delivery.WEEKLY, sent_at=None)
        .select_related("user")
        .order_by("user_id", "created_at", "id")
    )
    by_user = defaultdict(list)
    for row in pending:
        by_user[row.user].append(row)
    sent = 0
    for user, rows in by_user.items():
        try:
            went = _send(user, rows)
        except Exception as error:
            logger.warning("Signal digest to user %s failed: %s", user.pk, error)
            SignalNotice.objects.filter(pk__in=[r.pk for r in rows]).update(
                last_error=str(error)[:1000]
            )
            continue
        SignalNotice.objects.filter(pk__in=[r.pk for r in rows], sent_at=None).update(
            sent_at=timezone.now()
        )
        sent += went
    return sent


def _send(user, rows: list[SignalNotice]) -> bool:
    """One message about the rows still in the person's scope; False when no row is (the
    rows are done with all the same)."""
    scope_key = signal_runs.scope_of(user).key
    rows = [row for row in rows if row.scope_key == scope_key]
    if not rows or not user.is_active or not user.email:
        return False
    with translation.override(signal_notices.preference_of(user).language):
        items = signal_notices.describe(rows)
        if not items:
            return False
        context = {
            "items": items,
            "page_url": settings.SITE_URL + reverse("analysis:signal_notices"),
            "settings_url": settings.SITE_URL + reverse("analysis:signal_subscriptions"),
        }
        subject = render_to_string("analysis/email/signals_subject.txt", context).strip()
        body = render_to_string("analysis/email/signals_body.txt", context)
    send_mail(subject, body, None, [user.email])
    return True
