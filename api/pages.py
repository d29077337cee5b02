"""The pages of the API: each person's keys, and the log of what the API disclosed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import admin_organisations, is_installation_admin
from accounts.audit import record_event
from accounts.models import AuditEvent, Membership
from api import tokens
from api.forms import TokenForm
from api.models import ApiToken, Disclosure
from lib.exports import CONTENT_TYPE, CsvWriter

PAGE_SIZE = 50


def _tokens_of(user):
    if is_installation_admin(user):
        return ApiToken.objects.select_related("user")
    return ApiToken.objects.filter(user=user)


@login_required
def keys(request):
    """The person's keys (every key, for an installation administrator) and a new one."""
    form = TokenForm(request.POST if request.method == "POST" else None, user=request.user)
    key = None
    if request.method == "POST" and form.is_valid():
        key = _create(request, form)
        if key is None:
            return redirect("api_pages:keys")
        form = TokenForm(user=request.user)
    context = {"form": form, "key": key, "tokens": _tokens_of(request.user)[:200]}
    status = 400 if form.errors else 200
    return render(request, "api/keys.html", context, status=status)


def _create(request, form) -> str | None:
    """The new key, shown once; None when the form was sent before (the key went then)."""
    creation_key = form.cleaned_data["creation_key"]
    if ApiToken.objects.filter(creation_key=creation_key).exists():
        messages.info(request, _("This key was made already; its key was shown then."))
        return None
    owner = form.owner()
    token, key = tokens.create(
        user=owner,
        name=form.cleaned_data["name"],
        scopes=form.cleaned_data["scopes"],
        days=form.cleaned_data["days"],
    )
    token.creation_key, token.created_by = creation_key, request.user
    token.save(update_fields=["creation_key", "created_by"])
    record_event(
        action=AuditEvent.Action.API_TOKEN_CREATED,
        request=request,
        target=f"user:{owner.pk}",
        token=token.prefix,
        scopes=token.scopes,
    )
    return key


@login_required
@require_POST
def revoke(request, pk):
    token = _tokens_of(request.user).filter(pk=pk).first()
    if token is None:
        raise Http404
    tokens.revoke(token)
    record_event(
        action=AuditEvent.Action.API_TOKEN_REVOKED,
        request=request,
        target=f"user:{token.user_id}",
        token=token.prefix,
    )
    messages.success(request, _("The key was revoked: it no longer works."))
    return redirect("api_pages:keys")


def _disclosures_for(user):
    """Every disclosure for an installation administrator; those of the members of their
    organisations for an organisation's administrator; 403 for anyone else."""
    if is_installation_admin(user):
        return Disclosure.objects.all()
    organisations = admin_organisations(user)
    if not organisations.exists():
        raise PermissionDenied
    members = Membership.objects.filter(organisation__in=organisations).values("user_id")
    return Disclosure.objects.filter(user_id__in=members)


@login_required
def disclosures(request):
    rows = _disclosures_for(request.user)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "api/disclosures.html", {"page": page})


@login_required
def disclosures_csv(request):
    rows = _disclosures_for(request.user)
    response = HttpResponse(content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="sora-api-disclosures.csv"'
    writer = CsvWriter(response)
    writer.writerow(["at", "person", "token", "address", "filters", "observations"])
    count = 0
    for row in rows.iterator():
        writer.writerow(
            [
                row.at.isoformat(timespec="seconds"),
                row.user_label,
                row.token_label,
                row.path,
                " ".join(row.filters),
                " ".join(str(pk) for pk in row.observations),
            ]
        )
        count += 1
    record_event(
        action=AuditEvent.Action.EXPORT, request=request, target="api_disclosures", rows=count
    )
    return response
