"""Forgetting what is past its retention age.

Every stored text declares its own age in ``privacy.stored`` (see each app's ``guarded.py``):
an observation's free text (what was observed, the suggestion, text answers, the words
confirmed not to be personal data) is erased once the observation is older than
``RETENTION_TEXT_DAYS``, with every copy of it (quotes, vectors, report files); its codes,
links, status and counts stay, so figures and phenomena stay right. Drafts, memos and the
audit log have their own ages. Running it again changes nothing more.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from accounts.audit import record_event
from accounts.models import AuditEvent
from privacy import erasure, stored


def apply_retention(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Erase and remove everything past its age; returns how many of each were affected."""
    now = now or timezone.now()
    counts = erasure.erase_past_age(now=now)
    before = stored.cutoff(settings.RETENTION_AUDIT_DAYS, now)
    counts["audit_events"] = AuditEvent.objects.expire(before=before) if before else 0
    if any(counts.values()):
        record_event(action=AuditEvent.Action.RETENTION, label="retention", **counts)
    return counts
