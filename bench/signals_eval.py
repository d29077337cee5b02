"""Measure the early signals on simulated scenarios with planted changes.

    .venv/bin/python bench/signals_eval.py [--seeds 1-60] [--variant default|busy|...|all]
                                           [--detectors sora,textbook,...] [--split 30]

For every seed, ``bench/signals_scenarios.py`` makes a two-year stream of observations with zero
to three planted changes (a local burst, a county-wide rise, a municipality that stops reporting
a problem, a rise in positive developments). The stream is written through the real models into
a scratch SQLite database (bulk creation of observations and their theme, municipality and
target-group links, then Sora's own weekly counting), and each detector runs as of the
scenario's last day. A planted change is found by a signal on its theme, in its direction, of
its signal kind, in its municipality (a county-wide change: anywhere); a signal on a theme with
no planted change (nor moved by one as a side effect) is a false alarm.

Printed per detector: the share of planted changes found, overall and per shape; false alarms
per scenario; and for the changes found, the median weeks from the change's start to the first
week whose run found it (running the detector as of every earlier week), also as a share of the
change's window. Seeds up to ``--split`` are the ones the defaults were chosen on; the rest are
held out, and all three ranges are printed.

Detectors:
  sora        the product's ``find_signals`` with its defaults
  textbook    exact Poisson tests of the last 4, 8, 13 and 26 weeks against the 52 weeks before
              each window, every theme × municipality (and county) × signal cell, one
              Benjamini–Hochberg family at q = 0.001 (``textbook-01``: q = 0.01)
  farrington  Farrington-type: each window against last year's same weeks ±2 only (the
              seasonal reference weeks), exact conditional test, one BH family at q = 0.01
  cusum       Poisson CUSUM (Lucas) over the last 26 weeks for a doubling (a rise) or a fall to
              a quarter, rate from the 52 weeks before; p <= 26·exp(-max S), BH at q = 0.01
  sora-flat   ablation: the product's tests in a single family, no levels made consistent
  sora-noseason, sora-8w   ablations: no seasonal factor; only the 8-week window
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import stats

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import signals_scenarios as scenarios  # noqa: E402

SCENARIO_WEEKS = 104  # each scenario's stream: two years
COUNTED_WEEKS = 160  # counted back from its last day, for runs as of earlier weeks too
SHAPES = scenarios.SHAPES
RISES = ("local_burst", "county_rise", "positive_rise")


def setup_django(path: Path) -> None:
    os.environ.update(
        DEBUG="false",
        SECRET_KEY="signals-eval-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        HTTPS="false",
        DATABASE_URL=f"sqlite:///{path}",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="sora.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@dataclass
class Reference:
    """Codes by database id, and the organisation the observations belong to."""

    organisation: object
    themes: dict[str, int]
    municipalities: dict[str, int]
    target_groups: dict[str, int]
    theme_codes: dict[int, str] = field(default_factory=dict)
    municipality_codes: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Reference:
        from accounts.models import Organisation, OrganisationType
        from reporting.models import Municipality, TargetGroup, Theme

        organisation, _ = Organisation.objects.get_or_create(
            code="eval-org",
            defaults={"name_fi": "Arviointi", "type": OrganisationType.objects.first()},
        )
        themes = dict(Theme.objects.values_list("code", "pk"))
        municipalities = dict(Municipality.objects.values_list("code", "pk"))
        return cls(
            organisation=organisation,
            themes=themes,
            municipalities=municipalities,
            target_groups=dict(TargetGroup.objects.values_list("code", "pk")),
            theme_codes={pk: code for code, pk in themes.items()},
            municipality_codes={pk: code for code, pk in municipalities.items()},
        )


def load(rows: list[dict], reference: Reference) -> None:
    """Replace the database's observations with ``rows``, through the real models."""
    from django.db import connection, transaction

    from analysis.signals.counts import COUNTY_TIME_ZONE
    from reporting.models import Observation

    with transaction.atomic():
        with connection.cursor() as cursor:
            for table in (
                "reporting_observation_themes",
                "reporting_observation_municipalities",
                "reporting_observation_target_groups",
                "reporting_observation",
            ):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
        observations = Observation.objects.bulk_create(
            Observation(
                channel="import",
                organisation=reference.organisation,
                text="Havainto",
                signal=row["signal"],
                language="fi",
                external_id=row["external_id"],
                submitted_at=datetime.datetime.combine(
                    datetime.date.fromisoformat(row["submitted_at"]),
                    datetime.time(12),
                    COUNTY_TIME_ZONE,
                ),
            )
            for row in rows
        )
        links = (
            (Observation.themes.through, "theme_id", "themes", reference.themes),
            (
                Observation.municipalities.through,
                "municipality_id",
                "municipality_codes",
                reference.municipalities,
            ),
            (
                Observation.target_groups.through,
                "targetgroup_id",
                "target_groups",
                reference.target_groups,
            ),
        )
        for through, column, name, ids in links:
            through.objects.bulk_create(
                through(observation_id=o.pk, **{column: ids[code]})
                for o, row in zip(observations, rows, strict=True)
                for code in dict.fromkeys(row[name])
            )


def count(as_of: datetime.date) -> dict:
    from analysis.signals import count_weeks

    return {
        key: np.array(series)
        for key, series in count_weeks(as_of=as_of, weeks=COUNTED_WEEKS).items()
    }


# Detectors: each takes the counted weeks (104, ending with the scenario's last day), how many
# of the last weeks to leave out (to run as of an earlier week) and the scenario's last day,
# and returns its signals as {"code", "municipality", "direction", "signal"}.


def sora_detector(**overrides):
    from analysis.signals import THEME, SignalParams, find_signals

    def detect(cells, back, as_of, reference):
        params = SignalParams(as_of=as_of - datetime.timedelta(weeks=back), **overrides)
        end = COUNTED_WEEKS - back
        start = end - params.total_weeks
        window = {key: series[start:end] for key, series in cells.items()}
        found = find_signals(window, params, history_weeks=SCENARIO_WEEKS - back)
        return [prediction(reference, f.key, f.direction) for f in found if f.key.kind == THEME]

    return detect


def prediction(reference, key, direction):
    return {
        "code": reference.theme_codes[key.subject_id],
        "municipality": reference.municipality_codes.get(key.municipality_id),
        "direction": direction,
        "signal": key.signal,
    }


def _area_cells(cells):
    return {k: s for k, s in cells.items() if k.target_group_id is None and k.kind == "theme"}


def textbook_detector(q: float, empty: str = "skip"):
    def detect(cells, back, as_of, reference):
        cells = _area_cells(cells)
        keys = list(cells)
        counts = np.array([cells[k][: COUNTED_WEEKS - back] for k in keys])
        end = counts.shape[1]
        p_values, tests = [], []
        for weeks in (4, 8, 13, 26):
            recent = counts[:, end - weeks :].sum(axis=1)
            baseline = counts[:, end - weeks - 52 : end - weeks].sum(axis=1)
            mean = baseline * weeks / 52
            if empty == "floor":
                mean = np.maximum(baseline, 0.5) * weeks / 52
            elif empty == "plus1":
                mean = (baseline + 1) * weeks / 52
            elif empty == "any":
                mean = np.maximum(baseline, 1) * weeks / 52
            rise = stats.poisson.sf(recent - 1, mean)
            fall = stats.poisson.cdf(recent, mean)
            for direction, p in (("rising", rise), ("falling", fall)):
                if empty == "skip":
                    p = np.where(baseline > 0, p, 1.0)
                p_values.append(p)
                tests.extend((row, direction) for row in range(len(keys)))
        p = np.concatenate(p_values)
        found = stats.false_discovery_control(p, method="bh") <= q
        listed = {tests[i] for i in np.flatnonzero(found)}
        return [prediction(reference, keys[row], direction) for row, direction in listed]

    return detect


def farrington_detector(q: float = 0.01, margin: int = 2):
    from analysis.signals import stats as sora_stats

    def detect(cells, back, as_of, reference):
        cells = _area_cells(cells)
        keys = list(cells)
        counts = np.array([cells[k][: COUNTED_WEEKS - back] for k in keys])
        end = counts.shape[1]
        tails = {"rising": [], "falling": []}
        for weeks in (4, 8, 13, 26):
            start = end - 52 - weeks - margin
            if start < 0:
                continue
            recent = counts[:, end - weeks :].sum(axis=1)
            reference_weeks = counts[:, start : end - 52 + margin].sum(axis=1)
            share = sora_stats.window_share(weeks, weeks + 2 * margin)
            rise, fall = sora_stats.rate_ratio_tails(recent, reference_weeks, share)
            tails["rising"].append(rise)
            tails["falling"].append(fall)
        listed = []
        p = {d: sora_stats.simes(np.stack(t, axis=-1)) for d, t in tails.items()}
        all_p = np.concatenate([p["rising"], p["falling"]])
        found = stats.false_discovery_control(all_p, method="bh") <= q
        for index in np.flatnonzero(found):
            direction = "rising" if index < len(keys) else "falling"
            listed.append(prediction(reference, keys[index % len(keys)], direction))
        return listed

    return detect


def cusum_detector(q: float = 0.01, span: int = 26):
    def detect(cells, back, as_of, reference):
        cells = _area_cells(cells)
        keys = list(cells)
        counts = np.array([cells[k][: COUNTED_WEEKS - back] for k in keys], dtype=float)
        end = counts.shape[1]
        rate = (counts[:, end - span - 52 : end - span].sum(axis=1) + 0.5) / 52
        monitored = counts[:, end - span :]
        p_values = []
        for factor in (2.0, 0.25):
            increments = monitored * np.log(factor) - (factor - 1) * rate[:, None]
            score = np.zeros(len(keys))
            peak = np.zeros(len(keys))
            for week in range(span):
                score = np.maximum(0.0, score + increments[:, week])
                peak = np.maximum(peak, score)
            p_values.append(np.minimum(1.0, span * np.exp(-peak)))
        found = stats.false_discovery_control(np.concatenate(p_values), method="bh") <= q
        return [
            prediction(reference, keys[i % len(keys)], "rising" if i < len(keys) else "falling")
            for i in np.flatnonzero(found)
        ]

    return detect


DETECTORS = {
    "sora": lambda: sora_detector(),
    "textbook": lambda: textbook_detector(0.001),
    "textbook-01": lambda: textbook_detector(0.01),
    "farrington": lambda: farrington_detector(),
    "cusum": lambda: cusum_detector(),
    "sora-flat": lambda: sora_detector(separate_levels=False, consolidate=False),
    "sora-noseason": lambda: sora_detector(seasonal=False),
    "sora-8w": lambda: sora_detector(windows=(8,)),
}
DEFAULT_DETECTORS = "sora,textbook,textbook-01,farrington,cusum,sora-flat,sora-noseason,sora-8w"


@dataclass
class Outcome:
    seed: int
    shapes: list[str]
    found: list[bool]
    false_alarms: int
    delays: list[tuple[str, int, int]]  # shape, weeks to the first flag, the change's weeks


def judge(gold, predictions):
    return scenarios.judge(gold, {"signals": predictions})


def evaluate(detect, cells, gold, reference, *, timing: bool) -> Outcome:
    as_of = datetime.date.fromisoformat(gold["as_of"])
    found, false = judge(gold, detect(cells, 0, as_of, reference))
    delays = []
    if timing:
        for change, ok in zip(gold["planted"], found, strict=True):
            if not ok:
                continue
            weeks = change["window"]["weeks"]
            for elapsed in range(1, weeks + 1):
                single = {**gold, "planted": [change]}
                hit, _ = judge(single, detect(cells, weeks - elapsed, as_of, reference))
                if hit[0]:
                    delays.append((change["shape"], elapsed, weeks))
                    break
    return Outcome(gold["seed"], [c["shape"] for c in gold["planted"]], found, len(false), delays)


def summarise(name: str, outcomes: list[Outcome]) -> str:
    planted = defaultdict(int)
    found = defaultdict(int)
    for outcome in outcomes:
        for shape, ok in zip(outcome.shapes, outcome.found, strict=True):
            planted[shape] += 1
            found[shape] += ok
    total = sum(planted.values())
    overall = sum(found.values()) / total if total else float("nan")
    alarms = sum(o.false_alarms for o in outcomes) / len(outcomes)
    shares = "  ".join(
        f"{shape} {found[shape]}/{planted[shape]} ({_percent(found[shape], planted[shape])})"
        for shape in SHAPES
    )
    line = (
        f"{name:<14} found {sum(found.values())}/{total} ({overall:.0%})  "
        f"false alarms/scenario {alarms:.2f}  | {shares}"
    )
    delays = [d for o in outcomes for d in o.delays]
    rises = [d for d in delays if d[0] in RISES]
    falls = [d for d in delays if d[0] not in RISES]
    for label, chosen in (("rises", rises), ("falls", falls)):
        if chosen:
            weeks = statistics.median(d[1] for d in chosen)
            share = statistics.median(d[1] / d[2] for d in chosen)
            line += f"\n{'':<14} {label}: first flag {weeks:g} weeks after the start (median), "
            line += f"{share:.0%} of the change's window"
    return line


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def parse_seeds(text: str) -> list[int]:
    seeds = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        seeds.extend(range(int(first), int(last or first) + 1))
    return seeds


def run(variant_name: str, seeds: list[int], names: list[str], split: int, timing: bool) -> None:
    variant = scenarios.VARIANTS[variant_name]
    reference = Reference.load()
    detectors = {name: DETECTORS[name]() for name in names}
    outcomes: dict[str, list[Outcome]] = defaultdict(list)
    started = time.perf_counter()
    for seed in seeds:
        rows, gold = scenarios.make(seed, "eval-org", variant)
        load(rows, reference)
        cells = count(datetime.date.fromisoformat(gold["as_of"]))
        for name, detect in detectors.items():
            outcomes[name].append(evaluate(detect, cells, gold, reference, timing=timing))
    elapsed = time.perf_counter() - started
    print(f"\n== variant {variant_name}: seeds {seeds[0]}-{seeds[-1]} ({elapsed:.0f} s)")
    ranges = [("all", seeds)]
    tuned = [s for s in seeds if s <= split]
    held = [s for s in seeds if s > split]
    if tuned and held:
        ranges = [
            (f"seeds {tuned[0]}-{tuned[-1]} (tuning)", tuned),
            (f"seeds {held[0]}-{held[-1]} (held out)", held),
            (f"seeds {seeds[0]}-{seeds[-1]}", seeds),
        ]
    for label, chosen in ranges:
        print(f"-- {label}")
        for name in names:
            picked = [o for o in outcomes[name] if o.seed in set(chosen)]
            print(summarise(name, picked))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="1-60")
    parser.add_argument("--variant", default="default", help="a name, or all")
    parser.add_argument("--detectors", default=DEFAULT_DETECTORS)
    parser.add_argument("--split", type=int, default=30, help="last seed used for tuning")
    parser.add_argument("--no-timing", action="store_true", help="skip the weeks to first flag")
    args = parser.parse_args()
    names = args.detectors.split(",")
    unknown = set(names) - set(DETECTORS)
    if unknown:
        parser.error(f"unknown detectors: {', '.join(sorted(unknown))}")
    variants = list(scenarios.VARIANTS) if args.variant == "all" else [args.variant]
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "signals-eval.sqlite3")
        for variant in variants:
            run(variant, parse_seeds(args.seeds), names, args.split, not args.no_timing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
