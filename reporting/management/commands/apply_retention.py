from django.core.management.base import BaseCommand

from reporting.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Erase the free text of observations past RETENTION_TEXT_DAYS (codes and links stay), "
        "remove drafts past RETENTION_DRAFT_DAYS and audit events past RETENTION_AUDIT_DAYS. "
        "Safe to run again."
    )

    def handle(self, *args, **options):
        counts = apply_retention()
        self.stdout.write(
            "erased the text of {observation_texts} observations, removed {drafts} drafts "
            "and {audit_events} audit events".format(**counts)
        )
