from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from lib.admin import ViewOnlyAdmin
from proposals.bodies import check_members
from proposals.models import (
    ActionProposal,
    Milestone,
    Quote,
    RecipientBody,
    Transition,
)


class RecipientBodyForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        body = RecipientBody(organisation=cleaned.get("organisation"))
        try:
            check_members(body, cleaned.get("members") or [])
        except ValidationError as refused:
            self.add_error("members", refused)
        return cleaned


# Bodies of the whole installation (no organisation) are managed here only; the members of
# an organisation's body are chosen by its administrators on /proposals/bodies/ as well.
@admin.register(RecipientBody)
class RecipientBodyAdmin(admin.ModelAdmin):
    form = RecipientBodyForm
    list_display = ["code", "name_fi", "organisation", "is_active", "order"]
    list_filter = ["is_active", "organisation"]
    filter_horizontal = ["members"]


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0


# A proposal's texts, recipient, status, answer, public summary and publication change only
# on the proposal pages, where every step is checked and recorded (``lifecycle.py``) and every
# text passes the guard; quotes pass the quote check there. The admin only shows them.
@admin.register(ActionProposal)
class ActionProposalAdmin(ViewOnlyAdmin):
    list_display = ["title", "organisation", "recipient", "status", "decision", "is_public"]
    list_filter = ["status", "decision", "recipient", "is_public"]
    search_fields = ["title"]
    exclude = ["creation_key", "privacy_confirmations"]
    inlines = [QuoteInline, MilestoneInline, TransitionInline]
