"""Runs the personal-data guard over every free-text field of a submission.

Forms, the draft store and the importer all go through ``check_texts`` so that one rule
decides what may be saved: no identity code, phone, e-mail or bank account ever; a name or
an address only when the writer confirmed, word by word, that it identifies no person.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext

import privacy
from accounts.audit import current_user
from privacy.enforcement import findings_in, vet
from privacy.policy import confirmable_without_account

# How much of the text before a finding is quoted to tell where the finding is.
CONTEXT_WORDS = 3
CONTEXT_CHARS = 40


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
    # Written without an account (the open link): see ``privacy.policy``.
    anonymous: bool = False

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

    def described(self, findings=None) -> list[str]:
        """Each finding (or each of ``findings``) named by its kind, where it is and the
        words before it, never by its own words: a message or a screen reader tells what to
        remove without repeating the personal data once more."""
        return [self._describe(f) for f in (self.findings if findings is None else findings)]

    def _describe(self, finding) -> str:
        previous_end = max((f.end for f in self.findings if f.end <= finding.start), default=0)
        before = " ".join(self.text[previous_end : finding.start].split()[-CONTEXT_WORDS:])
        if len(before) > CONTEXT_CHARS:
            before = before[-CONTEXT_CHARS:].partition(" ")[2] or before[-CONTEXT_CHARS:]
        values = {
            "kind": privacy.kind_label(finding.kind),
            "before": before,
            "start": finding.start + 1,
            "end": finding.end,
        }
        if before:
            return gettext("%(kind)s after “%(before)s” (characters %(start)s–%(end)s)") % values
        if previous_end:
            return (
                gettext("%(kind)s right after the previous one (characters %(start)s–%(end)s)")
                % values
            )
        return gettext("%(kind)s at the start of the text (characters %(start)s–%(end)s)") % values

    def confirmable(self) -> list[Segment]:
        """One entry per distinct name or address the writer may vouch for."""
        allowed = {privacy.confirmation_key(f) for f in self.findings if self._may_confirm(f)}
        seen: dict[str, Segment] = {}
        for segment in self.segments():
            if segment.key in allowed and segment.key not in seen:
                seen[segment.key] = segment
        return list(seen.values())

    @property
    def must_remove_names(self) -> bool:
        """Whether a name or address here cannot be confirmed and has to go."""
        return any(
            f.kind in privacy.CONFIRMABLE and not self._may_confirm(f) for f in self.blocking
        )

    def _may_confirm(self, finding) -> bool:
        if finding.kind not in privacy.CONFIRMABLE:
            return False
        return not self.anonymous or confirmable_without_account(finding)

    def blocking_kinds(self) -> list[str]:
        kinds = dict.fromkeys(finding.kind for finding in self.blocking)
        return [str(privacy.kind_label(kind)) for kind in kinds]


def check_texts(
    texts: dict[str, str], *, language: str, confirmed: set[str], anonymous: bool = False
) -> dict:
    """Scan each named text with the rules the enforcement point applies when it is stored;
    return a result per field that has any finding. A writer without an account
    (``anonymous``) may confirm only what ``privacy.policy`` allows."""
    results = {}
    for name, text in texts.items():
        if not text:
            continue
        findings = list(findings_in(text, language))
        if findings:
            result = GuardResult(field=name, text=text, findings=findings, anonymous=anonymous)
            allowed = confirmed & {s.key for s in result.confirmable()}
            result.blocking = vet(text, language=language, confirmed=allowed)
            results[name] = result
    return results


def confirmation_record(results: dict, confirmed: set[str]) -> list[dict]:
    """What the writer vouched for, stored beside the text it concerns, with who vouched
    (the signed-in person, or a mark that nobody can be asked) and when."""
    record = []
    at = timezone.now().isoformat(timespec="seconds")
    writer = current_user()
    for result in results.values():
        allowed = {segment.key for segment in result.confirmable()}
        for finding in result.findings:
            if privacy.confirmation_key(finding) not in (confirmed & allowed):
                continue
            entry = {"field": result.field, "kind": finding.kind, "text": finding.text, "at": at}
            known = writer is not None and not result.anonymous
            entry |= {"by": writer.pk} if known else {"anonymous": True}
            if entry not in record:
                record.append(entry)
    return record
