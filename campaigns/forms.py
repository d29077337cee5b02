"""The forms of the campaign pages. Texts written here are reference texts: the enforcement
point refuses identity codes, phone numbers, e-mail and account numbers in them, shown as an
error on the field (``privacy.forms``)."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organisation
from lib.dates import BoundedDateField
from privacy.forms import GuardedModelFormMixin
from reporting.models import Campaign, CampaignQuestion, ForumGroup, TargetGroup, Theme

DESCRIPTION_MAX_CHARS = 4000
CHOICE_KINDS = (CampaignQuestion.Kind.SINGLE_CHOICE, CampaignQuestion.Kind.MULTIPLE_CHOICE)
MAX_CHOICES = 30
LANGUAGES = ("fi", "sv", "en")


def limit_length(field: forms.Field, limit: int) -> None:
    field.max_length = limit
    field.validators.append(MaxLengthValidator(limit))
    field.widget.attrs["maxlength"] = limit


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class CampaignForm(GuardedModelFormMixin, forms.ModelForm):
    starts_on = BoundedDateField(label=gettext_lazy("Starts on"))
    ends_on = BoundedDateField(
        label=gettext_lazy("Ends on"),
        required=False,
        help_text=gettext_lazy("Leave empty to keep the campaign open until you close it."),
    )
    audience = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Audience organisations"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Leave empty to invite every organisation."),
    )
    default_target_groups = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Target groups chosen in advance"),
        queryset=TargetGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The form starts with these ticked; the reporter may change them."),
    )
    default_themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Themes chosen in advance"),
        queryset=Theme.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The form starts with these ticked; the reporter may change them."),
    )

    class Meta:
        model = Campaign
        fields = [
            "owner",
            "kind",
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "starts_on",
            "ends_on",
            "audience",
            "open_link_enabled",
            "link_organisation",
            "default_target_groups",
            "default_themes",
            "questions_first",
        ]
        labels = {
            "owner": gettext_lazy("Owner organisation"),
            "kind": gettext_lazy("Kind"),
            "title_fi": gettext_lazy("Title in Finnish"),
            "title_sv": gettext_lazy("Title in Swedish"),
            "title_en": gettext_lazy("Title in English"),
            "description_fi": gettext_lazy("Description in Finnish"),
            "description_sv": gettext_lazy("Description in Swedish"),
            "description_en": gettext_lazy("Description in English"),
            "open_link_enabled": gettext_lazy("Open link in use"),
            "link_organisation": gettext_lazy("Organisation fixed by the open link"),
            "questions_first": gettext_lazy("Show the campaign's own questions first"),
        }
        help_texts = {
            "open_link_enabled": gettext_lazy(
                "Anyone with the link may report without signing in."
            ),
            "link_organisation": gettext_lazy(
                "Leave empty to let the reporter choose from the audience organisations."
            ),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("description_fi", "description_sv", "description_en")
        }

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].empty_label = None
        self.fields["link_organisation"].queryset = Organisation.objects.filter(is_active=True)
        for name in ("description_fi", "description_sv", "description_en"):
            limit_length(self.fields[name], DESCRIPTION_MAX_CHARS)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The campaign cannot end before it starts."))
        fixed, audience = cleaned.get("link_organisation"), cleaned.get("audience")
        if fixed and audience and fixed not in audience:
            self.add_error(
                "link_organisation",
                _("Choose one of the audience organisations, or leave the audience empty."),
            )
        return cleaned


class QuestionForm(GuardedModelFormMixin, forms.ModelForm):
    """A question with its texts and choices. Answers store a choice by its line number, so
    once a question has answers its kind stays and no choice line may go."""

    class Meta:
        model = CampaignQuestion
        fields = [
            "kind",
            "text_fi",
            "text_sv",
            "text_en",
            "choices_fi",
            "choices_sv",
            "choices_en",
            "required",
        ]
        labels = {
            "kind": gettext_lazy("Kind of answer"),
            "text_fi": gettext_lazy("Question in Finnish"),
            "text_sv": gettext_lazy("Question in Swedish"),
            "text_en": gettext_lazy("Question in English"),
            "choices_fi": gettext_lazy("Choices in Finnish, one per line"),
            "choices_sv": gettext_lazy("Choices in Swedish, one per line"),
            "choices_en": gettext_lazy("Choices in English, one per line"),
            "required": gettext_lazy("An answer is required"),
        }
        help_texts = {
            "choices_fi": gettext_lazy(
                "Only for single and multiple choice. Each language has the same choices in "
                "the same order. Once the question has answers, you may reword a choice and "
                "add new ones at the end, but not remove or reorder them."
            ),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in ("choices_fi", "choices_sv", "choices_en")
        }

    def __init__(self, *args, answered: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.answered = answered
        self.fields["kind"].choices = CampaignQuestion.Kind.choices
        for name in ("choices_fi", "choices_sv", "choices_en"):
            limit_length(self.fields[name], DESCRIPTION_MAX_CHARS)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind is None:
            return cleaned
        if self.answered and kind != self.instance.kind:
            self.add_error(
                "kind",
                _("The question already has answers: its kind cannot change. Add a new question."),
            )
        if kind in CHOICE_KINDS:
            self._check_choices(cleaned)
        else:
            for code in LANGUAGES:
                cleaned[f"choices_{code}"] = ""
        return cleaned

    def _check_choices(self, cleaned: dict) -> None:
        count = len(lines(cleaned.get("choices_fi", "")))
        if count < 2:
            self.add_error("choices_fi", _("Write at least two choices, one per line."))
            return
        if count > MAX_CHOICES:
            self.add_error("choices_fi", _("Write at most %(max)s choices.") % {"max": MAX_CHOICES})
        for code in ("sv", "en"):
            other = lines(cleaned.get(f"choices_{code}", ""))
            if other and len(other) != count:
                self.add_error(
                    f"choices_{code}",
                    _("Write as many choices as in Finnish (%(count)s), in the same order.")
                    % {"count": count},
                )
        if self.answered and count < len(lines(self.instance.choices_fi)):
            self.add_error(
                "choices_fi",
                _(
                    "The question already has answers: its choices cannot be removed, as the "
                    "answers would then point at other choices. Reword them instead."
                ),
            )
        for code in LANGUAGES:
            cleaned[f"choices_{code}"] = "\n".join(lines(cleaned.get(f"choices_{code}", "")))


class ForumGroupForm(GuardedModelFormMixin, forms.ModelForm):
    class Meta:
        model = ForumGroup
        fields = ["name_fi", "name_sv", "name_en", "question_fi", "question_sv", "question_en"]
        labels = {
            "name_fi": gettext_lazy("Name in Finnish"),
            "name_sv": gettext_lazy("Name in Swedish"),
            "name_en": gettext_lazy("Name in English"),
            "question_fi": gettext_lazy("Question discussed, in Finnish"),
            "question_sv": gettext_lazy("Question discussed, in Swedish"),
            "question_en": gettext_lazy("Question discussed, in English"),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("question_fi", "question_sv", "question_en")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("question_fi", "question_sv", "question_en"):
            limit_length(self.fields[name], DESCRIPTION_MAX_CHARS)
