from django.urls import path

from analysis.views import inbox, phenomena

app_name = "analysis"

urlpatterns = [
    path("", inbox.inbox_view, name="inbox"),
    path("observations/<int:pk>/", inbox.observation_view, name="observation"),
    path("observations/<int:pk>/triage/", inbox.triage, name="triage"),
    path("observations/<int:pk>/memos/", inbox.add_memo, name="add_memo"),
    path("observations/<int:pk>/link/", inbox.link, name="link"),
    path("phenomena/", phenomena.phenomenon_list, name="phenomena"),
    path("phenomena/new/", phenomena.phenomenon_create, name="phenomenon_create"),
    path("phenomena/<int:pk>/", phenomena.phenomenon_detail, name="phenomenon"),
    path("phenomena/<int:pk>/edit/", phenomena.phenomenon_edit, name="phenomenon_edit"),
    path("phenomena/<int:pk>/merge/", phenomena.phenomenon_merge, name="phenomenon_merge"),
    path(
        "phenomena/<int:pk>/observations/<int:observation_pk>/remove/",
        phenomena.phenomenon_unlink,
        name="phenomenon_unlink",
    ),
]
