from django.contrib import admin

from reporting.models import (
    Campaign,
    CampaignQuestion,
    ForumGroup,
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
