from django.contrib import admin

from reports.models import Report, ReportRun


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "first_day", "last_day", "state", "audience"]
    list_filter = ["state", "audience", "scope"]
    readonly_fields = ["revision", "published_run", "approved_by", "approved_at", "published_at"]


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    list_display = ["report", "revision", "state", "progress", "created_at", "finished_at"]
    list_filter = ["state"]
    readonly_fields = ["content", "error"]
