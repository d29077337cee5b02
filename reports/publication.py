"""Public reports: which reports may be published to everyone, and the figures every public
version showed.

Why. Each report hides its counts of 1–4, and no sum inside it gives them away. But anyone
may hold every public report at once. "The county without Seinäjoki" subtracted from "the
county" gives Seinäjoki's counts, small or not; July's report subtracted from the quarter's
gives August and September; a report on one target group subtracted from the county's gives
everyone else; the county's report next to the report of every municipality gives the last
one. The suppression of one report cannot see any of that coming.

The rule. A report may be public only when

* it covers the whole county: every organisation whose observations its organisation may
  count, every municipality and every target group (a report on chosen municipalities or
  organisations, or on one target group, stays internal);
* its period is a calendar month, quarter, half-year or year, and it is published only after
  the period has ended (a version published earlier would differ from a later one by the
  observations made in between);
* each period it shows (its own and the one before) is, for every public version published
  before for any of the same organisations, either apart from each period that version shows
  or exactly the same period, and then for exactly the same organisations.

So no public population holds part of another: two public reports count either different
observations or exactly the same ones, whose counts are then the same quantities.

Records. Every generated version keeps its figures (``ReportRun.figures``): what it covers,
every count with its value and how it was shown, and every sum, under keys that name the
period (2026Q3) instead of "this period" and "previous period". A public report is protected
together with the figures of the public versions that showed one of its periods: a count
shown there is the same quantity here where its value is the same (where coding changed it
since, it is hidden here if it was hidden there or moved by 1–4); their status is fixed, so
only this report's counts are hidden to protect them. Publication checks again against the
versions published meanwhile, one publication at a time.

Public versions published before the records existed are recorded when first needed, from
their shown content and the data as it is then.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models.fields.json import KeyTransform
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reports import periods, suppression
from reports.definition import Definition, threshold
from reports.facts import TREND, period_of
from reports.models import Report, ReportRun
from reports.suppression import HIDDEN, NONZERO, SECONDARY, SMALL, VISIBLE, Constraint

CALENDAR = frozenset({periods.MONTH, periods.QUARTER, periods.HALF_YEAR, periods.YEAR})
PUBLISHED = "published"


# What a version covers.


@dataclass(frozen=True)
class Population:
    organisations: frozenset[int]
    municipalities: frozenset[int]  # none: every municipality
    target_group: int | None
    period: periods.Period

    @classmethod
    def of(cls, definition: Definition) -> Population:
        return cls(
            organisations=frozenset(definition.organisation_ids or ()),
            municipalities=frozenset(definition.municipality_ids),
            target_group=definition.target_group_id,
            period=definition.period,
        )

    @classmethod
    def from_json(cls, data: Mapping) -> Population:
        return cls(
            organisations=frozenset(data["organisations"]),
            municipalities=frozenset(data["municipalities"]),
            target_group=data["target_group"],
            period=periods.Period(
                data["kind"],
                datetime.date.fromisoformat(data["first_day"]),
                datetime.date.fromisoformat(data["last_day"]),
            ),
        )

    def as_json(self) -> dict:
        return {
            "organisations": sorted(self.organisations),
            "municipalities": sorted(self.municipalities),
            "target_group": self.target_group,
            "kind": self.period.kind,
            "first_day": self.period.first_day.isoformat(),
            "last_day": self.period.last_day.isoformat(),
        }

    @property
    def shown(self) -> tuple[periods.Period, periods.Period]:
        """The periods whose figures the report shows: its own and the one before."""
        return (self.period, self.period.previous())

    @property
    def whole_county(self) -> bool:
        return not self.municipalities and self.target_group is None

    def same_observations(self, other: Population) -> bool:
        """Whether, in a period both show, both count exactly the same observations."""
        return (
            self.whole_county and other.whole_county and self.organisations == other.organisations
        )


def _overlap(first: periods.Period, second: periods.Period) -> bool:
    return first.first_day <= second.last_day and second.first_day <= first.last_day


def _same(first: periods.Period, second: periods.Period) -> bool:
    return (first.first_day, first.last_day) == (second.first_day, second.last_day)


def population_of(run: ReportRun) -> Population:
    figures = run.figures or {}
    if "population" in figures:
        return Population.from_json(figures["population"])
    return _population_of_report(run.report)


def _population_of_report(report: Report) -> Population:
    with translation.override(report.language):
        return Population.of(Definition.from_report(report))


def public_versions():
    """Every version that was ever published to everyone: a later version or a change to the
    report does not take back what anyone could download."""
    return ReportRun.objects.filter(public_since__isnull=False).select_related("report")


def _public_populations(exclude: Iterable[int]) -> list[tuple[int, int, Population]]:
    """(version, report, what it covers) of every public version, oldest first, without
    loading the figures themselves."""
    rows = (
        ReportRun.objects.filter(public_since__isnull=False)
        .exclude(pk__in=list(exclude))
        .annotate(population=KeyTransform("population", "figures"))
        .order_by("public_since", "pk")
        .values_list("pk", "report_id", "population")
    )
    found = []
    for pk, report_id, population in rows:
        if population is None:
            found.append((pk, report_id, _population_of_report(Report.objects.get(pk=report_id))))
        else:
            found.append((pk, report_id, Population.from_json(population)))
    return found


# The rule.


def definition_problems(*, scope: str, target_group, period_kind: str) -> dict[str, str]:
    """What keeps a definition from being public, by form field."""
    problems = {}
    if scope != Report.Scope.COUNTY:
        problems["scope"] = _(
            "A public report must cover the whole county. A report on chosen municipalities "
            "or organisations can only be internal: two public reports on overlapping areas "
            "could be subtracted from each other to reveal the small counts that each of them "
            "hides."
        )
    if target_group is not None:
        problems["target_group"] = _(
            "A public report must cover every target group. A report on one target group can "
            "only be internal: subtracted from the report on all target groups, it would "
            "reveal the small counts that both hide."
        )
    if period_kind not in CALENDAR:
        problems["period_kind"] = _(
            "A public report must cover a calendar month, quarter, half-year or year. Custom "
            "dates can only be used in internal reports: overlapping periods could be "
            "subtracted from each other to reveal the small counts that each of them hides."
        )
    return problems


def conflicts(population: Population, *, exclude: Iterable[int] = ()) -> list[ReportRun]:
    """The public versions whose figures could be subtracted from those of a public report
    on ``population``, one per report."""
    found: dict[int, int] = {}
    for pk, report_id, other in _public_populations(exclude):
        if not other.organisations & population.organisations or report_id in found:
            continue
        pairs = [(a, b) for a in population.shown for b in other.shown if _overlap(a, b)]
        if not pairs:
            continue
        if population.same_observations(other) and all(_same(a, b) for a, b in pairs):
            continue
        found[report_id] = pk
    runs = public_versions().in_bulk(list(found.values()))
    return [runs[pk] for pk in found.values()]


def conflict_message(run: ReportRun) -> str:
    period = population_of(run).period
    return _(
        "The public report “%(title)s” (%(first)s–%(last)s) counts observations of some of "
        "the same organisations in an overlapping period; both reports also show the period "
        "before their own. Public reports must cover periods apart from each other, or "
        "exactly the same period and organisations: otherwise their figures could be "
        "subtracted from each other to reveal small counts. Choose another period or keep "
        "this report internal."
    ) % {
        "title": run.report,
        "first": date_format(period.first_day, "SHORT_DATE_FORMAT"),
        "last": date_format(period.last_day, "SHORT_DATE_FORMAT"),
    }


def public_problems(report: Report, run: ReportRun | None = None) -> list[str]:
    """Why the report — the version ``run`` of it, if given, which counts what it counted
    when generated — cannot be published to everyone, in the active language; nothing for
    an internal report."""
    if report.audience != Report.Audience.PUBLIC:
        return []
    found = definition_problems(
        scope=report.scope, target_group=report.target_group_id, period_kind=report.period_kind
    )
    if found:
        return list(found.values())
    if run is not None and run.figures:
        population = population_of(run)
    else:
        population = _population_of_report(report)
    problems = []
    if population.period.end > timezone.now():
        day_after = population.period.last_day + datetime.timedelta(days=1)
        problems.append(
            _(
                "A public report can be published once its period has ended, on %(day)s or "
                "later: a version published sooner would differ from a later one by the "
                "observations made in between, and the difference would reveal them."
            )
            % {"day": date_format(day_after, "SHORT_DATE_FORMAT")}
        )
    problems += [conflict_message(run) for run in conflicts(population)]
    return list(dict.fromkeys(problems))


# Records.


def _namer(period: periods.Period):
    """Keys that name the period: ("theme", 4, "current") becomes ("theme", 4, "2026Q3")."""
    codes = {when: period_of(period, when).code() for when in TREND}

    def name(key: tuple) -> tuple:
        return (*key[:-1], codes[key[-1]])

    return name


def figures_of(
    definition: Definition, values: Mapping, constraints: list[Constraint], status: Mapping
) -> dict:
    """A version's figures as stored with it."""
    name = _namer(definition.period)
    return {
        "population": Population.of(definition).as_json(),
        "counts": [[list(name(key)), value, status[key]] for key, value in values.items()],
        "constraints": [
            [list(name(c.total)), [list(name(part)) for part in c.parts]] for c in constraints
        ],
    }


@dataclass
class Record:
    """The figures of one public version, under keys that name their period."""

    run_id: int
    population: Population
    values: dict[tuple, int]
    status: dict[tuple, str]
    constraints: list[Constraint] = field(default_factory=list)

    @classmethod
    def from_figures(cls, run_id: int, figures: Mapping) -> Record:
        return cls(
            run_id=run_id,
            population=Population.from_json(figures["population"]),
            values={tuple(key): value for key, value, _state in figures["counts"]},
            status={tuple(key): state for key, _value, state in figures["counts"]},
            constraints=[
                Constraint(tuple(total), tuple(tuple(part) for part in parts))
                for total, parts in figures["constraints"]
            ],
        )

    def key(self, key: tuple) -> Hashable:
        return (PUBLISHED, self.run_id, key)


def record_of(run: ReportRun) -> Record:
    figures = run.figures or {}
    if "counts" not in figures:
        figures = _recorded_again(run)
    return Record.from_figures(run.pk, figures)


def linked_records(population: Population, *, exclude: Iterable[int] = ()) -> list[Record]:
    """The figures of the public versions that counted the same observations in a period
    this population shows, and of those that did so in a period one of them shows, and so
    on: a listed row ties a report's two periods together, so what one version tells of a
    period can reach the next."""
    candidates = [
        (pk, {(p.first_day, p.last_day) for p in other.shown})
        for pk, _report_id, other in _public_populations(exclude)
        if population.same_observations(other)
    ]
    reached = {(p.first_day, p.last_day) for p in population.shown}
    linked: set[int] = set()
    grown = True
    while grown:
        grown = False
        for pk, days in candidates:
            if pk not in linked and days & reached:
                linked.add(pk)
                reached |= days
                grown = True
    runs = public_versions().in_bulk(sorted(linked))
    return [record_of(runs[pk]) for pk in sorted(linked)]


@dataclass
class Joined:
    """The published counts beside a report's own: their values, their sums and the sums
    that say a count is the same quantity in both, their fixed status, and the report's
    counts to hide whatever their value."""

    values: dict = field(default_factory=dict)
    constraints: list[Constraint] = field(default_factory=list)
    fixed: dict = field(default_factory=dict)
    hidden: set = field(default_factory=set)


def join(ours: Mapping[tuple, int], records: list[Record], limit: int) -> Joined:
    joined = Joined()
    for index, record in enumerate(records):
        for key, value in record.values.items():
            joined.values[record.key(key)] = value
            joined.fixed[record.key(key)] = record.status[key]
        joined.constraints += [
            Constraint(record.key(c.total), tuple(record.key(p) for p in c.parts))
            for c in record.constraints
        ]
        for earlier in records[:index]:
            joined.constraints += [
                Constraint(record.key(key), (earlier.key(key),))
                for key, value in record.values.items()
                if earlier.values.get(key) == value
            ]
        for key, value in ours.items():
            if key not in record.values:
                continue
            before = record.values[key]
            if before == value:
                joined.constraints.append(Constraint(key, (record.key(key),)))
            elif record.status[key] in HIDDEN or abs(value - before) < limit:
                joined.hidden.add(key)
    return joined


class Links:
    """What a public report is protected together with (see ``content.protect_sections``)."""

    def __init__(self, definition: Definition, records: list[Record]) -> None:
        self.name = _namer(definition.period)
        self.records = records

    def protect(
        self, values: Mapping, constraints: list[Constraint], limit: int, *, fixed: Mapping
    ) -> dict:
        ours = {self.name(key): value for key, value in values.items()}
        sums = [Constraint(self.name(c.total), tuple(map(self.name, c.parts))) for c in constraints]
        joined = join(ours, self.records, limit)
        status = suppression.protect(
            {**ours, **joined.values},
            sums + joined.constraints,
            limit,
            fixed={**{self.name(key): state for key, state in fixed.items()}, **joined.fixed},
            hidden=joined.hidden,
        )
        return {key: status[self.name(key)] for key in values}


def links_for(definition: Definition) -> Links | None:
    """The links of a public report; None for an internal one."""
    if not definition.public:
        return None
    return Links(definition, linked_records(Population.of(definition)))


def reveals_with_published(run: ReportRun) -> bool:
    """Whether the version, published now, would let a hidden count be worked out together
    with the public versions published before it (those published after it was generated
    included), or shows a count that changed by 1–4 since another showed it hidden."""
    record = record_of(run)
    others = linked_records(record.population, exclude=[run.pk])
    if not others:
        return False
    limit = threshold()
    joined = join(record.values, others, limit)
    if any(record.status[key] == VISIBLE for key in joined.hidden):
        return True
    values = {**record.values, **joined.values}
    constraints = record.constraints + joined.constraints
    status = {**record.status, **joined.fixed}
    before = {**status, **dict.fromkeys(record.values, SECONDARY)}
    already = set(suppression.disclosed(values, before, constraints, limit))
    return bool(set(suppression.disclosed(values, status, constraints, limit)) - already)


def _recorded_again(run: ReportRun) -> dict:
    """Record a version published before versions kept their figures: its counts and sums
    drafted again from the data as it is now, each shown as its content showed it (a count
    the content does not show as the same number counts as hidden)."""
    from reports.build import draft
    from reports.content import protect_sections
    from reports.facts import Facts

    population = population_of(run)
    definition = Definition(
        period=population.period,
        language=run.report.language,
        organisation_ids=population.organisations,
        municipality_ids=population.municipalities,
        target_group_id=population.target_group,
        public=True,
    )
    limit = threshold()
    with translation.override(definition.language):
        drafted = draft(Facts(definition))
    values, constraints, drafted_status = protect_sections(drafted, limit)
    shown = _as_shown(drafted, run.content or {}, limit)
    status = {
        key: state if state == NONZERO else shown.get(key, SECONDARY)
        for key, state in drafted_status.items()
    }
    figures = figures_of(definition, values, constraints, status)
    figures["recorded_again"] = True
    run.figures = figures
    run.save(update_fields=["figures"])
    return figures


def _as_shown(drafted, content: Mapping, limit: int) -> dict:
    from reports.content import Count

    printed = {t["id"]: t for s in content.get("sections", []) for t in s.get("tables", [])}
    seen: dict = {}
    for spec in (table for section in drafted for table in section.tables):
        rows = {row["label"]: row["cells"] for row in printed.get(spec.id, {}).get("rows", [])}
        for label, cells in spec.rows:
            for index, cell in enumerate(cells):
                if isinstance(cell, Count):
                    shown = rows.get(label, [])
                    state = _state(cell, shown[index] if index < len(shown) else None, limit)
                    seen.setdefault(cell.key, set()).add(state)
    status = {}
    for key, states in seen.items():
        status[key] = next((s for s in (SECONDARY, SMALL) if s in states), VISIBLE)
    return status


def _state(cell, shown: Mapping | None, limit: int) -> str:
    if shown is None:
        return SECONDARY
    if shown["value"] is None:
        small = shown["text"].startswith("<") and 0 < cell.value < limit
        return SMALL if small else SECONDARY
    return VISIBLE if shown["value"] == cell.value else SECONDARY
