"""Early signals: the exact tests, the error control, the shapes of change and their levels,
and the database counts."""

import datetime
import random
from collections.abc import Iterable, Mapping

import numpy as np
import pytest
from scipy import stats as scipy_stats

from analysis.models import Phenomenon, PhenomenonLink
from analysis.signals import (
    COUNTY,
    FALLING,
    MUNICIPALITY,
    PHENOMENON,
    RISING,
    TARGET_GROUP,
    THEME,
    CellKey,
    SignalParams,
    count_weeks,
    detect_signals,
    find_signals,
    stats,
    week_edges,
)
from analysis.signals.counts import COUNTY_TIME_ZONE
from reporting.models import Municipality, Observation, TargetGroup, Theme

# Daylight saving time starts in Helsinki on this Sunday, so the last week holds the change.
AS_OF = datetime.date(2025, 3, 30)
PARAMS = SignalParams(as_of=AS_OF)
YEARS = range(0, 104)  # weeks ago: two years of data


def steady(per_week: int, weeks: Iterable[int] = YEARS) -> dict[int, int]:
    return dict.fromkeys(weeks, per_week)


def rise(*, baseline_every: int, recent_per_week: int, recent_weeks: int = 8) -> dict[int, int]:
    """One observation every ``baseline_every`` weeks for two years, then a busy window."""
    series = {ago: 1 for ago in YEARS if ago % baseline_every == 0}
    return series | dict.fromkeys(range(recent_weeks), recent_per_week)


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
    target_groups: Iterable[str] = (),
    signal: str = "concern",
    whole_county: bool = False,
    phenomenon: Phenomenon | None = None,
) -> list[Observation]:
    """Observations following ``series`` (weeks ago → count), written in a few queries."""
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
    groups = list(TargetGroup.objects.filter(code__in=list(target_groups)))
    Observation.target_groups.through.objects.bulk_create(
        Observation.target_groups.through(observation_id=o.pk, targetgroup_id=g.pk)
        for o in observations
        for g in groups
    )
    if phenomenon is not None:
        PhenomenonLink.objects.bulk_create(
            PhenomenonLink(phenomenon=phenomenon, observation=o) for o in observations
        )
    return observations


def cell(
    code: str,
    municipality: str | None,
    signal: str = "concern",
    kind: str = THEME,
    target_group: str | None = None,
) -> CellKey:
    subject = Theme.objects.get(code=code).pk if kind == THEME else int(code)
    place = Municipality.objects.get(code=municipality).pk if municipality else None
    group = TargetGroup.objects.get(code=target_group).pk if target_group else None
    return CellKey(kind, subject, place, signal, group)


def summary(findings) -> set[tuple[CellKey, str]]:
    return {(f.key, f.direction) for f in findings}


def weekly(series: Mapping[int, int], weeks: int = PARAMS.total_weeks) -> list[int]:
    """Counts oldest first, as the database query returns them."""
    return [series.get(ago, 0) for ago in range(weeks - 1, -1, -1)]


def poisson_weeks(generator: random.Random, rate: float, weeks: int) -> list[int]:
    """Weekly counts of a steady Poisson process (as sums of many rare events)."""
    return [sum(generator.random() < rate / 20 for _ in range(20)) for _ in range(weeks)]


# The statistics


@pytest.mark.parametrize(
    ("recent", "baseline", "share"), [(0, 30, 0.1), (5, 3, 0.1), (40, 260, 8 / 60)]
)
def test_the_tails_are_scipys_exact_binomial_test(recent, baseline, share):
    rise, fall = stats.rate_ratio_tails(np.array([recent]), np.array([baseline]), share)
    n = recent + baseline
    greater = scipy_stats.binomtest(recent, n, share, alternative="greater").pvalue
    less = scipy_stats.binomtest(recent, n, share, alternative="less").pvalue
    assert rise[0] == pytest.approx(greater, rel=1e-9)
    assert fall[0] == pytest.approx(less, rel=1e-9)


def test_the_season_makes_a_busy_window_expected():
    # 12 in a 4-week window after 78 in 78 weeks: a rise at face value (p = 0.0014), not if
    # those weeks are twice as busy as the average week (p = 0.13).
    flat = stats.window_share(4, 78)
    busy = stats.window_share(4, 78, 2.0)
    assert stats.rate_ratio_tails([12], [78], flat)[0][0] < 0.002
    assert stats.rate_ratio_tails([12], [78], busy)[0][0] > 0.1


def test_simes_combines_windows_and_skips_untested_ones():
    combined = stats.simes(np.array([[0.01, 0.04, np.nan], [0.5, np.nan, np.nan]]))
    assert combined == pytest.approx([0.02, 0.5])


def test_cells_that_cannot_reach_significance_leave_the_family():
    smallest = np.array([1e-9, 1e-9, 0.2, 0.3, 0.5])
    assert stats.tarone_family(smallest, 0.05).tolist() == [True, True, False, False, False]
    q = stats.fdr_adjusted(np.array([1e-6, 0.02, 0.01, 0.3, 0.5]), smallest, 0.05)
    assert q.tolist() == [pytest.approx(2e-6), pytest.approx(0.02), 1.0, 1.0, 1.0]


def test_season_factors_stay_near_one_without_a_season_and_follow_a_strong_one():
    generator = np.random.default_rng(7)
    expected = np.full(40, 20.0)
    flat, _, spread = stats.shrunk_factors(generator.poisson(expected), expected)
    assert spread == pytest.approx(0, abs=0.02)
    assert np.all(np.abs(flat - 1) < 0.15)
    seasonal, pooled, _ = stats.shrunk_factors(generator.poisson(expected * 2), expected)
    assert pooled == pytest.approx(2, abs=0.1)
    assert np.all(np.abs(seasonal - 2) < 0.3)


# Deciding what is listed, without the database


def test_random_steady_counts_raise_no_false_alarms():
    """600 cells of steady Poisson counts at county and municipal levels: the error control
    keeps the whole family quiet (over seeds 0-19, no run listed any signal)."""
    generator = random.Random(20250330)
    cells = {}
    for index in range(600):
        rate = generator.choice([0.05, 0.2, 0.5, 1, 3])
        key = CellKey(THEME, index // 20, None if index % 20 == 0 else index % 20, "concern")
        cells[key] = poisson_weeks(generator, rate, PARAMS.total_weeks)
    assert find_signals(cells, PARAMS) == []


def test_steady_series_produce_no_signal():
    cells = {
        CellKey(THEME, subject, place, signal): weekly(steady(per_week, range(200)))
        for subject, per_week in enumerate([1, 2, 5, 20])
        for place in (None, 1, 2)
        for signal in ("concern", "positive")
    }
    assert find_signals(cells, PARAMS) == []


def test_small_counts_produce_no_signal():
    cells = {
        CellKey(THEME, 1, 1, "concern"): weekly({0: 1, 1: 1}),  # 2 recent, none before
        CellKey(THEME, 2, 1, "concern"): weekly({0: 1}),
        CellKey(THEME, 3, 1, "concern"): weekly({20: 1, 30: 1}),  # 2 before, none recent
    }
    assert find_signals(cells, PARAMS) == []


def test_a_small_change_in_a_large_series_is_not_listed():
    series = steady(100, range(200)) | steady(112, range(8))  # significant, only 12 % more
    assert find_signals({CellKey(THEME, 1, None, "concern"): weekly(series)}, PARAMS) == []


def test_a_burst_is_found_in_its_clearest_window_with_its_evidence():
    key = CellKey(THEME, 1, 10, "concern")
    series = rise(baseline_every=9, recent_per_week=3, recent_weeks=2)
    [finding] = find_signals({key: weekly(series)}, PARAMS)
    assert (finding.direction, finding.window_weeks, finding.recent) == (RISING, 2, 6)
    assert finding.baseline == 8  # weeks 9, 18, … 72 ago: the 78 weeks before the window
    assert finding.p_value <= finding.q_value <= PARAMS.fdr


def test_a_short_history_shortens_the_baseline_instead_of_inventing_quiet_weeks():
    # Sora has been in use for 30 weeks, steadily: no rise, although the weeks before are empty.
    key = CellKey(THEME, 1, None, "concern")
    assert find_signals({key: weekly(steady(3, range(30)))}, PARAMS) != []
    assert find_signals({key: weekly(steady(3, range(30)))}, PARAMS, history_weeks=30) == []


def test_the_season_of_last_year_explains_a_busy_window():
    # Every spring the same four weeks are three times as busy: this spring is no signal.
    key = CellKey(THEME, 1, None, "concern")
    spring = steady(2, range(110)) | steady(6, range(4)) | steady(6, range(52, 56))
    assert find_signals({key: weekly(spring)}, PARAMS) == []
    assert find_signals({key: weekly(spring)}, SignalParams(AS_OF, seasonal=False)) != []


# Each shape of change, counted in the database


@pytest.mark.django_db
def test_a_local_burst_is_one_signal_in_its_municipality(org_a):
    plant(org_a, rise(baseline_every=4, recent_per_week=3, recent_weeks=4), municipalities=["743"])
    plant(org_a, steady(1), municipalities=["005"])
    plant(org_a, steady(1), municipalities=["010"])
    plant(org_a, steady(1), theme="livelihood", municipalities=["743"])
    [finding] = detect_signals(PARAMS)
    assert (finding.key, finding.direction) == (cell("housing", "743"), RISING)
    assert finding.level == MUNICIPALITY
    # The county in the same weeks is the signal's context, not a signal of its own.
    [county] = finding.details
    assert county.municipality_id is None and county.recent > finding.recent


@pytest.mark.django_db
def test_a_county_wide_rise_is_one_signal_with_its_municipalities_as_detail(org_a):
    places = ["005", "010", "145", "301", "408", "743"]
    for place in places:
        plant(org_a, steady(1) | steady(3, range(13)), municipalities=[place])
    [finding] = detect_signals(PARAMS)
    assert (finding.key, finding.direction) == (cell("housing", None), RISING)
    assert finding.level == COUNTY
    ids = set(Municipality.objects.filter(code__in=places).values_list("pk", flat=True))
    assert {d.municipality_id for d in finding.details} == ids
    assert all(d.recent > d.expected for d in finding.details)


@pytest.mark.django_db
def test_a_place_that_stops_reporting_a_problem_is_a_falling_signal(org_a):
    plant(org_a, steady(2, range(13, 104)), municipalities=["005"])
    plant(org_a, steady(2), municipalities=["010"])
    plant(org_a, steady(2), municipalities=["743"])
    [finding] = detect_signals(PARAMS)
    assert (finding.key, finding.direction) == (cell("housing", "005"), FALLING)
    assert finding.recent == 0
    assert finding.expected == pytest.approx(2 * finding.window_weeks, rel=0.1)


@pytest.mark.django_db
def test_a_rise_in_positive_developments_is_tested_apart_from_concerns(org_a):
    plant(org_a, steady(2), municipalities=["743"], signal="concern")
    plant(org_a, rise(baseline_every=4, recent_per_week=2), signal="positive", whole_county=True)
    found = detect_signals(PARAMS)
    assert summary(found) == {(cell("housing", None, "positive"), RISING)}


@pytest.mark.django_db
def test_a_rise_within_one_target_group_is_found_at_that_level(org_a):
    plant(org_a, steady(20), whole_county=True, target_groups=["working_age"])
    older = rise(baseline_every=4, recent_per_week=3)
    plant(org_a, older, whole_county=True, target_groups=["older_people"])
    [finding] = detect_signals(PARAMS)
    assert finding.key == cell("housing", None, target_group="older_people")
    assert (finding.level, finding.direction) == (TARGET_GROUP, RISING)


@pytest.mark.django_db
def test_a_flat_stream_raises_no_false_alarm(org_a):
    generator = random.Random(11)
    for theme in ("housing", "livelihood", "mental_health", "substances"):
        for place in ("005", "010", "743", "301"):
            series = dict(enumerate(poisson_weeks(generator, 0.8, 104)))
            plant(org_a, series, theme=theme, municipalities=[place])
    assert detect_signals(PARAMS) == []


# Counting in the database


@pytest.mark.django_db
def test_whole_county_observations_count_county_wide_only(org_a):
    # Imported rows can name a municipality and the whole county at once.
    series = rise(baseline_every=4, recent_per_week=2)
    plant(org_a, series, municipalities=["743"], whole_county=True)
    cells = count_weeks(as_of=AS_OF, weeks=PARAMS.total_weeks)
    assert set(cells) == {cell("housing", None)}
    assert summary(detect_signals(PARAMS)) == {(cell("housing", None), RISING)}


@pytest.mark.django_db
def test_an_observation_counts_once_in_each_municipality_and_target_group(org_a):
    plant(org_a, {0: 1}, municipalities=["743", "005"], target_groups=["everyone"])
    cells = count_weeks(as_of=AS_OF, weeks=60)
    assert {key: sum(counts) for key, counts in cells.items()} == {
        cell("housing", None): 1,
        cell("housing", "743"): 1,
        cell("housing", "005"): 1,
        cell("housing", None, target_group="everyone"): 1,
    }


@pytest.mark.django_db
def test_scope_limits_the_observations(org_a, org_b):
    plant(org_b, rise(baseline_every=4, recent_per_week=2), municipalities=["743"])
    assert detect_signals(PARAMS, organisation_ids={org_a.pk}) == []
    assert summary(detect_signals(PARAMS, organisation_ids={org_b.pk})) == {
        (cell("housing", "743"), RISING),
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
        SignalParams(AS_OF, windows=(0, 4))
    with pytest.raises(ValueError):
        SignalParams(AS_OF, fdr=0)
    assert PARAMS.week_ranges()[-1] == (AS_OF - datetime.timedelta(days=6), AS_OF)
    assert len(PARAMS.week_ranges()) == PARAMS.total_weeks == 26 + 78 + 2
