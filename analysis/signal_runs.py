"""Computing the early signals in the background, so no page waits for them.

Counting two years of weeks over a million observations takes seconds, so the signals of each
analysts' scope are computed by the worker: the periodic ``refresh_signals`` task computes
every scope again when its day changed or its data did, and the dashboard asks for a run only
when it has none for the day it shows (a day in the past, or a scope seen for the first time).
The dashboard then shows the newest finished run, and says when one is being computed.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts import access
from accounts.access import ANALYSIS_ROLES
from accounts.models import Membership
from analysis.models import Phenomenon, PhenomenonLink, SignalRun
from analysis.signals import Finding, SignalParams, detect_signals
from reporting.models import Observation

logger = logging.getLogger(__name__)
PENDING = (SignalRun.State.QUEUED, SignalRun.State.RUNNING)


@dataclass(frozen=True)
class Scope:
    """Whose observations are counted and whose phenomena are tested."""

    organisations: tuple[int, ...]
    phenomenon_organisations: tuple[int, ...]

    @classmethod
    def of(cls, organisations: Iterable[int], phenomenon_organisations: Iterable[int]) -> Scope:
        return cls(tuple(sorted(organisations)), tuple(sorted(phenomenon_organisations)))

    @property
    def key(self) -> str:
        return (
            ",".join(map(str, self.organisations))
            + "|"
            + ",".join(map(str, self.phenomenon_organisations))
        )

    def runs(self):
        return SignalRun.objects.filter(scope_key=self.key)

    def new_run(self, as_of: datetime.date) -> SignalRun:
        return SignalRun.objects.create(
            scope=list(self.organisations),
            phenomenon_scope=list(self.phenomenon_organisations),
            scope_key=self.key,
            as_of=as_of,
        )


def latest_done(scope: Scope, as_of: datetime.date) -> SignalRun | None:
    """The newest finished run for the scope as of ``as_of``, or for today: the newest one of
    any earlier day while today's is computed."""
    runs = scope.runs().filter(state=SignalRun.State.DONE)
    if as_of == timezone.localdate():
        return runs.filter(as_of__lte=as_of).order_by("-as_of", "-finished_at", "-id").first()
    return runs.filter(as_of=as_of).order_by("-finished_at", "-id").first()


def pending(scope: Scope, as_of: datetime.date) -> SignalRun | None:
    return scope.runs().filter(as_of=as_of, state__in=PENDING).first()


def request_run(scope: Scope, as_of: datetime.date) -> SignalRun:
    """Queue a run for the scope and day, unless one is already waiting or running."""
    from analysis.tasks import compute_signals

    waiting = pending(scope, as_of)
    if waiting is not None:
        return waiting
    run = scope.new_run(as_of)
    transaction.on_commit(lambda: compute_signals.enqueue(run_id=run.pk))
    return run


def compute(run_id: int) -> None:
    """Compute one run; a run delivered twice is computed once."""
    run = SignalRun.objects.get(pk=run_id)
    if run.state != SignalRun.State.QUEUED:
        return
    run.state = SignalRun.State.RUNNING
    run.save(update_fields=["state"])
    try:
        stamp = data_stamp()
        findings = detect_signals(
            SignalParams(as_of=run.as_of),
            organisation_ids=run.scope,
            phenomena=Phenomenon.objects.filter(organisation_id__in=run.phenomenon_scope),
        )
    except Exception as error:
        logger.exception("signal run %s failed", run_id)
        run.state = SignalRun.State.FAILED
        run.error = str(error)[:2000]
        run.save(update_fields=["state", "error"])
        raise
    run.findings = [finding.as_record() for finding in findings]
    run.stamp = stamp
    run.state = SignalRun.State.DONE
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save(update_fields=["findings", "stamp", "state", "finished_at"])
        record_new_signals(run)
    # Only the newest run of a scope and day is ever shown.
    SignalRun.objects.filter(
        scope_key=run.scope_key, as_of=run.as_of, state=SignalRun.State.DONE
    ).exclude(pk=run.pk).delete()


def record_new_signals(run: SignalRun) -> None:
    """Tell the analysts who subscribed of the signals new in the run, with the run."""
    from analysis import signal_notices

    signal_notices.record_run(run)


def findings_of(run: SignalRun) -> list[Finding]:
    return [Finding.from_record(record) for record in run.findings]


def data_stamp() -> str:
    """The newest observation, theme code, phenomenon link and phenomenon change: a run with
    another stamp saw other data."""
    return repr(
        (
            Observation.objects.aggregate(newest=Max("pk"))["newest"],
            Observation.themes.through.objects.aggregate(newest=Max("pk"))["newest"],
            PhenomenonLink.objects.aggregate(newest=Max("pk"))["newest"],
            Phenomenon.objects.aggregate(changed=Max("updated_at"))["changed"],
        )
    )[:200]


def analyst_scopes() -> set[Scope]:
    """The scope of every analyst and administrator, as the dashboard computes it."""
    users: dict[int, object] = {}
    for membership in Membership.objects.filter(
        role__in=ANALYSIS_ROLES, organisation__is_active=True
    ).select_related("user"):
        users.setdefault(membership.user_id, membership.user)
    return {scope_of(user) for user in users.values()}


def scope_of(user) -> Scope:
    """The organisations whose observations the person analyses, and their own ones, whose
    phenomena they see."""
    own = {m.organisation_id for m in access.memberships_of(user) if m.role in ANALYSIS_ROLES}
    return Scope.of(access.analysis_scope(user), own)


def refresh_all(*, today: datetime.date | None = None) -> int:
    """Compute today's signals for every scope whose last run is of another day or saw other
    data; returns how many were computed. Run by the worker on a schedule."""
    today = today or timezone.localdate()
    stamp = data_stamp()
    computed = 0
    for scope in analyst_scopes():
        latest = scope.runs().filter(state=SignalRun.State.DONE).first()
        if latest is not None and latest.as_of == today and latest.stamp == stamp:
            continue
        if pending(scope, today) is not None:
            continue
        run = scope.new_run(today)
        compute(run.pk)
        computed += 1
    return computed
