from django.core.management.base import BaseCommand

from proposals import notifications


class Command(BaseCommand):
    help = (
        "Send the reporters' notifications still in the outbox: retry failed immediate ones, "
        "and with --weekly send the weekly digests (run it once a week, e.g. from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--weekly", action="store_true", help="Send the weekly digests too.")

    def handle(self, *args, **options):
        sent = notifications.retry_failed()
        self.stdout.write(f"Sent {sent} pending notification(s).")
        if options["weekly"]:
            digests = notifications.send_weekly_digests()
            self.stdout.write(f"Sent {digests} weekly digest(s).")
