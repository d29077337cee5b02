from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Action proposals")

    def ready(self) -> None:
        from proposals import demo, guarded  # noqa: F401  (declare the stored texts)
        from reporting.demo import demo_loaded

        demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="proposals-demo")
