from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from reporting.demo import demo_loaded
        from reports import demo, guarded  # noqa: F401  (declare the stored texts to the guard)

        demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="reports-demo")
