"""The names behind findings, and the machine-readable form of a finding."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from analysis.models import Phenomenon
from analysis.signals.counts import PHENOMENON, THEME, CellKey
from analysis.signals.detect import Detail, Finding
from reporting.models import Municipality, TargetGroup, Theme


@dataclass(frozen=True)
class Names:
    """The themes, phenomena, municipalities and target groups that findings refer to."""

    themes: dict[int, Theme]
    phenomena: dict[int, Phenomenon]
    municipalities: dict[int, Municipality]
    target_groups: dict[int, TargetGroup]

    @classmethod
    def for_findings(cls, findings: Iterable[Finding]) -> Names:
        findings = list(findings)
        keys = [f.key for f in findings]
        places = {k.municipality_id for k in keys} | {
            d.municipality_id for f in findings for d in f.details
        }
        groups = {k.target_group_id for k in keys} | {
            d.target_group_id for f in findings for d in f.details
        }
        return cls(
            themes=Theme.objects.in_bulk({k.subject_id for k in keys if k.kind == THEME}),
            phenomena=Phenomenon.objects.in_bulk(
                {k.subject_id for k in keys if k.kind == PHENOMENON}
            ),
            municipalities=Municipality.objects.in_bulk(places - {None}),
            target_groups=TargetGroup.objects.in_bulk(groups - {None}),
        )

    def knows(self, finding: Finding) -> bool:
        """Whether the finding's theme or phenomenon still exists (a stored run may be older
        than a merge of themes or a deleted phenomenon)."""
        key = finding.key
        return key.subject_id in (self.themes if key.kind == THEME else self.phenomena)

    def subject(self, key: CellKey) -> Theme | Phenomenon:
        return (self.themes if key.kind == THEME else self.phenomena)[key.subject_id]

    def municipality(self, key: CellKey | Detail) -> Municipality | None:
        return None if key.municipality_id is None else self.municipalities[key.municipality_id]

    def target_group(self, key: CellKey | Detail) -> TargetGroup | None:
        return None if key.target_group_id is None else self.target_groups[key.target_group_id]


def as_json(finding: Finding, names: Names) -> dict[str, Any]:
    """The machine-readable form that ``detect_signals --json`` prints."""
    key = finding.key
    subject = names.subject(key)
    municipality = names.municipality(key)
    group = names.target_group(key)
    identity: dict[str, Any] = (
        {"code": subject.code}
        if key.kind == THEME
        else {"phenomenon": subject.pk, "name": subject.name}
    )
    return {
        "kind": key.kind,
        **identity,
        "level": finding.level,
        "municipality": municipality.code if municipality else None,
        "target_group": group.code if group else None,
        "direction": finding.direction,
        "signal": key.signal,
        "window_weeks": finding.window_weeks,
        "baseline_weeks": finding.baseline_weeks,
        "recent": finding.recent,
        "baseline": finding.baseline,
        "expected": round(finding.expected, 2),
        "p_value": finding.p_value,
        "q_value": finding.q_value,
        "weekly": list(finding.weekly),
        "details": [_detail_json(detail, names) for detail in finding.details],
    }


def _detail_json(detail: Detail, names: Names) -> dict[str, Any]:
    municipality = names.municipality(detail)
    group = names.target_group(detail)
    return {
        "municipality": municipality.code if municipality else None,
        "target_group": group.code if group else None,
        "recent": detail.recent,
        "expected": round(detail.expected, 2),
        "flagged": detail.flagged,
    }
