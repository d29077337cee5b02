"""Early signals: the exact test, the guards against false alarms, and the database counts."""

import datetime
import random
from collections.abc import Iterable, Mapping
from fractions import Fraction
from math import comb

import pytest

from analysis.models import Phenomenon, PhenomenonLink
from analysis.signals import (
    FALLING,
    PHENOMENON,
    RISING,
    THEME,
    CellKey,
    SignalParams,
    count_weeks,
    detect_signals,
    find_signals,
    week_edges,
)
from analysis.signals.counts import COUNTY_TIME_ZONE
from analysis.signals.stats import (
    benjamini_hochberg,
    binomial_cdf,
    binomial_sf,
    min_attainable_p,
)
from reporting.models import Municipality, Observation, Theme

# Daylight saving time starts in Helsinki on this Sunday, so the last week holds the change.
AS_OF = datetime.date(2025, 3, 30)
PARAMS = SignalParams(as_of=AS_OF)
RECENT = range(0, 8)  # weeks ago that fall in the default recent window
BASELINE = range(8, 60)


def steady(per_week: int) -> dict[int, int]:
    return dict.fromkeys(range(60), per_week)


def rise(*, baseline_every: int, recent_per_week: int) -> dict[int, int]:
    """One baseline observation every ``baseline_every`` weeks, then a busy recent window."""
    series = {ago: 1 for ago in BASELINE if ago % baseline_every == 0}
    return series | dict.fromkeys(RECENT, recent_per_week)


def submitted(weeks_ago: int, index: int) -> datetime.datetime:
    """Noon on one of the seven days of the week ``weeks_ago`` weeks before ``AS_OF``."""
    day = AS_OF - datetime.timedelta(days=7 * weeks_ago + index % 7)
    return datetime.datetime.combine(day, datetime.time(12), COUNTY_TIME_ZONE)


def plant(
    organisation,
    series: Mapping[int, int],
    *,
    theme: str | None = "housing",
    municipalities: Iterable[str] = (),
    signal: str = "concern",
    whole_county: bool = False,
    phenomenon: Phenomenon | None = None,
) -> list[Observation]:
    """Observations following ``series`` (weeks ago → count), written in three queries."""
    observations = Observation.objects.bulk_create(
        Observation(
            channel="form",
            organisation=organisation,
            text="Havainto",
            signal=signal,
            language="fi",
            whole_county=whole_county,
            submitted_at=submitted(weeks_ago, index),
        )
        for weeks_ago, count in series.items()
        for index in range(count)
    )
    if theme:
        theme_id = Theme.objects.get(code=theme).pk
        Observation.themes.through.objects.bulk_create(
            Observation.themes.through(observation_id=o.pk, theme_id=theme_id) for o in observations
        )
    places = list(Municipality.objects.filter(code__in=list(municipalities)))
    Observation.municipalities.through.objects.bulk_create(
        Observation.municipalities.through(observation_id=o.pk, municipality_id=m.pk)
        for o in observations
        for m in places
    )
    if phenomenon is not None:
        PhenomenonLink.objects.bulk_create(
            PhenomenonLink(phenomenon=phenomenon, observation=o) for o in observations
        )
    return observations


def cell(
    code: str, municipality: str | None, signal: str = "concern", kind: str = THEME
) -> CellKey:
    subject = Theme.objects.get(code=code).pk if kind == THEME else int(code)
    place = Municipality.objects.get(code=municipality).pk if municipality else None
    return CellKey(kind, subject, place, signal)


def summary(findings) -> set[tuple[CellKey, str]]:
    return {(f.key, f.direction) for f in findings}


def weekly(series: Mapping[int, int], weeks: int = 60) -> list[int]:
    """Counts oldest first, as the database query returns them."""
    return [series.get(ago, 0) for ago in range(weeks - 1, -1, -1)]


# The exact test


def exact_tail(ks: range, n: int, p: Fraction) -> float:
    return float(sum(comb(n, j) * p**j * (1 - p) ** (n - j) for j in ks))


@pytest.mark.parametrize("n", [1, 3, 10, 57, 200])
def test_binomial_tails_equal_exact_rational_sums(n):
    p = Fraction(8, 60)
    for k in range(0, n + 1, 1 + n // 40):
        upper, lower = exact_tail(range(k, n + 1), n, p), exact_tail(range(k + 1), n, p)
        assert binomial_sf(k, n, float(p)) == pytest.approx(upper, rel=1e-9)
        assert binomial_cdf(k, n, float(p)) == pytest.approx(lower, rel=1e-9)


def test_binomial_tails_stay_exact_in_the_far_tail_of_large_counts():
    # 30,000 observations with 8/60 expected recent: 4000 is the mean, 4600 is ~10 sd above.
    far = binomial_sf(4600, 30000, 8 / 60)
    assert 0 < far < 1e-20
    assert binomial_sf(4000, 30000, 8 / 60) == pytest.approx(0.5, abs=0.01)
    assert binomial_sf(0, 30000, 8 / 60) == 1.0
    assert binomial_sf(30001, 30000, 8 / 60) == 0.0


def test_benjamini_hochberg_matches_the_textbook_example():
    p_values = [0.01, 0.04, 0.03, 0.005]
    assert benjamini_hochberg(p_values) == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert benjamini_hochberg([]) == []


def test_one_observation_can_never_be_significant():
    assert min_attainable_p(1, 8 / 60) > 0.05
    assert min_attainable_p(2, 8 / 60) == pytest.approx(2 * (8 / 60) ** 2)
    assert min_attainable_p(0, 8 / 60) == 1.0


# Deciding what is listed, without the database


def test_a_rise_from_almost_nothing_is_found_with_its_evidence():
    key = CellKey(THEME, 1, 10, "concern")
    [finding] = find_signals({key: weekly(rise(baseline_every=9, recent_per_week=2))}, PARAMS)
    assert (finding.direction, finding.recent, finding.baseline) == (RISING, 16, 6)
    assert finding.expected == pytest.approx(6 * 8 / 52)
    assert finding.p_value < finding.q_value <= 0.05 or finding.q_value == finding.p_value


def test_steady_series_produce_no_signal():
    cells = {
        CellKey(THEME, subject, place, signal): weekly(steady(per_week))
        for subject, per_week in enumerate([1, 2, 5, 20])
        for place in (None, 1, 2)
        for signal in ("concern", "positive")
    }
    assert find_signals(cells, PARAMS) == []


def test_random_steady_counts_raise_almost_no_false_alarms():
    """600 cells with Poisson-like weekly counts and no change: the false-discovery-rate
    guard keeps the whole family quiet (over seeds 0-199, no run listed any signal)."""
    generator = random.Random(20250330)
    cells = {}
    for index in range(600):
        rate = generator.choice([0.05, 0.2, 0.5, 1, 3])
        counts = [sum(generator.random() < rate / 10 for _ in range(10)) for _ in range(60)]
        cells[CellKey(THEME, index, None, "concern")] = counts
    assert len(find_signals(cells, PARAMS)) <= 1


def test_small_counts_produce_no_signal():
    cells = {
        CellKey(THEME, 1, 1, "concern"): weekly({0: 1, 1: 1}),  # 2 recent, none before
        CellKey(THEME, 2, 1, "concern"): weekly({0: 1}),
        CellKey(THEME, 3, 1, "concern"): weekly({20: 1, 30: 1}),  # 2 before, none recent
    }
    assert find_signals(cells, PARAMS) == []


def test_a_rise_needs_the_minimum_count():
    two = {CellKey(THEME, 1, 1, "concern"): weekly({0: 1, 1: 1})}
    three = {CellKey(THEME, 1, 1, "concern"): weekly({0: 1, 1: 1, 2: 1})}
    # Two new observations alone would pass the test (p = 0.036) but not the minimum count.
    assert find_signals(two, PARAMS) == []
    assert [f.recent for f in find_signals(two, SignalParams(AS_OF, min_count=2))] == [2]
    assert [f.recent for f in find_signals(three, PARAMS)] == [3]


def test_a_fall_needs_an_expectation_of_the_minimum_count():
    # 30 in the baseline, 4.6 expected and none seen: p = 0.027.
    few = {CellKey(THEME, 1, 1, "concern"): weekly(dict.fromkeys(range(8, 38), 1))}
    assert [f.direction for f in find_signals(few, PARAMS)] == [FALLING]
    assert find_signals(few, SignalParams(AS_OF, min_count=5)) == []


def test_a_small_change_in_a_large_series_is_not_listed():
    series = steady(100) | dict.fromkeys(RECENT, 112)  # significant, but only 12 % more
    assert find_signals({CellKey(THEME, 1, None, "concern"): weekly(series)}, PARAMS) == []


# Counting in the database


@pytest.mark.django_db
def test_planted_rise_in_one_municipality_is_found_only_there(org_a):
    plant(org_a, rise(baseline_every=4, recent_per_week=2), municipalities=["743"])
    plant(org_a, steady(2), municipalities=["005"])
    plant(org_a, steady(2), municipalities=["010"])
    plant(org_a, steady(1), theme="livelihood", municipalities=["743"])
    found = detect_signals(PARAMS)
    assert summary(found) == {(cell("housing", "743"), RISING)}
    [finding] = found
    assert finding.recent == 16
    assert finding.expected == pytest.approx(13 * 8 / 52)


@pytest.mark.django_db
def test_planted_fall_is_found(org_a):
    plant(org_a, dict.fromkeys(BASELINE, 2), municipalities=["005"])
    # County-wide 48 recent against 64 expected: a fall too small to list.
    plant(org_a, steady(6), municipalities=["010"])
    found = detect_signals(PARAMS)
    assert summary(found) == {(cell("housing", "005"), FALLING)}
    assert (found[0].recent, found[0].expected) == (0, 16)


@pytest.mark.django_db
def test_positive_developments_are_tested_apart_from_concerns(org_a):
    plant(org_a, steady(2), municipalities=["743"], signal="concern")
    plant(org_a, rise(baseline_every=4, recent_per_week=2), signal="positive", whole_county=True)
    found = detect_signals(PARAMS)
    assert summary(found) == {(cell("housing", None, "positive"), RISING)}


@pytest.mark.django_db
def test_whole_county_observations_count_county_wide_only(org_a):
    # Imported rows can name a municipality and the whole county at once.
    series = rise(baseline_every=4, recent_per_week=2)
    plant(org_a, series, municipalities=["743"], whole_county=True)
    cells = count_weeks(as_of=AS_OF, weeks=60)
    assert set(cells) == {cell("housing", None)}
    assert summary(detect_signals(PARAMS)) == {(cell("housing", None), RISING)}


@pytest.mark.django_db
def test_an_observation_in_two_municipalities_counts_once_in_each_and_once_county_wide(org_a):
    plant(org_a, {0: 1}, municipalities=["743", "005"])
    cells = count_weeks(as_of=AS_OF, weeks=60)
    assert {key: sum(counts) for key, counts in cells.items()} == {
        cell("housing", None): 1,
        cell("housing", "743"): 1,
        cell("housing", "005"): 1,
    }


@pytest.mark.django_db
def test_scope_limits_the_observations(org_a, org_b):
    plant(org_b, rise(baseline_every=4, recent_per_week=2), municipalities=["743"])
    assert detect_signals(PARAMS, organisation_ids={org_a.pk}) == []
    assert summary(detect_signals(PARAMS, organisation_ids={org_b.pk})) == {
        (cell("housing", "743"), RISING),
        (cell("housing", None), RISING),
    }


@pytest.mark.django_db
def test_phenomena_are_tested_like_themes(org_a, org_b):
    ours = Phenomenon.objects.create(organisation=org_a, name="Jonot")
    theirs = Phenomenon.objects.create(organisation=org_b, name="Ruoka-apu")
    archived = Phenomenon.objects.create(organisation=org_a, name="Vanha", status="archived")
    for phenomenon in (ours, theirs, archived):
        series = rise(baseline_every=4, recent_per_week=2)
        plant(org_a, series, theme=None, phenomenon=phenomenon, whole_county=True)
    found = detect_signals(PARAMS, phenomena=Phenomenon.objects.filter(organisation=org_a))
    assert summary(found) == {(CellKey(PHENOMENON, ours.pk, None, "concern"), RISING)}


@pytest.mark.django_db
def test_weeks_are_helsinki_days_across_the_daylight_saving_change(org_a):
    edges = week_edges(AS_OF, 2)
    assert [edge.isoformat() for edge in edges] == [
        "2025-03-17T00:00:00+02:00",
        "2025-03-24T00:00:00+02:00",
        "2025-03-31T00:00:00+03:00",
    ]
    times = [
        (2025, 3, 16, 23, 59),  # before the two weeks
        (2025, 3, 23, 23, 30),  # last minutes of the older week
        (2025, 3, 24, 0, 30),  # first minutes of the newer week
        (2025, 3, 30, 23, 30),  # last minutes of the as-of day, in summer time
        (2025, 3, 31, 0, 10),  # after the as-of day
    ]
    observations = plant(org_a, {0: len(times)}, whole_county=True)
    for observation, parts in zip(observations, times, strict=True):
        observation.submitted_at = datetime.datetime(*parts, tzinfo=COUNTY_TIME_ZONE)
    Observation.objects.bulk_update(observations, ["submitted_at"])
    assert count_weeks(as_of=AS_OF, weeks=2) == {cell("housing", None): [1, 2]}


def test_parameters_are_checked():
    with pytest.raises(ValueError):
        SignalParams(AS_OF, window_weeks=0)
    with pytest.raises(ValueError):
        SignalParams(AS_OF, alpha=0)
    assert PARAMS.week_ranges()[-1] == (AS_OF - datetime.timedelta(days=6), AS_OF)
    assert len(PARAMS.week_ranges()) == 60
