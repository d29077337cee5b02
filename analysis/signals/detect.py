"""Which weekly series rose or fell: the tests, the error control and the levels.

Each cell (theme or phenomenon × the county, a municipality or a target group × concern or
positive) is tested over several recent windows (2, 4, 8, 13 and 26 weeks by default, so a
burst shows within weeks and a slow rise within months) against the up to 78 weeks before each
window:

* the test is exact and conditional (``stats.rate_ratio_tails``): given the observations of the
  window and its baseline together, a steady rate puts each one in the window with probability
  π = f·W / (f·W + B), where f is the window's season — how much busier last year's same weeks
  were than that year's average, shrunk toward what the data support (``stats.shrunk_factors``)
  and measured on the county-wide series, where the counts suffice;
* the windows of one cell are combined into one p-value per direction (Simes), so testing five
  windows does not multiply the false alarms by five; a window that could never be listed
  (too few observations in all) is not tested;
* each level (county, municipalities, target groups) is one family with its share of the false
  discovery rate, Tarone-filtered and stepped up by Benjamini–Hochberg (``stats.fdr_adjusted``):
  the few county-wide series are not drowned by hundreds of municipal ones, and the rate over
  all listed signals stays within ``fdr``;
* a listed rise must rest on at least ``min_count`` recent observations and a fall on an
  expectation of at least ``min_count``, and either must change the rate ``min_ratio``-fold;
* the levels are made consistent (``_consolidate``): a change across the county is one signal
  with its municipalities and target groups as detail; a municipality gets a signal of its own
  only when it carries at least half of the county's change or moved clearly more than the
  rest of the county (Fisher's exact test), and a county change that such municipalities
  explain is not listed again for the county. A target group is listed on its own only when
  nothing else of its theme or phenomenon is.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
from django.db.models import QuerySet
from django.utils import timezone
from scipy import stats as scipy_stats

from analysis.models import Phenomenon
from analysis.signals import stats
from analysis.signals.counts import (
    COUNTY,
    LEVELS,
    MUNICIPALITY,
    TARGET_GROUP,
    CellKey,
    count_weeks,
    history_weeks,
)

RISING = "rising"
FALLING = "falling"
DIRECTIONS = (RISING, FALLING)
WEEKS_IN_YEAR = 52


@dataclass(frozen=True)
class SignalParams:
    """What to compare and how strict to be; the defaults suit a county's weekly volumes and
    were chosen on simulated scenarios (``bench/signals_eval.py``)."""

    as_of: datetime.date
    windows: tuple[int, ...] = (2, 4, 8, 13, 26)
    baseline_weeks: int = 78
    fdr: float = 0.1
    min_count: int = 3
    min_ratio: float = 1.5
    seasonal: bool = True
    season_margin: int = 2
    min_baseline_weeks: int = 13
    standout_alpha: float = 0.01
    # Ablations measured by bench/signals_eval.py: one family for all levels; every
    # discovery listed as it is.
    separate_levels: bool = True
    consolidate: bool = True

    def __post_init__(self) -> None:
        if not self.windows or min(self.windows) < 1 or self.baseline_weeks < 1:
            raise ValueError("windows and baseline_weeks must be at least 1 week")
        if not 0 < self.fdr < 1 or self.min_ratio < 1:
            raise ValueError("fdr must be between 0 and 1 and min_ratio at least 1")

    @classmethod
    def today(cls, **overrides: Any) -> SignalParams:
        return cls(as_of=timezone.localdate(), **overrides)

    @property
    def total_weeks(self) -> int:
        """The weeks counted: the longest window, its baseline and the season's margin."""
        return max(self.windows) + self.baseline_weeks + self.season_margin

    def week_ranges(self) -> list[tuple[datetime.date, datetime.date]]:
        """First and last day of every counted week, oldest first."""
        last_days = [
            self.as_of - datetime.timedelta(days=7 * back)
            for back in range(self.total_weeks - 1, -1, -1)
        ]
        return [(day - datetime.timedelta(days=6), day) for day in last_days]


@dataclass(frozen=True)
class Detail:
    """One municipality or target group under a signal, in the signal's window."""

    municipality_id: int | None
    target_group_id: int | None
    recent: int
    expected: float
    flagged: bool


@dataclass(frozen=True)
class Finding:
    """A listed signal and its evidence, in the window that shows it most clearly.

    ``weekly`` holds the counts of every counted week, oldest first; ``details`` the
    municipalities and target groups of a county-wide signal (for a municipality's own signal:
    the county as a whole); ``p_value`` combines the windows and ``q_value`` is its false
    discovery rate within the level.
    """

    key: CellKey
    direction: str
    window_weeks: int
    baseline_weeks: int
    recent: int
    baseline: int
    expected: float
    p_value: float
    q_value: float
    weekly: tuple[int, ...]
    details: tuple[Detail, ...] = field(default=())

    @property
    def ratio(self) -> float | None:
        return self.recent / self.expected if self.expected else None

    @property
    def level(self) -> str:
        return self.key.level

    @property
    def reference(self) -> float:
        """The baseline's average count per week, with the window's season."""
        return self.expected / self.window_weeks

    def as_record(self) -> dict[str, Any]:
        """The finding as plain JSON, by database ids, for storing a run's findings."""
        record = asdict(self)
        record["key"] = asdict(self.key)
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Finding:
        values = dict(record)
        values["key"] = CellKey(**values["key"])
        values["weekly"] = tuple(values["weekly"])
        values["details"] = tuple(Detail(**detail) for detail in values["details"])
        return cls(**values)


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
    history = history_weeks(as_of=params.as_of, organisation_ids=organisation_ids)
    return find_signals(cells, params, history_weeks=history)


@dataclass
class _Cells:
    """The counts as one matrix, with the sums every window needs."""

    keys: list[CellKey]
    counts: np.ndarray  # cells × weeks, oldest first
    cumulative: np.ndarray  # cells × (weeks + 1): sum of the weeks before each index

    @classmethod
    def of(cls, cells: Mapping[CellKey, Iterable[int]], weeks: int) -> _Cells:
        keys = list(cells)
        counts = np.zeros((len(keys), weeks), dtype=np.int64)
        for row, key in enumerate(keys):
            series = list(cells[key])
            if len(series) != weeks:
                raise ValueError(f"expected {weeks} weekly counts, got {len(series)}")
            counts[row] = series
        cumulative = np.concatenate(
            [np.zeros((len(keys), 1), dtype=np.int64), np.cumsum(counts, axis=1)], axis=1
        )
        return cls(keys, counts, cumulative)

    def total(self, start: int, end: int) -> np.ndarray:
        """Each cell's count over weeks ``start`` .. ``end`` - 1."""
        return self.cumulative[:, end] - self.cumulative[:, start]


@dataclass
class _Window:
    """One window's test of every cell."""

    weeks: int
    baseline_weeks: int
    recent: np.ndarray
    baseline: np.ndarray
    expected: np.ndarray
    share: np.ndarray
    p: dict[str, np.ndarray]
    smallest: dict[str, np.ndarray]


def find_signals(
    cells: Mapping[CellKey, Iterable[int]],
    params: SignalParams,
    *,
    history_weeks: int | None = None,
) -> list[Finding]:
    """Test every cell and list the consistent, significant and large enough changes; pure,
    for testing. ``history_weeks``: how many of the counted weeks the scope had data for
    (None: all of them)."""
    matrix = _Cells.of(cells, params.total_weeks)
    if not matrix.keys:
        return []
    history = (
        params.total_weeks if history_weeks is None else min(history_weeks, params.total_weeks)
    )
    windows = [
        w for w in (_test_window(matrix, params, weeks, history) for weeks in params.windows) if w
    ]
    if not windows:
        return []
    levels = np.array([key.level if params.separate_levels else COUNTY for key in matrix.keys])
    present = [level for level in LEVELS if (levels == level).any()]
    q_level = params.fdr / len(present)
    tested: dict[tuple[int, str], tuple[float, float]] = {}
    for direction in DIRECTIONS:
        p = stats.simes(np.stack([w.p[direction] for w in windows], axis=-1))
        smallest = np.min(np.stack([w.smallest[direction] for w in windows], axis=-1), axis=-1)
        for level in present:
            rows = np.flatnonzero(levels == level)
            q = stats.fdr_adjusted(p[rows], smallest[rows], q_level)
            for row, p_row, q_row in zip(rows, p[rows], q, strict=True):
                if q_row <= q_level:
                    tested[(int(row), direction)] = (float(p_row), float(q_row))
    discovered = {}
    for (row, direction), (p_value, q_value) in tested.items():
        finding = _finding(matrix, windows, row, direction, p_value, q_value, params)
        if finding is not None:
            discovered[(matrix.keys[row], direction)] = finding
    if params.consolidate:
        found = _consolidate(discovered, matrix, windows, params)
    else:
        found = list(discovered.values())
    return sorted(found, key=lambda f: (f.q_value, f.p_value, -abs(f.recent - f.expected)))


def _test_window(matrix: _Cells, params: SignalParams, weeks: int, history: int) -> _Window | None:
    end = params.total_weeks
    baseline_weeks = min(params.baseline_weeks, history - weeks)
    if baseline_weeks < params.min_baseline_weeks:
        return None
    recent = matrix.total(end - weeks, end)
    baseline = matrix.total(end - weeks - baseline_weeks, end - weeks)
    factor = _seasons(matrix, params, weeks, history, baseline, baseline_weeks)
    share = stats.window_share(weeks, baseline_weeks, factor)
    rise, fall = stats.rate_ratio_tails(recent, baseline, share)
    least_rise, least_fall = stats.smallest_tails(recent + baseline, share)
    # A window that could never be listed, whatever the split of its observations, is not
    # tested: a rise needs min_count observations in all, a fall an expectation of
    # min_count even with none in the window. Decided on the total alone, like Tarone's filter.
    total = recent + baseline
    listable = {
        RISING: total >= params.min_count,
        FALLING: total * factor * weeks / baseline_weeks >= params.min_count,
    }
    for direction, tail, least in ((RISING, rise, least_rise), (FALLING, fall, least_fall)):
        tail[~listable[direction]] = np.nan
        least[~listable[direction]] = 1.0
    return _Window(
        weeks=weeks,
        baseline_weeks=baseline_weeks,
        recent=recent,
        baseline=baseline,
        expected=baseline * factor * weeks / baseline_weeks,
        share=share,
        p={RISING: rise, FALLING: fall},
        smallest={RISING: least_rise, FALLING: least_fall},
    )


def _seasons(
    matrix: _Cells,
    params: SignalParams,
    weeks: int,
    history: int,
    baseline: np.ndarray,
    baseline_weeks: int,
) -> np.ndarray:
    """Each cell's seasonal factor for the window: its county-wide series' factor.

    Last year's same weeks (widened by ``season_margin`` on each side) against that year's
    average week, where two years of data allow; otherwise 1.
    """
    factors = np.ones(len(matrix.keys))
    margin = params.season_margin
    if (
        not params.seasonal
        or baseline_weeks < WEEKS_IN_YEAR
        or history < WEEKS_IN_YEAR + weeks + margin
    ):
        return factors
    end = params.total_weeks
    start = end - WEEKS_IN_YEAR - weeks - margin
    if start < 0:
        return factors
    same_weeks = matrix.total(start, end - WEEKS_IN_YEAR + margin)
    span = weeks + 2 * margin
    counties = [row for row, key in enumerate(matrix.keys) if key.level == COUNTY]
    by_county = {matrix.keys[row]: row for row in counties}
    for signal in {matrix.keys[row].signal for row in counties}:
        rows = [row for row in counties if matrix.keys[row].signal == signal]
        expected = baseline[rows] * span / baseline_weeks
        shrunk, _pooled, _spread = stats.shrunk_factors(same_weeks[rows], expected)
        for row, value in zip(rows, shrunk, strict=True):
            factors[row] = value
    for row, key in enumerate(matrix.keys):
        county = by_county.get(key.county)
        if county is not None:
            factors[row] = factors[county]
    return factors


def _finding(
    matrix: _Cells,
    windows: list[_Window],
    row: int,
    direction: str,
    p_value: float,
    q_value: float,
    params: SignalParams,
) -> Finding | None:
    """The signal in the clearest window that is large enough to list, if any."""
    tested = [w for w in windows if not np.isnan(w.p[direction][row])]
    for window in sorted(tested, key=lambda w: w.p[direction][row]):
        recent, expected = int(window.recent[row]), float(window.expected[row])
        if _large_enough(direction, recent, expected, params):
            return Finding(
                key=matrix.keys[row],
                direction=direction,
                window_weeks=window.weeks,
                baseline_weeks=window.baseline_weeks,
                recent=recent,
                baseline=int(window.baseline[row]),
                expected=expected,
                p_value=p_value,
                q_value=q_value,
                weekly=tuple(int(c) for c in matrix.counts[row]),
            )
    return None


def _large_enough(direction: str, recent: int, expected: float, params: SignalParams) -> bool:
    """The minimum count and the minimum change in rate that make a signal worth listing."""
    if direction == RISING:
        return recent >= params.min_count and recent >= params.min_ratio * expected
    return expected >= params.min_count and recent * params.min_ratio <= expected


def _consolidate(
    discovered: dict[tuple[CellKey, str], Finding],
    matrix: _Cells,
    windows: list[_Window],
    params: SignalParams,
) -> list[Finding]:
    """One signal per change: county-wide with its municipalities and target groups as detail,
    or the municipalities that stand out, each on its own."""
    rows = {key: row for row, key in enumerate(matrix.keys)}
    parts: dict[CellKey, list[int]] = defaultdict(list)
    for row, key in enumerate(matrix.keys):
        if key.level != COUNTY:
            parts[key.county].append(row)
    groups: dict[tuple[CellKey, str], list[Finding]] = defaultdict(list)
    for (key, direction), finding in discovered.items():
        groups[(key.county, direction)].append(finding)
    listed = []
    for (county_key, direction), findings in groups.items():
        by_level = defaultdict(list)
        for finding in findings:
            by_level[finding.level].append(finding)
        county = next(iter(by_level[COUNTY]), None)
        local = {f.key: f for f in by_level[MUNICIPALITY]}
        if county is None:
            listed.extend(
                _with_county(f, rows.get(county_key), matrix, windows) for f in local.values()
            )
            if not local:
                listed.extend(by_level[TARGET_GROUP])
            continue
        window = next(w for w in windows if w.weeks == county.window_weeks)
        municipal = [r for r in parts[county_key] if matrix.keys[r].level == MUNICIPALITY]
        standouts = _standouts(
            rows[county_key], municipal, matrix, window, direction, local, params
        )
        flagged = {matrix.keys[r] for r in standouts} | set(local)
        for row in standouts:
            own = local.get(matrix.keys[row]) or _finding_in(matrix, window, row, direction, county)
            listed.append(_with_county(own, rows[county_key], matrix, windows))
        if standouts and _explained(rows[county_key], standouts, window, direction, params):
            continue
        details = _details(parts[county_key], matrix, window, flagged | _keys(by_level))
        listed.append(replace(county, details=details))
    return listed


def _with_county(
    finding: Finding, county: int | None, matrix: _Cells, windows: list[_Window]
) -> Finding:
    """A municipality's own signal, with the whole county in the same weeks as its detail."""
    if county is None:
        return finding
    window = next(w for w in windows if w.weeks == finding.window_weeks)
    context = Detail(None, None, int(window.recent[county]), float(window.expected[county]), False)
    return replace(finding, details=(context,))


def _keys(by_level: Mapping[str, list[Finding]]) -> set[CellKey]:
    return {f.key for findings in by_level.values() for f in findings}


def _standouts(
    county: int,
    municipal: list[int],
    matrix: _Cells,
    window: _Window,
    direction: str,
    local: Mapping[CellKey, Finding],
    params: SignalParams,
) -> list[int]:
    """Municipalities that carry the county's change: those that hold at least half of its
    excess, and those that moved more than the rest of the county by Fisher's exact test on
    window against baseline × the municipality against the rest — at ``standout_alpha`` for a
    municipality that is a discovery of its own, Bonferroni-corrected over the county's
    municipalities for the others (tested only because the county's change was found)."""
    alternative = "greater" if direction == RISING else "less"
    sign = 1.0 if direction == RISING else -1.0
    county_excess = sign * float(window.recent[county] - window.expected[county])
    out = []
    for row in municipal:
        recent, baseline = int(window.recent[row]), int(window.baseline[row])
        if not _large_enough(direction, recent, float(window.expected[row]), params):
            continue
        excess = sign * float(recent - window.expected[row])
        if county_excess > 0 and excess >= county_excess / 2:
            out.append(row)
            continue
        rest = [
            max(0, int(window.recent[county]) - recent),
            max(0, int(window.baseline[county]) - baseline),
        ]
        p = scipy_stats.fisher_exact([[recent, baseline], rest], alternative=alternative).pvalue
        limit = params.standout_alpha
        if matrix.keys[row] not in local:
            limit /= len(municipal)
        if p <= limit:
            out.append(row)
    return out


def _explained(
    county: int, standouts: list[int], window: _Window, direction: str, params: SignalParams
) -> bool:
    """Whether the county without its standing-out municipalities shows no change of its own
    (not even at ``standout_alpha``, untested for multiplicity, so a doubt keeps it listed)."""
    recent = max(0, int(window.recent[county] - window.recent[standouts].sum()))
    baseline = max(0, int(window.baseline[county] - window.baseline[standouts].sum()))
    rise, fall = stats.rate_ratio_tails(
        np.array([recent]), np.array([baseline]), window.share[county]
    )
    p = rise[0] if direction == RISING else fall[0]
    return p > params.standout_alpha


def _finding_in(
    matrix: _Cells, window: _Window, row: int, direction: str, county: Finding
) -> Finding:
    """A standing-out municipality's signal, found through its county's."""
    return Finding(
        key=matrix.keys[row],
        direction=direction,
        window_weeks=window.weeks,
        baseline_weeks=window.baseline_weeks,
        recent=int(window.recent[row]),
        baseline=int(window.baseline[row]),
        expected=float(window.expected[row]),
        p_value=county.p_value,
        q_value=county.q_value,
        weekly=tuple(int(c) for c in matrix.counts[row]),
    )


def _details(
    rows: list[int], matrix: _Cells, window: _Window, flagged: set[CellKey]
) -> tuple[Detail, ...]:
    """The municipalities and target groups of a county-wide signal, most changed first."""
    details = [
        Detail(
            municipality_id=matrix.keys[row].municipality_id,
            target_group_id=matrix.keys[row].target_group_id,
            recent=int(window.recent[row]),
            expected=float(window.expected[row]),
            flagged=matrix.keys[row] in flagged,
        )
        for row in rows
        if window.recent[row] or window.expected[row]
    ]
    return tuple(
        sorted(details, key=lambda d: (d.target_group_id is not None, -abs(d.recent - d.expected)))
    )
