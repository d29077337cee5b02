"""Analysts' forms: inbox filters, triage and coding, memos, phenomena."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import OrganisationType
from analysis.models import Phenomenon, SignalSubscription
from lib.dates import BoundedDateField
from lib.forms import BoundedTextField, text_field
from privacy.stored import ALL_LANGUAGES
from reporting import guard
from reporting.forms import TranslatedChoiceField, TranslatedSingleChoiceField, guard_message
from reporting.models import (
    Campaign,
    Municipality,
    Novelty,
    Signal,
    Status,
    TargetGroup,
    Theme,
)


def _any(choices):
    return [("", _("Any"))] + list(choices)


class InboxFilterForm(forms.Form):
    q = text_field(
        _("Search"),
        required=False,
        max_length=200,
        help_text=_("Words of the text, or an observation's number such as 123."),
    )
    start = BoundedDateField(label=_("From"), required=False)
    end = BoundedDateField(label=_("To"), required=False)
    municipality = TranslatedSingleChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all(), required=False
    )
    target_group = TranslatedSingleChoiceField(
        label=_("Target group"), queryset=TargetGroup.objects.all(), required=False
    )
    theme = TranslatedSingleChoiceField(
        label=_("Theme"), queryset=Theme.objects.filter(is_active=True), required=False
    )
    phenomenon = forms.ModelChoiceField(
        label=_("Phenomenon"), queryset=Phenomenon.objects.none(), required=False
    )
    whole_county = forms.ChoiceField(
        label=_("About the whole county"),
        choices=_any([("yes", _("Yes")), ("no", _("No"))]),
        required=False,
    )
    signal = forms.ChoiceField(label=_("Signal"), choices=_any(Signal.choices), required=False)
    novelty = forms.ChoiceField(label=_("Novelty"), choices=_any(Novelty.choices), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=_any(Status.choices), required=False)
    assigned = forms.ChoiceField(
        label=_("Assigned"),
        choices=_any([("me", _("Assigned to me")), ("nobody", _("Not assigned to anyone"))]),
        required=False,
    )
    campaign = forms.ModelChoiceField(
        label=_("Collection"), queryset=Campaign.objects.all(), required=False
    )
    organisation_type = TranslatedSingleChoiceField(
        label=_("Organisation type"), queryset=OrganisationType.objects.all(), required=False
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        choices=[("newest", _("Newest first")), ("oldest", _("Oldest first"))],
        required=False,
    )

    def __init__(self, *args, phenomena, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the person's own organisations' phenomena: a partner's are never named to them.
        self.fields["phenomenon"].queryset = phenomena
        for name in (
            "municipality",
            "target_group",
            "theme",
            "phenomenon",
            "campaign",
            "organisation_type",
        ):
            self.fields[name].empty_label = _("Any")
        self.fields["campaign"].label_from_instance = lambda c: c.title


class PhenomenonSearchForm(forms.Form):
    q = text_field(
        _("Search observations to add"),
        required=False,
        max_length=200,
        help_text=_("Words of the text, or an observation's number such as 123."),
    )


class ColleagueField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class AssignForm(forms.Form):
    assignee = ColleagueField(
        label=_("Assigned to"), queryset=None, required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = colleagues


class BulkActionForm(forms.Form):
    """One change to many observations of the inbox: the ticked ones, or every one that
    matches the list's filters (``filters``, the list's query string). Its fields carry
    the prefix ``bulk-``, as the filters on the same page have fields of the same names."""

    prefix = "bulk"

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("status", _("Set the status")),
            ("theme", _("Add a code")),
            ("phenomenon", _("Link to a phenomenon")),
            ("assign", _("Assign to a colleague")),
        ],
    )
    scope = forms.ChoiceField(
        label=_("Observations"),
        choices=[
            ("selected", _("The ticked observations")),
            ("filtered", _("Every observation that matches the filters")),
        ],
        initial="selected",
        widget=forms.RadioSelect,
    )
    status = forms.ChoiceField(label=_("New status"), choices=_any(Status.choices), required=False)
    theme = TranslatedSingleChoiceField(
        label=_("Code to add"), queryset=Theme.objects.filter(is_active=True), required=False
    )
    phenomenon = forms.ModelChoiceField(
        label=_("Phenomenon to link to"), queryset=Phenomenon.objects.none(), required=False
    )
    assignee = ColleagueField(label=_("Colleague"), queryset=None, required=False)
    # The list's query string, read again through ``InboxFilterForm``.
    filters = BoundedTextField(widget=forms.HiddenInput, required=False, max_length=4000)

    NEEDS = {"status": "status", "theme": "theme", "phenomenon": "phenomenon", "assign": "assignee"}

    def __init__(self, *args, phenomena, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phenomenon"].queryset = phenomena
        self.fields["assignee"].queryset = colleagues
        for name in ("status", "theme", "phenomenon", "assignee"):
            self.fields[name].empty_label = _("Choose")
        self.fields["status"].choices = [("", _("Choose"))] + list(Status.choices)

    def selected_ids(self) -> list[int]:
        """The ticked observations' numbers as sent; the view resolves them in the scope."""
        ids = []
        for value in self.data.getlist("observations") if self.is_bound else []:
            try:
                ids.append(int(value))
            except (TypeError, ValueError):
                continue
        return sorted(set(ids))

    def clean(self):
        cleaned = super().clean()
        needed = self.NEEDS.get(cleaned.get("action"))
        if needed and not cleaned.get(needed):
            self.add_error(needed, _("Choose what to set for the observations."))
        if cleaned.get("scope") == "selected" and not self.selected_ids():
            self.add_error("scope", _("Tick at least one observation, or choose every one."))
        return cleaned


class GuardedTextMixin:
    """Runs the personal-data guard over the form's free-text fields before it is valid."""

    guarded_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.guard_results: dict = {}
        self.confirmed: set[str] = set(self.data.getlist("confirm")) if self.is_bound else set()

    def _run_guard(self, cleaned: dict) -> None:
        # Analysts write in any language whatever the page's: every language's rules apply,
        # as they do when the text is stored.
        self.guard_results = guard.check_texts(
            {name: cleaned.get(name) or "" for name in self.guarded_fields},
            language=ALL_LANGUAGES,
            confirmed=self.confirmed,
        )
        for name, result in self.guard_results.items():
            if not result.is_clean and name not in self.errors:
                self.add_error(name, guard_message(result))

    def confirmations(self) -> list[dict]:
        return guard.confirmation_record(self.guard_results, self.confirmed)

    def guard_panels(self) -> list:
        return [self.guard_results[n] for n in self.guarded_fields if n in self.guard_results]


class MemoForm(GuardedTextMixin, forms.Form):
    guarded_fields = ("text",)
    text = text_field(_("New memo"), rows=3)

    def clean(self):
        cleaned = super().clean()
        self._run_guard(cleaned)
        return cleaned


class TriageForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, widget=forms.RadioSelect)
    themes = TranslatedChoiceField(
        label=_("Codes"),
        queryset=Theme.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class PhenomenonForm(GuardedTextMixin, forms.ModelForm):
    """A phenomenon's name and description. A new one carries the key of its form (so that
    the form sent twice makes one phenomenon) and may carry the early signal it starts from
    (``analysis.signal_links``), whose observations it then takes, or the observation whose
    page it was started from."""

    guarded_fields = ("name", "description")
    # The key is read before the name: the phenomenon this form already made keeps its name.
    field_order = ["creation_key", "signal", "observation", "name", "description"]
    creation_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    # A signal's token (``SignalRef.token``): Sora's own code, never free text.
    signal = forms.RegexField(
        regex=r"^[0-9A-Za-z_.:-]*$", widget=forms.HiddenInput, required=False, max_length=100
    )
    # The observation whose page the phenomenon was started from: linked when it is saved.
    observation = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Phenomenon
        fields = ["name", "description"]
        field_classes = {"name": BoundedTextField, "description": BoundedTextField}
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Phenomenon.objects.filter(
            organisation=self.organisation, name__iexact=name, status=Phenomenon.Status.ACTIVE
        ).exclude(pk=self.instance.pk)
        if self.cleaned_data.get("creation_key"):
            others = others.exclude(creation_key=self.cleaned_data["creation_key"])
        if others.exists():
            raise forms.ValidationError(_("A phenomenon with this name exists already."))
        return name

    def clean(self):
        cleaned = super().clean()
        self._run_guard(cleaned)
        return cleaned


class LinkForm(forms.Form):
    phenomenon = forms.ModelChoiceField(label=_("Phenomenon"), queryset=Phenomenon.objects.none())

    def __init__(self, *args, phenomena, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phenomenon"].queryset = phenomena


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"), queryset=Phenomenon.objects.none(), empty_label=None
    )

    def __init__(self, *args, phenomena, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = phenomena


class CodebookImportForm(forms.Form):
    file = forms.FileField(
        label=_("Codebook CSV file"),
        help_text=_(
            "Columns: code, parent, name_fi, name_sv, name_en, description_fi, "
            "description_sv, description_en, order, is_active."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class ThemeMergeForm(forms.Form):
    source = TranslatedSingleChoiceField(
        label=_("Theme to merge"), queryset=Theme.objects.filter(is_active=True)
    )
    target = TranslatedSingleChoiceField(
        label=_("Merge into"), queryset=Theme.objects.filter(is_active=True)
    )

    def clean(self):
        cleaned = super().clean()
        source, target = cleaned.get("source"), cleaned.get("target")
        if source and source == target:
            raise forms.ValidationError(_("Choose two different themes."))
        if source and target and source in target.ancestors():
            raise forms.ValidationError(
                _(
                    "%(target)s is under %(source)s: a theme cannot be merged into one of its "
                    "own sub-themes, as its sub-themes would move under their own descendant. "
                    "Merge the sub-theme into the theme instead, or move it first."
                )
                % {"target": target.name, "source": source.name}
            )
        return cleaned


class GroupAcceptForm(GuardedTextMixin, forms.Form):
    """Accept a suggested group: as a new phenomenon (named here) or into an existing one, with
    the observations the analyst keeps ticked."""

    guarded_fields = ("name",)
    name = text_field(_("Name of the new phenomenon"), max_length=200, required=False)
    phenomenon = forms.ModelChoiceField(
        label=_("Or add to an existing phenomenon"),
        queryset=Phenomenon.objects.none(),
        required=False,
    )
    members = forms.TypedMultipleChoiceField(
        label=_("Observations to include"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, group, phenomena, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = group.run.organisation
        self.fields["phenomenon"].queryset = phenomena
        self.fields["members"].choices = [
            (o.pk, o.text[:140]) for o in group.observations.order_by("pk")
        ]
        self.fields["members"].initial = [o.pk for o in group.observations.all()]
        self.fields["name"].initial = group.label

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("name") or "").strip()
        if not name and not cleaned.get("phenomenon"):
            raise forms.ValidationError(
                _("Give the new phenomenon a name, or choose an existing phenomenon.")
            )
        if name and not cleaned.get("phenomenon"):
            taken = Phenomenon.objects.filter(
                organisation=self.organisation, name__iexact=name, status="active"
            )
            if taken.exists():
                self.add_error("name", _("A phenomenon with this name exists already."))
        self._run_guard(cleaned)
        return cleaned


REDACTION_KINDS = [
    ("name", _("name")),
    ("address", _("street address")),
    ("personal_id", _("personal identity code")),
    ("phone", _("phone number")),
    ("email", _("e-mail address")),
    ("iban", _("bank account number")),
    ("other", _("other words")),
]


class RedactForm(forms.Form):
    """Which words of which stored text become a placeholder."""

    target = forms.ChoiceField(label=_("Text"))
    words = text_field(_("Words to redact, exactly as they stand in the text"), max_length=300)
    kind = forms.ChoiceField(label=_("What they are"), choices=REDACTION_KINDS, initial="name")

    def __init__(self, *args, texts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.texts = list(texts)
        self.fields["target"].choices = [(t.target, t.label) for t in self.texts]

    def clean(self):
        cleaned = super().clean()
        stored = next((t for t in self.texts if t.target == cleaned.get("target")), None)
        words = cleaned.get("words") or ""
        if stored is not None and words and words not in stored.text:
            self.add_error(
                "words",
                _("These words are not in the chosen text. Copy them exactly as they stand."),
            )
        cleaned["stored"] = stored
        return cleaned


WHOLE_COUNTY = "county"


class SignalSubscriptionForm(forms.Form):
    """Which new signals to hear of: each choice left empty means any."""

    theme = TranslatedSingleChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.filter(is_active=True),
        required=False,
        empty_label=_("Any theme or phenomenon"),
        help_text=_("A theme includes its sub-themes."),
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    target_group = TranslatedSingleChoiceField(
        label=_("Target group"),
        queryset=TargetGroup.objects.all(),
        required=False,
        empty_label=_("Any target group"),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.fields["area"].choices = [
            ("", _("Any area")),
            (WHOLE_COUNTY, _("Whole county")),
            *((m.code, m.name) for m in self.municipalities.values()),
        ]

    def clean(self) -> dict:
        data = super().clean()
        area = data.pop("area", "")
        data["whole_county"] = area == WHOLE_COUNTY
        data["municipality"] = self.municipalities.get(area)
        if not self.errors and self._already_there(data):
            raise forms.ValidationError(_("You already follow these signals."))
        return data

    def _already_there(self, data: dict) -> bool:
        return SignalSubscription.objects.filter(
            user=self.user,
            theme=data["theme"],
            whole_county=data["whole_county"],
            municipality=data["municipality"],
            target_group=data["target_group"],
        ).exists()
