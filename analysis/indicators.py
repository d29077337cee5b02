"""Official statistics beside the observations: importing Sotkanet exports and finding the
indicators that belong to a set of themes.

The CSV has the columns of a Sotkanet export: indicator, region, year, value (Finnish
headers indikaattori, alue, vuosi, arvo are accepted too), separated by semicolons or
commas; a decimal comma is fine. Regions are matched to municipalities by name or code;
other regions (the county, the whole country) are kept by name.
"""

import csv
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from analysis.models import Indicator, IndicatorValue
from reporting.models import Municipality

HEADERS = {
    "indicator": "indicator",
    "indikaattori": "indicator",
    "region": "region",
    "alue": "region",
    "year": "year",
    "vuosi": "year",
    "value": "value",
    "arvo": "value",
}


@dataclass
class IndicatorImport:
    values: int = 0
    indicators: int = 0
    errors: list[str] = field(default_factory=list)


def import_csv(handle) -> IndicatorImport:
    """Check every row, then save all of them or none. Re-importing updates values."""
    result = IndicatorImport()
    sample = handle.read()
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else ",", ";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(sample.splitlines(), dialect)
    header = [HEADERS.get(h.strip().lower().lstrip("\ufeff")) for h in next(reader, [])]
    if sorted(h for h in header if h) != ["indicator", "region", "value", "year"]:
        result.errors.append(
            _("The header must have the columns indicator, region, year and value.")
        )
        return result
    rows = []
    for number, cells in enumerate(reader, 2):
        if not any(cell.strip() for cell in cells):
            continue
        row = {name: cells[i].strip() for i, name in enumerate(header) if name and i < len(cells)}
        problem = _row_problem(row)
        if problem:
            result.errors.append(
                _("line %(line)s: %(problem)s") % {"line": number, "problem": problem}
            )
        else:
            rows.append(row)
    if not result.errors:
        _save(rows, result)
    return result


def _row_problem(row: dict) -> str:
    if not row.get("indicator") or not row.get("region"):
        return _("the indicator and the region are required")
    if not row.get("year", "").isdigit() or not 1900 <= int(row["year"]) <= 2200:
        return _("the year must be a year such as 2025")
    try:
        float(row.get("value", "").replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except ValueError:
        return _("the value must be a number")
    return ""


@transaction.atomic
def _save(rows: list[dict], result: IndicatorImport) -> None:
    municipalities = {}
    for municipality in Municipality.objects.all():
        for key in (municipality.code, municipality.name_fi, municipality.name_sv):
            if key:
                municipalities[key.casefold()] = municipality
    indicators: dict[str, Indicator] = {}
    for row in rows:
        name = row["indicator"]
        if name not in indicators:
            indicators[name], created = Indicator.objects.get_or_create(
                code=name[:100], defaults={"name_fi": name[:300]}
            )
            result.indicators += created
        IndicatorValue.objects.update_or_create(
            indicator=indicators[name],
            region=row["region"][:200],
            year=int(row["year"]),
            defaults={
                "value": float(
                    row["value"].replace(",", ".").replace("\u00a0", "").replace(" ", "")
                ),
                "municipality": municipalities.get(row["region"].casefold()),
            },
        )
        result.values += 1


def latest_for_themes(themes, *, limit: int = 8) -> list[dict]:
    """The newest value per indicator and region for indicators linked to these themes."""
    values = (
        IndicatorValue.objects.filter(indicator__themes__in=themes)
        .select_related("indicator")
        .order_by("indicator__name_fi", "region", "-year")
        .distinct()
    )
    latest: dict[tuple[int, str], IndicatorValue] = {}
    for value in values:
        latest.setdefault((value.indicator_id, value.region), value)
    rows = [
        {
            "indicator_id": v.indicator_id,
            "indicator": v.indicator.name,
            "region": v.region,
            "year": v.year,
            "value": v.value,
        }
        for v in latest.values()
    ]
    return rows[:limit]
