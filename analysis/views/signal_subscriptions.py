"""Following new signals: an analyst's subscriptions and the notices Sora keeps for them.
How they hear of new signals is one of their notice choices (``notices``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access as accounts_access
from analysis import access, signal_notices
from analysis.forms import SignalSubscriptionForm
from notices.models import Frequency

SHOWN_NOTICES = 100


@login_required
def subscriptions_view(request):
    subscriptions = access.subscriptions_for(request.user)
    posted = request.method == "POST"
    # An empty form is a choice too: any theme, area and target group.
    form = SignalSubscriptionForm(request.POST if posted else None, user=request.user)
    if posted and form.is_valid():
        signal_notices.subscribe(user=request.user, **form.cleaned_data)
        messages.success(request, _("You now follow these signals."))
        return redirect("analysis:signal_subscriptions")
    return _subscriptions_page(request, subscriptions, form)


@login_required
@require_POST
def subscription_delete(request, pk):
    access.get_subscription_for_user(request.user, pk).delete()
    messages.success(request, _("You no longer follow these signals."))
    return redirect("analysis:signal_subscriptions")


@login_required
def notices_view(request):
    accounts_access.require_analyst(request.user)
    notices = signal_notices.notices_for(request.user)
    items = signal_notices.describe(notices[:SHOWN_NOTICES])
    signal_notices.mark_read(notices)
    return render(request, "analysis/signal_notices.html", {"items": items})


def _subscriptions_page(request, subscriptions, form):
    context = {
        "subscriptions": subscriptions,
        "form": form,
        "frequency": Frequency(signal_notices.delivery_for(request.user)).label,
        "has_email": bool(request.user.email),
    }
    status = 400 if form.errors else 200
    return render(request, "analysis/signal_subscriptions.html", context, status=status)
