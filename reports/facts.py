"""The counts a report is drafted from, for its period and the period before.

Each question is one aggregate query per period, answered by the database; nothing loops
over observations in Python, so a county's hundred thousand observations a quarter cost a
handful of queries.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property

from django.db.models import Count, QuerySet

from analysis.models import PhenomenonLink
from reporting.models import Observation
from reports.definition import Definition, threshold

CURRENT = "current"
PREVIOUS = "previous"
WHEN = (CURRENT, PREVIOUS)


class Facts:
    def __init__(self, definition: Definition) -> None:
        self.definition = definition
        self.periods = {CURRENT: definition.period, PREVIOUS: definition.period.previous()}
        self.threshold = threshold()
        self._cache: dict = {}

    def rows(self, when: str) -> QuerySet[Observation]:
        return self.definition.observations(self.periods[when])

    def _memo(self, name: str, when: str, compute):
        key = (name, when)
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def total(self, when: str) -> int:
        return self._memo("total", when, lambda: self.rows(when).count())

    def by_field(self, when: str, field: str) -> dict:
        """Counts per value of a single-valued field (``signal``, ``profession_id``, …)."""

        def compute():
            rows = self.rows(when).values(field).annotate(n=Count("pk")).order_by()
            return {row[field]: row["n"] for row in rows}

        return self._memo(f"field:{field}", when, compute)

    def by_relation(self, when: str, relation: str, target: str) -> dict:
        """Counts per related object of a many-to-many field (themes, target groups, …)."""

        def compute():
            through = getattr(Observation, relation).through.objects
            rows = (
                through.filter(observation_id__in=self.rows(when).values("pk"))
                .values(target)
                .annotate(n=Count("pk"))
                .order_by()
            )
            return {row[target]: row["n"] for row in rows}

        return self._memo(f"relation:{relation}", when, compute)

    def theme_signal(self, when: str) -> dict[tuple[int, str], int]:
        def compute():
            rows = (
                Observation.themes.through.objects.filter(
                    observation_id__in=self.rows(when).values("pk")
                )
                .values("theme_id", "observation__signal")
                .annotate(n=Count("pk"))
                .order_by()
            )
            return {(row["theme_id"], row["observation__signal"]): row["n"] for row in rows}

        return self._memo("theme_signal", when, compute)

    def distinct(self, when: str, field: str) -> int:
        return self._memo(
            f"distinct:{field}",
            when,
            lambda: (
                self.rows(when)
                .exclude(**{f"{field}__isnull": True})
                .values(field)
                .distinct()
                .count()
            ),
        )

    def whole_county(self, when: str) -> int:
        return self._memo(
            "whole_county", when, lambda: self.rows(when).filter(whole_county=True).count()
        )

    def phenomena(self, when: str) -> Counter:
        def compute():
            rows = (
                PhenomenonLink.objects.filter(
                    observation_id__in=self.rows(when).values("pk"),
                    phenomenon__in=self.definition.phenomena().values("pk"),
                )
                .values("phenomenon_id")
                .annotate(n=Count("pk"))
                .order_by()
            )
            return Counter({row["phenomenon_id"]: row["n"] for row in rows})

        return self._memo("phenomena", when, compute)

    @cached_property
    def theme_ids(self) -> set[int]:
        return {t for when in WHEN for t, _signal in self.theme_signal(when)}
