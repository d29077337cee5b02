"""List rising and falling signals over every organisation, as a table or as JSON."""

import datetime
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from analysis.signals import THEME, Finding, Names, SignalParams, as_json, detect_signals
from lib.dates import check_day


class Command(BaseCommand):
    help = (
        "List themes and phenomena whose observations rose or fell in the recent weeks, in "
        "the whole county, per municipality and per target group."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="last day of the recent window, YYYY-MM-DD (today)")
        parser.add_argument(
            "--windows", default="2,4,8,13,26", help="recent windows in weeks, comma-separated"
        )
        parser.add_argument("--baseline-weeks", type=int, default=78)
        parser.add_argument("--min-count", type=int, default=3)
        parser.add_argument("--fdr", type=float, default=0.1, help="false discovery rate")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def handle(self, *args, **options):
        params = _params(options)
        findings = detect_signals(params)
        names = Names.for_findings(findings)
        if options["json"]:
            document = {
                "as_of": params.as_of.isoformat(),
                "windows": list(params.windows),
                "baseline_weeks": params.baseline_weeks,
                "signals": [as_json(finding, names) for finding in findings],
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            self._table(params, findings, names)

    def _table(self, params: SignalParams, findings: list[Finding], names: Names) -> None:
        windows = ", ".join(map(str, params.windows))
        self.stdout.write(
            f"the last {windows} weeks up to {params.as_of} against up to "
            f"{params.baseline_weeks} weeks before each: {len(findings)} signals"
        )
        if not findings:
            return
        header = (
            "direction",
            "signal",
            "kind",
            "subject",
            "area",
            "weeks",
            "recent",
            "expected",
            "q",
        )
        rows = [header, *(_row(finding, names) for finding in findings)]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        for row in rows:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())


def _params(options: dict) -> SignalParams:
    text = options["as_of"]
    try:
        as_of = datetime.date.fromisoformat(text) if text else timezone.localdate()
        check_day(as_of)
    except ValueError as error:
        raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {text!r}") from error
    except ValidationError as error:
        raise CommandError(f"--as-of: {error.messages[0]}") from error
    try:
        windows = tuple(int(part) for part in options["windows"].split(","))
        return SignalParams(
            as_of=as_of,
            windows=windows,
            baseline_weeks=options["baseline_weeks"],
            min_count=options["min_count"],
            fdr=options["fdr"],
        )
    except ValueError as error:
        raise CommandError(str(error)) from error


def _row(finding: Finding, names: Names) -> tuple[str, ...]:
    key = finding.key
    subject = names.subject(key)
    municipality = names.municipality(key)
    group = names.target_group(key)
    area = municipality.name_fi if municipality else "county"
    return (
        finding.direction,
        key.signal,
        key.kind,
        subject.code if key.kind == THEME else f"#{subject.pk} {subject.name}",
        f"county, {group.code}" if group else area,
        str(finding.window_weeks),
        str(finding.recent),
        f"{finding.expected:.1f}",
        f"{finding.q_value:.2g}",
    )
