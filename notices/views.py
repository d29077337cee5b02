"""A person's notices in Sora, and how they want to hear of them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import language
from notices import kinds, services
from notices.forms import NoticeSettingsForm
from notices.models import Notice

PAGE_SIZE = 25


@login_required
def notice_list(request):
    page = Paginator(Notice.objects.filter(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    lines = [line for line in kinds.describe_all(request.user, page) if line is not None]
    return render(
        request,
        "notices/list.html",
        {"page": page, "lines": lines, "unread": services.unread_count(request.user)},
    )


@login_required
def notice_open(request, pk):
    """Follow a notice to its page, marking it read; a notice of another person is not found."""
    notice = Notice.objects.filter(pk=pk, user=request.user).first()
    line = kinds.describe(request.user, notice) if notice else None
    if line is None:
        raise Http404
    services.mark_read(request.user, [notice.pk])
    return redirect(line.path)


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_read(request.user)
    messages.success(request, _("Marked as read: %(count)s.") % {"count": count})
    return redirect("notices:list")


@login_required
def notice_settings(request):
    user = request.user
    chosen = services.frequencies_of(user)
    form = NoticeSettingsForm(
        request.POST or None,
        kinds=services.kinds_for(user),
        initial={"language": user.language, **chosen},
    )
    if request.method == "POST" and form.is_valid():
        services.choose(user, form.frequencies())
        response = redirect("notices:settings")
        # The person's one language: of the e-mails and of the pages alike.
        language.choose(request, response, form.cleaned_data["language"])
        messages.success(request, _("Your choices were saved."))
        return response
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "notices/settings.html",
        {"form": form, "has_email": bool(user.email)},
        status=status,
    )
