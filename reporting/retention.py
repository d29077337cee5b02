"""Forgetting what is past its retention age.

The free text of an observation (what was observed, the suggestion, text answers to a
campaign's questions and the words confirmed not to be personal data) is erased once the
observation is older than ``RETENTION_TEXT_DAYS``; its codes, links, status and counts stay,
so figures and phenomena stay right. Unfinished drafts and the audit log have their own ages.
Running it again changes nothing more.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from accounts.audit import record_event
from accounts.models import AuditEvent
from reporting.models import CampaignAnswer, CampaignQuestion, Draft, Observation

BATCH = 1000
TEXT_QUESTIONS = [CampaignQuestion.Kind.SHORT_TEXT, CampaignQuestion.Kind.LONG_TEXT]

# Sent with ``observation_ids`` after their text was erased, so that apps holding something
# derived from the text (the analysis app's vectors) forget it too.
text_erased = Signal()


def cutoff(days: int, now: dt.datetime) -> dt.datetime | None:
    """The moment before which rows are past ``days``; None when kept forever (0)."""
    return now - dt.timedelta(days=days) if days > 0 else None


def apply_retention(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Erase and remove everything past its age; returns how many of each were affected."""
    now = now or timezone.now()
    counts = {
        "observation_texts": erase_observation_texts(
            before=cutoff(settings.RETENTION_TEXT_DAYS, now), now=now
        ),
        "drafts": remove_drafts(before=cutoff(settings.RETENTION_DRAFT_DAYS, now)),
        "audit_events": expire_audit_events(before=cutoff(settings.RETENTION_AUDIT_DAYS, now)),
    }
    if any(counts.values()):
        record_event(action=AuditEvent.Action.RETENTION, label="retention", **counts)
    return counts


def erase_observation_texts(*, before: dt.datetime | None, now: dt.datetime) -> int:
    if before is None:
        return 0
    due = Observation.objects.filter(submitted_at__lt=before, text_erased_at__isnull=True)
    erased = 0
    while ids := list(due.values_list("pk", flat=True)[:BATCH]):
        _erase(ids, now)
        erased += len(ids)
    return erased


@transaction.atomic
def _erase(ids: list[int], now: dt.datetime) -> None:
    Observation.objects.filter(pk__in=ids).update(
        text="", suggestion="", privacy_confirmations=[], text_erased_at=now
    )
    CampaignAnswer.objects.filter(observation_id__in=ids, question__kind__in=TEXT_QUESTIONS).update(
        value=""
    )
    text_erased.send(sender=Observation, observation_ids=ids)


def remove_drafts(*, before: dt.datetime | None) -> int:
    if before is None:
        return 0
    removed, _by_model = Draft.objects.filter(updated_at__lt=before).delete()
    return removed


def expire_audit_events(*, before: dt.datetime | None) -> int:
    return AuditEvent.objects.expire(before=before) if before is not None else 0
