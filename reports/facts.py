"""The counts a report is drafted from, for its period and the period before.

Each question is one aggregate query per period, answered by the database; nothing loops
over observations in Python, so a county's hundred thousand observations a quarter cost a
handful of queries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Q, QuerySet

from analysis.models import PhenomenonLink
from proposals.models import DELIVERED, ActionProposal, Decision, Status, Transition
from reporting.models import Observation
from reports.definition import Definition, threshold

# The statuses of a proposal that the recipient has received and not yet finished with.
OPEN = frozenset({Status.SUBMITTED, Status.ANSWERED, Status.IMPLEMENTATION})

CURRENT = "current"
PREVIOUS = "previous"
WHEN = (CURRENT, PREVIOUS)
# The trend of an internal report: this period and the ones before it, oldest first.
TREND_PERIODS = 6
TREND = tuple(f"earlier-{k}" for k in range(TREND_PERIODS - 1, 1, -1)) + (PREVIOUS, CURRENT)


def period_of(period, when: str):
    """The period ``when`` names, counted back from the report's own ``period``."""
    steps = 0 if when == CURRENT else 1 if when == PREVIOUS else int(when.split("-")[1])
    for _step in range(steps):
        period = period.previous()
    return period


@dataclass(frozen=True)
class ProposalLine:
    """One listed proposal as it stood at the end of the period."""

    title: str
    status: str
    decision: str
    recipient: str


class Facts:
    def __init__(self, definition: Definition) -> None:
        self.definition = definition
        self.periods = {when: period_of(definition.period, when) for when in TREND}
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

    # Action proposals ------------------------------------------------------------------

    def proposals_in_scope(self) -> QuerySet[ActionProposal]:
        """The proposals of the report's organisation that concern its area and target group.

        A proposal is in scope when the report's organisation owns it (a partner's proposals
        are its own work, even when it shares its observations); in a report narrowed to
        municipalities, when it names one of them or names none (a proposal for the whole
        county); in a report for a target group, likewise when it names that group or none.
        """
        definition = self.definition
        rows = ActionProposal.objects.all()
        if definition.owners is not None:
            rows = rows.filter(organisation_id__in=sorted(definition.owners))
        if definition.municipality_ids:
            through = ActionProposal.municipalities.through.objects
            named = through.filter(municipality_id__in=sorted(definition.municipality_ids))
            rows = rows.filter(
                Q(pk__in=named.values("actionproposal_id"))
                | ~Q(pk__in=through.values("actionproposal_id"))
            )
        if definition.target_group_id is not None:
            through = ActionProposal.target_groups.through.objects
            named = through.filter(targetgroup_id=definition.target_group_id)
            rows = rows.filter(
                Q(pk__in=named.values("actionproposal_id"))
                | ~Q(pk__in=through.values("actionproposal_id"))
            )
        return rows.order_by()

    @cached_property
    def _proposal_steps(self) -> dict[int, list[tuple]]:
        """Every step of the proposals in scope up to the end of the period, in order, per
        proposal: (time, to status, decision, action, from status). Proposals are few (tens
        or hundreds in a county), so their steps are read once and sorted out here."""
        steps: dict[int, list[tuple]] = {}
        rows = (
            Transition.objects.filter(
                proposal__in=self.proposals_in_scope(), at__lt=self.periods[CURRENT].end
            )
            .order_by("at", "id")
            .values_list("proposal_id", "at", "to_status", "decision", "action", "from_status")
        )
        for proposal_id, *step in rows:
            steps.setdefault(proposal_id, []).append(tuple(step))
        return steps

    def _standing(self, when: str) -> dict[int, tuple[str, str]]:
        """Each proposal's status and latest decision at the end of the period."""
        end = self.periods[when].end
        standing = {}
        for proposal_id, steps in self._proposal_steps.items():
            status, decision = "", ""
            for at, to_status, step_decision, action, _from in steps:
                if at >= end:
                    break
                status = to_status
                if action == "answer":
                    decision = step_decision
            if status:
                standing[proposal_id] = (status, decision)
        return standing

    def proposal_counts(self, when: str) -> Counter:
        """Proposals in scope per quantity: ``("submitted",)``, ``("implemented",)`` and
        ``("closed",)`` in the period (closed once delivered), ``("answered",)`` in the
        period and ``("answered", decision)`` by the latest answer each got in it, and
        ``("implementation",)`` at the end of the period."""

        def compute():
            period = self.periods[when]
            counts: Counter = Counter()
            for steps in self._proposal_steps.values():
                during = [s for s in steps if period.start <= s[0] < period.end]
                reached = {to_status for _at, to_status, *_rest in during}
                for status in (Status.SUBMITTED, Status.IMPLEMENTED):
                    counts[(status.value,)] += status in reached
                counts[(Status.CLOSED.value,)] += any(
                    s[1] == Status.CLOSED and s[4] in DELIVERED for s in during
                )
                answers = [s for s in during if s[3] == "answer"]
                if answers:
                    counts[(Status.ANSWERED.value,)] += 1
                    counts[(Status.ANSWERED.value, answers[-1][2])] += 1
            counts[(Status.IMPLEMENTATION.value,)] = sum(
                status == Status.IMPLEMENTATION for status, _d in self._standing(when).values()
            )
            return counts

        return self._memo("proposal_counts", when, compute)

    def proposal_lines(self, *, published_only: bool) -> list[ProposalLine]:
        """The proposals delivered to their recipient by the end of the period that moved in
        the period or were still open at its end, in the order of their life cycle and by
        title; with ``published_only``, only those published on the public pages."""
        period = self.periods[CURRENT]
        standing = self._standing(CURRENT)
        wanted = {
            pk
            for pk, (status, _decision) in standing.items()
            if status in DELIVERED
            and (
                status in OPEN
                or any(period.start <= s[0] < period.end for s in self._proposal_steps[pk])
            )
        }
        rows = ActionProposal.objects.filter(pk__in=sorted(wanted)).select_related("recipient")
        if published_only:
            rows = rows.filter(is_public=True)
        order = list(Status.values)
        lines = [
            (
                order.index(standing[p.pk][0]),
                ProposalLine(
                    title=p.title,
                    status=str(Status(standing[p.pk][0]).label),
                    decision=str(Decision(standing[p.pk][1]).label) if standing[p.pk][1] else "",
                    recipient=p.recipient.name if p.recipient else "",
                ),
            )
            for p in rows
        ]
        return [line for _i, line in sorted(lines, key=lambda x: (x[0], x[1].title.lower()))]
