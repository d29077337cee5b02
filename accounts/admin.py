from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import Membership, Organisation, OrganisationType, Profession, Team, User

REFERENCE_FIELDS = ("code", "name_fi", "name_sv", "name_en", "order")


@admin.register(OrganisationType, Profession)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = REFERENCE_FIELDS
    list_editable = ("name_fi", "name_sv", "name_en", "order")
    search_fields = ("code", "name_fi", "name_sv", "name_en")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(User)
class SoraUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "email", "first_name", "last_name", "is_active", "is_staff")


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name_fi", "type", "is_active")
    list_filter = ("type", "is_active")
    search_fields = ("name_fi", "name_sv", "name_en")
    inlines = [TeamInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "profession", "team")
    list_filter = ("role", "organisation")
    search_fields = ("user__username", "user__email", "organisation__name_fi")
    autocomplete_fields = ("user", "organisation")
