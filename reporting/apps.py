from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from privacy import sources
        from reporting.models import Observation

        def stored_texts():
            rows = Observation.objects.values_list("pk", "text", "suggestion", "language")
            for pk, text, suggestion, language in rows.iterator():
                yield f"observation:{pk}:text", text, language
                if suggestion:
                    yield f"observation:{pk}:suggestion", suggestion, language

        sources.register("observations", stored_texts)
