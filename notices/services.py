"""Telling people of work that waits for them: the notices' outbox and their preferences.

``tell`` records one notice per person and event (a key makes a repeated event a no-op) with
the e-mail rhythm the person chose for that kind; notices are listed in Sora whatever the
choice. The e-mail is written in the person's own language when it is sent, from the object
as it then stands, and only while the person may still see it.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from notices import kinds
from notices.models import Frequency, Kind, Notice, NoticePreference
from notices.outbox import Outbox


def frequencies_of(user) -> dict[str, str]:
    """The person's choice for every kind (at once where they have not chosen)."""
    chosen = dict(NoticePreference.objects.filter(user=user).values_list("kind", "frequency"))
    return {kind: chosen.get(kind, Frequency.IMMEDIATE) for kind in Kind.values}


def frequency_of(user, kind: str) -> str:
    """The person's choice for one kind; only in Sora for a person without an e-mail."""
    if not user.email:
        return Frequency.OFF
    chosen = NoticePreference.objects.filter(user=user, kind=kind).first()
    return chosen.frequency if chosen else Frequency.IMMEDIATE


def choose(user, frequencies: dict[str, str]) -> None:
    for kind, frequency in frequencies.items():
        NoticePreference.objects.update_or_create(
            user=user, kind=kind, defaults={"frequency": frequency}
        )


def tell(users, kind: str, *, event_key: str, object_id: int, event: str = "") -> list[Notice]:
    """One notice of the event to each active person; the notices made now (none for a person
    told of this event before). Call it inside the event's transaction."""
    users = [user for user in users if user.is_active]
    if not users:
        return []
    chosen = dict(
        NoticePreference.objects.filter(user__in=users, kind=kind).values_list(
            "user_id", "frequency"
        )
    )
    rows = [
        Notice(
            key=f"{event_key}:user:{user.pk}"[:150],
            user=user,
            kind=kind,
            object_id=object_id,
            event=event,
            email=chosen.get(user.pk, Frequency.IMMEDIATE),
        )
        for user in users
    ]
    keys = [row.key for row in rows]
    known = set(Notice.objects.filter(key__in=keys).values_list("key", flat=True))
    Notice.objects.bulk_create([row for row in rows if row.key not in known], ignore_conflicts=True)
    made = list(Notice.objects.filter(key__in=set(keys) - known))
    OUTBOX.after_commit([n.pk for n in made if n.email == Frequency.IMMEDIATE])
    return made


def unread_count(user) -> int:
    return Notice.objects.filter(user=user, read_at=None).count()


def mark_read(user, ids=None) -> int:
    rows = Notice.objects.filter(user=user, read_at=None)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())


def _send(user, rows: list[Notice]) -> bool:
    if not user.is_active or not user.email:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        lines = [line for line in kinds.describe_all(user, rows) if line is not None]
        if not lines:
            return False
        context = {
            "lines": lines,
            "site_url": settings.SITE_URL,
            "page_url": settings.SITE_URL + reverse("notices:list"),
            "settings_url": settings.SITE_URL + reverse("notices:settings"),
        }
        subject = render_to_string("notices/email/subject.txt", context).strip()
        body = render_to_string("notices/email/body.txt", context)
    send_mail(subject, body, None, [user.email])
    return True


OUTBOX = Outbox(
    name="notices.services.OUTBOX",
    model=Notice,
    send=lambda user, rows: _send(user, rows),
    frequency="email",
)


def kinds_for(user) -> list[str]:
    """The kinds of notice the person's roles can bring, in a stable order."""
    from accounts.access import REPORTING_ROLES, memberships_of
    from accounts.models import Role

    by_role = {
        Role.READER: {Kind.PROPOSAL_ARRIVED, Kind.ANSWER_DUE},
        Role.ANALYST: {
            Kind.ASSIGNED,
            Kind.APPROVAL_REQUESTED,
            Kind.APPROVAL_OUTCOME,
            Kind.NEW_SIGNAL,
        },
        Role.ADMIN: {
            Kind.ASSIGNED,
            Kind.APPROVAL_REQUESTED,
            Kind.APPROVAL_OUTCOME,
            Kind.NEW_SIGNAL,
        },
    }
    roles = {m.role for m in memberships_of(user)}
    theirs = set().union(*(by_role.get(role, set()) for role in roles))
    if roles & REPORTING_ROLES:
        theirs |= {Kind.PROPOSAL_NEWS, Kind.CAMPAIGN_INVITED, Kind.CAMPAIGN_CLOSING}
    if user.owned_proposals.exists():
        theirs.add(Kind.ANSWER_DUE)
    return [kind for kind in Kind.values if kind in theirs]
