"""Forms of the proposal pages. Every free text passes the personal-data guard."""

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from analysis.forms import GuardedTextMixin
from analysis.models import Indicator, Phenomenon
from lib.dates import BoundedDateField, check_period
from lib.forms import BoundedTextField, text_field
from proposals.models import Decision, RecipientBody
from reporting.forms import TranslatedChoiceField, TranslatedSingleChoiceField
from reporting.models import Municipality, Observation, TargetGroup, Theme


def text_area(label, *, required=False, rows=4, help_text=""):
    return text_field(label, required=required, rows=rows, help_text=help_text)


class GuardedForm(GuardedTextMixin, forms.Form):
    def clean(self):
        cleaned = super().clean()
        self._run_guard(cleaned)
        return cleaned


class RecipientChoiceField(TranslatedSingleChoiceField):
    """The active bodies, each marked when nobody could answer for it yet."""

    def __init__(self, **kwargs):
        super().__init__(queryset=RecipientBody.objects.filter(is_active=True), **kwargs)

    def label_from_instance(self, obj) -> str:
        if obj.pk in self.unanswered:
            return _("%(body)s (no members to answer yet)") % {"body": obj.name}
        return obj.name

    @cached_property
    def unanswered(self) -> set[int]:
        from proposals.bodies import bodies_without_answerers

        return set(bodies_without_answerers().values_list("pk", flat=True))


class ProposalForm(GuardedForm):
    guarded_fields = ("title", "problem", "proposed_action", "rationale", "expected_effect")

    creation_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    signal = BoundedTextField(widget=forms.HiddenInput, required=False, max_length=120)
    title = text_field(_("Title"), max_length=200)
    problem = text_area(_("The problem"), help_text=_("What is wrong, for whom and where."))
    proposed_action = text_area(_("The proposed action"))
    rationale = text_area(_("Rationale"))
    expected_effect = text_area(_("Expected effect"))
    recipient = RecipientChoiceField(
        label=_("Recipient body"),
        required=False,
        help_text=_(
            "Needed before the proposal is submitted. A body with no members to answer "
            "cannot receive it yet."
        ),
    )
    phenomena = forms.ModelMultipleChoiceField(
        label=_("Phenomena"),
        queryset=Phenomenon.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    indicators = TranslatedChoiceField(
        label=_("Statistics"),
        queryset=Indicator.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = TranslatedChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipalities = TranslatedChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = TranslatedChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, phenomena, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phenomena"].queryset = phenomena


class QuoteForm(forms.Form):
    """One excerpt of an evidence observation chosen as a quote; the analyst may shorten it
    first. The service checks it against the observation and the strict quote check."""

    observation = forms.ModelChoiceField(
        queryset=Observation.objects.none(), widget=forms.HiddenInput
    )
    text = text_field(
        _("Excerpt"),
        max_length=2000,
        rows=3,
        help_text=_("You may shorten it from either end; keep the words as they are."),
    )

    def __init__(self, *args, observations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observation"].queryset = observations
        number = self.observation_number()
        # Every excerpt on the page has a form of its own: ids name the observation.
        self.auto_id = f"id_quote-{number}-%s"
        if number:
            self.fields["text"].label = _("Excerpt of observation #%(number)s") % {"number": number}

    def observation_number(self) -> str:
        value = self["observation"].value()
        return "".join(c for c in str(getattr(value, "pk", value) or "") if c.isdigit())


class LinkObservationForm(forms.Form):
    observation = forms.IntegerField(
        label=_("Number of the observation"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class AnswerForm(GuardedForm):
    guarded_fields = ("response_text", "decision_section", "minutes_url")
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    response_text = text_area(_("Official response"), required=True, rows=6)
    response_date = BoundedDateField(label=_("Date of the response"), initial=timezone.localdate)
    decision_section = text_field(
        _("Section of the minutes"),
        max_length=40,
        required=False,
        help_text=_("For example § 112."),
    )
    minutes_url = forms.URLField(
        label=_("Link to the minutes"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["https", "http"])],
        help_text=_("The address of the published minutes, if there is one."),
    )

    def clean_response_date(self):
        day = self.cleaned_data["response_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of the response cannot be in the future."))
        return day


class MilestoneForm(GuardedForm):
    guarded_fields = ("title",)
    title = text_field(_("Milestone"), max_length=200)
    due_on = BoundedDateField(label=_("Due date"))


class MilestoneImportForm(forms.Form):
    file = forms.FileField(
        label=_("Milestones as a CSV file"),
        help_text=_(
            "Columns: id, title, due_on, progress, note. Start from the template of the "
            "current milestones; an empty cell keeps the value as it is."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class ReasonForm(GuardedForm):
    """Withdrawing a submitted proposal: why, for the chain that the recipient and the
    reporters read."""

    guarded_fields = ("reason",)
    reason = text_area(
        _("Reason"),
        required=True,
        help_text=_("Shown in the proposal's history. No names or other personal data."),
    )


class ReaddressForm(ReasonForm):
    """Sending a submitted proposal to another body instead, and why."""

    recipient = RecipientChoiceField(label=_("New recipient body"))

    field_order = ["recipient", "reason"]

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["recipient"]
        field.queryset = field.queryset.exclude(pk=proposal.recipient_id)


class DeadlineForm(forms.Form):
    """The day the body is asked to answer by; empty means Sora's usual time."""

    answer_due_on = forms.DateField(
        label=_("Answer requested by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_answer_due_on(self):
        from proposals.services import answer_due_problems

        day = self.cleaned_data["answer_due_on"]
        problems = answer_due_problems(day)
        if problems:
            raise forms.ValidationError(problems)
        return day

    def problems(self) -> list[str]:
        return [message for messages in self.errors.values() for message in messages]


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)


class PublishForm(GuardedForm):
    guarded_fields = ("public_summary",)
    public_summary = text_area(
        _("Public summary"),
        required=True,
        rows=5,
        help_text=_(
            "Shown on the public page with the status and the answer. "
            "No observation texts or quotes are published."
        ),
    )


class WelfareReportForm(forms.Form):
    municipality = TranslatedSingleChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all()
    )
    start = BoundedDateField(label=_("From"))
    end = BoundedDateField(label=_("To"))
    format = forms.ChoiceField(
        label=_("File format"),
        choices=[("docx", _("Word document (DOCX)")), ("xlsx", _("Spreadsheet (XLSX)"))],
        widget=forms.RadioSelect,
        initial="docx",
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            try:
                check_period(start, end)
            except forms.ValidationError as error:
                self.add_error("end", error)
        return cleaned


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else obj.get_username()


class BodyMemberForm(forms.Form):
    """Adding one of the organisation's decision-makers to a body."""

    person = PersonChoiceField(
        label=_("Decision-maker"),
        queryset=User.objects.none(),
        empty_label=_("Choose…"),
        help_text=_("People with a reader (decision-maker) role in the organisation."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = candidates
