from django.contrib import admin

from reporting.models import (
    Campaign,
    CampaignQuestion,
    ForumGroup,
    ForumSession,
    Municipality,
    TargetGroup,
    Theme,
)

REFERENCE_FIELDS = ("code", "name_fi", "name_sv", "name_en", "order")


@admin.register(Municipality, TargetGroup)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = REFERENCE_FIELDS
    list_editable = ("name_fi", "name_sv", "name_en", "order")
    search_fields = ("code", "name_fi", "name_sv", "name_en")


@admin.register(Theme)
class ThemeAdmin(ReferenceAdmin):
    list_display = (*REFERENCE_FIELDS, "parent", "is_active")
    list_filter = ("is_active",)


class QuestionInline(admin.StackedInline):
    model = CampaignQuestion
    extra = 0


class GroupInline(admin.StackedInline):
    model = ForumGroup
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("title_fi", "kind", "owner", "starts_on", "ends_on", "open_link_enabled")
    list_filter = ("kind", "open_link_enabled")
    search_fields = ("title_fi", "title_sv", "title_en")
    filter_horizontal = ("audience",)
    readonly_fields = ("link_token",)
    inlines = [QuestionInline, GroupInline]


@admin.register(ForumSession)
class ForumSessionAdmin(admin.ModelAdmin):
    """Recording sessions, to look up a receipt; what a session holds is changed by no one.
    The token that lets its scribe write is not shown."""

    list_display = ("receipt_code", "campaign", "forum_group", "organisation", "created_at")
    list_filter = ("campaign",)
    search_fields = ("receipt_code",)
    exclude = ("token",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
