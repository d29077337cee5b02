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

from django.db.models import Case, Count, Expression, F, IntegerField, Model, QuerySet, Value, When

from analysis.models import Phenomenon, PhenomenonLink
from reporting.models import Observation

COUNTY_TIME_ZONE = ZoneInfo("Europe/Helsinki")

THEME = "theme"
PHENOMENON = "phenomenon"


@dataclass(frozen=True, order=True)
class CellKey:
    """One series that is tested: a theme or phenomenon, an area and a signal direction.

    ``municipality_id`` is None for the whole county.
    """

    kind: str
    subject_id: int
    municipality_id: int | None
    signal: str


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
    municipalities counts once in each of them and once county-wide.
    """
    edges = week_edges(as_of, weeks)
    cells: dict[CellKey, list[int]] = {}
    for kind, query in _queries(edges, organisation_ids, phenomena):
        for row in query:
            key = CellKey(kind, row["subject"], row["municipality"], row["signal"])
            cells.setdefault(key, [0] * weeks)[row["week"]] += row["n"]
    return cells


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
        yield kind, _grouped(rows, subject, None, edges)
        local = rows.filter(observation__whole_county=False)
        yield kind, _grouped(local, subject, "observation__municipalities", edges)


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
    rows: QuerySet[Model], subject: str, area: str | None, edges: list[datetime.datetime]
) -> QuerySet:
    """One aggregate query: counts by subject, area, signal direction and week."""
    if area is not None:
        rows = rows.filter(**{f"{area}__isnull": False})
    return (
        rows.values(
            subject=F(subject),
            municipality=F(area) if area else Value(None, output_field=IntegerField()),
            signal=F("observation__signal"),
            week=week_index("observation__submitted_at", edges),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
