from django.contrib import admin

from proposals.models import (
    ActionProposal,
    Milestone,
    Notification,
    NotificationPreference,
    Quote,
    RecipientBody,
    Transition,
)


@admin.register(RecipientBody)
class RecipientBodyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "name_sv", "name_en", "is_active", "order"]
    filter_horizontal = ["members"]


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "decision", "by", "at"]

    def has_add_permission(self, request, obj=None):
        return False


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class QuoteInline(admin.TabularInline):
    # Quotes are chosen on the proposal page, where they pass the quote check.
    model = Quote
    extra = 0
    readonly_fields = ["observation", "text"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ActionProposal)
class ActionProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "recipient", "status", "decision", "is_public"]
    list_filter = ["status", "decision", "recipient", "is_public"]
    search_fields = ["title"]
    # The life cycle is changed on the proposal pages, where every step is recorded.
    readonly_fields = ["status", "decision", "response_text", "response_date", "creation_key"]
    raw_id_fields = ["observations", "owner"]
    filter_horizontal = ["phenomena", "indicators", "target_groups", "municipalities", "themes"]
    inlines = [QuoteInline, MilestoneInline, TransitionInline]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "frequency", "language"]
    raw_id_fields = ["user"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["key", "user", "weekly", "created_at", "sent_at", "attempts"]
    list_filter = ["weekly"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False
