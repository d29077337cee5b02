from django.contrib import admin

from lib.admin import ViewOnlyAdmin
from reports.models import PublicDownloadCount, Report, ReportRun


# A report's definition, narrative, audience and state change only on the report pages,
# where a change withdraws the approval and publication publishes exactly the approved run.
@admin.register(Report)
class ReportAdmin(ViewOnlyAdmin):
    list_display = ["__str__", "organisation", "first_day", "last_day", "state", "audience"]
    list_filter = ["state", "audience", "scope"]


# Runs and their content are written by the generation task only.
@admin.register(ReportRun)
class ReportRunAdmin(ViewOnlyAdmin):
    list_display = ["report", "revision", "state", "progress", "created_at", "public_since"]
    list_filter = ["state"]
    # The figures behind a version hold its hidden counts: they are for the suppression only.
    exclude = ["figures"]


@admin.register(PublicDownloadCount)
class PublicDownloadCountAdmin(ViewOnlyAdmin):
    """Downloads without signing in, counted by the site itself."""

    list_display = ["day", "report", "format", "count"]
    list_filter = ["format", "day"]
    date_hierarchy = "day"
