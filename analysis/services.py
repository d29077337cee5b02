"""Analysts' changes: triage, coding, memos and phenomena. Each writes its rows in one
transaction and records who did it."""

import uuid
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import record_event
from accounts.models import AuditEvent
from analysis import redaction
from analysis.models import Assignment, Memo, Phenomenon, PhenomenonLink
from lib.i18n import current_language
from notices import services as notices
from notices.models import Kind
from privacy import erasure
from privacy.stored import ALL_LANGUAGES
from reporting.models import Observation, Status


@transaction.atomic
def set_triage(*, observation: Observation, status: str, themes) -> Observation:
    """Record the analyst's reading of an observation: its status and its codes."""
    observation.status = status
    observation.save(update_fields=["status"])
    observation.themes.set(themes)
    return observation


@transaction.atomic
def set_status_of_many(*, observations: Iterable[Observation], status: str) -> int:
    """Set one status on many observations at once (the inbox's bulk action); returns how
    many changed. Sending it again changes nothing more."""
    ids = {observation.pk for observation in observations}
    return Observation.objects.filter(pk__in=ids).exclude(status=status).update(status=status)


@transaction.atomic
def add_theme_to_many(*, observations: Iterable[Observation], theme) -> int:
    """Code many observations with one more theme, keeping their other codes; returns how
    many got it. Each code is added once (the link table's rows, and on PostgreSQL the
    observations' theme arrays through their triggers), however often this is sent."""
    through = Observation.themes.through
    ids = {observation.pk for observation in observations}
    ids -= set(
        through.objects.filter(theme=theme, observation_id__in=ids).values_list(
            "observation_id", flat=True
        )
    )
    through.objects.bulk_create(
        [through(observation_id=pk, theme=theme) for pk in sorted(ids)], ignore_conflicts=True
    )
    return len(ids)


@transaction.atomic
def assign(observations: Iterable[Observation], assignee, by) -> list[Observation]:
    """Give observations to a colleague (``assignee``; None takes the assignment away).

    The one place where assignments change: returns the observations whose assignee
    actually changed, so that telling the people concerned can be hooked here. The same
    assignment sent again changes, and returns, nothing."""
    observations = list(observations)
    current = {
        a.observation_id: a
        for a in Assignment.objects.select_for_update().filter(observation__in=observations)
    }
    changed = [
        o
        for o in observations
        if getattr(current.get(o.pk), "assignee_id", None) != getattr(assignee, "pk", None)
    ]
    ids = [o.pk for o in changed]
    if assignee is None:
        Assignment.objects.filter(observation_id__in=ids).delete()
        return changed
    now = timezone.now()
    Assignment.objects.filter(observation_id__in=ids).update(
        assignee=assignee, assigned_by=by, assigned_at=now
    )
    Assignment.objects.bulk_create(
        [
            Assignment(observation=o, assignee=assignee, assigned_by=by, assigned_at=now)
            for o in changed
            if o.pk not in current
        ],
        ignore_conflicts=True,
    )
    if changed and assignee != by:
        _tell_assignee(assignee, changed, now)
    return changed


def _tell_assignee(assignee, observations: list[Observation], at) -> None:
    """One notice however many were given at once: the observation, or "n observations"
    leading to the person's assigned list."""
    first = min(o.pk for o in observations)
    notices.tell(
        [assignee],
        Kind.ASSIGNED,
        event_key=f"assigned:{first}:{at.timestamp():.6f}",
        object_id=first,
        event="" if len(observations) == 1 else f"many:{len(observations)}",
    )


@transaction.atomic
def add_memo(
    *, observation: Observation, author, organisation, text: str, confirmations: list
) -> Memo:
    """Add an analyst's memo, written for ``organisation``: its analysts will see who wrote
    it, the partners it shares with only the writer's role."""
    return Memo.objects.create(
        observation=observation,
        author=author,
        organisation=organisation,
        text=text,
        privacy_confirmations=confirmations,
    )


def create_phenomenon(
    *,
    organisation,
    name: str,
    description: str,
    author,
    confirmations=(),
    creation_key: uuid.UUID | None = None,
    observations: Iterable[Observation] = (),
    how: str = PhenomenonLink.How.MANUAL,
) -> Phenomenon:
    """Create a phenomenon, with ``observations`` linked to it, exactly once per form: the
    same ``creation_key`` sent again (a double click, a retry) returns the phenomenon made
    the first time and links nothing more."""
    try:
        with transaction.atomic():
            phenomenon = Phenomenon.objects.create(
                organisation=organisation,
                name=name,
                description=description,
                created_by=author,
                privacy_confirmations=list(confirmations),
                creation_key=creation_key,
            )
            link_observations(phenomenon=phenomenon, observations=observations, by=author, how=how)
    except IntegrityError:
        existing = Phenomenon.objects.filter(creation_key=creation_key).first()
        if creation_key is None or existing is None:
            raise
        return existing
    return phenomenon


@transaction.atomic
def update_phenomenon(*, phenomenon: Phenomenon, name: str, description: str, confirmations=()):
    phenomenon.name = name
    phenomenon.description = description
    phenomenon.privacy_confirmations = list(confirmations)
    phenomenon.save()
    return phenomenon


@transaction.atomic
def link_observation(*, phenomenon: Phenomenon, observation: Observation, by, how="manual"):
    """Link an observation to a phenomenon (once) and mark it as being in a phenomenon."""
    link, created = PhenomenonLink.objects.get_or_create(
        phenomenon=phenomenon, observation=observation, defaults={"linked_by": by, "how": how}
    )
    if observation.status != Status.IN_PHENOMENON:
        observation.status = Status.IN_PHENOMENON
        observation.save(update_fields=["status"])
    return link, created


@transaction.atomic
def link_observations(
    *, phenomenon: Phenomenon, observations: Iterable[Observation], by, how: str
) -> int:
    """Link many observations to a phenomenon in a few queries (each once) and mark them as
    being in a phenomenon; returns how many links are new."""
    ids = {observation.pk for observation in observations}
    ids -= set(
        phenomenon.links.filter(observation_id__in=ids).values_list("observation_id", flat=True)
    )
    PhenomenonLink.objects.bulk_create(
        PhenomenonLink(phenomenon=phenomenon, observation_id=pk, linked_by=by, how=how)
        for pk in sorted(ids)
    )
    Observation.objects.filter(pk__in=ids).exclude(status=Status.IN_PHENOMENON).update(
        status=Status.IN_PHENOMENON
    )
    return len(ids)


@transaction.atomic
def unlink_observation(*, phenomenon: Phenomenon, observation: Observation) -> None:
    """Remove a link; an observation left in no phenomenon goes back to reviewed."""
    PhenomenonLink.objects.filter(phenomenon=phenomenon, observation=observation).delete()
    if not observation.phenomenon_links.exists():
        observation.status = Status.REVIEWED
        observation.save(update_fields=["status"])


@transaction.atomic
def merge_phenomena(*, source: Phenomenon, target: Phenomenon, by) -> Phenomenon:
    """Move every observation of ``source`` into ``target`` and mark ``source`` merged."""
    if source.pk == target.pk:
        raise ValueError("A phenomenon cannot be merged into itself.")
    already = set(target.links.values_list("observation_id", flat=True))
    moving = source.links.exclude(observation_id__in=already)
    PhenomenonLink.objects.bulk_create(
        PhenomenonLink(phenomenon=target, observation_id=link.observation_id, linked_by=by)
        for link in moving
    )
    source.links.all().delete()
    source.status = Phenomenon.Status.MERGED
    source.merged_into = target
    source.save(update_fields=["status", "merged_into", "updated_at"])
    return target


@transaction.atomic
def redact_text(
    *, observation: Observation, stored: redaction.StoredText, words: str, kind: str, by
) -> int:
    """Replace ``words`` in one of the observation's texts (or answers or memos) with a
    placeholder, wherever Sora keeps a copy of them: answers, quotes in proposals and reports
    and their files, vectors and suggestions. Whatever else the guard would stop in that text
    today goes in the same step. The audit log names the text, never the words. Returns how
    many stored rows changed."""
    language = stored.language if stored.language != ALL_LANGUAGES else current_language()
    pairs = redaction.replacements(stored, words, kind, language)
    changed = erasure.redact(stored.row, pairs)
    record_event(
        action=AuditEvent.Action.REDACT,
        actor=by,
        target=f"observation:{observation.pk}",
        organisation_id=observation.organisation_id,
        part=stored.target,
        kind=kind,
        pieces=len(pairs),
        rows=changed,
    )
    return changed
