from django.urls import path

from analysis.views import (
    codebook,
    inbox,
    phenomena,
    signal_subscriptions,
    signals,
    suggestions,
    triage,
)

app_name = "analysis"

urlpatterns = [
    path("", inbox.inbox_view, name="inbox"),
    path("observations/<int:pk>/", inbox.observation_view, name="observation"),
    path("observations/<int:pk>/triage/", inbox.triage, name="triage"),
    path("observations/<int:pk>/memos/", inbox.add_memo, name="add_memo"),
    path("observations/<int:pk>/link/", inbox.link, name="link"),
    path("observations/<int:pk>/redact/", inbox.redact, name="redact"),
    path("observations/<int:pk>/assign/", triage.assign_observation, name="assign"),
    path("bulk/", triage.bulk_action, name="bulk"),
    path("export/<str:kind>/", triage.export_list, name="export"),
    path("codebook/", codebook.codebook_view, name="codebook"),
    path("codebook/export/", codebook.codebook_export, name="codebook_export"),
    path("codebook/import/", codebook.codebook_import, name="codebook_import"),
    path("codebook/merge/", codebook.theme_merge, name="theme_merge"),
    path("signals/", signals.signals_dashboard, name="signals"),
    path("signals/phenomenon/", phenomena.signal_phenomenon, name="signal_phenomenon"),
    path(
        "signals/subscriptions/",
        signal_subscriptions.subscriptions_view,
        name="signal_subscriptions",
    ),
    path(
        "signals/subscriptions/<int:pk>/delete/",
        signal_subscriptions.subscription_delete,
        name="signal_subscription_delete",
    ),
    path("signals/notices/", signal_subscriptions.notices_view, name="signal_notices"),
    path("suggestions/", suggestions.suggestions_view, name="suggestions"),
    path("suggestions/refresh/", suggestions.suggestions_refresh, name="suggestions_refresh"),
    path("suggestions/groups/<int:pk>/accept/", suggestions.group_accept, name="group_accept"),
    path("phenomena/", phenomena.phenomenon_list, name="phenomena"),
    path("phenomena/new/", phenomena.phenomenon_create, name="phenomenon_create"),
    path("phenomena/<int:pk>/", phenomena.phenomenon_detail, name="phenomenon"),
    path("phenomena/<int:pk>/edit/", phenomena.phenomenon_edit, name="phenomenon_edit"),
    path("phenomena/<int:pk>/add/", phenomena.phenomenon_add, name="phenomenon_add"),
    path("phenomena/<int:pk>/merge/", phenomena.phenomenon_merge, name="phenomenon_merge"),
    path(
        "phenomena/<int:pk>/observations/<int:observation_pk>/remove/",
        phenomena.phenomenon_unlink,
        name="phenomenon_unlink",
    ),
]
