import sys

from django.core.management.base import BaseCommand, CommandError

from accounts.audit import file_target, record_event
from accounts.models import AuditEvent
from reporting import transfer


class Command(BaseCommand):
    help = "Export observations in the import format, as JSONL (default) or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write; standard output if omitted")
        parser.add_argument(
            "--format", choices=["jsonl", "csv"], help="defaults to the file's ending"
        )

    def handle(self, *args, output=None, format=None, **options):
        fmt = format or ("csv" if output and output.lower().endswith(".csv") else "jsonl")
        writer = transfer.write_csv if fmt == "csv" else transfer.write_jsonl
        try:
            if output:
                with open(output, "w", encoding="utf-8", newline="") as handle:
                    count = writer(transfer.export_rows(), handle)
            else:
                count = writer(transfer.export_rows(), self.stdout)
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror}") from error
        record_event(
            action=AuditEvent.Action.EXPORT,
            target=file_target(output) if output else "stdout",
            label="manage.py export_observations",
            format=fmt,
            rows=count,
        )
        sys.stderr.write(f"exported {count} observations\n")
