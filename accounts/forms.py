from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from accounts import services, tasks
from lib.ratelimit import client_ip


class SignInForm(AuthenticationForm):
    """Sign-in with username or e-mail; refuses further tries after repeated failures."""

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
        "throttled": _(
            "Too many failed sign-ins. Wait 15 minutes and try again, or reset your password."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username", "")
        ip = client_ip(self.request) if self.request else ""
        if services.signin_is_throttled(username=username, ip=ip):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            services.record_failed_signin(username=username, ip=ip)
            raise
        services.clear_failed_signins(username=username, ip=ip)
        return cleaned


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail is sent by the background worker."""

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
