from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Personal-data guard")

    def ready(self) -> None:
        # Registers the system check that warns when Voikko is missing.
        from privacy import checks  # noqa: F401
