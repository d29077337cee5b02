from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "analysis"
    verbose_name = _("Analysis")

    def ready(self) -> None:
        from django.conf import settings
        from django.db import transaction
        from django.db.models.signals import post_save

        from reporting.models import Observation

        def enqueue_vectors(sender, instance, created, **kwargs):
            if created and settings.TEXT_VECTORS_ON_SAVE:
                from analysis.tasks import compute_text_vectors

                transaction.on_commit(
                    lambda: compute_text_vectors.enqueue(observation_ids=[instance.pk])
                )

        post_save.connect(enqueue_vectors, sender=Observation, weak=False)

        from accounts.audit import watch_deletions
        from analysis import guarded  # noqa: F401  (declare the stored texts to the guard)
        from analysis.models import Phenomenon

        watch_deletions(Phenomenon, organisation_field="organisation_id")
