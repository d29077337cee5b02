from django.urls import path

from api import pages

app_name = "api_pages"

urlpatterns = [
    path("", pages.keys, name="keys"),
    path("<int:pk>/revoke/", pages.revoke, name="revoke"),
    path("disclosures/", pages.disclosures, name="disclosures"),
    path("disclosures/csv/", pages.disclosures_csv, name="disclosures_csv"),
]
