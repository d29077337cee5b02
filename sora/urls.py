from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("reporting.urls")),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "sora.errors.bad_request"
handler403 = "sora.errors.permission_denied"
handler404 = "sora.errors.page_not_found"
handler500 = "sora.errors.server_error"
