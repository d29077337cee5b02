"""Milestones of one proposal in a spreadsheet: a CSV template of the current milestones, and
reading it back to update many at once.

The file (``;``-separated for a spreadsheet in Finnish; ``,`` is read too, with or without a
byte order mark) has one row per milestone: its number (``id``), title, due date, progress
(0–100) and a note. A row names a milestone by its number, or by its exact title when the
number is empty; an empty cell keeps the value as it is. Every row is checked first, and
nothing is saved unless every row is right. A number of another proposal's milestone is
refused like an unknown one.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lib.dates import check_day
from lib.exports import CsvWriter, read_csv, unsafe_cell
from privacy import kind_label
from privacy.enforcement import PersonalDataRefused, guard_values
from proposals.models import Milestone

COLUMNS = ("id", "title", "due_on", "progress", "note")
TITLE_MAX = 200
MAX_ROWS = 500


@dataclass(frozen=True)
class MilestoneRow:
    """One row's change: ``None`` keeps the milestone's value as it is."""

    milestone_id: int
    title: str | None = None
    due_on: datetime.date | None = None
    progress: int | None = None
    note: str | None = None


@dataclass
class ReadResult:
    rows: list[MilestoneRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def write_template(proposal, out) -> int:
    """The proposal's milestones as a CSV to fill in; every text cell through ``safe_cell``."""
    writer = CsvWriter(out)
    writer.writerow(COLUMNS)
    milestones = list(proposal.milestones.all())
    for milestone in milestones:
        writer.writerow(
            [
                milestone.pk,
                milestone.title,
                milestone.due_on.isoformat(),
                milestone.progress,
                milestone.note,
            ]
        )
    return len(milestones)


def read_rows(proposal, handle) -> ReadResult:
    """The file's rows as changes to the proposal's milestones, or the errors of every row."""
    result = ReadResult()
    try:
        reader = read_csv(handle)
        lines = list(enumerate(reader, 2))
        header = [name.strip() for name in reader.fieldnames or []]
    except (csv.Error, UnicodeDecodeError) as error:
        result.errors.append(_("The file could not be read as CSV: %(error)s") % {"error": error})
        return result
    unknown = [name for name in header if name not in COLUMNS]
    if unknown or "progress" not in header or not {"id", "title"} & set(header):
        result.errors.append(
            _(
                "The columns must be %(columns)s: progress and id or title are needed; "
                "unknown: %(unknown)s"
            )
            % {"columns": ", ".join(COLUMNS), "unknown": ", ".join(unknown) or "–"}
        )
        return result
    if not lines:
        result.errors.append(_("The file has no milestones."))
        return result
    if len(lines) > MAX_ROWS:
        result.errors.append(
            _("The file has more than %(limit)s rows.") % {"limit": MAX_ROWS},
        )
        return result
    milestones = list(proposal.milestones.all())
    seen: set[int] = set()
    for number, raw in lines:
        row = {
            name.strip(): unsafe_cell((value or "").strip()) for name, value in raw.items() if name
        }
        errors, change = _read_row(number, row, milestones)
        if change is not None and change.milestone_id in seen:
            errors.append(
                _("line %(line)s: this milestone is on an earlier line already") % {"line": number}
            )
        if change is not None:
            seen.add(change.milestone_id)
        result.errors += errors
        if not errors:
            result.rows.append(change)
    if result.errors:
        result.rows = []
    return result


def _read_row(number: int, row: dict, milestones: list[Milestone]):
    milestone, errors = _milestone_of(number, row, milestones)
    title = row.get("title", "")
    note = row.get("note", "")
    due_on, due_errors = _due_on(number, row.get("due_on", ""))
    progress, progress_errors = _progress(number, row.get("progress", ""))
    errors += due_errors + progress_errors + _text_errors(number, title, note)
    if milestone is None:
        return errors, None
    change = MilestoneRow(
        milestone_id=milestone.pk,
        title=title if title and "id" in row and row.get("id") else None,
        due_on=due_on,
        progress=progress,
        note=note or None,
    )
    return errors, change


def _milestone_of(number: int, row: dict, milestones: list[Milestone]):
    line = {"line": number}
    number_text = row.get("id", "")
    if number_text:
        by_id = {str(m.pk): m for m in milestones}
        if number_text not in by_id:
            message = _("line %(line)s: milestone %(id)s is not one of this proposal's milestones")
            return None, [message % (line | {"id": number_text})]
        return by_id[number_text], []
    title = row.get("title", "")
    if not title:
        return None, [_("line %(line)s: give the milestone's number or its title") % line]
    matching = [m for m in milestones if m.title.casefold() == title.casefold()]
    if len(matching) != 1:
        message = (
            _("line %(line)s: no milestone of this proposal is called “%(title)s”")
            if not matching
            else _("line %(line)s: several milestones are called “%(title)s”; give the number")
        )
        return None, [message % (line | {"title": title[:TITLE_MAX]})]
    return matching[0], []


def _due_on(number: int, text: str):
    if not text:
        return None, []
    day = _parse_day(text)
    if day is None:
        return None, [
            _("line %(line)s: write the due date as 31.12.2026 or 2026-12-31") % {"line": number}
        ]
    try:
        check_day(day)
    except ValidationError as error:
        return None, [
            _("line %(line)s: %(problem)s") % {"line": number, "problem": " ".join(error.messages)}
        ]
    return day, []


def _parse_day(text: str) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _progress(number: int, text: str):
    if not text:
        return None, []
    digits = text.removesuffix("%").strip()
    if not digits.isdigit() or not 0 <= int(digits) <= 100:
        return None, [
            _("line %(line)s: give the progress as a whole number from 0 to 100") % {"line": number}
        ]
    return int(digits), []


def _text_errors(number: int, title: str, note: str) -> list[str]:
    """The rules of the enforcement point, told per cell; a cell over its length is told so
    and not read any further."""
    errors = []
    texts = {}
    for column, text, limit in (
        ("title", title, TITLE_MAX),
        ("note", note, settings.TEXT_MAX_CHARS),
    ):
        if len(text) > limit:
            errors.append(
                _("line %(line)s, column %(column)s: longer than %(limit)s characters")
                % {"line": number, "column": column, "limit": limit}
            )
        elif text:
            texts[column] = text
    try:
        guard_values(Milestone, texts)
    except PersonalDataRefused as refused:
        errors += [
            _("line %(line)s, column %(column)s: remove the personal data (%(kinds)s)")
            % {
                "line": number,
                "column": column,
                "kinds": ", ".join(sorted({str(kind_label(f.kind)) for f in found})),
            }
            for column, found in refused.problems.items()
        ]
    return errors
