"""The two-factor pages: setting up an app, recovery codes, removal, and the code step after
a password sign-in (``accounts/two_factor.py`` holds the rules)."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import throttle, two_factor
from accounts.forms import TwoFactorCodeForm


def _qr_code(url: str) -> str:
    """The app's set-up link as an inline SVG QR code, named for screen readers."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, border=2, light="#fff", title=_("QR code for the authenticator app")
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def _secret_in_groups(device) -> str:
    """The secret in base32, as apps ask for it, in groups of four for reading aloud."""
    secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _to_verify(request):
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('accounts:two_factor_verify')}?{query}")


def _codes_page(request, codes: list[str]):
    context = {"codes": codes, "next": two_factor.safe_next(request)}
    return render(request, "accounts/two_factor/recovery_codes.html", context)


@login_required
def settings_page(request):
    """Two-factor sign-in: set up an app (when there is none), or see it and act on it."""
    user = request.user
    if two_factor.app_device(user) is None:
        return _enrol(request)
    if not user.is_verified():
        return _to_verify(request)
    static = two_factor.recovery_device(user)
    context = {
        "recovery_left": static.token_set.count() if static else 0,
        "required": two_factor.is_required(user),
    }
    return render(request, "accounts/two_factor/settings.html", context)


def _wait_message(seconds: int) -> str:
    return ngettext(
        "Too many wrong codes. Wait %(seconds)s second and try again.",
        "Too many wrong codes. Wait %(seconds)s seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


def _enrol(request):
    device = two_factor.start_enrolment(user=request.user)
    form = TwoFactorCodeForm(request.POST if request.method == "POST" else None)
    wait = two_factor.wait_seconds(device) if form.is_bound else 0
    if wait:
        form.refuse(_wait_message(wait), code="wait")
    elif form.is_valid():
        codes = two_factor.confirm_device(
            request=request, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            return _codes_page(request, codes)
        form.refuse(
            _(
                "The code is not right. Check that the app's clock is correct and type the "
                "code it shows now."
            )
        )
    context = {
        "form": form,
        "qr_code": _qr_code(device.config_url),
        "secret": _secret_in_groups(device),
        "required": two_factor.is_required(request.user),
        "next": two_factor.safe_next(request),
    }
    status = (429 if wait else 400) if form.is_bound else 200
    return render(request, "accounts/two_factor/enrol.html", context, status=status)


@require_POST
@login_required
def recovery_codes(request):
    """New recovery codes in place of the old ones, shown once."""
    if two_factor.app_device(request.user) is None:
        return redirect("accounts:two_factor")
    if not request.user.is_verified():
        return _to_verify(request)
    return _codes_page(request, two_factor.regenerate_recovery_codes(user=request.user))


@login_required
def remove(request):
    """Remove the app and recovery codes, after a current code; not when the role requires
    two-factor sign-in."""
    user = request.user
    if two_factor.app_device(user) is None:
        return redirect("accounts:two_factor")
    if not user.is_verified():
        return _to_verify(request)
    required = two_factor.is_required(user)
    if required and request.method == "POST":
        raise PermissionDenied
    form = TwoFactorCodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if two_factor.check_code(request=request, code=form.cleaned_data["code"]):
            two_factor.remove_two_factor(request=request)
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("accounts:two_factor")
        form.refuse(_("The code is not right. Type the code your app shows now."))
    context = {"form": form, "required": required}
    status = 400 if form.is_bound else 200
    return render(request, "accounts/two_factor/remove.html", context, status=status)


@login_required
def verify(request):
    """The code step after a password sign-in."""
    user = request.user
    if user.is_verified():
        return redirect(two_factor.safe_next(request))
    if two_factor.app_device(user) is None:
        request.session[two_factor.HAS_DEVICE_KEY] = False
        if two_factor.is_required(user):
            return redirect(f"{reverse('accounts:two_factor')}?{request.GET.urlencode()}")
        return redirect(two_factor.safe_next(request))
    form = TwoFactorCodeForm(request.POST if request.method == "POST" else None, recovery=True)
    status = 400 if form.is_bound else 200
    if form.is_bound and two_factor.sign_in_paused(request):
        request.sora_pause_explained = True
        form.refuse(throttle.explanation(request, two_factor.credentials(request)), code="paused")
        status = 429
    elif form.is_valid():
        response, status = _check(request, form)
        if response is not None:
            return response
    context = {"form": form, "next": two_factor.safe_next(request)}
    return render(request, "accounts/two_factor/verify.html", context, status=status)


def _check(request, form):
    """Check the typed code: a redirect on to the page asked for, or (None, status)."""
    wait = two_factor.wait_seconds(two_factor.app_device(request.user))
    if wait:
        form.refuse(_wait_message(wait), code="wait")
        return None, 429
    device = two_factor.check_code(request=request, code=form.cleaned_data["code"])
    if device is None:
        two_factor.failed(request=request)
        form.refuse(
            _(
                "The code is not right. Type the code your authenticator app shows now, or one "
                "of your recovery codes."
            )
        )
        if getattr(request, "axes_locked_out", False):
            request.sora_pause_explained = True
            form.refuse(
                throttle.explanation(request, two_factor.credentials(request)), code="paused"
            )
        return None, 400
    two_factor.verified(request=request, device=device)
    if isinstance(device, StaticDevice):
        left = device.token_set.count()
        messages.warning(
            request,
            ngettext(
                "You used a recovery code. You have %(count)s left; make new ones on the "
                "two-factor page.",
                "You used a recovery code. You have %(count)s left; make new ones on the "
                "two-factor page.",
                left,
            )
            % {"count": left},
        )
    return redirect(two_factor.safe_next(request)), 302
