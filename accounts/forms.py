import datetime as dt

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.template import loader
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from accounts import tasks, throttle
from accounts.models import AuditEvent, Organisation
from lib.ratelimit import client_ip


class PausedSignInExplained:
    """For a sign-in form: when sign-in is paused after too many failures (``throttle``),
    say so and when to try again, instead of calling the password wrong."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if self.request is None or not getattr(self.request, "axes_locked_out", False):
                raise
            self.request.sora_pause_explained = True
            raise forms.ValidationError(throttle.explanation(self.request), code="paused") from None


class SignInForm(PausedSignInExplained, AuthenticationForm):
    """Sign-in with username or e-mail address."""

    username = forms.CharField(
        label=_("Username or e-mail address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )

    error_messages = {
        "invalid_login": _(
            "The username, e-mail address or password is wrong. Check them and try again."
        ),
        "inactive": _("This account is not in use."),
    }


class AdminSignInForm(PausedSignInExplained, AdminAuthenticationForm):
    """The Django admin's sign-in, paused like Sora's own."""


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail is sent by the background worker, with a limit on how often
    one address or one account may ask."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email and self.request is not None:
            wait = throttle.reset_wait_seconds(email=email, ip=client_ip(self.request))
            if wait:
                until = timezone.localtime() + dt.timedelta(seconds=wait)
                raise forms.ValidationError(
                    _(
                        "There have been too many requests for a new password. Try again at "
                        "%(time)s. A link sent earlier still works."
                    ),
                    code="too_many",
                    params={"time": time_format(until, "H:i")},
                )
        return cleaned

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        tasks.send_email.enqueue(subject=subject, body=body, to=[to_email])


class NewPasswordForm(SetPasswordForm):
    """Choosing a new password through a reset link; the account's failed sign-ins are
    forgotten, since the person has just shown that the account is theirs."""

    def save(self, commit=True):
        user = super().save(commit=commit)
        throttle.forget_failures(user)
        return user


class AuditFilterForm(forms.Form):
    """Filters of the audit log page; every field is optional."""

    action = forms.ChoiceField(label=_("Action"), required=False)
    person = forms.CharField(label=_("Person (username)"), required=False, max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=Organisation.objects.none()
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *AuditEvent.Action.choices]
        self.fields["organisation"].queryset = organisations

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date. Check the dates."))
        return cleaned

    def filter(self, events):
        data = self.cleaned_data
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("person"):
            events = events.filter(actor_label__iexact=data["person"].strip())
        if data.get("organisation"):
            events = events.filter(organisation=data["organisation"])
        if data.get("start"):
            events = events.filter(at__date__gte=data["start"])
        if data.get("end"):
            events = events.filter(at__date__lte=data["end"])
        return events


class PasswordConfirmationForm(forms.Form):
    """Re-entering the password before an action that cannot be undone."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("The password is wrong. Type the password you sign in with."), code="wrong"
            )
        return password
