"""The Django admin, for Sora's administrators only."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class SoraAdminSite(admin.AdminSite):
    site_header = _("Sora administration")
    site_title = _("Sora administration")

    def has_permission(self, request) -> bool:
        """Staff status alone is not enough: the person must also be an administrator of an
        organisation in Sora (or the installation's superuser, who sets the first one up)."""
        from accounts import access

        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        return user.is_superuser or access.is_admin(user)


class SoraAdminConfig(AdminConfig):
    """Django's admin app with the site above."""

    default_site = "sora.admin.SoraAdminSite"
