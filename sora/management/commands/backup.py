from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sora import backup


class Command(BaseCommand):
    help = (
        "Back up the database to FILE: pg_dump's custom format on PostgreSQL, a consistent "
        "copy of the database file on SQLite. Safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        sqlite_connection = None
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            sqlite_connection = connection.connection
        try:
            backup.backup(
                file, settings_dict=connection.settings_dict, sqlite_connection=sqlite_connection
            )
        except (OSError, backup.subprocess.CalledProcessError) as error:
            raise CommandError(f"the backup failed: {error}") from error
        self.stdout.write(f"backed up the database to {file}")
