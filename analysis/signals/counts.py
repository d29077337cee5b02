"""Weekly observation counts per theme or phenomenon, per municipality and county-wide.

The database does the counting: one aggregate query per kind and level over the
many-to-many tables, grouped by subject, municipality, signal direction and week, so a
million observations never travel to Python. Weeks are seven-day blocks of Helsinki days
ending with the as-of date; their edges are computed here as instants and the database only
compares timestamps, which is exact across daylight-saving changes on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    Count,
    Expression,
    F,
    IntegerField,
    Min,
    Model,
    QuerySet,
    Value,
    When,
)

from analysis.models import Phenomenon, PhenomenonLink
from reporting.models import Observation

COUNTY_TIME_ZONE = ZoneInfo("Europe/Helsinki")

THEME = "theme"
PHENOMENON = "phenomenon"

COUNTY = "county"
MUNICIPALITY = "municipality"
TARGET_GROUP = "target_group"
LEVELS = (COUNTY, MUNICIPALITY, TARGET_GROUP)


@dataclass(frozen=True, order=True)
class CellKey:
    """One series that is tested: a theme or phenomenon, an area or a target group, and a
    signal direction.

    ``municipality_id`` is None for the whole county; ``target_group_id`` is set only for the
    county-wide series of one target group.
    """

    kind: str
    subject_id: int
    municipality_id: int | None
    signal: str
    target_group_id: int | None = None

    @property
    def level(self) -> str:
        if self.municipality_id is not None:
            return MUNICIPALITY
        return COUNTY if self.target_group_id is None else TARGET_GROUP

    @property
    def county(self) -> CellKey:
        """The county-wide series this one is part of."""
        return CellKey(self.kind, self.subject_id, None, self.signal)


def week_edges(as_of: datetime.date, weeks: int) -> list[datetime.datetime]:
    """The ``weeks + 1`` instants that bound the weeks, oldest first.

    The last edge is the Helsinki midnight that ends ``as_of``; each earlier one is the
    Helsinki midnight seven days before, so a week stays seven calendar days even when it
    holds a daylight-saving change.
    """
    end = as_of + datetime.timedelta(days=1)
    days = [end - datetime.timedelta(days=7 * back) for back in range(weeks, -1, -1)]
    return [datetime.datetime.combine(day, datetime.time.min, COUNTY_TIME_ZONE) for day in days]


def week_index(field: str, edges: list[datetime.datetime]) -> Expression:
    """A SQL expression giving the week (0 = oldest) of the timestamp in ``field``.

    A balanced tree of CASE comparisons: six comparisons a row for sixty weeks, instead of a
    chain of sixty, and portable where date arithmetic is not.
    """

    def branch(low: int, high: int) -> Expression:
        if high - low == 1:
            return Value(low)
        middle = (low + high) // 2
        return Case(
            When(**{f"{field}__lt": edges[middle]}, then=branch(low, middle)),
            default=branch(middle, high),
            output_field=IntegerField(),
        )

    return branch(0, len(edges) - 1)


def count_weeks(
    *,
    as_of: datetime.date,
    weeks: int,
    organisation_ids: Collection[int] | None = None,
    phenomena: QuerySet[Phenomenon] | None = None,
) -> dict[CellKey, list[int]]:
    """Weekly counts, oldest week first, for every cell with at least one observation.

    ``organisation_ids`` limits the observations to an analyst's scope (None: all).
    ``phenomena`` limits which phenomena are counted (None: every active phenomenon).
    Observations for the whole county count county-wide only; one naming several
    municipalities counts once in each of them and once county-wide; the same for target
    groups, which are counted county-wide.
    """
    edges = week_edges(as_of, weeks)
    cells: dict[CellKey, list[int]] = {}
    for kind, query in _queries(edges, organisation_ids, phenomena):
        for row in query:
            key = CellKey(
                kind, row["subject"], row["municipality"], row["signal"], row["target_group"]
            )
            cells.setdefault(key, [0] * weeks)[row["week"]] += row["n"]
    return cells


def history_weeks(*, as_of: datetime.date, organisation_ids: Collection[int] | None = None) -> int:
    """How many weeks (ending with ``as_of``) hold observations of the scope: the baselines
    and the seasonal comparison use no weeks from before Sora was in use."""
    observations = Observation.objects.filter(submitted_at__lt=week_edges(as_of, 0)[-1])
    if organisation_ids is not None:
        observations = observations.filter(organisation_id__in=list(organisation_ids))
    first = observations.aggregate(first=Min("submitted_at"))["first"]
    if first is None:
        return 0
    days = (as_of - first.astimezone(COUNTY_TIME_ZONE).date()).days
    return days // 7 + 1


def _queries(
    edges: list[datetime.datetime],
    organisation_ids: Collection[int] | None,
    phenomena: QuerySet[Phenomenon] | None,
) -> Iterable[tuple[str, QuerySet]]:
    themes = Observation.themes.through.objects.all()
    links = PhenomenonLink.objects.filter(phenomenon__status=Phenomenon.Status.ACTIVE)
    if phenomena is not None:
        links = links.filter(phenomenon__in=phenomena.values("pk"))
    for kind, rows, subject in ((THEME, themes, "theme_id"), (PHENOMENON, links, "phenomenon_id")):
        rows = _in_window(rows, edges, organisation_ids)
        yield kind, _grouped(rows, subject, edges)
        local = rows.filter(observation__whole_county=False)
        yield kind, _grouped(local, subject, edges, area="observation__municipalities")
        yield kind, _grouped(rows, subject, edges, group="observation__target_groups")


def _in_window(
    rows: QuerySet[Model],
    edges: list[datetime.datetime],
    organisation_ids: Collection[int] | None,
) -> QuerySet[Model]:
    rows = rows.filter(
        observation__submitted_at__gte=edges[0], observation__submitted_at__lt=edges[-1]
    )
    if organisation_ids is not None:
        rows = rows.filter(observation__organisation_id__in=list(organisation_ids))
    return rows


def _grouped(
    rows: QuerySet[Model],
    subject: str,
    edges: list[datetime.datetime],
    *,
    area: str | None = None,
    group: str | None = None,
) -> QuerySet:
    """One aggregate query: counts by subject, area or target group, signal and week."""
    for path in (area, group):
        if path is not None:
            rows = rows.filter(**{f"{path}__isnull": False})
    return (
        rows.values(
            subject=F(subject),
            municipality=F(area) if area else Value(None, output_field=IntegerField()),
            target_group=F(group) if group else Value(None, output_field=IntegerField()),
            signal=F("observation__signal"),
            week=week_index("observation__submitted_at", edges),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
