from django.core.management.base import BaseCommand, CommandError

from accounts.audit import file_target, record_event
from accounts.models import AuditEvent
from analysis import indicators


class Command(BaseCommand):
    help = (
        "Import indicator values from a CSV in the layout of THL's Sotkanet exports "
        "(indicator, region, year, value). Nothing is saved if any row has an error."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                result = indicators.import_csv(handle)
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text ({error.reason})") from error
        if result.errors:
            for line in result.errors:
                self.stderr.write(line)
            raise CommandError(f"nothing was imported: {len(result.errors)} error(s)")
        record_event(
            action=AuditEvent.Action.IMPORT,
            target=file_target(file),
            label="manage.py import_indicators",
        )
        self.stdout.write(f"imported {result.values} values, {result.indicators} new indicators")
