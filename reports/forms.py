"""Report forms: what a report covers, and its narrative."""

from django import forms
from django.utils.translation import gettext_lazy as _

from analysis.forms import GuardedTextMixin
from lib.dates import BoundedDateField
from lib.forms import BoundedTextField, text_field
from reporting.forms import TranslatedChoiceField, TranslatedSingleChoiceField
from reporting.models import Municipality, TargetGroup
from reports import publication
from reports.access import county_scope, scope_choices
from reports.models import Report
from reports.periods import PeriodError, make_period


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class ReportForm(GuardedTextMixin, forms.ModelForm):
    """The report's period, scope, audience and language. For a month, quarter, half-year or
    year any day inside it will do; custom dates need both days."""

    guarded_fields = ("title",)
    municipalities = TranslatedChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For a report on chosen municipalities."),
    )
    organisations = OrganisationChoiceField(
        label=_("Organisations"),
        queryset=Report.organisations.field.related_model.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For a report on chosen organisations."),
    )
    target_group = TranslatedSingleChoiceField(
        label=_("Target group"),
        queryset=TargetGroup.objects.all(),
        required=False,
        empty_label=_("All target groups"),
    )

    class Meta:
        model = Report
        fields = [
            "title",
            "period_kind",
            "first_day",
            "last_day",
            "scope",
            "municipalities",
            "organisations",
            "target_group",
            "audience",
            "language",
        ]
        field_classes = {
            "title": BoundedTextField,
            "first_day": BoundedDateField,
            "last_day": BoundedDateField,
        }
        widgets = {
            "first_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "last_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "scope": forms.RadioSelect,
            "audience": forms.RadioSelect,
            "period_kind": forms.RadioSelect,
        }
        help_texts = {
            "title": _("Leave empty to name the report after its period."),
            "first_day": _(
                "Any day of the month, quarter, half-year or year; for custom dates the first day."
            ),
            "last_day": _("Only for custom dates."),
            "audience": _(
                "A report for everyone must cover the whole county and a calendar month, "
                "quarter, half-year or year, and can be published once the period has ended."
            ),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["organisations"].queryset = scope_choices(organisation)
        self.fields["last_day"].required = False

    def clean(self):
        cleaned = super().clean()
        first = cleaned.get("first_day")
        kind = cleaned.get("period_kind")
        if first and kind:
            try:
                period = make_period(kind, first, cleaned.get("last_day"))
            except PeriodError as error:
                self.add_error("last_day", str(error))
            else:
                cleaned["first_day"], cleaned["last_day"] = period.first_day, period.last_day
        scope = cleaned.get("scope")
        if scope == Report.Scope.MUNICIPALITIES and not cleaned.get("municipalities"):
            self.add_error("municipalities", _("Choose at least one municipality."))
        if scope == Report.Scope.ORGANISATIONS and not cleaned.get("organisations"):
            self.add_error("organisations", _("Choose at least one organisation."))
        # Choices left ticked under another scope do not narrow the report.
        if scope != Report.Scope.MUNICIPALITIES:
            cleaned["municipalities"] = []
        if scope != Report.Scope.ORGANISATIONS:
            cleaned["organisations"] = []
        if cleaned.get("audience") == Report.Audience.PUBLIC and not self.errors:
            self._check_public(cleaned)
        self._run_guard(cleaned)
        return cleaned

    def _check_public(self, cleaned) -> None:
        """Only a report that cannot be subtracted from another public one may be public."""
        problems = publication.definition_problems(
            scope=cleaned["scope"],
            target_group=cleaned.get("target_group"),
            period_kind=cleaned["period_kind"],
        )
        for name, message in problems.items():
            self.add_error(name, message)
        if problems:
            return
        population = publication.Population(
            organisations=frozenset(county_scope(self.organisation)),
            municipalities=frozenset(),
            target_group=None,
            period=make_period(cleaned["period_kind"], cleaned["first_day"], None),
        )
        messages = [publication.conflict_message(run) for run in publication.conflicts(population)]
        for message in dict.fromkeys(messages):
            self.add_error("audience", message)

    def definition_fields(self) -> dict:
        names = ["title", "period_kind", "first_day", "last_day", "scope", "target_group"]
        return {name: self.cleaned_data[name] for name in [*names, "audience", "language"]}


class NarrativeForm(GuardedTextMixin, forms.ModelForm):
    """The analysts' own text. It passes the personal-data guard; on any error the page shows
    everything that was typed, so nothing is lost."""

    guarded_fields = ("summary", "conclusions", "recommendations")

    class Meta:
        model = Report
        fields = ["summary", "conclusions", "recommendations"]
        field_classes = dict.fromkeys(fields, BoundedTextField)
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}
        help_texts = {"summary": _("Separate paragraphs with an empty line.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.guarded_fields:
            self.fields[name].setting = "LONG_TEXT_MAX_CHARS"

    def clean(self):
        cleaned = super().clean()
        self._run_guard(cleaned)
        return cleaned


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class ApprovalRequestForm(forms.Form):
    """Whom the report is sent to for approval: a colleague who may approve it."""

    approver = PersonChoiceField(
        label=_("Send for approval to"), queryset=Report.objects.none(), empty_label=None
    )

    def __init__(self, *args, report: Report, user, **kwargs):
        from reports.access import approvers

        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = approvers(report).exclude(pk=user.pk)


class ReturnForm(GuardedTextMixin, forms.Form):
    """Why the approver returns the report to its author; the note passes the guard."""

    guarded_fields = ("return_note",)
    return_note = text_field(_("What should be changed"), rows=3)

    def clean(self):
        cleaned = super().clean()
        self._run_guard(cleaned)
        return cleaned


class QuoteChoiceForm(forms.Form):
    """One excerpt the analyst chooses to quote; they may shorten it first. The service
    checks it against the observation and the strict quote check."""

    phenomenon = forms.IntegerField(widget=forms.HiddenInput)
    observation = forms.IntegerField(widget=forms.HiddenInput)
    text = text_field(
        _("Excerpt"),
        max_length=2000,
        rows=3,
        help_text=_("You may shorten it from either end; keep the words as they are."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every excerpt on the page has a form of its own: ids name the excerpt's card.
        self.auto_id = f"id_quote-{self.card_id()}-%s"
        number = "".join(c for c in str(self["observation"].value() or "") if c.isdigit())
        if number:
            self.fields["text"].label = _("Excerpt of observation #%(number)s") % {"number": number}

    def card_id(self) -> str:
        """The id of the excerpt's card, unique on the page."""
        values = [str(self[name].value() or "") for name in ("phenomenon", "observation")]
        return "-".join("".join(c for c in value if c.isdigit()) for value in values)
