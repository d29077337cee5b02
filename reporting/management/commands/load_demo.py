from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from reporting.demo import DEMO_PASSWORD, load_demo

FLAG = "--i-know-this-is-not-production"


class Command(BaseCommand):
    help = (
        "Load the demo installation (safe to run again: only what is missing is added). "
        "It makes accounts, an installation administrator among them, with a published "
        f"password, so it runs only with DEBUG on, or with {FLAG}."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            FLAG,
            action="store_true",
            dest="not_production",
            help="load the demo although DEBUG is off (a test or demonstration server)",
        )

    def handle(self, *args, not_production=False, **options):
        if not settings.DEBUG and not not_production:
            raise CommandError(
                _(
                    "The demo was not loaded: it creates accounts, an installation "
                    "administrator among them, whose password is published, and DEBUG is "
                    "off, as in production. On a test or demonstration server, run it again "
                    "with %(flag)s."
                )
                % {"flag": FLAG}
            )
        links = load_demo()
        self.stdout.write(f"Demo data ready. Every demo user's password is {DEMO_PASSWORD}")
        for name, token in links.items():
            url = settings.SITE_URL + reverse("reporting:open_link", kwargs={"token": token})
            self.stdout.write(f"  open link ({name}): {url}")
