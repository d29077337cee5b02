"""A receipt's page and its e-mail: the code and the follow-up link to copy, print or send
to one address, which is used once and kept nowhere."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from lib import ratelimit
from lib.i18n import current_language
from reporting import services
from reporting.forms import ReceiptEmailForm
from reporting.views import observation_by_code


# Anyone with the receipt code may open these; no cache may keep them for anyone else.
@never_cache
def receipt(request, code):
    observation = observation_by_code(code)
    return _receipt_page(request, observation, ReceiptEmailForm(user=request.user))


@never_cache
@sensitive_post_parameters("email")
@require_POST
def email_receipt(request, code):
    """Send the receipt code and follow-up link to the person's account address or to an
    address they type, which is used once and kept nowhere."""
    observation = observation_by_code(code)
    form = ReceiptEmailForm(request.POST, user=request.user)
    link = settings.SITE_URL + reverse("reporting:follow_up", args=[observation.receipt_code])
    status = send_receipt_by_email(
        request, form, key=code, code=observation.receipt_display, link=link
    )
    if status:
        return _receipt_page(request, observation, form, status=status)
    return redirect("reporting:receipt", code=observation.receipt_code)


def _receipt_page(request, observation, email_form, *, status=200):
    context = {
        "observation": observation,
        "email_form": email_form,
        "email_action": reverse("reporting:email_receipt", args=[observation.receipt_code]),
    }
    return render(request, "reporting/receipt.html", context, status=status)


def send_receipt_by_email(request, form, *, key: str, code: str, link: str) -> int:
    """Send a receipt by e-mail if the form and the limits allow; 0 when sent, else the
    status to show the form again with. The address is in no message and no log."""
    if not form.is_valid():
        return 400
    if not _receipt_mail_allowed(request, key):
        form.add_error(None, _("Too many receipts have been sent by e-mail. Try again in an hour."))
        return 429
    to_account = form.cleaned_data["to_account"]
    language = (request.user.language if to_account else "") or current_language()
    try:
        services.email_receipt(to=form.cleaned_data["to"], language=language, code=code, link=link)
    except OSError:
        form.add_error(None, _("The e-mail could not be sent. Save the code in another way."))
        return 503
    if to_account:
        messages.success(request, _("The receipt was sent to your account's e-mail address."))
    else:
        messages.success(request, _("The receipt was sent to the address you gave."))
    return 0


def _receipt_mail_allowed(request, key: str) -> bool:
    by_ip = ratelimit.allow(
        f"receipt-mail:ip:{ratelimit.client_ip(request)}",
        limit=settings.RECEIPT_MAIL_MAX_PER_IP,
        window=3600,
    )
    by_receipt = ratelimit.allow(
        f"receipt-mail:code:{key}", limit=settings.RECEIPT_MAIL_MAX_PER_CODE, window=3600
    )
    return by_ip and by_receipt
