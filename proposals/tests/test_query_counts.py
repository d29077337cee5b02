"""Lists and exports read a fixed number of rows, however many proposals there are."""

import datetime

import pytest
from django.urls import reverse

from proposals.tests.factories import ProposalFactory
from reporting.models import Municipality


@pytest.fixture
def many(org_a, analyst, decision_maker, body):
    seinajoki = Municipality.objects.get(code="743")
    for number in range(12):
        proposal = ProposalFactory(organisation=org_a, owner=analyst, recipient=body)
        proposal.status = "submitted" if number % 2 else "answered"
        proposal.save()
        proposal.municipalities.add(seinajoki)
        proposal.milestones.create(title="Vaihe", due_on=datetime.date(2030, 1, 1))
    return seinajoki


def test_the_analysts_list(client, analyst, many, django_assert_max_num_queries):
    client.force_login(analyst)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("proposals:list")).status_code == 200


def test_the_decision_makers_list(client, decision_maker, many, django_assert_max_num_queries):
    client.force_login(decision_maker)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("proposals:decisions")).status_code == 200


def test_the_welfare_export(client, analyst, many, django_assert_max_num_queries):
    client.force_login(analyst)
    today = datetime.date.today()
    data = {"municipality": many.pk, "start": "2020-01-01", "end": today.isoformat()}
    with django_assert_max_num_queries(15):
        response = client.get(reverse("proposals:welfare_report"), data | {"format": "xlsx"})
    assert response.status_code == 200
