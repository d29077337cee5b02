"""E-mail about new signals: ``SignalNotice`` rows in Sora's outbox (``notices.outbox``).

A notice to be sent at once is handed to the task queue after the run that found its signal
commits; the daily and weekly digests gather the rest into one message per person
(``notices.tasks``). The outbox retries a message that fails and sends each once. Each
message is written in the person's language, and only of the signals of their present scope:
a notice made for a scope the person no longer has is never sent.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from analysis import signal_notices, signal_runs
from analysis.models import SignalNotice
from notices.outbox import Outbox

logger = logging.getLogger(__name__)


def _send(user, rows: list[SignalNotice]) -> bool:
    """One message about the rows still in the person's scope; False when no row is (the
    rows are done with all the same)."""
    scope_key = signal_runs.scope_of(user).key
    rows = [row for row in rows if row.scope_key == scope_key]
    if not rows or not user.is_active or not user.email:
        return False
    with translation.override(user.language):
        items = signal_notices.describe(rows)
        if not items:
            return False
        context = {
            "items": items,
            "page_url": settings.SITE_URL + reverse("analysis:signal_notices"),
            "subscriptions_url": settings.SITE_URL + reverse("analysis:signal_subscriptions"),
            "settings_url": settings.SITE_URL + reverse("notices:settings"),
        }
        subject = render_to_string("analysis/email/signals_subject.txt", context).strip()
        body = render_to_string("analysis/email/signals_body.txt", context)
    send_mail(subject, body, None, [user.email])
    return True


OUTBOX = Outbox(
    name="analysis.signal_mail.OUTBOX",
    model=SignalNotice,
    send=lambda user, rows: _send(user, rows),
    frequency="delivery",
)
