from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notices.models import Frequency, Kind


class NoticeSettingsForm(forms.Form):
    """One choice per kind of notice the person can receive, and the language of the e-mail."""

    language = forms.ChoiceField(
        label=_("Your language"),
        help_text=_("Sora's pages after you sign in and its e-mails to you are in this language."),
        choices=settings.LANGUAGES,
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind] = forms.ChoiceField(
                label=Kind(kind).label,
                choices=Frequency.choices,
                widget=forms.RadioSelect,
            )

    def frequencies(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if name in Kind.values}
