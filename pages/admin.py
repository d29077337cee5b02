from django.contrib import admin
from django.db import models

from pages.models import InfoPage


@admin.register(InfoPage)
class InfoPageAdmin(admin.ModelAdmin):
    """The fixed pages are edited, never added or removed: the footer links to each."""

    list_display = ["__str__", "title_fi", "updated_at"]
    readonly_fields = ["slug", "updated_at"]
    fields = [
        "slug",
        "title_fi",
        "body_fi",
        "title_sv",
        "body_sv",
        "title_en",
        "body_en",
        "contact",
        "updated_at",
    ]
    # A privacy notice is a long document.
    formfield_overrides = {models.TextField: {"setting": "LONG_TEXT_MAX_CHARS"}}

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
