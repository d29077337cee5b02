"""Scan texts for personal data from the command line.

manage.py scan_pii [FILE]      JSONL {"id", "text", "lang"} in (stdin without FILE),
                               JSONL {"id", "findings": [{"start", "end", "kind"}]} out
manage.py scan_pii --stored    re-scan every stored text declared in privacy.stored
                               (a text longer than the guard reads is listed as too_long)
"""

import json
import sys
from collections.abc import Iterable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from privacy import stored
from privacy.enforcement import findings_in
from privacy.findings import Finding
from privacy.guard import TextTooLong, redact

_CONTEXT_CHARS = 30


class Command(BaseCommand):
    help = "Find personal data in JSONL texts, or re-scan stored texts with --stored."
    # call_command(..., stdin=StringIO(...)) hands input to the command this way.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="JSONL input; standard input when left out")
        parser.add_argument(
            "--stored",
            action="store_true",
            help="re-scan every stored text declared in privacy.stored and list the hits",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["stored"]:
            if options["file"]:
                raise CommandError("Give either FILE or --stored, not both.")
            self._scan_stored()
            return
        if options["file"]:
            try:
                with open(options["file"], encoding="utf-8") as handle:
                    self._scan_lines(handle)
            except OSError as error:
                raise CommandError(f"Cannot read {options['file']}: {error.strerror}") from error
        else:
            self._scan_lines(options.get("stdin") or sys.stdin)

    def _scan_lines(self, lines: Iterable[str]) -> None:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            record_id, text, language = _parse_line(line, number)
            try:
                found = findings_in(text, language)
            except TextTooLong as error:
                raise CommandError(
                    f"Line {number}: the text is longer than {error.limit} characters."
                ) from error
            findings = [{"start": f.start, "end": f.end, "kind": f.kind} for f in found]
            self.stdout.write(
                json.dumps({"id": record_id, "findings": findings}, ensure_ascii=False)
            )

    def _scan_stored(self) -> None:
        hits = 0
        for label, record_id, text, language in stored.stored_texts():
            try:
                findings = list(findings_in(text, language))
            except TextTooLong:
                # Stored before the bound: listed to be shortened or erased, never read.
                hits += 1
                self.stdout.write(f"{label}\t{record_id}\ttoo_long\t{len(text)} characters")
                continue
            for finding in findings:
                hits += 1
                snippet = _redacted_snippet(text, findings, finding, language)
                self.stdout.write(f"{label}\t{record_id}\t{finding.kind}\t{snippet}")
        self.stdout.write(f"{hits} findings.")


def _parse_line(line: str, number: int) -> tuple[Any, str, str]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise CommandError(f"Line {number}: not valid JSON ({error.msg}).") from error
    if not isinstance(record, dict):
        raise CommandError(f"Line {number}: expected a JSON object with id, text and lang.")
    if "id" not in record:
        raise CommandError(f'Line {number}: the "id" field is missing.')
    text = record.get("text")
    if not isinstance(text, str):
        raise CommandError(f'Line {number}: the "text" field must be a string.')
    language = record.get("lang", "")
    if not isinstance(language, str):
        raise CommandError(f'Line {number}: the "lang" field must be a string.')
    return record["id"], text, language


def _redacted_snippet(text: str, findings: list[Finding], finding: Finding, language: str) -> str:
    """The hit in a little context, with every finding in view replaced by its placeholder,
    so analysts see where the personal data is without seeing the data."""
    start = max(0, finding.start - _CONTEXT_CHARS)
    end = min(len(text), finding.end + _CONTEXT_CHARS)
    # Widen the window so that no finding is cut in half and half-shown.
    for other in findings:
        if other.start < start < other.end:
            start = other.start
        if other.start < end < other.end:
            end = other.end
    shifted = [
        Finding(f.start - start, f.end - start, f.kind, f.text)
        for f in findings
        if start <= f.start and f.end <= end
    ]
    snippet = redact(text[start:end], shifted, language).replace("\n", " ").replace("\t", " ")
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")
