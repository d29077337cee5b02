from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from reporting import guarded  # noqa: F401  (declare the stored texts to the guard)

        self._audit_deletions()
        self._forget_rendered_choices_on_change()

    def _audit_deletions(self) -> None:
        from accounts.audit import watch_deletions
        from reporting.models import Campaign, Observation

        watch_deletions(Observation, organisation_field="organisation_id")
        watch_deletions(Campaign, organisation_field="owner_id", named=True)

    def _forget_rendered_choices_on_change(self) -> None:
        """The form's option lists are cached per process (``field_group``); an edit in the
        admin clears them here at once and in other processes within ten minutes."""
        from django.core.cache import caches
        from django.db.models.signals import post_delete, post_save

        from accounts.models import Profession
        from reporting.models import ForumGroup, Municipality, TargetGroup, Theme

        def forget(**kwargs):
            caches["fragments"].clear()

        for model in (Municipality, TargetGroup, Theme, Profession, ForumGroup):
            post_save.connect(forget, sender=model, weak=False)
            post_delete.connect(forget, sender=model, weak=False)
