"""What a report covers, as the builder needs it: the period and the observations in scope.

A saved report and the ``build_report`` command both come down to a ``Definition``, so the
same builder serves the interface, the background task and the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation

from accounts.models import Organisation
from analysis.models import Phenomenon
from reporting.models import Observation
from reports.periods import Period


def threshold() -> int:
    """The smallest count shown as a number (``REPORT_SUPPRESSION_THRESHOLD``, default 5)."""
    return max(2, settings.REPORT_SUPPRESSION_THRESHOLD)


@dataclass(frozen=True)
class Definition:
    period: Period
    language: str = "fi"
    # Whose observations are counted. None: every organisation (the command line's county
    # report).
    organisation_ids: frozenset[int] | None = None
    # Whose own work (phenomena, action proposals) the report shows: a saved report only its
    # organisation's (``reports.access.work_scope``), since partners share observations, not
    # their analysis. None: the organisations counted.
    owner_ids: frozenset[int] | None = None
    municipality_ids: frozenset[int] = frozenset()
    target_group_id: int | None = None
    public: bool = False
    title: str = ""
    scope_label: str = ""
    narrative: dict[str, str] = field(default_factory=dict)
    # The saved report whose chosen quotes are shown; None (the command line): no quotes.
    report_id: int | None = None
    # The organisation whose report it is, named on the cover when no county is set.
    organisation_name: str = ""

    @classmethod
    def from_report(cls, report) -> Definition:
        from reports.access import data_scope, work_scope
        from reports.periods import Period as P

        return cls(
            period=P(report.period_kind, report.first_day, report.last_day),
            language=report.language,
            organisation_ids=frozenset(data_scope(report)),
            owner_ids=frozenset(work_scope(report)),
            municipality_ids=frozenset(
                report.municipalities.values_list("pk", flat=True)
                if report.scope == report.Scope.MUNICIPALITIES
                else []
            ),
            target_group_id=report.target_group_id,
            public=report.audience == report.Audience.PUBLIC,
            title=report.title,
            scope_label=scope_label(report),
            narrative={
                "summary": report.summary,
                "conclusions": report.conclusions,
                "recommendations": report.recommendations,
            },
            report_id=report.pk,
            organisation_name=_in_language(report.language, lambda: report.organisation.name),
        )

    def observations(self, period: Period) -> QuerySet[Observation]:
        """The observations of the scope submitted within ``period``."""
        rows = Observation.objects.filter(
            submitted_at__gte=period.start, submitted_at__lt=period.end
        )
        if self.organisation_ids is not None:
            rows = rows.filter(organisation_id__in=sorted(self.organisation_ids))
        if self.municipality_ids:
            through = Observation.municipalities.through.objects
            rows = rows.filter(
                pk__in=through.filter(municipality_id__in=sorted(self.municipality_ids)).values(
                    "observation_id"
                )
            )
        if self.target_group_id is not None:
            through = Observation.target_groups.through.objects
            rows = rows.filter(
                pk__in=through.filter(targetgroup_id=self.target_group_id).values("observation_id")
            )
        return rows.order_by()

    @property
    def owners(self) -> frozenset[int] | None:
        """The organisations whose phenomena and proposals the report shows; None: all."""
        return self.owner_ids if self.owner_ids is not None else self.organisation_ids

    def phenomena(self) -> QuerySet[Phenomenon]:
        rows = Phenomenon.objects.filter(status=Phenomenon.Status.ACTIVE)
        if self.owners is not None:
            rows = rows.filter(organisation_id__in=sorted(self.owners))
        return rows


def scope_label(report) -> str:
    """The scope in words, in the language that is active."""
    from lib.i18n import translated

    parts = [str(report.Scope(report.scope).label)]
    if report.scope == report.Scope.MUNICIPALITIES:
        parts = [", ".join(translated(m, "name") for m in report.municipalities.all())]
    elif report.scope == report.Scope.ORGANISATIONS:
        parts = [", ".join(o.name for o in report.organisations.all())]
    if report.target_group_id:
        parts.append(report.target_group.name)
    return " – ".join(p for p in parts if p)


def organisations_named(codes: list[str]) -> frozenset[int]:
    return frozenset(Organisation.objects.filter(code__in=codes).values_list("pk", flat=True))


def _in_language(language: str, read):
    with translation.override(language):
        return str(read())
