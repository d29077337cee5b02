"""The Django admin, for the installation's administrators only.

Installation administrators are the active superusers (``manage.py createsuperuser``).
Organisation administrators manage their people on Sora's own pages
(``/accounts/organisation/``), where every change is scoped to their organisation; staff
status and model permissions give nothing here.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.dates import BoundedDateField
from lib.forms import BoundedTextField
from privacy.forms import guarded


class SoraAdminSite(admin.AdminSite):
    site_header = _("Sora administration")
    site_title = _("Sora administration")

    @property
    def login_form(self):
        """Paused after repeated failures like Sora's own sign-in (accounts.throttle)."""
        from accounts.forms import AdminSignInForm

        return AdminSignInForm

    def has_permission(self, request) -> bool:
        """Only an installation administrator (an active superuser) gets in. The admin is not
        scoped to organisations, so staff status with model permissions, or an administrator
        role in an organisation, must not open it."""
        user = request.user
        return user.is_active and user.is_superuser

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every admin form and inline that writes a declared text checks it with the
        enforcement point, so personal data is an error on the field, not an error page;
        every long text has the shared length limit, checked first, and every date the
        shared bounds."""
        super().register(model_or_iterable, admin_class, **options)
        models = (
            model_or_iterable
            if isinstance(model_or_iterable, list | tuple)
            else [model_or_iterable]
        )
        for model in models:
            model_admin = self._registry.get(model)
            if model_admin is None:  # a swapped model, such as Django's own User
                continue
            model_admin.form = guarded(model_admin.form)
            model_admin.formfield_overrides = _bounded(model_admin.formfield_overrides)
            for inline in model_admin.inlines:
                inline.form = guarded(inline.form)
                inline.formfield_overrides = _bounded(inline.formfield_overrides)


def _bounded(overrides: dict) -> dict:
    """Long texts with the shared length limit and dates within the shared bounds
    (``lib.forms``, ``lib.dates``). A date-and-time column has an override of its own."""
    text = {**overrides.get(models.TextField, {}), "form_class": BoundedTextField}
    day = {**overrides.get(models.DateField, {}), "form_class": BoundedDateField}
    return {**overrides, models.TextField: text, models.DateField: day}


class SoraAdminConfig(AdminConfig):
    """Django's admin app with the site above."""

    default_site = "sora.admin.SoraAdminSite"
