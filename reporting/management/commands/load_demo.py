from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from reporting.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo installation (safe to run again: only what is missing is added)."

    def handle(self, *args, **options):
        links = load_demo()
        self.stdout.write(f"Demo data ready. Every demo user's password is {DEMO_PASSWORD}")
        for name, token in links.items():
            url = settings.SITE_URL + reverse("reporting:open_link", kwargs={"token": token})
            self.stdout.write(f"  open link ({name}): {url}")
