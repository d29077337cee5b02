"""The reporting app's stored texts, declared to the personal-data guard (``privacy.stored``).

Observations, campaign answers and drafts are the reporters' free text; the codebook,
municipalities, campaigns, their questions and the forum groups are reference texts that
administrators write about the service.
"""

from privacy import erasure, stored
from reporting.models import (
    Campaign,
    CampaignAnswer,
    CampaignQuestion,
    Draft,
    ForumGroup,
    ForumSession,
    Municipality,
    Observation,
    Supplement,
    TargetGroup,
    Theme,
)

NAMES = ("code", "name_fi", "name_sv", "name_en")
TEXT_QUESTIONS = (CampaignQuestion.Kind.SHORT_TEXT, CampaignQuestion.Kind.LONG_TEXT)


def forget_answers(observation_ids: list[int], replace=None) -> int:
    """Text answers go with the observation's text; chosen options and scales are codes and
    stay, like the observation's themes."""
    answers = CampaignAnswer.objects.filter(observation_id__in=observation_ids)
    if replace is None:
        text_answers = answers.filter(question__kind__in=TEXT_QUESTIONS)
        return text_answers.update(value="", privacy_confirmations=[])
    declaration = stored.declaration_for(CampaignAnswer, "value")
    changed = [a for a in answers if erasure.replace_in(a, declaration, *replace)]
    for answer in changed:
        answer.save()
    return len(changed)


stored.free_text(
    Observation,
    "text",
    "suggestion",
    "withdrawal_reason",
    language="language",
    age=stored.Age("submitted_at", "RETENTION_TEXT_DAYS", erased_flag="text_erased_at"),
)
stored.reference_text(Observation, "external_id", label="observation-id")
stored.not_text(Observation, "receipt_code", why="drawn by Sora from a fixed alphabet")
stored.not_text(
    Observation,
    "submission_digest",
    why="a digest, keyed with the secret key, of who sent the form and what it held",
)
stored.free_text(
    CampaignAnswer,
    "value",
    language="observation__language",
    follows="observation",
    forget=forget_answers,
)
# A supplement goes with the observation's text: erased or redacted with it.
stored.free_text(Supplement, "text", language="language", follows="observation", delete_copies=True)
stored.free_text(
    Draft,
    "data",
    language="language",
    age=stored.Age("updated_at", "RETENTION_DRAFT_DAYS", delete=True),
)
for model in (Municipality, TargetGroup):
    stored.reference_text(model, *NAMES)
stored.reference_text(Theme, *NAMES, "description_fi", "description_sv", "description_en")
stored.reference_text(
    Campaign,
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
)
stored.not_text(Campaign, "link_token", why="drawn by Sora with the secrets module")
stored.not_text(
    ForumSession,
    "token",
    "receipt_code",
    why="drawn by Sora with the secrets module and from a fixed alphabet",
)
stored.reference_text(
    CampaignQuestion, "text_fi", "text_sv", "text_en", "choices_fi", "choices_sv", "choices_en"
)
stored.reference_text(
    ForumGroup, "name_fi", "name_sv", "name_en", "question_fi", "question_sv", "question_en"
)
