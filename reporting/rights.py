"""A reporter's rights over their own data: a copy of it, and deleting the account.

Observations are the organisation's knowledge, not the person's: when an account is deleted
they stay, with nothing left that links them to the person (no reporter, no consent to be
contacted). Memberships and drafts go with the account.
"""

from django.contrib.auth import logout
from django.db import transaction

from accounts.audit import record_event
from accounts.models import AuditEvent
from reporting.models import Observation

OBSERVATION_FIELDS = [
    "receipt_code",
    "submitted_at",
    "channel",
    "text",
    "suggestion",
    "signal",
    "novelty",
    "reach",
    "duration",
    "answered_as",
    "team_size",
    "whole_county",
    "consent_to_contact",
    "language",
    "status",
    "text_erased_at",
    "withdrawn_at",
    "withdrawal_reason",
]
CODED_RELATIONS = ["themes", "target_groups", "municipalities"]


def personal_data(*, user) -> dict:
    """Everything Sora holds about the person, as one JSON-ready document."""
    observations = (
        Observation.objects.filter(reporter=user)
        .select_related("organisation", "campaign")
        .prefetch_related(*CODED_RELATIONS, "supplements")
        .order_by("submitted_at")
    )
    return {
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": _jsonable(user.date_joined),
            "last_login": _jsonable(user.last_login),
        },
        "memberships": list(
            user.memberships.values("organisation__code", "role", "profession__code", "team__name")
        ),
        "observations": [_observation(observation) for observation in observations],
        "drafts": [
            {"updated_at": _jsonable(d.updated_at), "data": d.data} for d in user.drafts.all()
        ],
        "audit_events": [
            {key: _jsonable(value) for key, value in row.items()}
            for row in AuditEvent.objects.filter(actor=user).values("at", "action", "target", "ip")
        ],
    }


def _observation(observation: Observation) -> dict:
    data = {name: _jsonable(getattr(observation, name)) for name in OBSERVATION_FIELDS}
    data["organisation"] = observation.organisation.code
    data["campaign"] = observation.campaign.title if observation.campaign else None
    for relation in CODED_RELATIONS:
        data[relation] = [item.code for item in getattr(observation, relation).all()]
    data["supplements"] = [
        {"created_at": _jsonable(s.created_at), "text": s.text}
        for s in observation.supplements.all()
    ]
    return data


def _jsonable(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


@transaction.atomic
def delete_account(*, user, request) -> int:
    """Delete the person's account and sign them out; their observations stay, unlinked.

    Returns how many observations were unlinked. Events are recorded before the account goes,
    while they can still name who acted.
    """
    unlinked = Observation.objects.filter(reporter=user).update(
        reporter=None, consent_to_contact=False
    )
    record_event(
        action=AuditEvent.Action.ACCOUNT_DELETED,
        actor=user,
        request=request,
        target=f"user:{user.pk}",
        observations=unlinked,
    )
    for membership in user.memberships.all():
        membership.delete()
    logout(request)
    user.delete()
    return unlinked
