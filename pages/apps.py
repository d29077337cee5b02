from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Information pages")

    def ready(self) -> None:
        from pages import guarded  # noqa: F401  (declare the stored texts to the guard)
