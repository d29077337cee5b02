from django.core.management.base import BaseCommand, CommandError

from accounts.audit import file_target, record_event
from accounts.models import AuditEvent
from reporting import transfer


class Command(BaseCommand):
    help = (
        "Import observations from a JSONL or CSV file (fields: "
        + ", ".join(transfer.FIELDS)
        + "). Every row is checked first; nothing is saved unless all rows are valid. "
        "Rows whose external_id exists already are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .jsonl or .csv file")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                rows = transfer.read_rows(handle, name=file)
                result = transfer.import_observations(rows)
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text ({error.reason})") from error
        except transfer.ImportFailed as failure:
            for line in failure.errors:
                self.stderr.write(line)
            raise CommandError(
                f"nothing was imported: {len(failure.errors)} error(s) in {file}"
            ) from failure
        record_event(
            action=AuditEvent.Action.IMPORT,
            target=file_target(file),
            label="manage.py import_observations",
            created=result.created,
            unchanged=result.unchanged,
        )
        self.stdout.write(f"imported {result.created}, already present {result.unchanged}")
