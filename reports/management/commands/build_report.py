"""Build a report from the command line, without saving it:

manage.py build_report --period 2026Q3 --scope county --format pdf --language fi --out FILE
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import AuditEvent
from reporting.models import Municipality, TargetGroup
from reports.build import build_content
from reports.definition import Definition, organisations_named
from reports.outputs import FORMATS, render
from reports.periods import PeriodError, parse_period


class Command(BaseCommand):
    help = "Build a social report in one format and write it to a file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--period",
            required=True,
            help="2026-03, 2026Q3, 2026H1, 2026 or 2026-01-01..2026-02-15",
        )
        parser.add_argument(
            "--scope",
            default="county",
            help="county, municipalities:CODE,CODE or organisations:CODE,CODE",
        )
        parser.add_argument("--target-group", default="", help="a target group code")
        parser.add_argument("--format", choices=FORMATS, default="pdf")
        parser.add_argument("--language", choices=["fi", "sv", "en"], default="fi")
        parser.add_argument("--title", default="")
        parser.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            definition = self._definition(options)
            content = build_content(definition)
        data = render(content, options["format"])
        Path(options["out"]).write_bytes(data)
        record_event(
            action=AuditEvent.Action.EXPORT,
            target="report:command",
            label="manage.py build_report",
            kind="report",
            format=options["format"],
            period=definition.period.code(),
            scope=options["scope"],
        )
        self.stdout.write(f"{options['out']}: {len(data)} bytes")

    def _definition(self, options) -> Definition:
        try:
            period = parse_period(options["period"])
        except PeriodError as error:
            raise CommandError(str(error)) from error
        kind, _sep, codes = options["scope"].partition(":")
        names = [code.strip() for code in codes.split(",") if code.strip()]
        fields = {"organisation_ids": None, "municipality_ids": frozenset(), "scope_label": ""}
        if kind == "municipalities" and names:
            found = Municipality.objects.filter(code__in=names)
            fields["municipality_ids"] = frozenset(found.values_list("pk", flat=True))
            fields["scope_label"] = ", ".join(m.name for m in found)
        elif kind == "organisations" and names:
            fields["organisation_ids"] = organisations_named(names)
        elif kind != "county":
            raise CommandError(
                _("The scope must be county, municipalities:CODES or organisations:CODES.")
            )
        return Definition(
            period=period,
            language=options["language"],
            target_group_id=self._target_group(options["target_group"]),
            title=options["title"],
            **fields,
        )

    def _target_group(self, code: str) -> int | None:
        if not code:
            return None
        group = TargetGroup.objects.filter(code=code).first()
        if group is None:
            raise CommandError(
                _("There is no target group with the code %(code)s.") % {"code": code}
            )
        return group.pk
