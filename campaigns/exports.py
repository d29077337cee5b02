"""A campaign's results as a file (CSV or XLSX) for a spreadsheet: every table of the results
page, as its reader may see it, and the text answers that pass the quote check. Cells pass
``lib.exports.safe_cell``; the CSV is Sora's (``;`` and a byte order mark)."""

import io

from django.utils.translation import gettext as _

from campaigns.results import Results
from lib.exports import CsvWriter, safe_cell


def figure_rows(results: Results) -> list[list]:
    rows = [[_("Table"), _("Row"), _("Count")]]
    rows.append([results.responses.label, _("Total"), results.responses.shown])
    for table in results.tables():
        for row in table.rows:
            rows.append([table.caption, row.label, row.shown if row.hidden else row.count])
        if table.total_shown is not None:
            rows.append([table.caption, table.total_label, table.total])
    return rows


def text_rows(results: Results) -> list[list]:
    rows = [[_("Question"), _("Answer")]]
    for item in results.texts():
        rows += [[item.question.text, text] for text in item.texts]
    return rows


def write_csv(out, results: Results) -> int:
    writer = CsvWriter(out)
    figures = figure_rows(results)
    for row in figures:
        writer.writerow(row)
    texts = text_rows(results)
    if len(texts) > 1:
        writer.writerow([])
        for row in texts:
            writer.writerow(row)
    return len(figures) + len(texts) - 2


def xlsx(results: Results) -> tuple[bytes, int]:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = workbook.add_format({"bold": True})
    count = 0
    sheets = [(_("Figures"), figure_rows(results))]
    if not results.shared:
        sheets.append((_("Text answers"), text_rows(results)))
    for title, rows in sheets:
        sheet = workbook.add_worksheet(title[:31])
        sheet.set_column(0, 1, 40)
        for index, row in enumerate(rows):
            for column, value in enumerate(row):
                if isinstance(value, int):
                    sheet.write_number(index, column, value)
                else:
                    sheet.write_string(
                        index, column, safe_cell(str(value)), bold if not index else None
                    )
        count += len(rows) - 1
    workbook.close()
    return buffer.getvalue(), count
