"""The inbox's list as a file (CSV or XLSX) for a spreadsheet.

An export leaves Sora, so each text goes through the strict quote check of
``privacy.quotes``: a text in which it finds anything that could identify someone (a name,
a long number, an address) is left out of the file, with a note to read it in Sora.
"""

import io

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from analysis.access import assignee_label
from lib.exports import CsvWriter, safe_cell
from privacy.quotes import quote_problems
from reporting.models import Observation

# The most rows one file holds; a longer list is narrowed with the filters first.
EXPORT_CAP = 5000


def prepared(observations: QuerySet[Observation]) -> QuerySet[Observation]:
    return observations.select_related(
        "organisation__type", "campaign", "assignment__assignee"
    ).prefetch_related("themes", "municipalities", "target_groups")


def header() -> list[str]:
    return [
        _("No."),
        _("Sent"),
        _("Status"),
        _("Signal"),
        _("Novelty"),
        _("Organisation"),
        _("Organisation type"),
        _("Collection"),
        _("Codes"),
        _("Municipalities"),
        _("Target groups"),
        _("Assigned to"),
        _("Observation"),
        _("Suggested solution"),
    ]


def exportable(text: str, language: str) -> str:
    """The text, or a note in its place when the quote check finds anything in it."""
    if not text or not text.strip():
        return ""
    if quote_problems(text, language):
        return _("[Left out: the text may identify someone. Read it in Sora.]")
    return text


def row(observation: Observation, colleague_ids: set[int]) -> list:
    if observation.whole_county:
        areas = _("The whole county")
    else:
        areas = ", ".join(str(m) for m in observation.municipalities.all())
    return [
        observation.pk,
        observation.submitted_at.date().isoformat(),
        observation.get_status_display(),
        observation.get_signal_display(),
        observation.get_novelty_display() if observation.novelty else "",
        str(observation.organisation),
        str(observation.organisation.type),
        observation.campaign.title if observation.campaign else "",
        ", ".join(theme.name for theme in observation.themes.all()),
        areas,
        ", ".join(str(group) for group in observation.target_groups.all()),
        assignee_label(getattr(observation, "assignment", None), colleague_ids),
        exportable(observation.text, observation.language),
        exportable(observation.suggestion, observation.language),
    ]


def write_csv(out, observations: QuerySet[Observation], colleague_ids: set[int]) -> int:
    writer = CsvWriter(out)
    writer.writerow(header())
    count = 0
    for observation in prepared(observations).iterator(chunk_size=500):
        writer.writerow(row(observation, colleague_ids))
        count += 1
    return count


def xlsx(observations: QuerySet[Observation], colleague_ids: set[int]) -> tuple[bytes, int]:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet(_("Observations")[:31])
    sheet.set_column(0, 11, 14)
    sheet.set_column(12, 13, 80)
    for column, text in enumerate(header()):
        sheet.write_string(0, column, safe_cell(text), bold)
    count = 0
    for index, observation in enumerate(prepared(observations).iterator(chunk_size=500), 1):
        for column, value in enumerate(row(observation, colleague_ids)):
            if isinstance(value, int):
                sheet.write_number(index, column, value)
            else:
                sheet.write_string(index, column, safe_cell(value))
        count += 1
    workbook.close()
    return buffer.getvalue(), count
