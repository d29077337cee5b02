"""Writing observations and drafts."""

import json
import uuid
from dataclasses import dataclass

from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from privacy.enforcement import clean_value
from reporting.models import (
    AnsweredAs,
    CampaignAnswer,
    Channel,
    Draft,
    ForumSession,
    Observation,
    Supplement,
)

# The observation's own texts; a campaign answer's text is in its own row.
FREE_TEXT_FIELDS = ("text", "suggestion")


@dataclass(frozen=True)
class Source:
    """Where an observation comes from: fixed by the channel, never typed by the reporter."""

    channel: str
    organisation: object
    profession: object = None
    reporter: object = None
    campaign: object = None


class SubmissionKeyTaken(Exception):
    """The form's key was already used by someone else or for other content."""


class AlreadyWithdrawn(Exception):
    """The observation was withdrawn before; it is withdrawn once."""


def submit_observation(
    *,
    source: Source,
    cleaned: dict,
    submission_key: uuid.UUID,
    confirmations: list[dict],
    answers: list = (),
    draft: Draft | None = None,
) -> tuple[Observation, bool]:
    """Save one checked observation exactly once.

    The submission key comes from the form the reporter loaded, so a double click, a retry
    after a network error or the back button returns the observation already saved instead
    of a second one. The key is bound to who sent it (the signed-in person; on the open link
    the link) and to what it carried: a key sent again by anyone else or with other content
    raises ``SubmissionKeyTaken`` and never answers with another person's observation.
    Returns the observation and whether it was created now.
    """
    digest = submission_digest(source, cleaned, answers)
    try:
        with transaction.atomic():
            observation = _create(source, cleaned, submission_key, digest, confirmations, answers)
            if draft is not None:
                draft.delete()
    except IntegrityError:
        # The key was sent before (a double click, a retry, the back button): the
        # observation saved then is the answer, if this is the same submission.
        existing = Observation.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        if not existing.submission_digest or existing.submission_digest != digest:
            raise SubmissionKeyTaken from None
        return existing, False
    return observation, True


def submission_digest(source: Source, cleaned: dict, answers=()) -> str:
    """A digest of who sends the form and everything it holds, keyed with the secret key."""
    content = {
        "channel": source.channel,
        "reporter": _key(source.reporter),
        "campaign": _key(source.campaign),
        "organisation": _key(source.organisation),
        "profession": _key(source.profession),
        "fields": {
            name: _key(value) for name, value in cleaned.items() if name != "submission_key"
        },
        "answers": sorted([_key(question), name, _key(value)] for question, name, value in answers),
    }
    payload = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return salted_hmac("reporting.submission", payload, algorithm="sha256").hexdigest()


def _key(value):
    """A value as plain JSON: a row by its primary key, a set of rows as sorted keys."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted((_key(item) for item in value), key=str)
    return value


def _create(source, cleaned, submission_key, digest, confirmations, answers) -> Observation:
    team = cleaned.get("answered_as") == AnsweredAs.TEAM
    observation = Observation.objects.create(
        submission_key=submission_key,
        submission_digest=digest,
        channel=source.channel,
        organisation=source.organisation,
        profession=source.profession,
        reporter=source.reporter,
        campaign=source.campaign,
        forum_group=cleaned.get("forum_group"),
        forum_session=cleaned.get("forum_session"),
        text=cleaned["text"],
        suggestion=cleaned.get("suggestion", ""),
        signal=cleaned["signal"],
        novelty=cleaned["novelty"],
        whole_county=bool(cleaned.get("whole_county")),
        reach=cleaned.get("reach") or "unknown",
        duration=cleaned.get("duration") or "",
        answered_as=cleaned.get("answered_as") or AnsweredAs.ALONE,
        team_size=cleaned.get("team_size") if team else None,
        consent_to_contact=bool(cleaned.get("consent_to_contact")) and source.reporter is not None,
        language=cleaned["language"],
        privacy_confirmations=[r for r in confirmations if r["field"] in FREE_TEXT_FIELDS],
    )
    # A new row has no links yet: add() writes them without first reading what exists.
    for relation, values in [
        (observation.target_groups, cleaned.get("target_groups")),
        (observation.themes, cleaned.get("themes")),
        (observation.municipalities, cleaned.get("municipalities")),
        (observation.team_professions, cleaned.get("team_professions") if team else None),
        (observation.participating_organisations, cleaned.get("participating_organisations")),
    ]:
        if values:
            relation.add(*values)
    if answers:
        CampaignAnswer.objects.bulk_create(
            CampaignAnswer(
                observation=observation,
                question=question,
                value=value,
                privacy_confirmations=[r for r in confirmations if r["field"] == field],
            )
            for question, field, value in answers
        )
    return observation


def campaign_defaults(campaign) -> dict[str, list[int]]:
    """The target groups and themes a campaign's form starts with ticked (the reporter may
    change them)."""
    defaults = {
        "target_groups": list(campaign.default_target_groups.values_list("pk", flat=True)),
        "themes": list(campaign.default_themes.values_list("pk", flat=True)),
    }
    return {name: pks for name, pks in defaults.items() if pks}


# A forum's dialogue group, recorded by its scribe in one session ---------------------------


@transaction.atomic
def start_forum_session(*, campaign, scribe, cleaned: dict) -> ForumSession:
    """Keep what a dialogue group's findings share, chosen once by its scribe: the group,
    the main and the other organisations, the team and the municipalities."""
    session = ForumSession.objects.create(
        campaign=campaign,
        scribe=scribe if scribe is not None and scribe.is_authenticated else None,
        forum_group=cleaned["forum_group"],
        organisation=cleaned["organisation"],
        team_size=cleaned["team_size"],
        whole_county=bool(cleaned.get("whole_county")),
    )
    session.participating_organisations.set(cleaned.get("participating_organisations") or [])
    session.team_professions.set(cleaned.get("team_professions") or [])
    session.municipalities.set(cleaned.get("municipalities") or [])
    return session


def record_forum_finding(
    *, session: ForumSession, cleaned: dict, confirmations: list[dict], answers=()
) -> tuple[Observation, bool]:
    """Save one finding of a session as a team observation of its group, exactly once per
    submission key (``submit_observation``): the session's kept choices go with the finding
    and into the key's digest, so the same key sent to another session is refused."""
    kept = {
        "forum_session": session,
        "forum_group": session.forum_group,
        "answered_as": AnsweredAs.TEAM,
        "team_size": session.team_size,
        "team_professions": list(session.team_professions.all()),
        "participating_organisations": list(session.participating_organisations.all()),
        "municipalities": list(session.municipalities.all()),
        "whole_county": session.whole_county,
    }
    source = Source(
        channel=Channel.FORUM,
        organisation=session.organisation,
        reporter=session.scribe,
        campaign=session.campaign,
    )
    return submit_observation(
        source=source,
        cleaned={**cleaned, **kept},
        submission_key=cleaned["submission_key"],
        confirmations=confirmations,
        answers=answers,
    )


@transaction.atomic
def save_draft(
    *, user, campaign, values: dict, language: str, confirmations: list[dict], draft=None
) -> Draft:
    """Keep a half-written observation on the server for its writer.

    ``values`` are the form's own fields as ``ObservationForm.as_draft`` kept them; the
    enforcement point checks the texts again with the writer's confirmations, as it does an
    observation's.
    """
    if draft is None:
        draft = Draft(user=user, campaign=campaign)
    draft.data = values
    draft.language = language
    draft.privacy_confirmations = confirmations
    draft.save()
    return draft


# A reporter's follow-up of their own sent observations ------------------------------------


def add_supplement(
    *,
    observation: Observation,
    text: str,
    language: str,
    confirmations: list[dict],
    creation_key: uuid.UUID,
) -> tuple[Supplement, bool]:
    """Add the reporter's dated addition to their observation, exactly once per form.

    The enforcement point checks the text again with the writer's confirmations when the row
    is written. The same form sent again (a double click, a retry) answers with the
    supplement saved then; a key already used for another observation or another text raises
    ``SubmissionKeyTaken``. Returns the supplement and whether it was created now.
    """
    try:
        with transaction.atomic():
            supplement = Supplement.objects.create(
                observation=observation,
                text=text,
                language=language,
                privacy_confirmations=confirmations,
                creation_key=creation_key,
            )
    except IntegrityError:
        existing = Supplement.objects.filter(creation_key=creation_key).first()
        if existing is None:
            raise
        if existing.observation_id != observation.pk or existing.text != clean_value(text):
            raise SubmissionKeyTaken from None
        return existing, False
    return supplement, True


@transaction.atomic
def withdraw_observation(
    *, observation: Observation, reason: str, confirmations: list[dict]
) -> Observation:
    """Take a sent observation back at its reporter's wish, with their reason if they gave one.

    The observation stays for counts and signals; quotes and examples leave it out from now
    on. Raises ``AlreadyWithdrawn`` the second time, however the two requests cross.
    """
    locked = Observation.objects.select_for_update().get(pk=observation.pk)
    if locked.withdrawn_at is not None:
        raise AlreadyWithdrawn
    kept = [r for r in locked.privacy_confirmations if r.get("field") != "withdrawal_reason"]
    locked.withdrawn_at = timezone.now()
    locked.withdrawal_reason = reason
    locked.privacy_confirmations = kept + [
        {**r, "field": "withdrawal_reason"} for r in confirmations
    ]
    locked.save(update_fields=["withdrawn_at", "withdrawal_reason", "privacy_confirmations"])
    return locked


def mark_read(*, observation: Observation) -> None:
    """Remember when the reporter last opened their observation: what happened to it after
    that is news to them on their follow-up page."""
    now = timezone.now()
    Observation.objects.filter(pk=observation.pk).update(reporter_seen_at=now)
    observation.reporter_seen_at = now


def mark_all_read(*, user) -> int:
    """The reporter has read the news of every observation they sent (the follow-up page
    shows each chain in full, so they need not open every observation)."""
    return Observation.objects.filter(reporter=user).update(reporter_seen_at=timezone.now())


def email_receipt(*, to: str, language: str, code: str, link: str) -> None:
    """Send a receipt code and its follow-up link to one address, in ``language``.

    The address is used for this one message and kept nowhere: the message leaves at once
    instead of through the task queue (whose rows would hold it), and nothing here logs it.
    The message holds the code and the link only, never what was reported.
    """
    with translation.override(language):
        context = {"code": code, "link": link}
        subject = render_to_string("reporting/email/receipt_subject.txt", context).strip()
        body = render_to_string("reporting/email/receipt_body.txt", context)
    EmailMessage(subject=subject, body=body, to=[to]).send()
