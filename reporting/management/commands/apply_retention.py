from django.core.management.base import BaseCommand

from reporting.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Erase every stored text past its retention age with its copies (RETENTION_TEXT_DAYS "
        "for observations, RETENTION_MEMO_DAYS for memos; codes and links stay), remove "
        "drafts past RETENTION_DRAFT_DAYS and audit events past RETENTION_AUDIT_DAYS. "
        "Safe to run again."
    )

    def handle(self, *args, **options):
        counts = apply_retention()
        self.stdout.write(", ".join(f"{label} {count}" for label, count in counts.items()))
