from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Action proposals")

    def ready(self) -> None:
        # Declare the stored texts; keep bodies' members in step with their memberships.
        from proposals import bodies, demo, guarded  # noqa: F401
        from proposals.chain import follow_up_source
        from reporting.demo import demo_loaded
        from reporting.follow import register_chain_source

        demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="proposals-demo")
        # The reporter's follow-up page shows what became of each observation.
        register_chain_source(follow_up_source, template="proposals/_chain.html")
