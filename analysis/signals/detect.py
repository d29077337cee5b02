"""Which weekly series rose or fell: the test, the guards, and the names to show.

Each cell (theme or phenomenon × municipality or county × concern or positive) is tested on
its own counts: given the n observations of the recent window and the baseline together, a
constant rate puts each of them in the recent window with probability W / (W + B), so the
recent count is Binomial(n, W / (W + B)). That conditional test is exact for small counts,
needs no estimate of the rate, and works the same for rises and falls. Then

* cells that could never reach significance are left out of the family (Tarone's filter),
* the Benjamini–Hochberg step-up over all remaining cells keeps false signals rare even
  though hundreds of cells are tested at once,
* a listed rise must rest on at least ``min_count`` recent observations and a fall on an
  expectation of at least ``min_count``, and either must change the rate by ``min_ratio``:
  with a million observations tiny changes are significant but not worth anyone's time.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Max, QuerySet
from django.utils import timezone

from analysis.models import Phenomenon, PhenomenonLink
from analysis.signals.counts import PHENOMENON, THEME, CellKey, count_weeks
from analysis.signals.stats import (
    benjamini_hochberg,
    binomial_cdf,
    binomial_sf,
    min_attainable_p,
)
from reporting.models import Municipality, Observation, Theme

RISING = "rising"
FALLING = "falling"


@dataclass(frozen=True)
class SignalParams:
    """What to compare and how strict to be; the defaults suit a county's weekly volumes."""

    as_of: datetime.date
    window_weeks: int = 8
    baseline_weeks: int = 52
    min_count: int = 3
    min_ratio: float = 1.5
    alpha: float = 0.05

    def __post_init__(self) -> None:
        if self.window_weeks < 1 or self.baseline_weeks < 1:
            raise ValueError("window_weeks and baseline_weeks must be at least 1")
        if not 0 < self.alpha < 1 or self.min_ratio < 1:
            raise ValueError("alpha must be between 0 and 1 and min_ratio at least 1")

    @classmethod
    def today(cls, **overrides: Any) -> SignalParams:
        return cls(as_of=timezone.localdate(), **overrides)

    @property
    def total_weeks(self) -> int:
        return self.window_weeks + self.baseline_weeks

    @property
    def recent_share(self) -> float:
        """The share of a steady series' observations that falls in the recent window."""
        return self.window_weeks / self.total_weeks

    def week_ranges(self) -> list[tuple[datetime.date, datetime.date]]:
        """First and last day of every week, oldest first."""
        last_days = [
            self.as_of - datetime.timedelta(days=7 * back)
            for back in range(self.total_weeks - 1, -1, -1)
        ]
        return [(day - datetime.timedelta(days=6), day) for day in last_days]


@dataclass(frozen=True)
class Finding:
    """A listed signal and its evidence. ``weekly`` holds the counts, oldest week first."""

    key: CellKey
    direction: str
    recent: int
    baseline: int
    expected: float
    p_value: float
    q_value: float
    weekly: tuple[int, ...]

    @property
    def ratio(self) -> float | None:
        return self.recent / self.expected if self.expected else None


@dataclass(frozen=True)
class _Tested:
    key: CellKey
    weekly: tuple[int, ...]
    recent: int
    baseline: int
    expected: float
    direction: str
    p_value: float


def detect_signals(
    params: SignalParams,
    *,
    organisation_ids: Collection[int] | None = None,
    phenomena: QuerySet[Phenomenon] | None = None,
) -> list[Finding]:
    """Every rising and falling signal in the scope, strongest first."""
    cells = count_weeks(
        as_of=params.as_of,
        weeks=params.total_weeks,
        organisation_ids=organisation_ids,
        phenomena=phenomena,
    )
    return find_signals(cells, params)


# Counting a year of weeks over a million observations takes seconds; the dashboard keeps the
# findings for a few minutes. A new observation, code or link makes a new key at once; a
# removed code or link shows within those minutes.
CACHE_SECONDS = 300


def cached_signals(
    params: SignalParams, *, organisation_ids: Collection[int], phenomena: QuerySet[Phenomenon]
) -> list[Finding]:
    """``detect_signals`` through the shared cache, keyed by the scope, the settings and the
    newest observation, link and phenomenon change."""
    phenomenon_ids = sorted(phenomena.values_list("pk", flat=True))
    stamp = (
        Observation.objects.aggregate(newest=Max("pk"))["newest"],
        Observation.themes.through.objects.aggregate(newest=Max("pk"))["newest"],
        PhenomenonLink.objects.aggregate(newest=Max("pk"))["newest"],
        Phenomenon.objects.aggregate(changed=Max("updated_at"))["changed"],
    )
    source = repr((sorted(organisation_ids), phenomenon_ids, params, stamp))
    key = "signals:" + hashlib.sha256(source.encode()).hexdigest()
    findings = cache.get(key)
    if findings is None:
        findings = detect_signals(
            params,
            organisation_ids=organisation_ids,
            phenomena=Phenomenon.objects.filter(pk__in=phenomenon_ids),
        )
        cache.set(key, findings, CACHE_SECONDS)
    return findings


def find_signals(cells: Mapping[CellKey, Iterable[int]], params: SignalParams) -> list[Finding]:
    """Test every cell and keep the significant, large enough changes; pure, for testing."""
    tested = [t for key, weekly in cells.items() if (t := _test(key, tuple(weekly), params))]
    q_values = benjamini_hochberg([t.p_value for t in tested])
    found = [
        Finding(t.key, t.direction, t.recent, t.baseline, t.expected, t.p_value, q, t.weekly)
        for t, q in zip(tested, q_values, strict=True)
        if q <= params.alpha and _large_enough(t, params)
    ]
    return sorted(found, key=lambda f: (f.q_value, f.p_value, -abs(f.recent - f.expected)))


def _test(key: CellKey, weekly: tuple[int, ...], params: SignalParams) -> _Tested | None:
    if len(weekly) != params.total_weeks:
        raise ValueError(f"expected {params.total_weeks} weekly counts, got {len(weekly)}")
    baseline = sum(weekly[: params.baseline_weeks])
    recent = sum(weekly[params.baseline_weeks :])
    total = recent + baseline
    share = params.recent_share
    if min_attainable_p(total, share) > params.alpha:
        return None
    expected = baseline * params.window_weeks / params.baseline_weeks
    upper = binomial_sf(recent, total, share)
    lower = binomial_cdf(recent, total, share)
    direction = RISING if upper < lower else FALLING
    p_value = min(1.0, 2.0 * min(upper, lower))
    return _Tested(key, weekly, recent, baseline, expected, direction, p_value)


def _large_enough(tested: _Tested, params: SignalParams) -> bool:
    """The minimum count and the minimum change in rate that make a signal worth listing."""
    if tested.direction == RISING:
        return (
            tested.recent >= params.min_count
            and tested.recent >= params.min_ratio * tested.expected
        )
    return (
        tested.expected >= params.min_count and tested.recent * params.min_ratio <= tested.expected
    )


@dataclass(frozen=True)
class Names:
    """The themes, phenomena and municipalities that findings refer to, fetched at once."""

    themes: dict[int, Theme]
    phenomena: dict[int, Phenomenon]
    municipalities: dict[int, Municipality]

    @classmethod
    def for_findings(cls, findings: Iterable[Finding]) -> Names:
        keys = [f.key for f in findings]
        return cls(
            themes=Theme.objects.in_bulk({k.subject_id for k in keys if k.kind == THEME}),
            phenomena=Phenomenon.objects.in_bulk(
                {k.subject_id for k in keys if k.kind == PHENOMENON}
            ),
            municipalities=Municipality.objects.in_bulk(
                {k.municipality_id for k in keys if k.municipality_id is not None}
            ),
        )

    def subject(self, key: CellKey) -> Theme | Phenomenon:
        return (self.themes if key.kind == THEME else self.phenomena)[key.subject_id]

    def municipality(self, key: CellKey) -> Municipality | None:
        return None if key.municipality_id is None else self.municipalities[key.municipality_id]


def as_json(finding: Finding, names: Names) -> dict[str, Any]:
    """The machine-readable form that ``detect_signals --json`` prints."""
    key = finding.key
    subject = names.subject(key)
    municipality = names.municipality(key)
    identity: dict[str, Any] = (
        {"code": subject.code}
        if key.kind == THEME
        else {"phenomenon": subject.pk, "name": subject.name}
    )
    return {
        "kind": key.kind,
        **identity,
        "municipality": municipality.code if municipality else None,
        "direction": finding.direction,
        "signal": key.signal,
        "recent": finding.recent,
        "baseline": finding.baseline,
        "expected": round(finding.expected, 2),
        "p_value": finding.p_value,
        "q_value": finding.q_value,
        "weekly": list(finding.weekly),
    }
