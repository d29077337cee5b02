"""What each kind of notice says, and where it leads, for the person reading it.

A notice is written out when it is shown or sent, in the active language, from its object as
it then stands; a notice whose object is gone, or which the person may no longer see, says
nothing (``None``) and is left out.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from notices.models import Kind, Notice


@dataclass(frozen=True)
class Line:
    notice: Notice
    text: str
    path: str


def describe_all(user, notices) -> list[Line | None]:
    return [describe(user, notice) for notice in notices]


def describe(user, notice: Notice) -> Line | None:
    try:
        text, path = _WRITERS[notice.kind](user, notice)
    except (Http404, PermissionDenied):
        return None
    return Line(notice, text, path)


def _proposal(user, notice):
    from proposals.access import get_proposal_for_reading

    proposal, _part = get_proposal_for_reading(user, notice.object_id)
    return proposal, reverse("proposals:detail", args=[proposal.pk])


def _day(day) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else "–"


def _iso_day(text: str):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _proposal_arrived(user, notice):
    proposal, path = _proposal(user, notice)
    text = _("A proposal awaits the answer of %(body)s: “%(title)s”, answer by %(due)s.") % {
        "body": proposal.recipient.name if proposal.recipient else "–",
        "title": proposal.title,
        "due": _day(proposal.answer_due_on),
    }
    return text, path


def _answer_due(user, notice):
    proposal, path = _proposal(user, notice)
    when, _sep, due = notice.event.partition(":")
    values = {"title": proposal.title, "due": _day(_iso_day(due))}
    if when == "after":
        return _("The answer to “%(title)s” was due on %(due)s and has not been given.") % (
            values
        ), path
    return _("The answer to “%(title)s” is due on %(due)s.") % values, path


def _report(user, notice):
    from reports.access import editable_reports

    report = editable_reports(user).filter(pk=notice.object_id).first()
    if report is None:
        raise Http404
    return report, reverse("reports:detail", args=[report.pk])


def _approval_requested(user, notice):
    report, path = _report(user, notice)
    return _("The report “%(title)s” awaits your approval.") % {"title": report}, path


def _approval_outcome(user, notice):
    report, path = _report(user, notice)
    if notice.event == "approved":
        return _("Your report “%(title)s” was approved.") % {"title": report}, path
    return _("Your report “%(title)s” was returned to you for changes.") % {"title": report}, path


def _assigned(user, notice):
    from accounts.access import analysis_scope
    from reporting.models import Observation

    if notice.event.startswith("many:"):
        count = notice.event.partition(":")[2]
        path = reverse("analysis:inbox") + "?assigned=me&status="
        return _("%(count)s observations were assigned to you.") % {"count": count}, path

    observation = Observation.objects.filter(
        pk=notice.object_id, organisation_id__in=analysis_scope(user)
    ).first()
    if observation is None:
        raise Http404
    path = reverse("analysis:observation", args=[observation.pk])
    return _("Observation no. %(number)s was assigned to you.") % {"number": observation.pk}, path


def _proposal_news(user, notice):
    from proposals.models import ActionProposal, Milestone, Transition
    from proposals.notifications import observations_behind

    proposal = ActionProposal.objects.filter(pk=notice.object_id).first()
    if proposal is None or not observations_behind(proposal).filter(reporter=user).exists():
        raise Http404
    what, _sep, rest = notice.event.partition(":")
    pk, _sep, stage = rest.partition(":")
    path = reverse("reporting:my_observations")
    values = {"title": proposal.title}
    if what == "milestone":
        milestone = Milestone.objects.filter(pk=pk or 0, proposal=proposal).first()
        if milestone is None:
            raise Http404
        if stage == "new":
            values |= {"milestone": milestone.title, "due": _day(milestone.due_on)}
            text = _(
                "A milestone was set for “%(title)s”, based on your observations: "
                "“%(milestone)s”, due %(due)s."
            )
            return text % values, path
        values |= {"milestone": milestone.title, "progress": stage or milestone.progress}
        text = _(
            "“%(title)s”, based on your observations: “%(milestone)s” is %(progress)s %% done."
        )
        return text % values, path
    step = Transition.objects.filter(pk=pk or 0, proposal=proposal).first()
    if step is None:
        raise Http404
    values |= {
        "body": step.recipient.name if step.recipient else "–",
        "decision": step.get_decision_display(),
    }
    if step.action == "submit":
        text = _("“%(title)s”, based on your observations, was submitted to %(body)s.")
    elif step.action == "answer":
        text = _("“%(title)s”, based on your observations, was answered: %(decision)s.")
    else:
        text = _("“%(title)s”, based on your observations, has been implemented.")
    return text % values, path


def _campaign(user, notice):
    from reporting.access import get_campaign_for_user

    campaign = get_campaign_for_user(user, notice.object_id)
    if not campaign.is_open_now():
        raise Http404
    path = reverse("reporting:new_observation") + f"?campaign={campaign.pk}"
    return campaign, path


def _campaign_invited(user, notice):
    campaign, path = _campaign(user, notice)
    values = {"title": campaign.title, "ends": _day(campaign.ends_on)}
    if campaign.ends_on is None:
        return _("You are invited to report in the campaign “%(title)s”.") % values, path
    return _("You are invited to report in the campaign “%(title)s” by %(ends)s.") % values, path


def _campaign_closing(user, notice):
    campaign, path = _campaign(user, notice)
    values = {"title": campaign.title, "ends": _day(campaign.ends_on)}
    return _("The campaign “%(title)s” closes on %(ends)s: report by then.") % values, path


_WRITERS = {
    Kind.PROPOSAL_ARRIVED: _proposal_arrived,
    Kind.ANSWER_DUE: _answer_due,
    Kind.APPROVAL_REQUESTED: _approval_requested,
    Kind.APPROVAL_OUTCOME: _approval_outcome,
    Kind.ASSIGNED: _assigned,
    Kind.PROPOSAL_NEWS: _proposal_news,
    Kind.CAMPAIGN_INVITED: _campaign_invited,
    Kind.CAMPAIGN_CLOSING: _campaign_closing,
}
