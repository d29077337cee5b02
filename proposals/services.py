"""Writing proposals: create, edit, move through the life cycle, evidence and milestones.

Each function writes its rows in one transaction. A step of the life cycle is recorded as a
``Transition`` with who and when, and the reporters behind the proposal are told of the
steps they follow (``notifications.queue_feedback``).
"""

import datetime
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_event
from accounts.models import AuditEvent
from lib.excerpts import collapse_whitespace, is_excerpt_of
from notices import services as notices
from notices.models import Kind
from privacy.enforcement import PersonalDataRefused, confirmed_keys
from privacy.stored import ALL_LANGUAGES
from proposals import access, bodies, notifications
from proposals.lifecycle import ACTIONS, NOTIFIED_ACTIONS, REASONED_ACTIONS, is_possible
from proposals.milestone_csv import MilestoneRow
from proposals.models import (
    ActionProposal,
    Milestone,
    Quote,
    RecipientBody,
    Status,
    Transition,
)
from proposals.quotes import chosen_problems, excerpt_problems
from reporting import guard
from reporting.models import Observation

GUARDED_FIELDS = ("title", "problem", "proposed_action", "rationale", "expected_effect")
RELATIONS = ("phenomena", "indicators", "target_groups", "municipalities", "themes")


class StepRefused(Exception):
    """A step that cannot be taken now; ``messages`` say why, translated, for the person."""

    def __init__(self, *messages):
        super().__init__(*messages)
        self.messages = [str(m) for m in messages]


def create_proposal(
    *, organisation, owner, cleaned: dict, creation_key: uuid.UUID, confirmations=()
) -> tuple[ActionProposal, bool]:
    """Save a new draft exactly once per form: a double click or a retry returns the draft
    saved the first time. Returns the proposal and whether it was created now."""
    try:
        with transaction.atomic():
            proposal = ActionProposal.objects.create(
                creation_key=creation_key,
                organisation=organisation,
                owner=owner,
                privacy_confirmations=list(confirmations),
                **{name: cleaned.get(name) or "" for name in GUARDED_FIELDS},
                recipient=cleaned.get("recipient"),
                signal=cleaned.get("signal") or "",
            )
            _set_relations(proposal, cleaned)
            Transition.objects.create(
                proposal=proposal, action="create", to_status=Status.DRAFT, by=owner
            )
    except IntegrityError:
        existing = ActionProposal.objects.filter(creation_key=creation_key).first()
        if existing is None:
            raise
        return existing, False
    return proposal, True


@transaction.atomic
def update_proposal(*, proposal: ActionProposal, cleaned: dict, confirmations=()):
    """Change the text and evidence of a proposal that is still being prepared."""
    proposal = _locked(proposal)
    if not proposal.is_editable:
        raise StepRefused(_("A submitted proposal can no longer be edited."))
    for name in GUARDED_FIELDS:
        setattr(proposal, name, cleaned.get(name) or "")
    proposal.recipient = cleaned.get("recipient")
    proposal.privacy_confirmations = list(confirmations)
    proposal.save()
    _set_relations(proposal, cleaned)
    return proposal


def _set_relations(proposal: ActionProposal, cleaned: dict) -> None:
    for name in RELATIONS:
        if name in cleaned:
            getattr(proposal, name).set(cleaned[name])


def _locked(proposal: ActionProposal) -> ActionProposal:
    return ActionProposal.objects.select_for_update().get(pk=proposal.pk)


# The life cycle ---------------------------------------------------------------------------


@transaction.atomic
def take_step(
    *,
    proposal: ActionProposal,
    action: str,
    by,
    seen_status: str,
    reason: str = "",
    recipient: RecipientBody | None = None,
    answer_due_on: datetime.date | None = None,
    **answer,
) -> tuple[Transition, bool]:
    """Move the proposal one step and record it; tell the reporters when they follow it.

    ``seen_status`` is the status the person saw when they pressed the button. Pressing
    twice, or a retry, finds the step already taken and returns it (``created`` False)
    instead of taking it again; a step that does not fit the status raises ``StepRefused``.
    Withdrawing needs a ``reason``; sending to another body a ``reason`` and the
    ``recipient``. Submitting or sending to another body sets the day the answer is asked
    for (``answer_due_on``, by default ``PROPOSAL_ANSWER_DAYS`` from today) and tells the
    members of the body.
    """
    step = ACTIONS[action]
    proposal = _locked(proposal)
    last = proposal.transitions.last()
    if _already_taken(proposal, last, action, seen_status, recipient):
        return last, False
    if proposal.status != seen_status:
        raise StepRefused(
            _("The proposal was changed meanwhile: it is now “%(status)s”. Check it and try again.")
            % {"status": proposal.get_status_display()}
        )
    if not is_possible(proposal, step):
        raise StepRefused(
            _("“%(action)s” is not possible while the proposal is “%(status)s”.")
            % {"action": step.label, "status": proposal.get_status_display()}
        )
    problems = _step_problems(proposal, action, reason, recipient)
    if problems:
        raise StepRefused(*problems)
    if action == "answer":
        _record_answer(proposal, **answer)
    if action == "readdress":
        proposal.recipient = recipient
    if action in ("submit", "readdress"):
        proposal.answer_due_on = answer_due_on or default_answer_due()
    transition = Transition.objects.create(
        proposal=proposal,
        action=action,
        from_status=proposal.status,
        to_status=step.target,
        decision=proposal.decision if action == "answer" else "",
        recipient=proposal.recipient if action in ("submit", "readdress") else None,
        reason=reason if action in REASONED_ACTIONS else "",
        by=by,
    )
    proposal.status = step.target
    proposal.save()
    if action in NOTIFIED_ACTIONS:
        notifications.queue_feedback(transition)
    if action in ("submit", "readdress"):
        notices.tell(
            bodies.answering_members(proposal.recipient),
            Kind.PROPOSAL_ARRIVED,
            event_key=f"arrived:{transition.pk}",
            object_id=proposal.pk,
        )
    return transition, True


def default_answer_due() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=settings.PROPOSAL_ANSWER_DAYS)


def answer_due_problems(day: datetime.date | None) -> list[str]:
    """The day an answer is asked for must be ahead, and within a year."""
    today = timezone.localdate()
    if day is None:
        return []
    if day <= today:
        return [_("Ask for the answer by a day after today.")]
    if day > today + datetime.timedelta(days=366):
        return [_("Ask for the answer within a year.")]
    return []


def remind_due_answers(today: datetime.date | None = None) -> int:
    """Tell the members of the body, once, that an answer is due within
    ``PROPOSAL_REMIND_DAYS``; and once more, with the owning analyst, when the day has passed
    without an answer. The number of notices made."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=settings.PROPOSAL_REMIND_DAYS)
    waiting = ActionProposal.objects.filter(
        status=Status.SUBMITTED, answer_due_on__isnull=False, answer_due_on__lte=soon
    ).select_related("recipient", "owner")
    made = 0
    for proposal in waiting:
        when = "after" if proposal.answer_due_on < today else "before"
        people = list(bodies.answering_members(proposal.recipient))
        if when == "after" and proposal.owner is not None:
            people.append(proposal.owner)
        event = f"{when}:{proposal.answer_due_on.isoformat()}"
        with transaction.atomic():
            made += len(
                notices.tell(
                    people,
                    Kind.ANSWER_DUE,
                    event_key=f"proposal:{proposal.pk}:due:{event}:to:{proposal.recipient_id}",
                    object_id=proposal.pk,
                    event=event,
                )
            )
    return made


def _already_taken(proposal, last, action, seen_status, recipient) -> bool:
    """Whether this very step was just taken: a second press, or a retry."""
    if last is None or last.action != action or last.from_status != seen_status:
        return False
    if action == "readdress":
        return recipient is not None and last.recipient_id == recipient.pk == proposal.recipient_id
    return proposal.status != seen_status


def _step_problems(proposal, action: str, reason: str, recipient) -> list[str]:
    if action == "submit":
        return submission_problems(proposal)
    problems = []
    if action in REASONED_ACTIONS and not reason.strip():
        problems.append(_("Say why, so that the recipient and the reporters understand."))
    if action == "readdress":
        problems += _readdress_problems(proposal, recipient)
    return problems


def _readdress_problems(proposal, recipient) -> list[str]:
    if recipient is None:
        return [_("Choose the body the proposal goes to instead.")]
    if recipient.pk == proposal.recipient_id:
        return [_("The proposal is with this body already. Choose another one.")]
    return _recipient_problems(recipient)


def _recipient_problems(recipient: RecipientBody) -> list[str]:
    if not recipient.is_active:
        return [_("“%(body)s” no longer takes proposals. Choose another body.") % _body(recipient)]
    if not bodies.answering_members(recipient).exists():
        return [
            _(
                "“%(body)s” has no members who could answer the proposal. Choose another "
                "body, or ask its administrator to add its decision-makers as members."
            )
            % _body(recipient)
        ]
    return []


def _body(recipient: RecipientBody) -> dict:
    return {"body": recipient.name}


def _record_answer(
    proposal,
    *,
    decision: str,
    response_text: str,
    response_date,
    confirmations,
    decision_section: str = "",
    minutes_url: str = "",
):
    proposal.decision = decision
    proposal.response_text = response_text
    proposal.response_date = response_date
    proposal.decision_section = decision_section
    proposal.minutes_url = minutes_url
    proposal.privacy_confirmations = [*proposal.privacy_confirmations, *confirmations]


def submission_problems(proposal: ActionProposal) -> list[str]:
    """What must be fixed before the proposal can go to its recipient. The texts pass the
    personal-data guard once more, and the quotes the strict quote check: its rules, or the
    observations quoted, may have changed since."""
    problems = []
    if proposal.recipient_id is None:
        problems.append(_("Choose the recipient body."))
    else:
        problems += _recipient_problems(proposal.recipient)
    if not proposal.problem:
        problems.append(_("Describe the problem."))
    if not proposal.proposed_action:
        problems.append(_("Describe the proposed action."))
    confirmed = confirmed_keys(proposal.privacy_confirmations)
    texts = {name: getattr(proposal, name) for name in GUARDED_FIELDS}
    if any(not r.is_clean for r in _guard(texts, confirmed).values()):
        problems.append(_("The personal-data check found personal data in the texts. Edit them."))
    if any(chosen_problems(quote, shown) for quote, shown in access.chosen_quotes(proposal)):
        problems.append(
            _(
                "A quote does not pass the quote check or no longer matches its observation. "
                "The list of quotes shows which; remove it."
            )
        )
    return problems


def _guard(texts: dict, confirmed: set) -> dict:
    # Every language's rules, as where the texts are stored.
    return guard.check_texts(texts, language=ALL_LANGUAGES, confirmed=confirmed)


# Evidence and implementation ------------------------------------------------------------


@transaction.atomic
def add_quote(*, proposal, observation, text: str) -> Quote:
    """Quote an excerpt of an evidence observation. It must pass the strict quote check and
    be the observation's own words; adding the same excerpt twice keeps one."""
    if not _locked(proposal).is_editable:
        raise StepRefused(_("A submitted proposal can no longer be edited."))
    text = collapse_whitespace(text)
    problems = excerpt_problems(text, observation)
    if problems:
        raise StepRefused(*problems)
    quote, _created = Quote.objects.get_or_create(
        proposal=proposal, observation=observation, text=text
    )
    return quote


@transaction.atomic
def remove_quote(*, proposal, quote_id: int) -> None:
    if not _locked(proposal).is_editable:
        raise StepRefused(_("A submitted proposal can no longer be edited."))
    proposal.quotes.filter(pk=quote_id).delete()


@transaction.atomic
def link_observation(*, proposal, observation) -> None:
    """Add an observation as direct evidence; its reporter then hears of the proposal."""
    if not _locked(proposal).is_editable:
        raise StepRefused(_("A submitted proposal can no longer be edited."))
    proposal.observations.add(observation)


MILESTONE_STATUSES = frozenset({Status.ANSWERED, Status.IMPLEMENTATION})


@transaction.atomic
def add_milestone(*, proposal, title: str, due_on) -> Milestone:
    if _locked(proposal).status not in MILESTONE_STATUSES:
        raise StepRefused(_("Milestones are added once the proposal has been answered."))
    milestone, created = Milestone.objects.get_or_create(
        proposal=proposal, title=title, due_on=due_on
    )
    if created:
        notifications.tell_milestone(milestone, new=True)
    return milestone


def set_progress(*, proposal, milestone_id: int, progress: int, by=None) -> list[Milestone]:
    """One milestone's progress from the proposal page, through ``update_milestones``."""
    row = MilestoneRow(milestone_id=milestone_id, progress=progress)
    return update_milestones(proposal=proposal, rows=[row], by=by, imported=False)


MILESTONE_FIELDS = ("title", "due_on", "progress", "note")


@transaction.atomic
def update_milestones(*, proposal, rows, by, imported: bool = True) -> list[Milestone]:
    """Change milestones of one proposal, all of them or none: the one way their progress,
    due dates, titles and notes change (a CSV upload or the progress field of the page).

    ``rows`` are ``milestone_csv.MilestoneRow``s, whose ``None`` values keep a field as it
    is; a milestone of another proposal is refused. The texts pass the personal-data guard
    as they are saved; an ``imported`` file is in the audit log. Returns the milestones that
    changed, so that whoever must hear of a change can be told from here."""
    if _locked(proposal).status not in MILESTONE_STATUSES:
        raise StepRefused(_("Progress is recorded while the proposal is being implemented."))
    milestones = proposal.milestones.select_for_update().in_bulk([row.milestone_id for row in rows])
    if len(milestones) != len({row.milestone_id for row in rows}):
        raise StepRefused(_("The file names milestones that are not this proposal's."))
    changed = []
    for row in rows:
        milestone = milestones[row.milestone_id]
        fields = [
            name
            for name in MILESTONE_FIELDS
            if getattr(row, name) is not None and getattr(row, name) != getattr(milestone, name)
        ]
        if not fields:
            continue
        for name in fields:
            setattr(milestone, name, getattr(row, name))
        try:
            milestone.save(update_fields=fields)
        except PersonalDataRefused:
            raise StepRefused(
                _("A milestone's title or note has personal data. Remove it and try again.")
            ) from None
        changed.append(milestone)
        if "progress" in fields:
            notifications.tell_milestone(milestone)
    if imported:
        record_event(
            action=AuditEvent.Action.IMPORT,
            actor=by,
            target=f"proposal:{proposal.pk}:milestones",
            organisation_id=proposal.organisation_id,
            rows=len(rows),
            changed=[m.pk for m in changed],
        )
    return changed


@transaction.atomic
def publish(*, proposal, summary: str, confirmations=()) -> ActionProposal:
    """Show the proposal's public summary and status on the public page, never the
    observations or quotes."""
    proposal = _locked(proposal)
    proposal.public_summary = summary
    proposal.is_public = True
    proposal.published_at = proposal.published_at or timezone.now()
    proposal.privacy_confirmations = [*proposal.privacy_confirmations, *confirmations]
    proposal.save()
    return proposal


@transaction.atomic
def unpublish(*, proposal) -> ActionProposal:
    proposal = _locked(proposal)
    proposal.is_public = False
    proposal.save()
    return proposal


# Erasure ---------------------------------------------------------------------------------


@transaction.atomic
def forget_observation_texts(observation_ids, replace: tuple[str, str] | None = None) -> int:
    """Erase every quote taken from the observations, in every proposal, submitted ones too,
    for the retention and redaction of observations; with ``replace=(old, new)`` edit the
    quotes instead. Quotes that lost their observation are found by its words. Returns the
    number of quotes changed."""
    ids = set(observation_ids)
    texts = Observation.objects.filter(pk__in=ids).values_list("text", flat=True)
    sources = [text for text in texts if text]
    found = list(Quote.objects.filter(observation_id__in=ids))
    found += [
        quote
        for quote in Quote.objects.filter(observation=None)
        if any(is_excerpt_of(quote.text, source) for source in sources)
    ]
    for quote in found:
        if replace is None:
            quote.delete()
        else:
            quote.text = quote.text.replace(*replace)
            quote.save(update_fields=["text"])
    return len(found)
