"""Recipient bodies' members, chosen by the administrators of the body's organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from proposals import access, bodies
from proposals.forms import BodyMemberForm


@login_required
def body_list(request):
    found = access.bodies_for_admin(request.user).select_related("organisation")
    found = found.annotate(size=Count("members"))
    return render(request, "proposals/bodies.html", {"bodies": found})


@login_required
def body_detail(request, pk):
    body = access.get_body_for_admin(request.user, pk)
    return _body_page(request, body, BodyMemberForm(candidates=_candidates(body)))


@login_required
@require_POST
def body_member_add(request, pk):
    body = access.get_body_for_admin(request.user, pk)
    form = BodyMemberForm(request.POST, candidates=_candidates(body))
    if form.is_valid():
        person = form.cleaned_data["person"]
        try:
            bodies.add_body_member(body=body, user=person)
        except ValidationError as refused:
            form.add_error("person", refused)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": _name(person)})
            return redirect("proposals:body", pk=body.pk)
    return _body_page(request, body, form, status=400)


@login_required
@require_POST
def body_member_remove(request, pk, user_pk):
    body = access.get_body_for_admin(request.user, pk)
    person = body.members.filter(pk=user_pk).first()
    if person is None:
        raise Http404
    bodies.remove_body_member(body=body, user=person)
    messages.success(request, _("%(name)s was removed from the body.") % {"name": _name(person)})
    return redirect("proposals:body", pk=body.pk)


def _candidates(body):
    return bodies.member_candidates(body).exclude(pk__in=body.members.values("pk"))


def _name(person) -> str:
    return person.get_full_name() or person.get_username()


def _body_page(request, body, form, status=200):
    members = body.members.order_by("last_name", "first_name", "username")
    context = {"body": body, "members": members, "form": form}
    return render(request, "proposals/body.html", context, status=status)
