"""The colleague an observation is given to is told once, however many are given at once."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from accounts.tests.factories import MembershipFactory
from analysis import services
from notices.models import Kind, Notice
from reporting.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(org_a):
    return MembershipFactory(organisation=org_a, role="analyst", user__username="colleague").user


def _assign(observations, assignee, by, capture):
    with capture(execute=True), transaction.atomic():
        return services.assign(observations, assignee, by)


def test_one_observation_is_told_with_its_number_and_link(
    client, analyst, colleague, org_a, django_capture_on_commit_callbacks
):
    observation = ObservationFactory(organisation=org_a)
    for _ in range(2):
        _assign([observation], colleague, analyst, django_capture_on_commit_callbacks)
    notice = Notice.objects.get(user=colleague)
    assert notice.kind == Kind.ASSIGNED and notice.object_id == observation.pk
    (message,) = mail.outbox
    assert f"nro {observation.pk}" in message.body
    client.force_login(colleague)
    response = client.get(reverse("notices:open", args=[notice.pk]))
    assert response["Location"] == reverse("analysis:observation", args=[observation.pk])


def test_many_at_once_make_one_notice_leading_to_the_assigned_list(
    client, analyst, colleague, org_a, django_capture_on_commit_callbacks
):
    observations = [ObservationFactory(organisation=org_a) for _ in range(3)]
    _assign(observations, colleague, analyst, django_capture_on_commit_callbacks)
    (notice,) = Notice.objects.filter(user=colleague)
    assert len(mail.outbox) == 1 and "3 havaintoa osoitettiin sinulle" in mail.outbox[0].body
    client.force_login(colleague)
    response = client.get(reverse("notices:open", args=[notice.pk]))
    assert "assigned=me" in response["Location"]
    listed = client.get(response["Location"]).context["page"].object_list
    assert sorted(o.pk for o in listed) == sorted(o.pk for o in observations)


def test_taking_one_oneself_or_away_tells_nobody(
    analyst, colleague, org_a, django_capture_on_commit_callbacks
):
    observation = ObservationFactory(organisation=org_a)
    _assign([observation], analyst, analyst, django_capture_on_commit_callbacks)
    _assign([observation], None, analyst, django_capture_on_commit_callbacks)
    assert not Notice.objects.exists() and mail.outbox == []
