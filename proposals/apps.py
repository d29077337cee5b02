from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Action proposals")

    def ready(self) -> None:
        from privacy import sources
        from proposals import demo
        from proposals.guarded import proposal_texts, quote_texts
        from reporting.demo import demo_loaded

        demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="proposals-demo")
        # `scan_pii --stored` re-scans the proposals' texts after the guard's rules improve.
        sources.register("proposals", proposal_texts)
        sources.register("quotes", quote_texts)
