from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from accounts import views as account_views


def healthz(request):
    """For load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", include("reporting.urls")),
    path("accounts/", include("accounts.urls")),
    path("analysis/", include("analysis.urls")),
    path("proposals/", include("proposals.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("notices/", include("notices.urls")),
    path("api/v1/", include("api.urls")),
    path("api-keys/", include("api.page_urls")),
    path("", include("reports.urls")),
    path("", include("pages.urls")),
    path("i18n/setlang/", account_views.switch_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

handler400 = "sora.errors.bad_request"
handler403 = "sora.errors.permission_denied"
handler404 = "sora.errors.page_not_found"
handler500 = "sora.errors.server_error"
