"""Inviting a campaign's audience and reminding it before the campaign closes: once each."""

import datetime

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from campaigns import services
from notices import kinds
from notices.models import Kind, Notice
from notices.services import kinds_for


def test_double_posted_invite_makes_one_notice_per_person(
    client, analyst, reporter, reader, outsider, campaign, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    url = reverse("campaigns:invite", args=[campaign.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        client.post(url)
    invited = Notice.objects.filter(kind=Kind.CAMPAIGN_INVITED)
    # Reporters, analysts and admins of the audience report; readers and outsiders do not.
    assert set(invited.values_list("user__username", flat=True)) == {"reporter", "analyst"}
    assert invited.count() == 2
    assert len([m for m in mail.outbox if reporter.email in m.to]) == 1


def test_invitation_is_written_with_a_link_to_the_form(reporter, campaign):
    services.invite(campaign)
    notice = Notice.objects.get(user=reporter)
    line = kinds.describe(reporter, notice)
    assert "Talven kysely" in line.text
    assert line.path == reverse("reporting:new_observation") + f"?campaign={campaign.pk}"


def test_closed_campaign_is_not_invited_to(client, analyst, reporter, campaign):
    campaign.ends_on = timezone.localdate() - datetime.timedelta(days=2)
    campaign.save()
    client.force_login(analyst)
    client.post(reverse("campaigns:invite", args=[campaign.pk]))
    assert not Notice.objects.exists()


@override_settings(CAMPAIGN_REMIND_DAYS=3)
def test_reminder_goes_once_within_the_days_before_the_end(reporter, campaign):
    today = timezone.localdate()
    campaign.ends_on = today + datetime.timedelta(days=5)
    campaign.save()
    assert services.remind_closing(today) == 0
    assert services.remind_closing(today + datetime.timedelta(days=2)) == 1
    assert services.remind_closing(today + datetime.timedelta(days=3)) == 0
    assert services.remind_closing(today + datetime.timedelta(days=5)) == 0
    notice = Notice.objects.get(kind=Kind.CAMPAIGN_CLOSING)
    assert notice.user == reporter


def test_people_of_other_organisations_are_not_invited(reporter, org_b, campaign):
    MembershipFactory(organisation=org_b, role="reporter")
    services.invite(campaign)
    assert list(Notice.objects.values_list("user", flat=True)) == [reporter.pk]


def test_reporters_may_choose_how_they_hear_of_campaigns(reporter, reader):
    assert {Kind.CAMPAIGN_INVITED, Kind.CAMPAIGN_CLOSING} <= set(kinds_for(reporter))
    assert Kind.CAMPAIGN_INVITED not in kinds_for(reader)


def test_a_reader_of_the_audience_who_reports_elsewhere_is_not_invited(reader, org_b, campaign):
    MembershipFactory(organisation=org_b, role="reporter", user=reader)
    services.invite(campaign)
    assert not Notice.objects.filter(user=reader).exists()


def test_an_open_audience_reaches_every_organisation(reporter, outsider, campaign):
    campaign.audience.clear()
    services.invite(campaign)
    assert set(Notice.objects.values_list("user__username", flat=True)) == {"reporter", "outsider"}
