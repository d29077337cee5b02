from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/state/", views.campaign_state, name="state"),
    path("<int:pk>/invite/", views.campaign_invite, name="invite"),
    path("<int:pk>/questions/new/", views.question_form, name="question_create"),
    path("<int:pk>/questions/<int:question_pk>/", views.question_form, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question_pk>/remove/",
        views.question_remove,
        name="question_remove",
    ),
    path("<int:pk>/questions/<int:question_pk>/move/", views.question_move, name="question_move"),
    path("<int:pk>/groups/new/", views.group_form, name="group_create"),
    path("<int:pk>/groups/<int:group_pk>/", views.group_form, name="group_edit"),
    path("<int:pk>/groups/<int:group_pk>/remove/", views.group_remove, name="group_remove"),
    path("<int:pk>/groups/<int:group_pk>/move/", views.group_move, name="group_move"),
    path("<int:pk>/share/", views.campaign_share, name="share"),
    path("<int:pk>/qr.<str:kind>", views.campaign_qr, name="qr"),
    path("<int:pk>/poster.pdf", views.campaign_poster, name="poster"),
    path("<int:pk>/results/", views.campaign_results, name="results"),
    path("<int:pk>/results.<str:kind>", views.results_export, name="results_export"),
]
