from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from accounts import access, language, services
from accounts.browser import clear_browser_drafts
from accounts.forms import (
    AuditFilterForm,
    ExistingPersonForm,
    MembershipForm,
    NewPersonForm,
    QueuedPasswordResetForm,
    TeamForm,
)
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
def switch_language(request):
    """Django's language switch, which also keeps a signed-in person's choice on their
    account, so that it follows them to other computers and into their e-mails."""
    response = i18n.set_language(request)
    language.choose(request, response, request.POST.get("language", ""))
    return response


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


# An organisation's people and teams, for its administrators -------------------------------


def _posted(request):
    """The sent form, even an empty one, so that it is checked and answered with 400."""
    return request.POST if request.method == "POST" else None


@login_required
def organisation_home(request):
    """The administrator's organisation, or a choice when they administer several."""
    organisations = list(access.admin_organisations(request.user))
    if len(organisations) == 1:
        return redirect("accounts:members", pk=organisations[0].pk)
    return render(request, "accounts/organisation/choose.html", {"organisations": organisations})


@login_required
def members(request, pk):
    organisation = access.get_organisation_for_admin(request.user, pk)
    memberships = organisation.memberships.select_related("user", "profession", "team").order_by(
        "user__last_name", "user__first_name", "user__username"
    )
    return render(
        request,
        "accounts/organisation/members.html",
        {"organisation": organisation, "memberships": memberships},
    )


@login_required
def member_add(request, pk):
    """Give a role to a person who already has an account."""
    organisation = access.get_organisation_for_admin(request.user, pk)
    if request.method != "POST":
        return _add_page(request, organisation)
    form = ExistingPersonForm(request.POST, organisation=organisation)
    if form.is_valid():
        data = form.cleaned_data
        if _added(form, services.add_member, organisation=organisation, user=data["person"]):
            name = data["person"].get_full_name() or data["person"].get_username()
            messages.success(request, _("%(name)s was added.") % {"name": name})
            return redirect("accounts:members", pk=organisation.pk)
    return _add_page(request, organisation, existing=form, status=400)


@login_required
def member_create(request, pk):
    """Create an account for a new person, with a role in the organisation."""
    organisation = access.get_organisation_for_admin(request.user, pk)
    if request.method != "POST":
        return _add_page(request, organisation)
    form = NewPersonForm(request.POST, organisation=organisation)
    if form.is_valid():
        data = form.cleaned_data
        keys = ("username", "email", "first_name", "last_name")
        names = {key: data[key] for key in keys} | {
            "language": data["language"] or settings.LANGUAGE_CODE
        }
        if _added(form, services.create_member_account, organisation=organisation, **names):
            messages.success(
                request,
                _("The account was created. A link for choosing a password was sent to %(email)s.")
                % {"email": data["email"]},
            )
            return redirect("accounts:members", pk=organisation.pk)
    return _add_page(request, organisation, new=form, status=400)


def _added(form, service, **kwargs) -> bool:
    data = form.cleaned_data
    try:
        service(role=data["role"], profession=data["profession"], team=data["team"], **kwargs)
    except ValidationError as refused:
        form.add_error(None, refused)
        return False
    return True


def _add_page(request, organisation, *, existing=None, new=None, status=200):
    context = {
        "organisation": organisation,
        "existing": existing or ExistingPersonForm(organisation=organisation),
        "new": new or NewPersonForm(organisation=organisation),
    }
    return render(request, "accounts/organisation/member_add.html", context, status=status)


@login_required
def member_edit(request, pk, membership_pk):
    membership = access.get_membership_for_admin(request.user, pk, membership_pk)
    form = MembershipForm(_posted(request), membership=membership, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_member(membership=membership, by=request.user, **data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("accounts:members", pk=pk)
    status = 400 if form.is_bound else 200
    context = {"membership": membership, "organisation": membership.organisation, "form": form}
    return render(request, "accounts/organisation/member_edit.html", context, status=status)


@login_required
def member_remove(request, pk, membership_pk):
    membership = access.get_membership_for_admin(request.user, pk, membership_pk)
    own = membership.user_id == request.user.pk
    if request.method == "POST" and not own:
        services.remove_member(membership=membership, by=request.user)
        name = membership.user.get_full_name() or membership.user.get_username()
        messages.success(request, _("%(name)s was removed from the organisation.") % {"name": name})
        return redirect("accounts:members", pk=pk)
    context = {"membership": membership, "organisation": membership.organisation, "own": own}
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/organisation/member_remove.html", context, status=status)


@login_required
def teams(request, pk):
    organisation = access.get_organisation_for_admin(request.user, pk)
    form = TeamForm(_posted(request), organisation=organisation)
    if request.method == "POST" and form.is_valid():
        team = services.create_team(organisation=organisation, name=form.cleaned_data["name"])
        messages.success(request, _("The team %(name)s was added.") % {"name": team.name})
        return redirect("accounts:teams", pk=pk)
    context = {"organisation": organisation, "teams": _teams_with_sizes(organisation), "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "accounts/organisation/teams.html", context, status=status)


def _teams_with_sizes(organisation):
    return organisation.teams.annotate(size=Count("membership"))


@login_required
def team_edit(request, pk, team_pk):
    team = access.get_team_for_admin(request.user, pk, team_pk)
    name = team.name  # the form writes what was typed onto the team before it is checked
    form = TeamForm(_posted(request), instance=team, organisation=team.organisation)
    if request.method == "POST" and form.is_valid():
        services.rename_team(team=team, name=form.cleaned_data["name"])
        messages.success(request, _("The changes were saved."))
        return redirect("accounts:teams", pk=pk)
    context = {"team": team, "name": name, "organisation": team.organisation, "form": form}
    context["size"] = team.membership_set.count()
    status = 400 if form.is_bound else 200
    return render(request, "accounts/organisation/team_edit.html", context, status=status)


@login_required
@require_POST
def team_delete(request, pk, team_pk):
    team = access.get_team_for_admin(request.user, pk, team_pk)
    services.delete_team(team=team)
    messages.success(request, _("The team %(name)s was deleted.") % {"name": team.name})
    return redirect("accounts:teams", pk=pk)
