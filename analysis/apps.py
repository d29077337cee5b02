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
        self._offer_texts_to_the_guard()
        from accounts.audit import watch_deletions
        from analysis.models import Phenomenon

        watch_deletions(Phenomenon, organisation_field="organisation_id")
        self._forget_vectors_of_erased_texts()

    def _forget_vectors_of_erased_texts(self) -> None:
        """A vector and its terms are derived from the text: when the retention rule erases
        the text, they go too (an erased observation is then analysed as an empty text)."""
        from analysis.models import TextVector
        from reporting.retention import text_erased

        def forget(sender, observation_ids, **kwargs):
            TextVector.objects.filter(observation_id__in=observation_ids).delete()

        text_erased.connect(forget, weak=False, dispatch_uid="analysis-forget-vectors")

    def _offer_texts_to_the_guard(self) -> None:
        """Let `scan_pii --stored` re-scan memos and phenomena after the rules improve."""
        from analysis.models import Memo, Phenomenon
        from privacy import sources

        def memos():
            rows = Memo.objects.values_list("pk", "text", "observation__language")
            for pk, text, language in rows.iterator():
                yield f"memo:{pk}", text, language

        def phenomena():
            rows = Phenomenon.objects.values_list("pk", "name", "description")
            for pk, name, description in rows.iterator():
                yield f"phenomenon:{pk}", f"{name}\n{description}", "fi"

        sources.register("memos", memos)
        sources.register("phenomena", phenomena)
