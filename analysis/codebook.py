"""The shared codebook of themes: CSV export and import, and merging two themes.

The CSV (``;``-separated for a spreadsheet in Finnish; ``,`` is read too) has one row per
theme: code, parent (a code or empty), names and descriptions in Finnish, Swedish and
English, order and whether it is in use. Importing updates themes by
code and adds new ones; it never deletes, so codes in use stay valid.
"""

import csv
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from lib.exports import CsvWriter, read_csv, unsafe_cell
from privacy import kind_label
from privacy.enforcement import PersonalDataRefused, guard_values
from reporting.models import Observation, Theme, ancestry_cycle, cycle_message

COLUMNS = (
    "code",
    "parent",
    "name_fi",
    "name_sv",
    "name_en",
    "description_fi",
    "description_sv",
    "description_en",
    "order",
    "is_active",
)
TRUE_VALUES = {"1", "true", "yes", "kyllä", "ja"}
TEXT_COLUMNS = COLUMNS[:8]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def export_csv(out) -> int:
    writer = CsvWriter(out)
    writer.writerow(COLUMNS)
    themes = Theme.objects.select_related("parent").order_by("order", "code")
    for theme in themes:
        writer.writerow(
            [
                theme.code,
                theme.parent.code if theme.parent else "",
                theme.name_fi,
                theme.name_sv,
                theme.name_en,
                theme.description_fi,
                theme.description_sv,
                theme.description_en,
                theme.order,
                "1" if theme.is_active else "0",
            ]
        )
    return len(themes)


def import_csv(handle) -> ImportReport:
    """Check every row first; write nothing unless all rows are valid."""
    report = ImportReport()
    try:
        reader = read_csv(handle)
        rows = list(enumerate(reader, 2))
        header = reader.fieldnames or []
    except (csv.Error, UnicodeDecodeError) as error:
        report.errors.append(_("The file could not be read as CSV: %(error)s") % {"error": error})
        return report
    missing = [c for c in ("code", "name_fi") if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        report.errors.append(
            _("Columns must be %(columns)s; missing: %(missing)s; unknown: %(unknown)s")
            % {
                "columns": ", ".join(COLUMNS),
                "missing": ", ".join(missing) or "–",
                "unknown": ", ".join(unknown) or "–",
            }
        )
        return report
    known = set(Theme.objects.values_list("code", flat=True))
    in_file = {(row.get("code") or "").strip() for _, row in rows}
    for number, row in rows:
        report.errors += _row_errors(number, row, known | in_file)
    if not report.errors:
        report.errors += _cycle_errors(rows)
    if not report.errors:
        _save(rows, report)
    return report


def _cycle_errors(rows) -> list[str]:
    """No theme may become its own ancestor through the file's parents together with the
    parents of the themes the file leaves as they are."""
    parents = dict(Theme.objects.values_list("code", "parent__code"))
    for _number, row in rows:
        parents[(row.get("code") or "").strip()] = (row.get("parent") or "").strip() or None
    errors, reported = [], set()
    for number, row in rows:
        cycle = ancestry_cycle(parents, (row.get("code") or "").strip())
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            errors.append(
                _("line %(line)s: %(problem)s") % {"line": number, "problem": cycle_message(cycle)}
            )
    return errors


def _row_errors(number: int, row: dict, codes: set[str]) -> list[str]:
    errors = []
    code = (row.get("code") or "").strip()
    if not code or not code.replace("_", "").replace("-", "").isalnum():
        errors.append(
            _("line %(line)s: the code must be letters, digits, - or _") % {"line": number}
        )
    if not (row.get("name_fi") or "").strip():
        errors.append(_("line %(line)s: the Finnish name is required") % {"line": number})
    parent = (row.get("parent") or "").strip()
    if parent and (parent not in codes or parent == code):
        errors.append(
            _("line %(line)s: unknown parent theme %(parent)s") % {"line": number, "parent": parent}
        )
    order = (row.get("order") or "0").strip() or "0"
    if not order.isdigit():
        errors.append(_("line %(line)s: the order must be a whole number") % {"line": number})
    return errors + _personal_data_errors(number, row)


def _cell_limit(column: str) -> int:
    limit = Theme._meta.get_field(column).max_length
    return limit or settings.TEXT_MAX_CHARS


def _personal_data_errors(number: int, row: dict) -> list[str]:
    """The codebook is read by everyone: the rules of the enforcement point, told per cell.
    A cell over its length is told so and not read any further."""
    texts = {name: (row.get(name) or "").strip() for name in TEXT_COLUMNS}
    errors = []
    for column, text in list(texts.items()):
        if len(text) > _cell_limit(column):
            errors.append(
                _("line %(line)s, column %(column)s: longer than %(limit)s characters")
                % {"line": number, "column": column, "limit": _cell_limit(column)}
            )
            del texts[column]
    try:
        guard_values(Theme, texts)
    except PersonalDataRefused as refused:
        return errors + [
            _("line %(line)s, column %(column)s: remove the personal data (%(kinds)s)")
            % {
                "line": number,
                "column": column,
                "kinds": ", ".join(sorted({str(kind_label(f.kind)) for f in found})),
            }
            for column, found in refused.problems.items()
        ]
    return errors


@transaction.atomic
def _save(rows, report: ImportReport) -> None:
    parents = {}
    for _number, row in rows:
        values = {name: unsafe_cell((row.get(name) or "").strip()) for name in COLUMNS}
        defaults = {
            name: values[name]
            for name in (
                "name_fi",
                "name_sv",
                "name_en",
                "description_fi",
                "description_sv",
                "description_en",
            )
        }
        defaults["order"] = int(values["order"] or 0)
        defaults["is_active"] = (values["is_active"] or "1").lower() in TRUE_VALUES
        _theme, created = Theme.objects.update_or_create(code=values["code"], defaults=defaults)
        report.created += created
        report.updated += not created
        parents[values["code"]] = values["parent"]
    by_code = {t.code: t for t in Theme.objects.filter(code__in=parents)}
    for code, parent in parents.items():
        theme = by_code[code]
        theme.parent = Theme.objects.get(code=parent) if parent else None
        theme.save(update_fields=["parent"])


@transaction.atomic
def merge_themes(*, source: Theme, target: Theme) -> int:
    """Re-code every observation of ``source`` with ``target`` and retire ``source``.

    Returns how many observations were re-coded. Child themes move under ``target``.
    """
    if source.pk == target.pk:
        raise ValueError("A theme cannot be merged into itself.")
    if source in target.ancestors():
        # Its children would move under their own descendant: a cycle.
        raise ValueError("A theme cannot be merged into one of its own sub-themes.")
    through = Observation.themes.through
    coded = set(through.objects.filter(theme=source).values_list("observation_id", flat=True))
    already = set(
        through.objects.filter(theme=target, observation_id__in=coded).values_list(
            "observation_id", flat=True
        )
    )
    through.objects.bulk_create(through(observation_id=pk, theme=target) for pk in coded - already)
    through.objects.filter(theme=source).delete()
    source.children.update(parent=target)
    source.is_active = False
    source.save(update_fields=["is_active"])
    return len(coded)
