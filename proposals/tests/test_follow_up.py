"""Reporters see what became of their observations: on the anonymous receipt-code page and on
their own page."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from analysis.models import PhenomenonLink
from analysis.services import merge_phenomena
from analysis.tests.factories import PhenomenonFactory
from proposals.tests.helpers import act, answer
from reporting.tests.factories import ObservationFactory


@pytest.fixture
def linked(org_a, proposal):
    phenomenon = PhenomenonFactory(organisation=org_a, name="Ruoka-apu")
    observation = ObservationFactory(organisation=org_a, text="Anonyymi havainto.")
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    proposal.phenomena.add(phenomenon)
    return observation


def follow_up(client, observation, language="fi"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("reporting:follow_up", args=[observation.receipt_code])
    return client.get(url).content.decode()


def test_the_receipt_page_shows_the_chain_and_the_answer(
    client, analyst, decision_maker, proposal, linked
):
    page = follow_up(client, linked)
    assert "Ruoka-apu" in page
    assert proposal.title not in page  # a draft is internal
    act(client, analyst, proposal, "submit")
    proposal.refresh_from_db()
    answer(client, decision_maker, proposal, text="Aluehallitus hyväksyy ehdotuksen.")
    client.logout()
    page = follow_up(client, linked)
    assert proposal.title in page
    assert "Hyväksytty" in page
    assert "Aluehallitus hyväksyy ehdotuksen." in page
    assert "Anonyymi havainto." not in page
    assert "Godkänt" in follow_up(client, linked, "sv")


def test_the_own_page_shows_every_observation(client, reporter, org_a, proposal, analyst):
    own = ObservationFactory(organisation=org_a, reporter=reporter, text="Oma havainto.")
    proposal.observations.add(own)
    ObservationFactory(organisation=org_a, text="Jonkun toisen havainto.")
    act(client, analyst, proposal, "submit")
    client.force_login(reporter)
    page = client.get(reverse("reporting:my_observations")).content.decode()
    assert "Oma havainto." in page
    assert proposal.title in page
    assert "Jonkun toisen havainto." not in page


def test_the_own_page_reads_a_fixed_number_of_rows(
    client, reporter, org_a, proposal, django_assert_max_num_queries
):
    for _ in range(6):
        proposal.observations.add(ObservationFactory(organisation=org_a, reporter=reporter))
    proposal.status = "submitted"
    proposal.save()
    client.force_login(reporter)
    with django_assert_max_num_queries(20):
        client.get(reverse("reporting:my_observations"))


def test_the_chain_survives_a_merge_of_phenomena(
    client, analyst, proposal, linked, org_a, django_capture_on_commit_callbacks, reporter
):
    linked.reporter = reporter
    linked.save()
    target = PhenomenonFactory(organisation=org_a, name="Toimeentulo")
    merge_phenomena(source=proposal.phenomena.get(), target=target, by=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, analyst, proposal, "submit")
    client.logout()
    page = follow_up(client, linked)
    assert "Toimeentulo" in page
    assert proposal.title in page
    assert [reporter.email] in [m.to for m in mail.outbox]


def test_the_former_page_leads_to_my_observations(client, reporter):
    client.force_login(reporter)
    response = client.get(reverse("proposals:my_chain"))
    assert response.status_code == 301
    assert response["Location"] == reverse("reporting:my_observations")
