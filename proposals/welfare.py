"""The social-reporting part of a municipal welfare report (hyvinvointikertomus): the
phenomena observed in one municipality in a period and the action proposals about them, as
a Word document and a spreadsheet.

Counts of 1–4 observations are shown as "<5", as everywhere Sora publishes figures. Only
phenomenon names and descriptions and proposal texts appear, never observation texts.
"""

import io
from dataclasses import dataclass, field

import xlsxwriter
from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import shared_scope
from analysis.models import Phenomenon
from lib.exports import safe_cell
from proposals.models import ActionProposal, Status

OPEN = [Status.SUBMITTED, Status.ANSWERED, Status.IMPLEMENTATION]
SMALL = 5


@dataclass
class WelfareReport:
    municipality: object
    start: object
    end: object
    phenomena: list = field(default_factory=list)
    proposals: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("Social reporting for the welfare report: %(municipality)s, %(start)s–%(end)s") % {
            "municipality": self.municipality.name,
            "start": date_format(self.start, "SHORT_DATE_FORMAT"),
            "end": date_format(self.end, "SHORT_DATE_FORMAT"),
        }


def count_label(count: int) -> str:
    return f"<{SMALL}" if 0 < count < SMALL else str(count)


def build_report(*, organisations, municipality, start, end) -> WelfareReport:
    """Phenomena of the organisations with observations about the municipality (or the whole
    county) sent in the period, and the proposals about them or the municipality that were
    active in the period. Only the observations shared with the organisations now are
    counted."""
    about = Q(links__observation__municipalities=municipality) | Q(
        links__observation__whole_county=True
    )
    in_period = Q(links__observation__submitted_at__date__range=(start, end)) & Q(
        links__observation__organisation_id__in=shared_scope(organisations)
    )
    phenomena = (
        Phenomenon.objects.active()
        .filter(organisation_id__in=organisations)
        .annotate(
            total=Count("links", filter=about & in_period, distinct=True),
            concerns=Count(
                "links",
                filter=about & in_period & Q(links__observation__signal="concern"),
                distinct=True,
            ),
        )
        .filter(total__gt=0)
        .order_by("-total", "name")
    )
    phenomena = list(phenomena)
    active = Q(transitions__at__date__range=(start, end)) | Q(
        status__in=OPEN, created_at__date__lte=end
    )
    proposals = (
        ActionProposal.objects.filter(organisation_id__in=organisations)
        .exclude(status=Status.DRAFT)
        .filter(Q(municipalities=municipality) | Q(phenomena__in=phenomena))
        .filter(active)
        .distinct()
        .select_related("recipient")
        .prefetch_related("milestones", "phenomena")
        .order_by("created_at")
    )
    return WelfareReport(municipality, start, end, phenomena, list(proposals))


# Rows shared by both formats ---------------------------------------------------------------


def phenomenon_rows(report: WelfareReport) -> tuple[list, list[list]]:
    header = [_("Phenomenon"), _("Description"), _("Observations"), _("Of which concerns")]
    rows = [
        [p.name, p.description, count_label(p.total), count_label(p.concerns)]
        for p in report.phenomena
    ]
    return header, rows


def proposal_rows(report: WelfareReport) -> tuple[list, list[list]]:
    header = [
        _("Action proposal"),
        _("The problem"),
        _("The proposed action"),
        _("Expected effect"),
        _("Recipient body"),
        _("Status"),
        _("Decision"),
        _("Date of the response"),
        _("Official response"),
        _("Progress (%)"),
    ]
    rows = [
        [
            p.title,
            p.problem,
            p.proposed_action,
            p.expected_effect,
            p.recipient.name if p.recipient else "",
            p.get_status_display(),
            p.get_decision_display(),
            date_format(p.response_date, "SHORT_DATE_FORMAT") if p.response_date else "",
            p.response_text,
            "" if p.progress is None else str(p.progress),
        ]
        for p in report.proposals
    ]
    return header, rows


# Files ---------------------------------------------------------------------------------------


def as_xlsx(report: WelfareReport) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    for name, (header, rows) in [
        (_("Phenomena"), phenomenon_rows(report)),
        (_("Action proposals"), proposal_rows(report)),
    ]:
        sheet = workbook.add_worksheet(name[:31])
        sheet.write_string(0, 0, safe_cell(report.title), bold)
        for column, title in enumerate(header):
            sheet.write_string(2, column, safe_cell(str(title)), bold)
            sheet.set_column(column, column, 30)
        for row_number, row in enumerate(rows, start=3):
            for column, value in enumerate(row):
                sheet.write_string(row_number, column, safe_cell(str(value)), wrap)
    workbook.close()
    return buffer.getvalue()


def as_docx(report: WelfareReport) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = report.title
    document.add_heading(report.title, level=1)
    document.add_paragraph(
        _(
            "Professionals' observations from client work (social reporting), grouped into "
            "phenomena, and the action proposals prepared from them. Counts under five are "
            "shown as <5."
        )
    )
    document.add_heading(_("Phenomena observed"), level=2)
    header, rows = phenomenon_rows(report)
    _table(document, header, rows)
    document.add_heading(_("Action proposals"), level=2)
    if not report.proposals:
        document.add_paragraph(_("No action proposals in the period."))
    header, rows = proposal_rows(report)
    for row in rows:
        document.add_heading(row[0], level=3)
        for label, value in zip(header[1:], row[1:], strict=True):
            if value:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(str(value))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document, header: list, rows: list[list]) -> None:
    if not rows:
        document.add_paragraph(_("No phenomena in the period."))
        return
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(title)
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)
