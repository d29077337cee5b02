from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import two_factor_views, views
from accounts.forms import NewPasswordForm, SignInForm

app_name = "accounts"

urlpatterns = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="accounts/sign_in.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("sign-out/", views.sign_out, name="logout"),
    path("audit/", views.audit_log, name="audit_log"),
    path("organisation/", views.organisation_home, name="organisation"),
    path("organisation/<int:pk>/", views.members, name="members"),
    path("organisation/<int:pk>/members/add/", views.member_add, name="member_add"),
    path("organisation/<int:pk>/members/new/", views.member_create, name="member_create"),
    path(
        "organisation/<int:pk>/members/<int:membership_pk>/",
        views.member_edit,
        name="member_edit",
    ),
    path(
        "organisation/<int:pk>/members/<int:membership_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("organisation/<int:pk>/teams/", views.teams, name="teams"),
    path("organisation/<int:pk>/teams/<int:team_pk>/", views.team_edit, name="team_edit"),
    path(
        "organisation/<int:pk>/teams/<int:team_pk>/delete/",
        views.team_delete,
        name="team_delete",
    ),
    path("session/extend/", views.extend_session, name="extend_session"),
    path("two-factor/", two_factor_views.settings_page, name="two_factor"),
    path("two-factor/verify/", two_factor_views.verify, name="two_factor_verify"),
    path(
        "two-factor/recovery-codes/",
        two_factor_views.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("two-factor/remove/", two_factor_views.remove, name="two_factor_remove"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            form_class=NewPasswordForm,
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
