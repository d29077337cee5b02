import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.template import loader
from django.utils import timezone, translation
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from accounts import tasks, throttle
from accounts.models import AuditEvent, Membership, Organisation, Profession, Role, Team, User
from lib.dates import BoundedDateField
from lib.forms import BoundedTextField, text_field
from lib.ratelimit import client_ip
from privacy.forms import GuardedModelFormMixin


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
        # In the account's language, whoever asked and in whichever language.
        with translation.override(context["user"].language or settings.LANGUAGE_CODE):
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
    person = text_field(_("Person (username)"), required=False, max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=Organisation.objects.none()
    )
    start = BoundedDateField(label=_("From"), required=False)
    end = BoundedDateField(label=_("To"), required=False)

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


class MemberFieldsForm(forms.Form):
    """A member's role, profession and team in one organisation (never the organisation
    itself: that is the organisation of the page)."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    profession = forms.ModelChoiceField(
        label=_("Profession"), queryset=Profession.objects.all(), empty_label=_("Choose…")
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("No team")
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["team"].queryset = organisation.teams.all()
        self.fields["role"].help_text = _(
            "A reporter reports observations; an analyst also reads and analyses the "
            "organisation's observations; a reader (decision-maker) reads what is shared with "
            "them and answers proposals; an administrator also manages the organisation's "
            "people and reads its audit log."
        )


class ExistingPersonForm(MemberFieldsForm):
    """Adding a person who already has an account, found by username or e-mail address."""

    person = BoundedTextField(
        label=_("Username or e-mail address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )

    field_order = ["person", "role", "profession", "team"]

    def clean_person(self) -> User:
        identifier = self.cleaned_data["person"].strip()
        field = "email__iexact" if "@" in identifier else "username__iexact"
        user = User.objects.filter(**{field: identifier}, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _(
                    "No account in use has this username or e-mail address. Check it, or "
                    "create a new account below."
                ),
                code="unknown",
            )
        if self.organisation.memberships.filter(user=user).exists():
            raise forms.ValidationError(
                _("%(name)s is already a member of this organisation.")
                % {"name": user.get_username()},
                code="member",
            )
        return user


class NewPersonForm(MemberFieldsForm):
    """Creating an account for a new person; they choose their password through a link
    sent to their e-mail address."""

    username = BoundedTextField(
        label=_("Username"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The link for choosing a password is sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    first_name = text_field(_("First name"), max_length=150, required=False)
    last_name = text_field(_("Last name"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        help_text=_("The e-mail with the link and Sora's pages are in this language."),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        required=False,
    )

    field_order = [
        "username",
        "email",
        "first_name",
        "last_name",
        "language",
        "role",
        "profession",
        "team",
    ]

    def __init__(self, *args, **kwargs):
        # The page holds two forms; the prefix keeps their fields' ids apart.
        kwargs.setdefault("prefix", "new")
        super().__init__(*args, **kwargs)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("This username is taken. Choose another one."), code="taken"
            )
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "An account with this e-mail address exists already. Add that person "
                    "with the form above instead."
                ),
                code="taken",
            )
        return email


class MembershipForm(MemberFieldsForm):
    """Changing a member's role, profession or team."""

    def __init__(self, *args, membership: Membership, actor: User, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "role": membership.role,
                "profession": membership.profession,
                "team": membership.team,
            },
        )
        super().__init__(*args, organisation=membership.organisation, **kwargs)
        if membership.user_id == actor.pk:
            # The organisation never loses its last administrator by a slip.
            self.fields["role"].disabled = True
            self.fields["role"].help_text = _(
                "You cannot change your own role. Ask another administrator."
            )


class TeamForm(GuardedModelFormMixin, forms.ModelForm):
    """A team's name, unique in its organisation; like every name written about the service,
    it may not hold an identity code, a phone number, an e-mail or an account number."""

    class Meta:
        model = Team
        fields = ["name"]
        field_classes = {"name": BoundedTextField}
        labels = {"name": _("Name of the team")}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = self.instance.organisation.teams.exclude(pk=self.instance.pk)
        if others.filter(name__iexact=name).exists():
            raise forms.ValidationError(
                _("The organisation has a team with this name already."), code="taken"
            )
        return name


class TwoFactorCodeForm(forms.Form):
    """A code from the authenticator app (six digits) or, where ``recovery`` allows, one of
    the person's recovery codes."""

    code = BoundedTextField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, recovery: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        if recovery:
            field.help_text = _(
                "The six-digit code your authenticator app shows now, or one of your recovery "
                "codes."
            )
        else:
            field.help_text = _("The six-digit code your authenticator app shows now.")
            field.widget.attrs["inputmode"] = "numeric"
        self.recovery = recovery

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).lower()
        if not code.isdigit() and not self.recovery:
            raise forms.ValidationError(
                _("Type the six digits your authenticator app shows."), code="digits"
            )
        return code

    def refuse(self, message, *, code: str = "wrong") -> None:
        self.add_error("code", forms.ValidationError(message, code=code))

    def refusals(self) -> list[str]:
        """Why the code was refused (the errors' codes), for tests and callers."""
        return [error.code for error in self.errors.as_data().get("code", [])]
