from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SoraConfig(AppConfig):
    """The project itself: error pages and the operations commands (backup, restore, worker)."""

    name = "sora"
    verbose_name = _("Sora")

    def ready(self):
        from sora import checks  # noqa: F401  (registers the checks)
