"""The observation form, shared by every channel: signed-in, open link and forum."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

import privacy
from accounts.models import Organisation, Profession
from lib.forms import BoundedTextField, text_field, too_long_message
from lib.i18n import current_language
from reporting import guard
from reporting.models import (
    AnsweredAs,
    CampaignQuestion,
    Duration,
    ForumGroup,
    Municipality,
    Novelty,
    Reach,
    Signal,
    TargetGroup,
    Theme,
)

FREE_TEXT_FIELDS = ("text", "suggestion")
KEPT_BY_FORUM_SESSION = (
    "forum_group",
    "whole_county",
    "municipalities",
    "answered_as",
    "team_size",
    "team_professions",
)
# Fields a draft does not keep: a new key is drawn when the draft is continued.
NOT_IN_DRAFTS = ("submission_key",)


class TranslatedChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class TranslatedSingleChoiceField(forms.ModelChoiceField):
    """A drop-down whose empty choice says what to do instead of showing dashes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("Choose…"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return obj.name


class CompactCheckboxes(forms.CheckboxSelectMultiple):
    """A long list of checkboxes folded under a summary that names what is ticked.

    Without JavaScript it is a ``<details>`` element: open when the list has an error (so the
    error summary's link reaches its first box), closed otherwise; ``form-sections.js`` adds
    a search box and keeps the summary up to date."""

    template_name = "reporting/widgets/compact_checkboxes.html"
    open = False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = [
            str(option["label"])
            for _group, options, _index in context["widget"]["optgroups"]
            for option in options
            if option["selected"]
        ]
        context["widget"].update(chosen=chosen, open=self.open or False)
        return context


@dataclass(frozen=True)
class Section:
    """One part of the observation form, numbered for the progress list."""

    slug: str
    title: str
    number: int
    total: int
    has_errors: bool


SECTION_TITLES = {
    "forum": _("Dialogue group"),
    "what": _("The observation"),
    "where": _("Whom and where"),
    "questions": _("Questions of this collection"),
    "who": _("About the answer"),
}
SECTION_FIELDS = {
    "forum": ("forum_group",),
    "what": ("text", "signal", "novelty", "suggestion"),
    "where": (
        "target_groups",
        "whole_county",
        "municipalities",
        "themes",
        "reach",
        "duration",
    ),
    "who": (
        "organisation",
        "profession",
        "answered_as",
        "team_size",
        "team_professions",
        "language",
        "consent_to_contact",
    ),
}


def long_text_field(label, *, required: bool, help_text="") -> BoundedTextField:
    return text_field(label, required=required, help_text=help_text, rows=6)


class ObservationForm(forms.Form):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    text = long_text_field(
        _("What did you observe?"),
        required=True,
        help_text=_(
            "Do certain issues or problems recur or trouble you, does something raise concern? "
            "Or have you noticed positive developments that could be strengthened? "
            "Describe the phenomenon, not a client: no names, identity codes or contact details."
        ),
    )
    signal = forms.ChoiceField(
        label=_("Is it a concern or a positive development?"),
        choices=Signal.choices,
        widget=forms.RadioSelect,
    )
    novelty = forms.ChoiceField(
        label=_("Is the phenomenon new or familiar?"),
        choices=Novelty.choices,
        widget=forms.RadioSelect,
    )
    target_groups = TranslatedChoiceField(
        label=_("Whom does it concern?"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    themes = TranslatedChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.filter(is_active=True, parent__isnull=True),
        widget=CompactCheckboxes,
        required=False,
        help_text=_("Choose any that fit. Analysts can complete the coding."),
    )
    whole_county = forms.BooleanField(label=_("It concerns the whole county"), required=False)
    municipalities = TranslatedChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.all(),
        widget=CompactCheckboxes,
        required=False,
        help_text=_("Choose one or more, or tick the whole county above."),
    )
    reach = forms.ChoiceField(
        label=_("Roughly how many clients does it affect?"),
        choices=Reach.choices,
        initial=Reach.UNKNOWN,
        widget=forms.RadioSelect,
    )
    duration = forms.ChoiceField(
        label=_("How long have you observed it?"),
        choices=Duration.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    suggestion = long_text_field(
        _("What should change? Do you have a solution to propose?"), required=False
    )
    answered_as = forms.ChoiceField(
        label=_("Are you answering alone or as a team?"),
        choices=AnsweredAs.choices,
        initial=AnsweredAs.ALONE,
        widget=forms.RadioSelect,
    )
    team_size = forms.IntegerField(
        label=_("Team size"),
        required=False,
        min_value=2,
        max_value=200,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    team_professions = TranslatedChoiceField(
        label=_("Professions in the team"),
        queryset=Profession.objects.all(),
        widget=CompactCheckboxes,
        required=False,
    )
    consent_to_contact = forms.BooleanField(
        label=_("You may contact me for follow-up questions about this observation."),
        required=False,
    )
    language = forms.ChoiceField(label=_("Language of the observation"), choices=settings.LANGUAGES)

    def __init__(
        self, *args, campaign=None, channel_fields=(), anonymous=False, kept=False, **kwargs
    ):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("language", current_language())
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.anonymous = anonymous
        self.guard_results: dict = {}
        self.confirmed: set[str] = set(self.data.getlist("confirm")) if self.is_bound else set()
        self.question_fields: list[tuple[CampaignQuestion, str]] = []
        if campaign is not None:
            self._add_campaign_fields(campaign)
        # Required unless the whole county is ticked: the form says so without "(optional)".
        self.fields["municipalities"].conditionally_required = True
        if "consent_to_contact" not in channel_fields:
            del self.fields["consent_to_contact"]
        if kept:
            # A forum session's finding: what stays the same between findings is the
            # session's (ForumSessionForm), not asked again.
            for name in KEPT_BY_FORUM_SESSION:
                del self.fields[name]

    # Campaign questions and forum groups --------------------------------------------------

    def _add_campaign_fields(self, campaign) -> None:
        if campaign.kind == campaign.Kind.FORUM:
            self.fields["forum_group"] = forms.ModelChoiceField(
                label=_("Dialogue group"),
                queryset=ForumGroup.objects.filter(campaign=campaign),
                widget=forms.RadioSelect,
            )
            self.fields["forum_group"].label_from_instance = forum_group_label
            self.fields["answered_as"].initial = AnsweredAs.TEAM
        for question in campaign.questions.all():
            name = f"q_{question.pk}"
            self.fields[name] = question_field(question)
            self.question_fields.append((question, name))

    # Sections -----------------------------------------------------------------------------

    def sections(self, chooser=None) -> list[Section]:
        """The form's parts in the order shown: the dialogue group of a forum first, the
        campaign's own questions first when the campaign asks for it."""
        slugs = ["forum"] if "forum_group" in self.fields else []
        questions = ["questions"] if self.question_fields else []
        first = self.campaign is not None and self.campaign.questions_first
        slugs += questions + ["what", "where"] if first else ["what", "where"] + questions
        slugs.append("who")
        # Only the errors found so far: showing the parts never validates a form.
        wrong = set(self._errors or ())
        if chooser is not None:
            wrong |= set(chooser._errors or ())
        fields = SECTION_FIELDS | {"questions": [name for _q, name in self.question_fields]}
        return [
            Section(
                slug=slug,
                title=SECTION_TITLES[slug],
                number=number,
                total=len(slugs),
                has_errors=bool(wrong & set(fields[slug])),
            )
            for number, slug in enumerate(slugs, 1)
        ]

    # Validation ---------------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        if "municipalities" in self.fields:
            require_a_place(self, cleaned)
        if cleaned.get("answered_as") == AnsweredAs.TEAM and not cleaned.get("team_size"):
            self.add_error("team_size", _("Give the team size when answering as a team."))
        if "forum_group" in self.fields and cleaned.get("answered_as") != AnsweredAs.TEAM:
            self.add_error("answered_as", _("Forum findings are recorded as a team."))
        self._run_guard(cleaned)
        return cleaned

    def free_text_names(self) -> list[str]:
        names = list(FREE_TEXT_FIELDS)
        return names + [name for question, name in self.question_fields if question.is_text]

    def free_texts(self, cleaned: dict) -> dict[str, str]:
        return {name: cleaned.get(name) or "" for name in self.free_text_names()}

    def _run_guard(self, cleaned: dict) -> None:
        language = cleaned.get("language") or current_language()
        self._guard_texts(self.free_texts(cleaned), language)

    def _guard_texts(self, texts: dict[str, str], language: str) -> None:
        self.guard_results = guard.check_texts(
            texts, language=language, confirmed=self.confirmed, anonymous=self.anonymous
        )
        for name, result in self.guard_results.items():
            if not result.is_clean and name not in self.errors:
                self.add_error(name, guard_message(result))

    def confirmations(self, names=None) -> list[dict]:
        """What the writer confirmed, optionally only for the fields ``names``."""
        records = guard.confirmation_record(self.guard_results, self.confirmed)
        return [r for r in records if names is None or r["field"] in names]

    # Drafts ---------------------------------------------------------------------------------

    def as_draft(self) -> tuple[dict[str, list[str]], str] | None:
        """The form's own fields as typed, for keeping a half-written observation.

        Only this form's fields are kept, each value one its field could take and each text
        within its limit, and the texts pass the guard as at submission. A missing answer
        does not stop a draft; a text too long or with personal data in it does: then this
        returns None and the form holds those problems as its errors (the page shows every
        character typed). Otherwise returns the values and the text's language.
        """
        self._errors = ErrorDict()
        self.cleaned_data = {}
        values = {}
        for name, field in self.fields.items():
            if name not in NOT_IN_DRAFTS:
                kept = self._draft_values(name, field)
                if kept:
                    values[name] = kept
        texts = {name: (values.get(name) or [""])[0] for name in self.free_text_names()}
        # Only texts within their limits are read by the guard.
        within = {name: text for name, text in texts.items() if self._within_limit(name, text)}
        language = (values.get("language") or [current_language()])[0]
        self._guard_texts(within, language)
        return None if self._errors else (values, language)

    def _draft_values(self, name: str, field: forms.Field) -> list[str]:
        raw = self.data.getlist(self.add_prefix(name))
        if isinstance(field, forms.CharField):
            return raw[:1] if raw and raw[0].strip() else []
        return [value for value in raw if _field_accepts(field, value)]

    def _within_limit(self, name: str, text: str) -> bool:
        limit = self.fields[name].max_length
        if len(text) > limit:
            self.add_error(name, forms.ValidationError(too_long_message(len(text), limit)))
            return False
        return True

    def answers(self) -> list[tuple[CampaignQuestion, str, object]]:
        """(question, the form field's name, the answer) for each answered question."""
        return [
            (question, name, self.cleaned_data.get(name))
            for question, name in self.question_fields
            if self.cleaned_data.get(name) not in (None, "", [])
        ]

    def blocked_fields(self) -> list[str]:
        """The fields whose text the guard refused, in form order."""
        return [result.field for result in self.guard_panels() if not result.is_clean]

    def guard_panels(self) -> list:
        """Findings per field, in form order, for the highlighted review panel."""
        return [self.guard_results[name] for name in self.fields if name in self.guard_results]


class OrganisationChoiceForm(forms.Form):
    """The organisation a report is made for, when the person could choose more than one."""

    organisation = TranslatedSingleChoiceField(
        label=_("Your organisation"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        candidates = list(organisations[:2])
        self.only = candidates[0] if len(candidates) == 1 else None
        if self.only is not None:
            # Nothing to choose: the field is not shown and its answer is known.
            self.fields["organisation"].initial = self.only.pk
            self.fields["organisation"].required = False
            self.fields["organisation"].widget = forms.HiddenInput()

    def clean_organisation(self):
        return self.cleaned_data.get("organisation") or self.only


class OpenLinkFields(OrganisationChoiceForm):
    """What an open-link reporter gives that a signed-in one gets from their membership."""

    profession = TranslatedSingleChoiceField(
        label=_("Your profession"),
        queryset=Profession.objects.all(),
        required=False,
        empty_label=_("Not given"),
    )
    # Left empty by people; filled by form-filling bots. Hidden with CSS and from assistive
    # technology.
    website = text_field(_("Leave this field empty"), required=False, max_length=200)

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("The form could not be sent. Leave the last field empty and try again.")
            )
        return ""


class ForumSessionForm(OrganisationChoiceForm):
    """What a dialogue group's scribe chooses once for all the group's findings."""

    forum_group = forms.ModelChoiceField(
        label=_("Dialogue group"), queryset=ForumGroup.objects.none(), widget=forms.RadioSelect
    )
    participating_organisations = TranslatedChoiceField(
        label=_("Other organisations in the team"),
        queryset=Organisation.objects.none(),
        widget=CompactCheckboxes,
        required=False,
        help_text=_("Choose every other organisation whose people took part in the group."),
    )
    team_size = forms.IntegerField(
        label=_("Team size"),
        min_value=2,
        max_value=200,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    team_professions = ObservationForm.base_fields["team_professions"]
    whole_county = ObservationForm.base_fields["whole_county"]
    municipalities = ObservationForm.base_fields["municipalities"]
    website = OpenLinkFields.base_fields["website"]
    clean_website = OpenLinkFields.clean_website

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        # The rendered choices are kept per campaign (``field_group``): name it.
        self.campaign = campaign
        self.fields["forum_group"].queryset = ForumGroup.objects.filter(campaign=campaign)
        self.fields["forum_group"].label_from_instance = forum_group_label
        self.fields["participating_organisations"].queryset = Organisation.objects.filter(
            is_active=True
        )
        self.fields["municipalities"].conditionally_required = True
        self.fields["organisation"].label = _("Main organisation")
        self.fields["organisation"].help_text = _(
            "The findings are counted for this organisation, and its analysts read them."
        )

    def clean(self):
        cleaned = super().clean()
        require_a_place(self, cleaned)
        main = cleaned.get("organisation")
        others = cleaned.get("participating_organisations")
        if main is not None and others is not None:
            cleaned["participating_organisations"] = [org for org in others if org != main]
        return cleaned


def require_a_place(form: forms.Form, cleaned: dict) -> None:
    if not cleaned.get("whole_county") and not cleaned.get("municipalities"):
        form.add_error(
            "municipalities", _("Choose at least one municipality, or the whole county.")
        )


def _field_accepts(field: forms.Field, value: str) -> bool:
    """Whether ``value`` is one the field could take (a listed choice, a number in range)."""
    many = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
    try:
        field.clean([value] if many else value)
    except forms.ValidationError:
        return False
    return True


def forum_group_label(group) -> str:
    return f"{group.name}: {group.question}"


def question_field(question: CampaignQuestion) -> forms.Field:
    common = {"label": question.text, "required": question.required}
    kinds = CampaignQuestion.Kind
    if question.kind == kinds.SHORT_TEXT:
        return text_field(max_length=500, **common)
    if question.kind == kinds.LONG_TEXT:
        return long_text_field(question.text, required=question.required)
    if question.kind == kinds.SINGLE_CHOICE:
        return forms.ChoiceField(choices=question.choice_list(), widget=forms.RadioSelect, **common)
    if question.kind == kinds.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=question.choice_list(), widget=forms.CheckboxSelectMultiple, **common
        )
    return forms.TypedChoiceField(
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
        **common,
    )


def guard_message(result: guard.GuardResult) -> str:
    """What the guard refused, naming each finding by its kind and place (WCAG 3.3.3)."""
    found = {"findings": "; ".join(result.described(result.blocking))}
    if result.must_remove_names and all(f.kind in privacy.CONFIRMABLE for f in result.blocking):
        return (
            _(
                "The text contains a name or an address: %(findings)s. Without signing in, only "
                "a single word that is also an ordinary word or a place can be confirmed: remove "
                "the other names and addresses."
            )
            % found
        )
    if all(finding.kind in privacy.CONFIRMABLE for finding in result.blocking):
        return (
            _(
                "The text seems to contain personal data: %(findings)s. Remove it, or confirm "
                "below for each word that it does not identify a person."
            )
            % found
        )
    return (
        _(
            "The text contains personal data: %(findings)s. Remove it: nothing is saved until "
            "the text identifies no one."
        )
        % found
    )


class ReceiptEmailForm(forms.Form):
    """An address to send a receipt to once. Nothing keeps it: see ``email_receipt``."""

    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        help_text=_("The address is used only to send this message; Sora does not keep it."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account_address = user.email if user is not None and user.is_authenticated else ""
        # Needed unless sending to the account's address: not marked "(optional)".
        self.fields["email"].conditionally_required = True

    def clean(self):
        cleaned = super().clean()
        to_account = self.data.get("to") == "account" and self.account_address
        if not to_account and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Type the address to send the receipt to."))
        cleaned["to"] = self.account_address if to_account else cleaned.get("email")
        cleaned["to_account"] = bool(to_account)
        return cleaned


class ReporterTextForm(forms.Form):
    """A short text a signed-in reporter adds to their own sent observation, checked by the
    personal-data guard with the observation form's flow: what was found is highlighted, a
    name or an address may be confirmed word by word, nothing typed is lost."""

    guarded_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.guard_results: dict = {}
        self.confirmed: set[str] = set(self.data.getlist("confirm")) if self.is_bound else set()

    def clean(self):
        cleaned = super().clean()
        texts = {name: cleaned.get(name) or "" for name in self.guarded_fields}
        self.guard_results = guard.check_texts(
            texts, language=current_language(), confirmed=self.confirmed
        )
        for name, result in self.guard_results.items():
            if not result.is_clean and name not in self.errors:
                self.add_error(name, guard_message(result))
        return cleaned

    def confirmations(self) -> list[dict]:
        return guard.confirmation_record(self.guard_results, self.confirmed)

    def guard_panels(self) -> list:
        return [self.guard_results[n] for n in self.guarded_fields if n in self.guard_results]


class SupplementForm(ReporterTextForm):
    guarded_fields = ("text",)
    # Drawn when the form is shown: the form sent twice adds the supplement once.
    creation_key = forms.UUIDField(widget=forms.HiddenInput)
    text = long_text_field(
        _("Supplement"),
        required=True,
        help_text=_(
            "What you want to add to your observation. It is shown with today's date to the "
            "analysts. No names or other details that could identify a client."
        ),
    )


class WithdrawForm(ReporterTextForm):
    guarded_fields = ("reason",)
    reason = text_field(
        _("Reason (optional)"),
        required=False,
        rows=3,
        max_length=1000,
        help_text=_(
            "Shown to the analysts. No names or other details that could identify a client."
        ),
    )
