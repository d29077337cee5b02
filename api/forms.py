"""Creating a token: its name, what it may do, how long it lasts, and (for installation
administrators) whose it is."""

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.access import ANALYSIS_ROLES, REPORTING_ROLES, is_installation_admin, memberships_of
from api.models import ApiToken, Scope
from privacy.forms import guarded

DAYS = [(30, _("30 days")), (90, _("90 days")), (365, _("a year"))]


def scopes_for(user) -> list[str]:
    """The scopes a token of this person can use: no more than their roles allow."""
    roles = {m.role for m in memberships_of(user)}
    allowed = [Scope.READ_REFERENCE]
    if roles & ANALYSIS_ROLES:
        allowed += [Scope.READ_OBSERVATIONS, Scope.READ_WORK]
    if roles & REPORTING_ROLES:
        allowed.append(Scope.WRITE_OBSERVATIONS)
    return [scope for scope in Scope.values if scope in allowed]


class _TokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("What the key may do"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    days = forms.TypedChoiceField(label=_("Valid for"), choices=DAYS, coerce=int, initial=90)
    person = forms.ModelChoiceField(
        label=_("Whose key"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Leave empty for your own key; choose a system's account for a system."),
    )
    creation_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": _("Name of the key")}
        help_texts = {"name": _("For example the system or report that uses it.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if is_installation_admin(user):
            people = get_user_model().objects.filter(is_active=True).order_by("username")
            self.fields["person"].queryset = people
        else:
            del self.fields["person"]
        self.fields["scopes"].choices = [(s, Scope(s).label) for s in Scope.values]

    def owner(self):
        return self.cleaned_data.get("person") or self.user

    def clean(self):
        cleaned = super().clean()
        allowed = scopes_for(self.owner())
        refused = [s for s in cleaned.get("scopes", []) if s not in allowed]
        if refused:
            self.add_error(
                "scopes",
                _("The account's roles do not allow: %(scopes)s.")
                % {"scopes": ", ".join(str(Scope(s).label) for s in refused)},
            )
        return cleaned


TokenForm = guarded(_TokenForm)
