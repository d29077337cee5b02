"""A proposal's evidence reaches across organisations only as far as partners share it.

Organisation A's proposal may quote the observations of a partner that shares with A; when
the partner stops sharing, its observations leave the proposal's suggestions and its words
leave every page of the proposal, and a quote of them can no longer go to the recipient.
"""

import pytest
from django.urls import reverse

from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from proposals.models import Quote
from proposals.tests.helpers import act
from reporting.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db

WORDS = "Järjestön ruoka-avussa käy yhä useampi lapsiperhe kuun lopussa."
NOT_SHARED = "no longer shares its observations"


@pytest.fixture
def shared(org_a, partner_org, proposal):
    """A partner's observation behind the proposal through A's phenomenon."""
    phenomenon = PhenomenonFactory(organisation=org_a, name="Ruoka-apu")
    proposal.phenomena.add(phenomenon)
    observation = ObservationFactory(organisation=partner_org, text=WORDS)
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    return observation


def _page(client, user, proposal) -> str:
    client.force_login(user)
    response = client.get(
        reverse("proposals:detail", args=[proposal.pk]), headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    return response.content.decode()


def _quote(client, analyst, proposal, observation):
    client.force_login(analyst)
    response = client.post(
        reverse("proposals:quote_add", args=[proposal.pk]),
        {"observation": observation.pk, "text": WORDS},
    )
    assert response.status_code == 302
    return Quote.objects.get()


def test_a_shared_observation_is_suggested_and_quoted(client, analyst, proposal, shared):
    assert WORDS in _page(client, analyst, proposal)
    _quote(client, analyst, proposal, shared)


def test_the_excerpts_of_a_partner_that_stopped_sharing_are_not_suggested(
    client, analyst, proposal, shared, partner_org, org_a
):
    partner_org.shares_with.remove(org_a)
    page = _page(client, analyst, proposal)
    assert WORDS not in page
    assert "0 observations are behind the proposal" in page
    client.force_login(analyst)
    response = client.post(
        reverse("proposals:quote_add", args=[proposal.pk]),
        {"observation": shared.pk, "text": WORDS},
    )
    assert response.status_code == 400
    assert not Quote.objects.exists()


def test_a_chosen_quote_loses_its_words_and_stops_the_submission(
    client, analyst, proposal, shared, partner_org, org_a
):
    _quote(client, analyst, proposal, shared)
    proposal.problem, proposal.proposed_action = "Ruoka-apu ei riitä.", "Lisää jakelua."
    proposal.save()
    partner_org.shares_with.remove(org_a)
    page = _page(client, analyst, proposal)
    assert WORDS not in page and NOT_SHARED in page
    act(client, analyst, proposal, "prepare")
    act(client, analyst, proposal, "submit", seen_status="preparation")
    proposal.refresh_from_db()
    assert proposal.status == "preparation"


def test_the_recipient_no_longer_reads_the_words_either(
    client, analyst, decision_maker, proposal, shared, partner_org, org_a
):
    _quote(client, analyst, proposal, shared)
    proposal.status = "submitted"
    proposal.save()
    assert WORDS in _page(client, decision_maker, proposal)
    partner_org.shares_with.remove(org_a)
    assert WORDS not in _page(client, decision_maker, proposal)


def test_an_observation_no_longer_shared_cannot_be_linked(
    client, analyst, proposal, partner_org, org_a, former_partner_org
):
    stopped = ObservationFactory(organisation=former_partner_org)
    client.force_login(analyst)
    response = client.post(
        reverse("proposals:observation_link", args=[proposal.pk]), {"observation": stopped.pk}
    )
    assert response.status_code == 400
    assert not proposal.observations.exists()


def test_a_draft_from_a_phenomenon_takes_only_the_shared_observations_codes(
    client, analyst, org_a, former_partner_org
):
    from reporting.models import Municipality

    phenomenon = PhenomenonFactory(organisation=org_a)
    stopped = ObservationFactory(organisation=former_partner_org, whole_county=False)
    stopped.municipalities.set(Municipality.objects.filter(code="743"))
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=stopped)
    client.force_login(analyst)
    response = client.get(reverse("proposals:create"), {"phenomenon": phenomenon.pk})
    assert response.status_code == 200
    assert response.context["form"].initial["municipalities"] == []


def test_the_welfare_report_counts_only_what_is_shared(
    client, analyst, org_a, partner_org, former_partner_org
):
    import datetime
    import io

    import openpyxl

    from reporting.models import Municipality

    seinajoki = Municipality.objects.get(code="743")
    phenomenon = PhenomenonFactory(organisation=org_a, name="Kotihoidon kiire")
    for organisation in [org_a] * 3 + [partner_org] * 2 + [former_partner_org] * 3:
        observation = ObservationFactory(organisation=organisation, whole_county=False)
        observation.municipalities.add(seinajoki)
        PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    today = datetime.date.today()
    client.force_login(analyst)
    response = client.get(
        reverse("proposals:welfare_report"),
        {
            "municipality": seinajoki.pk,
            "start": (today - datetime.timedelta(days=30)).isoformat(),
            "end": today.isoformat(),
            "format": "xlsx",
        },
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    phenomena = book.worksheets[0]
    rows = [[c.value for c in row] for row in phenomena.iter_rows(min_row=4)]
    assert rows[0][0] == "Kotihoidon kiire" and rows[0][2] == "5"
