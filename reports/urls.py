from django.urls import path

from reports import views

app_name = "reports"

FORMAT = "<str:file_format>"

urlpatterns = [
    path("reports/", views.report_list, name="list"),
    path("reports/new/", views.report_create, name="create"),
    path("reports/<int:pk>/", views.report_detail, name="detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="edit"),
    path("reports/<int:pk>/narrative/", views.report_narrative, name="narrative"),
    path("reports/<int:pk>/quotes/", views.report_quotes, name="quotes"),
    path(
        "reports/<int:pk>/quotes/<int:quote_pk>/remove/",
        views.report_quote_remove,
        name="quote_remove",
    ),
    path("reports/<int:pk>/generate/", views.report_generate, name="generate"),
    path("reports/<int:pk>/approve/", views.report_approve, name="approve"),
    path(
        "reports/<int:pk>/ask-approval/",
        views.report_request_approval,
        name="request_approval",
    ),
    path("reports/<int:pk>/return/", views.report_return, name="return"),
    path("reports/<int:pk>/publish/", views.report_publish, name="publish"),
    path("reports/<int:pk>/publish/confirm/", views.report_publish_confirm, name="publish_confirm"),
    path(f"reports/<int:pk>/download/{FORMAT}/", views.report_download, name="download"),
    path("public/reports/", views.public_list, name="public_list"),
    path("public/reports/<int:pk>/", views.public_detail, name="public_detail"),
    path(
        f"public/reports/<int:pk>/download/{FORMAT}/", views.public_download, name="public_download"
    ),
]
