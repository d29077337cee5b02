from django.core.management.base import BaseCommand

from notices import outbox
from notices.models import Frequency


class Command(BaseCommand):
    help = (
        "Send the notices still in the outbox: retry failed immediate ones, and with --daily "
        "or --weekly send those digests too (the worker does all this on its own schedule)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--daily", action="store_true", help="Send the daily digests too.")
        parser.add_argument("--weekly", action="store_true", help="Send the weekly digests too.")

    def handle(self, *args, **options):
        sent = outbox.retry_all()
        self.stdout.write(f"Sent {sent} pending notice(s).")
        for frequency in (Frequency.DAILY, Frequency.WEEKLY):
            if options[frequency]:
                digests = outbox.send_all_digests(frequency)
                self.stdout.write(f"Sent {digests} {frequency} digest(s).")
