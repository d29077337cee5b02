from django.urls import path

from reporting import forum_views, receipt_views, views

app_name = "reporting"

urlpatterns = [
    path("", views.home, name="home"),
    path("observations/new/", views.new_observation, name="new_observation"),
    path("observations/mine/", views.my_observations, name="my_observations"),
    path("observations/mine/read/", views.mark_all_read, name="mark_all_read"),
    path("observations/<int:pk>/", views.observation_detail, name="observation_detail"),
    path("observations/<int:pk>/supplement/", views.add_supplement, name="add_supplement"),
    path(
        "observations/<int:pk>/withdraw/",
        views.withdraw_observation,
        name="withdraw_observation",
    ),
    path("observations/drafts/<int:pk>/delete/", views.delete_draft, name="delete_draft"),
    path("observations/receipt/<str:code>/", receipt_views.receipt, name="receipt"),
    path(
        "observations/receipt/<str:code>/email/", receipt_views.email_receipt, name="email_receipt"
    ),
    path("follow/", views.follow_up, name="follow_up_lookup"),
    path("follow/<str:code>/", views.follow_up, name="follow_up"),
    path("o/<str:token>/", views.open_link, name="open_link"),
    path("forum/<str:token>/", forum_views.forum_start, name="forum_start"),
    path("forum/session/<str:token>/", forum_views.forum_session, name="forum_session"),
    path("forum/receipt/<str:code>/", forum_views.forum_receipt, name="forum_receipt"),
    path(
        "forum/receipt/<str:code>/email/",
        forum_views.forum_email_receipt,
        name="forum_email_receipt",
    ),
    path("account/data/", views.my_data, name="my_data"),
    path("account/delete/", views.delete_account, name="delete_account"),
]
