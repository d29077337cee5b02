"""Runs the personal-data guard over every free-text field of a submission.

Forms, the draft store and the importer all go through ``check_texts`` so that one rule
decides what may be saved: no identity code, phone, e-mail or bank account ever; a name or
an address only when the writer confirmed, word by word, that it identifies no person.
"""

from dataclasses import dataclass, field

import privacy
from privacy.enforcement import findings_in, vet


@dataclass
class Segment:
    text: str
    kind: str = ""
    label: str = ""
    key: str = ""
    blocking: bool = False


@dataclass
class GuardResult:
    field: str
    text: str
    findings: list = field(default_factory=list)
    blocking: list = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.blocking

    def segments(self) -> list[Segment]:
        """The text cut into plain parts and findings, for highlighting."""
        parts: list[Segment] = []
        position = 0
        for finding in self.findings:
            if finding.start > position:
                parts.append(Segment(self.text[position : finding.start]))
            parts.append(
                Segment(
                    finding.text,
                    kind=finding.kind,
                    label=privacy.kind_label(finding.kind),
                    key=privacy.confirmation_key(finding),
                    blocking=finding in self.blocking,
                )
            )
            position = finding.end
        if position < len(self.text):
            parts.append(Segment(self.text[position:]))
        return parts

    def confirmable(self) -> list[Segment]:
        """One entry per distinct name or address the writer may vouch for."""
        seen: dict[str, Segment] = {}
        for segment in self.segments():
            if segment.kind in privacy.CONFIRMABLE and segment.key not in seen:
                seen[segment.key] = segment
        return list(seen.values())

    def blocking_kinds(self) -> list[str]:
        kinds = dict.fromkeys(finding.kind for finding in self.blocking)
        return [str(privacy.kind_label(kind)) for kind in kinds]


def check_texts(texts: dict[str, str], *, language: str, confirmed: set[str]) -> dict:
    """Scan each named text with the rules the enforcement point applies when it is stored;
    return a result per field that has any finding."""
    results = {}
    for name, text in texts.items():
        if not text:
            continue
        findings = list(findings_in(text, language))
        if findings:
            results[name] = GuardResult(
                field=name,
                text=text,
                findings=findings,
                blocking=vet(text, language=language, confirmed=confirmed),
            )
    return results


def confirmation_record(results: dict, confirmed: set[str]) -> list[dict]:
    """What the writer vouched for, stored beside the text it concerns."""
    record = []
    for result in results.values():
        for finding in result.findings:
            key = privacy.confirmation_key(finding)
            if finding.kind in privacy.CONFIRMABLE and key in confirmed:
                record.append({"field": result.field, "kind": finding.kind, "text": finding.text})
    return record
