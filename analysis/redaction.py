"""What an analyst may redact on an observation's page: its texts, its answers and its memos,
with the words their writers confirmed as "not personal data" and who confirmed them."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from analysis.models import Memo
from privacy import CONFIRMABLE, erasure, kind_label
from privacy.enforcement import confirmed_keys, findings_in, vet
from privacy.stored import ALL_LANGUAGES
from reporting.models import Observation


@dataclass(frozen=True)
class StoredText:
    """One redactable text: ``target`` names it in the redaction form."""

    target: str
    label: str
    row: object
    text: str
    language: str
    confirmations: list
    # A memo's writer as the analyst may see them: a name or, outside the writer's
    # organisation, a role.
    writer: str = ""


@dataclass(frozen=True)
class Candidate:
    """A piece worth a look: confirmed by its writer, or found by the guard's rules now."""

    target: str
    where: str
    words: str
    kind: str
    kind_label: str
    confirmed_by: str


def stored_texts(observation: Observation, memos: list) -> list[StoredText]:
    """The observation's texts and answers, and the memos the analyst may read
    (``analysis.access.memos_for``)."""
    texts = []
    if observation.text:
        texts.append(_observation_text(observation, "text", _("What was observed")))
    if observation.suggestion:
        texts.append(_observation_text(observation, "suggestion", _("Suggested solution")))
    for answer in observation.answers.select_related("question"):
        if isinstance(answer.value, str) and answer.value.strip():
            texts.append(
                StoredText(
                    f"answer-{answer.pk}",
                    answer.question.text,
                    answer,
                    answer.value,
                    observation.language,
                    answer.privacy_confirmations,
                )
            )
    for shown in memos:
        memo = shown.memo
        label = _("Memo of %(date)s") % {"date": f"{memo.created_at:%d.%m.%Y}"}
        texts.append(
            StoredText(
                f"memo-{memo.pk}",
                label,
                memo,
                memo.text,
                ALL_LANGUAGES,
                memo.privacy_confirmations,
                shown.author,
            )
        )
    return texts


def _observation_text(observation: Observation, name: str, label: str) -> StoredText:
    records = [r for r in observation.privacy_confirmations if r.get("field") in (None, name)]
    return StoredText(
        name, label, observation, getattr(observation, name), observation.language, records
    )


def candidates(observation: Observation, texts: list[StoredText]) -> list[Candidate]:
    """Every confirmed word, then every finding the guard makes now, once per text."""
    found: dict[tuple[str, str], Candidate] = {}
    for stored in texts:
        for record in stored.confirmations:
            if record.get("kind") in CONFIRMABLE and record.get("text") in stored.text:
                key = (stored.target, record["text"])
                found.setdefault(key, _candidate(stored, record, observation))
        for finding in findings_in(stored.text, stored.language):
            key = (stored.target, finding.text)
            found.setdefault(
                key,
                Candidate(
                    stored.target,
                    stored.label,
                    finding.text,
                    finding.kind,
                    str(kind_label(finding.kind)),
                    "",
                ),
            )
    return list(found.values())


def _candidate(stored: StoredText, record: dict, observation: Observation) -> Candidate:
    return Candidate(
        stored.target,
        stored.label,
        record["text"],
        record["kind"],
        str(kind_label(record["kind"])),
        _confirmer(record, stored, observation),
    )


def _confirmer(record: dict, stored: StoredText, observation: Observation) -> str:
    """Who vouched for the word, without naming a pseudonymous reporter."""
    if record.get("anonymous"):
        return _("a writer without an account")
    by = record.get("by")
    if by is not None and by == observation.reporter_id and not isinstance(stored.row, Memo):
        return _("the reporter")
    if isinstance(stored.row, Memo) and stored.writer:
        return stored.writer
    return _("the writer")


def find(texts: list[StoredText], target: str) -> StoredText | None:
    return next((t for t in texts if t.target == target), None)


def replacements(stored: StoredText, words: str, kind: str, language: str) -> list[tuple[str, str]]:
    """``words`` and, after them, whatever the guard's rules of today would stop in what is
    left: a text stored before a rule grew stricter is made whole in the same step, since the
    enforcement point would refuse to store it again otherwise."""
    pairs = [(words, erasure.placeholder(kind, language))]
    rest = stored.text.replace(words, pairs[0][1])
    confirmed = confirmed_keys([r for r in stored.confirmations if r.get("text") != words])
    for finding in vet(rest, language=stored.language, confirmed=confirmed):
        pair = (finding.text, erasure.placeholder(finding.kind, language))
        if pair not in pairs:
            pairs.append(pair)
    return pairs
