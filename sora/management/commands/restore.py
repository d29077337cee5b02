from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sora import backup


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a backup made by `manage.py backup`. Stop the "
        "web servers and workers first. Then run `manage.py migrate` (for a backup of an "
        "older version) and compare `manage.py table_checksums` with the original's."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, yes, **options):
        name = connection.settings_dict["NAME"]
        if not yes and input(f"Replace everything in {name} with {file}? [y/N] ") != "y":
            raise CommandError("nothing was restored")
        connection.close()
        try:
            backup.restore(file, settings_dict=connection.settings_dict)
        except (OSError, backup.subprocess.CalledProcessError) as error:
            raise CommandError(f"the restore failed: {error}") from error
        self.stdout.write(f"restored {name} from {file}")
