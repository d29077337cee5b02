"""Admin pages that only show rows: for rows whose life cycle belongs to Sora's own pages,
where every step is checked, approved and recorded."""

from django.contrib import admin


class ViewOnlyAdmin(admin.ModelAdmin):
    """Rows are listed and opened but never added, changed or deleted here: not even an
    installation administrator may step around the life cycle. Inlines of a view-only page
    are view-only too (the admin disables them when the parent cannot be changed)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
