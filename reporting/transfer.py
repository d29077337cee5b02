"""Moving observations in and out of Sora as JSONL or CSV.

Both directions use the same fields, so an export can be imported into another
installation. An import is checked row by row, including the personal-data guard, and is
saved all or nothing; rows whose external_id already exists are left as they are, so running
the same import twice changes nothing.
"""

import csv
import json
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

import privacy
from accounts.models import Organisation
from lib.dates import EARLIEST
from lib.exports import CsvWriter, read_csv, unsafe_cell
from privacy.enforcement import PersonalDataRefused, guard_values
from reporting import guard
from reporting.models import Channel, Municipality, Observation, Signal, TargetGroup, Theme

FIELDS = (
    "external_id",
    "text",
    "language",
    "submitted_at",
    "municipality_codes",
    "target_groups",
    "themes",
    "signal",
    "suggestion",
    "organisation",
)
REQUIRED = ("external_id", "text", "language", "submitted_at", "signal", "organisation")
LIST_FIELDS = ("municipality_codes", "target_groups", "themes")
LANGUAGES = ("fi", "sv", "en")
MAX_ID = Observation._meta.get_field("external_id").max_length


@dataclass
class ImportResult:
    created: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


class ImportFailed(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def read_rows(handle, *, name: str) -> list[tuple[int, dict]]:
    """Rows with their line numbers. CSV when the name ends in .csv, otherwise JSONL."""
    if name.lower().endswith(".csv"):
        return _read_csv(handle)
    return _read_jsonl(handle)


def _read_jsonl(handle) -> list[tuple[int, dict]]:
    rows, errors = [], []
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(
                _("line %(line)s: not valid JSON (%(error)s)") % {"line": number, "error": error}
            )
            continue
        if not isinstance(row, dict):
            errors.append(_("line %(line)s: expected a JSON object") % {"line": number})
            continue
        rows.append((number, row))
    if errors:
        raise ImportFailed(errors)
    return rows


def _read_csv(handle) -> list[tuple[int, dict]]:
    try:
        reader = read_csv(handle)
        # Line numbers count the header as line 1, as a spreadsheet shows them.
        return [(number, row) for number, row in enumerate(reader, 2)]
    except csv.Error as error:
        message = _("the CSV file could not be read: %(error)s") % {"error": error}
        raise ImportFailed([message]) from error


class _Lookups:
    """Reference data loaded once per import instead of once per row."""

    def __init__(self):
        self.organisations = {o.code: o for o in Organisation.objects.all()}
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.target_groups = {t.code: t for t in TargetGroup.objects.all()}
        self.themes = {t.code: t for t in Theme.objects.all()}


def validate_row(number: int, row: dict, lookups: _Lookups) -> tuple[dict, list[str]]:
    errors: list[str] = []

    def fail(name: str, message: str) -> None:
        errors.append(
            _("line %(line)s, field %(field)s: %(message)s")
            % {"line": number, "field": name, "message": message}
        )

    unknown = sorted(set(row) - set(FIELDS))
    for name in unknown:
        fail(
            name, _("unknown field; allowed fields are %(fields)s") % {"fields": ", ".join(FIELDS)}
        )
    for name in REQUIRED:
        if not str(row.get(name) or "").strip():
            fail(name, _("required"))
    clean: dict = {name: _text(row.get(name)) for name in FIELDS if name not in LIST_FIELDS}
    for name in LIST_FIELDS:
        clean[name] = _codes(row.get(name))

    if clean["language"] and clean["language"] not in LANGUAGES:
        fail("language", _("must be one of fi, sv, en"))
    if clean["signal"] and clean["signal"] not in Signal.values:
        fail("signal", _("must be one of %(values)s") % {"values": ", ".join(Signal.values)})
    if clean["submitted_at"]:
        moment = _moment(clean["submitted_at"])
        if moment is None:
            fail("submitted_at", _("not a date and time in ISO 8601 form"))
        elif not EARLIEST <= timezone.localdate(moment) <= timezone.localdate():
            fail(
                "submitted_at",
                _("must be between %(earliest)s and today") % {"earliest": EARLIEST.isoformat()},
            )
        clean["submitted_at"] = moment
    if clean["organisation"] and clean["organisation"] not in lookups.organisations:
        fail(
            "organisation",
            _("no organisation has the code %(code)s") % {"code": clean["organisation"]},
        )
    for name, table in [
        ("municipality_codes", lookups.municipalities),
        ("target_groups", lookups.target_groups),
        ("themes", lookups.themes),
    ]:
        for code in clean[name]:
            if code not in table:
                fail(name, _("unknown code %(code)s") % {"code": code})
    text_limit = settings.LONG_TEXT_MAX_CHARS
    too_long = set()
    for name, limit in (("text", text_limit), ("suggestion", text_limit), ("external_id", MAX_ID)):
        if len(clean[name]) > limit:
            fail(name, _("longer than %(limit)s characters") % {"limit": limit})
            too_long.add(name)
    # The guard reads only texts within their limits.
    results = guard.check_texts(
        {name: clean[name] for name in ("text", "suggestion") if name not in too_long},
        language=clean["language"] if clean["language"] in LANGUAGES else "fi",
        confirmed=set(),
    )
    blocked = {name: result.blocking for name, result in results.items()}
    if "external_id" not in too_long:
        blocked["external_id"] = _refused_in_reference(clean["external_id"])
    for name, findings in blocked.items():
        for finding in findings:
            fail(
                name,
                _("personal data (%(kind)s) at characters %(start)s–%(end)s; remove it")
                % {"kind": _kind(finding.kind), "start": finding.start, "end": finding.end},
            )
    return clean, errors


def _refused_in_reference(external_id: str) -> list:
    """What the enforcement point refuses in an external id, told with the row's other
    errors instead of stopping the import halfway: the id names a row of another system, so
    it is held to the rule of references (no identity code, phone, e-mail or account)."""
    try:
        guard_values(Observation, {"external_id": external_id})
    except PersonalDataRefused as refused:
        return refused.problems["external_id"]
    return []


def _kind(kind: str) -> str:
    return str(privacy.kind_label(kind))


def _text(value) -> str:
    return "" if value is None else unsafe_cell(str(value).strip())


def _codes(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _moment(raw: str) -> datetime | None:
    try:
        moment = parse_datetime(raw)
        if moment is not None and timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        # Year 1 in a time zone east of UTC lies before the calendar in UTC.
        if moment is not None:
            timezone.localdate(moment)
    except (ValueError, OverflowError):
        return None
    return moment


def import_observations(rows: list[tuple[int, dict]]) -> ImportResult:
    """Check every row first; save all of them in one transaction only if all are valid."""
    lookups = _Lookups()
    checked, errors = [], []
    seen: set[str] = set()
    for number, row in rows:
        clean, row_errors = validate_row(number, row, lookups)
        if clean["external_id"] in seen:
            row_errors.append(
                _("line %(line)s, field external_id: %(id)s appears twice in the file")
                % {"line": number, "id": clean["external_id"]}
            )
        seen.add(clean["external_id"])
        errors += row_errors
        checked.append(clean)
    if errors:
        raise ImportFailed(errors)
    result = ImportResult()
    existing = set(
        Observation.objects.filter(external_id__in=seen).values_list("external_id", flat=True)
    )
    with transaction.atomic():
        for clean in checked:
            if clean["external_id"] in existing:
                result.unchanged += 1
                continue
            _create(clean, lookups)
            result.created += 1
    return result


def _create(clean: dict, lookups: _Lookups) -> Observation:
    observation = Observation.objects.create(
        external_id=clean["external_id"],
        channel=Channel.IMPORT,
        organisation=lookups.organisations[clean["organisation"]],
        text=clean["text"],
        suggestion=clean["suggestion"],
        signal=clean["signal"],
        language=clean["language"],
        submitted_at=clean["submitted_at"],
        whole_county=not clean["municipality_codes"],
    )
    observation.municipalities.set(lookups.municipalities[c] for c in clean["municipality_codes"])
    observation.target_groups.set(lookups.target_groups[c] for c in clean["target_groups"])
    observation.themes.set(lookups.themes[c] for c in clean["themes"])
    return observation


def export_rows(queryset=None):
    """Observations in the import format, oldest first."""
    queryset = (queryset if queryset is not None else Observation.objects.all()).order_by(
        "submitted_at", "pk"
    )
    queryset = queryset.select_related("organisation").prefetch_related(
        "municipalities", "target_groups", "themes"
    )
    for observation in queryset.iterator(chunk_size=500):
        yield {
            "external_id": observation.external_id or f"sora:{observation.receipt_code}",
            "text": observation.text,
            "language": observation.language,
            "submitted_at": observation.submitted_at.isoformat(),
            "municipality_codes": sorted(m.code for m in observation.municipalities.all()),
            "target_groups": sorted(t.code for t in observation.target_groups.all()),
            "themes": sorted(t.code for t in observation.themes.all()),
            "signal": observation.signal,
            "suggestion": observation.suggestion,
            "organisation": observation.organisation.code,
        }


def write_jsonl(rows, out) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows, out) -> int:
    """``;``-separated with a byte order mark, for a spreadsheet in Finnish; a list is one
    cell with its codes separated by ``;`` (quoted, as the cell holds the separator)."""
    writer = CsvWriter(out)
    writer.writerow(FIELDS)
    count = 0
    for row in rows:
        values = (row[name] for name in FIELDS)
        writer.writerow([";".join(v) if isinstance(v, list) else v for v in values])
        count += 1
    return count
