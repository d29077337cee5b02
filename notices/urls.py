from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("<int:pk>/", views.notice_open, name="open"),
    path("read/", views.mark_all_read, name="mark_read"),
    path("settings/", views.notice_settings, name="settings"),
]
