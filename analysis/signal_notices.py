"""Telling analysts of new early signals, and marking them on the dashboard.

When a run of a scope is finished, its findings are compared with what the scope has listed
before (``SignalSighting``, one row per signal: its cell — kind, subject, place, target
group, signal kind — and direction). A signal is **new** when the scope has not listed it on
any of the ``NEW_AFTER_DAYS`` days before the run's day: one that stays listed is never new
again, and one that drops out for a few days and comes back (a count near the threshold) is
still the same signal. Each new signal is told once to every analyst of the scope whose
subscriptions it matches (``SignalNotice``): in Sora, and by e-mail at once, in a daily or
weekly digest, or not at all (``signal_mail``), as they chose for the notice kind
``new_signal`` on their notice settings.

Nothing is announced from a run that only starts the scope's memory: the first run of a
scope (a new installation, the day this began, or a partner that starts or stops sharing and
so makes a new scope) and the first run after more than ``NEW_AFTER_DAYS`` without one record
what they list as known. A run of a day before the scope's newest compared day (an older day
asked for on the dashboard) is not compared at all.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import ANALYSIS_ROLES
from accounts.models import Membership
from analysis import signal_runs
from analysis.models import (
    SignalNotice,
    SignalPreference,
    SignalRun,
    SignalSighting,
    SignalSubscription,
)
from analysis.signals import COUNTY, RISING, THEME, Finding, Names
from notices import services as notice_services
from notices.models import Frequency, Kind
from reporting.models import Signal, Theme

# Two weeks, the shortest window tested: a signal back within them is the same change.
NEW_AFTER_DAYS = 14
# Loads of the dashboard less than this apart are one visit, so its marks stay while the
# page refreshes itself or the person changes the settings.
VISIT_GAP = datetime.timedelta(minutes=30)


def cell_of(finding: Finding) -> str:
    """The signal's identity across runs: its cell and its direction."""
    key = finding.key
    place = key.municipality_id or "-"
    group = key.target_group_id or "-"
    return f"{key.kind}:{key.subject_id}:{place}:{group}:{key.signal}:{finding.direction}"


@transaction.atomic
def record_run(run: SignalRun) -> list[SignalNotice]:
    """Compare a finished run with the scope's earlier ones and tell the new signals to the
    analysts who subscribed to them; the notices made. Call it in the transaction that
    finishes the run (it makes its own when called alone): a run is compared once, and a
    notice's key is unique."""
    if run.compared or run.state != SignalRun.State.DONE:
        return []
    front = (
        SignalRun.objects.filter(scope_key=run.scope_key, compared=True)
        .exclude(pk=run.pk)
        .aggregate(day=Max("as_of"))["day"]
    )
    run.compared = True
    run.save(update_fields=["compared"])
    if front is not None and run.as_of < front:
        return []
    starts_memory = front is None or front < run.as_of - datetime.timedelta(days=NEW_AFTER_DAYS)
    new = _sight(run, signal_runs.findings_of(run), announce=not starts_memory)
    return _notify(run, new)


def _sight(
    run: SignalRun, findings: list[Finding], *, announce: bool
) -> list[tuple[SignalSighting, Finding]]:
    """Record that the scope lists the findings on the run's day; the new ones."""
    by_cell = {cell_of(finding): finding for finding in findings}
    known = {
        sighting.cell: sighting
        for sighting in SignalSighting.objects.select_for_update().filter(
            scope_key=run.scope_key, cell__in=list(by_cell)
        )
    }
    recent = run.as_of - datetime.timedelta(days=NEW_AFTER_DAYS)
    now = timezone.now()
    new = []
    for cell, finding in by_cell.items():
        sighting = known.get(cell)
        if sighting is not None and sighting.last_seen_on >= recent:
            if sighting.last_seen_on < run.as_of:
                sighting.last_seen_on = run.as_of
                sighting.save(update_fields=["last_seen_on"])
            continue
        sighting = sighting or SignalSighting(scope_key=run.scope_key, cell=cell)
        sighting.first_seen_on = sighting.last_seen_on = run.as_of
        sighting.first_seen_at = now if announce else None
        sighting.save()
        if announce:
            new.append((sighting, finding))
    return new


def _notify(run: SignalRun, new: list[tuple[SignalSighting, Finding]]) -> list[SignalNotice]:
    """One notice per new signal and analyst of the scope whose subscriptions it matches."""
    if not new:
        return []
    parents = dict(Theme.objects.values_list("pk", "parent_id"))
    records = {sighting.pk: finding.as_record() for sighting, finding in new}
    rows = []
    for user, subscriptions in _subscribers(run).items():
        delivery = delivery_for(user)
        rows += [
            SignalNotice(
                key=f"signal:{sighting.pk}:{sighting.first_seen_on:%Y%m%d}:user:{user.pk}",
                user=user,
                sighting=sighting,
                scope_key=run.scope_key,
                as_of=run.as_of,
                finding=records[sighting.pk],
                delivery=delivery,
            )
            for sighting, finding in new
            if any(matches(s, finding, parents) for s in subscriptions)
        ]
    SignalNotice.objects.bulk_create(rows, ignore_conflicts=True)
    immediate = list(
        SignalNotice.objects.filter(
            key__in=[row.key for row in rows],
            delivery=Frequency.IMMEDIATE,
            sent_at=None,
        ).values_list("pk", flat=True)
    )
    if immediate:
        from analysis import signal_mail

        signal_mail.OUTBOX.after_commit(immediate)
    return list(SignalNotice.objects.filter(key__in=[row.key for row in rows]))


def _subscribers(run: SignalRun) -> dict:
    """The active analysts whose scope is the run's, with their subscriptions: a person hears
    only of signals counted over the observations they may analyse and of their own
    organisations' phenomena."""
    own = Membership.objects.filter(
        organisation_id__in=run.phenomenon_scope, role__in=ANALYSIS_ROLES
    ).values("user_id")
    by_user = defaultdict(list)
    for subscription in SignalSubscription.objects.filter(
        user__in=own, user__is_active=True
    ).select_related("user"):
        by_user[subscription.user].append(subscription)
    return {
        user: subscriptions
        for user, subscriptions in by_user.items()
        if signal_runs.scope_of(user).key == run.scope_key
    }


def delivery_for(user) -> str:
    """The person's notice choice for new signals (only in Sora without an e-mail)."""
    return notice_services.frequency_of(user, Kind.NEW_SIGNAL)


def subscribe(*, user, theme, whole_county, municipality, target_group) -> SignalSubscription:
    """Follow new signals of a theme (and its sub-themes), area and target group from now on:
    the signals the scope already lists are not new."""
    return SignalSubscription.objects.create(
        user=user,
        theme=theme,
        whole_county=whole_county,
        municipality=municipality,
        target_group=target_group,
    )


def mark_read(notices) -> int:
    return notices.filter(read_at=None).update(read_at=timezone.now())


# Matching -------------------------------------------------------------------------------


def matches(
    subscription: SignalSubscription, finding: Finding, parents: Mapping[int, int | None]
) -> bool:
    """Whether the finding is of the subscription's theme (or a sub-theme), area and target
    group; an empty choice matches anything. ``parents`` maps each theme to its parent."""
    key = finding.key
    if subscription.theme_id is not None and (
        key.kind != THEME or subscription.theme_id not in lineage(key.subject_id, parents)
    ):
        return False
    if subscription.whole_county and key.municipality_id is not None:
        return False
    if subscription.municipality_id is not None and not in_municipality(
        finding, subscription.municipality_id
    ):
        return False
    return subscription.target_group_id is None or in_target_group(
        finding, subscription.target_group_id
    )


def lineage(theme_id: int, parents: Mapping[int, int | None]) -> set[int]:
    """The theme and its ancestors (stopping at a cycle stored earlier)."""
    found: set[int] = set()
    current: int | None = theme_id
    while current is not None and current not in found:
        found.add(current)
        current = parents.get(current)
    return found


def in_municipality(finding: Finding, municipality_id: int) -> bool:
    """The municipality's own signal, or a county-wide one where it changed clearly."""
    key = finding.key
    return key.municipality_id == municipality_id or (
        key.municipality_id is None
        and any(d.municipality_id == municipality_id and d.flagged for d in finding.details)
    )


def in_target_group(finding: Finding, target_group_id: int) -> bool:
    """The target group's own signal, or a county-wide one where it changed clearly."""
    key = finding.key
    return key.target_group_id == target_group_id or (
        key.level == COUNTY
        and any(d.target_group_id == target_group_id and d.flagged for d in finding.details)
    )


# What the person sees ---------------------------------------------------------------------


def note_visit(user, *, now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Record a look at the dashboard; the end of the person's previous visit (None on their
    first), after which a signal counts as new to them."""
    now = now or timezone.now()
    preference, _created = SignalPreference.objects.get_or_create(user=user)
    if preference.visited_at is not None and now - preference.visited_at > VISIT_GAP:
        preference.previous_visit_at = preference.visited_at
    preference.visited_at = now
    preference.save(update_fields=["visited_at", "previous_visit_at"])
    return preference.previous_visit_at


def new_since(
    run: SignalRun, findings: Iterable[Finding], since: datetime.datetime | None
) -> set[str]:
    """The cells (``cell_of``) of the findings first listed after ``since`` and still listed
    on the run's day."""
    if since is None:
        return set()
    cells = [cell_of(finding) for finding in findings]
    return set(
        SignalSighting.objects.filter(
            scope_key=run.scope_key,
            cell__in=cells,
            first_seen_at__gt=since,
            first_seen_on__lte=run.as_of,
            last_seen_on__gte=run.as_of,
        ).values_list("cell", flat=True)
    )


def notices_for(user):
    """The person's notices of signals in their present scope: when a partner stops sharing,
    or the person leaves an organisation, the notices of the old scope are no longer shown
    or sent."""
    return SignalNotice.objects.filter(user=user, scope_key=signal_runs.scope_of(user).key)


def unread_count(user) -> int:
    return notices_for(user).filter(read_at=None).count()


@dataclass(frozen=True)
class NoticeItem:
    """One notice as a person reads it, in the active language."""

    subject: str
    kind: str
    area: str
    signal: str
    signal_code: str
    direction: str
    evidence: str
    as_of: datetime.date
    created_at: datetime.datetime
    unread: bool


def describe(notices: Iterable[SignalNotice]) -> list[NoticeItem]:
    """The notices whose theme or phenomenon still exists, described."""
    from analysis.views.signals import area_name, evidence_text

    pairs = [(notice, Finding.from_record(notice.finding)) for notice in notices]
    names = Names.for_findings(finding for _notice, finding in pairs)
    return [
        NoticeItem(
            subject=names.subject(finding.key).name,
            kind=_("Theme") if finding.key.kind == THEME else _("Phenomenon"),
            area=area_name(finding.key, names),
            signal=Signal(finding.key.signal).label,
            signal_code=finding.key.signal,
            direction=_("Rising") if finding.direction == RISING else _("Falling"),
            evidence=evidence_text(finding),
            as_of=notice.as_of,
            created_at=notice.created_at,
            unread=notice.read_at is None,
        )
        for notice, finding in pairs
        if names.knows(finding)
    ]
