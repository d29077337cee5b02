from django.urls import path

from proposals import body_views, views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_create, name="create"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/edit/", views.proposal_edit, name="edit"),
    path("<int:pk>/step/", views.proposal_step, name="step"),
    path("<int:pk>/submit/", views.proposal_submit, name="submit"),
    path("<int:pk>/withdraw/", views.proposal_withdraw, name="withdraw"),
    path("<int:pk>/readdress/", views.proposal_readdress, name="readdress"),
    path("<int:pk>/answer/", views.proposal_answer, name="answer"),
    path("<int:pk>/quotes/", views.quote_add, name="quote_add"),
    path("<int:pk>/quotes/<int:quote_pk>/remove/", views.quote_remove, name="quote_remove"),
    path("<int:pk>/observations/", views.observation_link, name="observation_link"),
    path("<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path(
        "<int:pk>/milestones/<int:milestone_pk>/",
        views.milestone_progress,
        name="milestone_progress",
    ),
    path("<int:pk>/milestones/template/", views.milestone_template, name="milestone_template"),
    path("<int:pk>/milestones/import/", views.milestone_import, name="milestone_import"),
    path("<int:pk>/evidence/observations/", views.evidence_texts, name="evidence_texts"),
    path("<int:pk>/publish/", views.proposal_publish, name="publish"),
    path("decisions/", views.decisions, name="decisions"),
    path("welfare-report/", views.welfare_report, name="welfare_report"),
    path("my-observations/", views.my_chain, name="my_chain"),
    path("notifications/", views.notification_settings, name="notification_settings"),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
    path("bodies/", body_views.body_list, name="bodies"),
    path("bodies/<int:pk>/", body_views.body_detail, name="body"),
    path("bodies/<int:pk>/members/", body_views.body_member_add, name="body_member_add"),
    path(
        "bodies/<int:pk>/members/<int:user_pk>/remove/",
        body_views.body_member_remove,
        name="body_member_remove",
    ),
]
