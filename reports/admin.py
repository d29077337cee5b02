from django.contrib import admin

from reports.models import PublicDownloadCount, Report, ReportRun


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "first_day", "last_day", "state", "audience"]
    list_filter = ["state", "audience", "scope"]
    # Approval and publication go through the report page, where a change withdraws them.
    readonly_fields = [
        "state",
        "revision",
        "approved_by",
        "approved_at",
        "approved_run",
        "published_run",
        "published_at",
    ]


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    list_display = ["report", "revision", "state", "progress", "created_at", "finished_at"]
    list_filter = ["state"]
    readonly_fields = ["content", "error"]


@admin.register(PublicDownloadCount)
class PublicDownloadCountAdmin(admin.ModelAdmin):
    """Downloads without signing in, counted by the site itself: read only."""

    list_display = ["day", "report", "format", "count"]
    list_filter = ["format", "day"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
