from django.urls import path

from pages import views
from pages.models import InfoPage

app_name = "pages"

urlpatterns = [
    path(
        "accessibility/",
        views.info_page,
        {"slug": InfoPage.Slug.ACCESSIBILITY},
        name="accessibility",
    ),
    path("privacy/", views.info_page, {"slug": InfoPage.Slug.PRIVACY}, name="privacy"),
    path("help/", views.info_page, {"slug": InfoPage.Slug.HELP}, name="help"),
]
