from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access
from accounts.browser import clear_browser_drafts
from accounts.forms import AuditFilterForm, QueuedPasswordResetForm
from accounts.middleware import refresh

AUDIT_PAGE_SIZE = 50


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, whose form is told the request: it limits how often one
    address or one account may ask. A refused request answers 429 and keeps what was typed."""

    template_name = "accounts/password_reset.html"
    form_class = QueuedPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"request": self.request}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, code="too_many"):
            response.status_code = 429
        return response


@require_POST
def sign_out(request):
    logout(request)
    return clear_browser_drafts(
        request, redirect("reporting:home"), message=_("You have signed out.")
    )


@require_POST
def extend_session(request):
    """Continue a signed-in session (the session-timeout warning calls this); a session
    already over answers 401."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    refresh(request.session)
    return JsonResponse({"signed_in": True, "seconds": settings.SESSION_COOKIE_AGE})


@login_required
def audit_log(request):
    events = access.audit_events_for_admin(request.user)
    form = AuditFilterForm(
        request.GET or None, organisations=access.admin_organisations(request.user)
    )
    status = 200
    if form.is_bound:
        if form.is_valid():
            events = form.filter(events)
        else:
            events, status = events.none(), 400
    page = Paginator(events.select_related("organisation"), AUDIT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "accounts/audit_log.html", context, status=status)
