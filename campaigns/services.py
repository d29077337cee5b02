"""Changing campaigns and telling their audience: each function one step, in a transaction."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import REPORTING_ROLES
from accounts.models import User
from notices import services as notices
from notices.models import Kind, Notice
from reporting.models import Campaign, CampaignQuestion, ForumGroup

UP = "up"
DOWN = "down"


class CampaignRefused(Exception):
    """A change that would harm answers already given; the message says why, translated."""


@transaction.atomic
def close_campaign(campaign: Campaign, today: datetime.date | None = None) -> datetime.date:
    """Stop taking observations from today on: the campaign's last day becomes yesterday.
    Closing a closed campaign changes nothing. The last day."""
    today = today or timezone.localdate()
    if campaign.ends_on is not None and campaign.ends_on < today:
        return campaign.ends_on
    last = today - datetime.timedelta(days=1)
    campaign.ends_on = last
    campaign.starts_on = min(campaign.starts_on, last)
    campaign.save(update_fields=["ends_on", "starts_on"])
    return last


@transaction.atomic
def open_campaign(campaign: Campaign, today: datetime.date | None = None) -> None:
    """Take observations from today on, until the campaign's end day if that is still ahead,
    else until it is closed again."""
    today = today or timezone.localdate()
    campaign.starts_on = min(campaign.starts_on, today)
    if campaign.ends_on is not None and campaign.ends_on < today:
        campaign.ends_on = None
    campaign.save(update_fields=["ends_on", "starts_on"])


def _next_order(rows) -> int:
    return (rows.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def save_question(form, campaign: Campaign) -> CampaignQuestion:
    question = form.save(commit=False)
    if question.pk is None:
        question.campaign = campaign
        question.order = _next_order(campaign.questions.all())
    question.save()
    return question


@transaction.atomic
def save_group(form, campaign: Campaign) -> ForumGroup:
    group = form.save(commit=False)
    if group.pk is None:
        group.campaign = campaign
        group.order = _next_order(campaign.groups.all())
    group.save()
    return group


@transaction.atomic
def remove_question(question: CampaignQuestion) -> None:
    if question.answers.exists():
        raise CampaignRefused(
            _("The question already has answers, so it stays: the answers need it.")
        )
    question.delete()


@transaction.atomic
def remove_group(group: ForumGroup) -> None:
    if group.observations.exists():
        raise CampaignRefused(
            _("The group already has observations, so it stays: the observations need it.")
        )
    group.delete()


@transaction.atomic
def move(row, direction: str) -> None:
    """Move a question or a group one place up or down among its campaign's; the order is
    renumbered 1, 2, 3… so that equal numbers never tie."""
    if direction not in (UP, DOWN):
        return
    siblings = list(type(row).objects.select_for_update().filter(campaign_id=row.campaign_id))
    siblings.sort(key=lambda item: (item.order, item.pk))
    index = next(i for i, item in enumerate(siblings) if item.pk == row.pk)
    other = index - 1 if direction == UP else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for order, item in enumerate(siblings, 1):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order"])


def audience_members(campaign: Campaign) -> QuerySet[User]:
    """The active people who may report for one of the campaign's audience organisations
    (every active organisation when the audience is open)."""
    # One filter call, so that the role and the organisation are those of one membership.
    membership = {
        "memberships__role__in": REPORTING_ROLES,
        "memberships__organisation__is_active": True,
    }
    if campaign.audience.exists():
        membership["memberships__organisation__in"] = campaign.audience.all()
    people = User.objects.filter(is_active=True, **membership)
    return people.distinct().order_by("pk")


def invited_count(campaign: Campaign) -> int:
    return Notice.objects.filter(kind=Kind.CAMPAIGN_INVITED, object_id=campaign.pk).count()


def invite(campaign: Campaign) -> int:
    """Tell every member of the audience that the campaign invites them; a person invited
    before is not told again, however often this is done. How many were told now."""
    with transaction.atomic():
        made = notices.tell(
            audience_members(campaign),
            Kind.CAMPAIGN_INVITED,
            event_key=f"campaign:{campaign.pk}:invited",
            object_id=campaign.pk,
            event="invited",
        )
    return len(made)


def closing_soon(today: datetime.date):
    soon = today + datetime.timedelta(days=settings.CAMPAIGN_REMIND_DAYS)
    return Campaign.objects.filter(starts_on__lte=today, ends_on__gte=today, ends_on__lte=soon)


def remind_closing(today: datetime.date | None = None) -> int:
    """Tell the audience of each open campaign that ends within ``CAMPAIGN_REMIND_DAYS``
    days that it is closing; once per campaign and person, whichever day the task runs. The
    number of notices made."""
    today = today or timezone.localdate()
    made = 0
    for campaign in closing_soon(today):
        with transaction.atomic():
            made += len(
                notices.tell(
                    audience_members(campaign),
                    Kind.CAMPAIGN_CLOSING,
                    event_key=f"campaign:{campaign.pk}:closing",
                    object_id=campaign.pk,
                    event="closing",
                )
            )
    return made


def open_filter(today: datetime.date) -> Q:
    return Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
