"""Quotes of a proposal: suggested from its evidence, the strict check when added and at
submit, listed on the submit step, and erasable later."""

import pytest
from django.urls import reverse
from django.utils import timezone

from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from privacy.tests.helpers import write_behind_the_guard
from proposals import services
from proposals.models import Quote
from proposals.tests.helpers import act
from reporting.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db

CLEAN = "Asiakkaat odottavat päätöstä viikkoja ja jäävät ilman ruokarahaa."
NAMED = "Matti Virtanen kertoi, että päätös viipyy."
CODE = "Asiakas 131052 -308T odottaa yhä päätöstä."


@pytest.fixture
def evidence(org_a, proposal):
    """A phenomenon of the proposal with three observations behind it."""
    phenomenon = PhenomenonFactory(organisation=org_a, name="Viivästykset")
    proposal.phenomena.add(phenomenon)
    found = {}
    for key, text in (("clean", CLEAN), ("named", NAMED), ("code", CODE)):
        found[key] = ObservationFactory(organisation=org_a, text=CLEAN)
        # Stored as the writer confirmed a name, or before the guard knew how a code was
        # written: the quote check must still keep them out.
        write_behind_the_guard(found[key], text=text)
        found[key].refresh_from_db()
        PhenomenonLink.objects.create(phenomenon=phenomenon, observation=found[key])
    return found


def _add(client, analyst, proposal, observation, text, language="en"):
    client.force_login(analyst)
    return client.post(
        reverse("proposals:quote_add", args=[proposal.pk]),
        {"observation": observation.pk, "text": text},
        headers={"accept-language": language},
    )


def test_the_page_suggests_excerpts_of_the_evidence_marked_by_the_check(
    client, analyst, proposal, evidence
):
    client.force_login(analyst)
    page = client.get(
        reverse("proposals:detail", args=[proposal.pk]), headers={"accept-language": "en"}
    ).content.decode()
    assert CLEAN in page and NAMED in page and CODE in page
    assert page.count("Passes the quote check") == 1
    assert page.count("Does not pass the quote check") == 2
    assert f'id="id_quote-{evidence["clean"].pk}-text"' in page


@pytest.mark.parametrize("key", ["named", "code"])
def test_an_excerpt_with_a_name_or_a_number_is_refused(client, analyst, proposal, evidence, key):
    observation = evidence[key]
    response = _add(client, analyst, proposal, observation, observation.text, "fi")
    assert response.status_code == 400
    assert "Lainauksessa on" in response.content.decode()
    assert f"\n{observation.text}</textarea>" in response.content.decode()
    assert not proposal.quotes.exists()


def test_a_shortened_excerpt_is_added_but_a_rewritten_one_is_refused(
    client, analyst, proposal, evidence
):
    rewritten = _add(client, analyst, proposal, evidence["clean"], "Asiakkaat odottavat kuukausia")
    assert rewritten.status_code == 400
    assert "own words" in rewritten.content.decode()
    shortened = "Asiakkaat odottavat päätöstä viikkoja"
    assert _add(client, analyst, proposal, evidence["clean"], shortened).status_code == 302
    assert list(proposal.quotes.values_list("text", flat=True)) == [shortened]


def test_an_observation_outside_the_evidence_cannot_be_quoted(
    client, analyst, proposal, evidence, org_a
):
    elsewhere = ObservationFactory(organisation=org_a, text=CLEAN)
    assert _add(client, analyst, proposal, elsewhere, CLEAN).status_code == 400
    assert not proposal.quotes.exists()


def test_the_submit_step_lists_the_quotes_that_go_to_the_recipient(
    client, analyst, proposal, evidence
):
    _add(client, analyst, proposal, evidence["clean"], CLEAN)
    page = client.get(
        reverse("proposals:detail", args=[proposal.pk]), headers={"accept-language": "en"}
    ).content.decode()
    listed = page.index("These quotes go to the recipient:")
    assert listed < page.index(CLEAN, listed) < page.index('value="submit"', listed)


def test_a_quote_that_no_longer_matches_its_observation_stops_the_submission(
    client, analyst, proposal, evidence
):
    _add(client, analyst, proposal, evidence["clean"], CLEAN)
    evidence["clean"].text = "Teksti on muokattu."
    evidence["clean"].save()
    act(client, analyst, proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.status == "draft"
    page = client.get(
        reverse("proposals:detail", args=[proposal.pk]), headers={"accept-language": "en"}
    ).content.decode()
    assert "This quote cannot go to the recipient:" in page


def test_a_quote_with_a_confirmed_name_stops_the_submission(proposal, evidence):
    # Stored before the strict check, with the name confirmed as harmless.
    quote = Quote.objects.create(proposal=proposal, observation=evidence["named"], text="kertoi")
    write_behind_the_guard(quote, text=NAMED)
    problems = services.submission_problems(proposal)
    assert any("quote check" in problem for problem in problems)


def test_forgetting_an_observation_removes_its_quotes_everywhere(
    client, analyst, proposal, evidence
):
    _add(client, analyst, proposal, evidence["clean"], CLEAN)
    act(client, analyst, proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    legacy = Quote.objects.create(proposal=proposal, observation=None, text="ilman ruokarahaa")
    assert services.forget_observation_texts([evidence["clean"].pk]) == 2
    assert not Quote.objects.filter(pk=legacy.pk).exists()
    assert not Quote.objects.filter(text__contains="ruokarahaa").exists()


def test_forgetting_with_a_replacement_edits_the_quotes(client, analyst, proposal, evidence):
    _add(client, analyst, proposal, evidence["clean"], CLEAN)
    services.forget_observation_texts([evidence["clean"].pk], replace=("ruokarahaa", "[poistettu]"))
    assert list(proposal.quotes.values_list("text", flat=True)) == [
        "Asiakkaat odottavat päätöstä viikkoja ja jäävät ilman [poistettu]."
    ]


def test_forgetting_another_observation_changes_nothing(client, analyst, proposal, evidence):
    _add(client, analyst, proposal, evidence["clean"], CLEAN)
    assert services.forget_observation_texts([evidence["named"].pk]) == 0
    assert proposal.quotes.count() == 1


def test_a_withdrawn_observation_is_neither_suggested_nor_quoted(
    client, analyst, proposal, evidence
):
    _add(client, analyst, proposal, evidence["clean"], CLEAN)
    withdrawn = evidence["clean"]
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save(update_fields=["withdrawn_at"])
    page = client.get(
        reverse("proposals:detail", args=[proposal.pk]), headers={"accept-language": "en"}
    ).content.decode()
    assert f'id="id_quote-{withdrawn.pk}-text"' not in page
    assert "has withdrawn the observation" in page
    assert any("quote check" in p for p in services.submission_problems(proposal))
    proposal.quotes.all().delete()
    assert _add(client, analyst, proposal, withdrawn, CLEAN).status_code == 400
    assert not proposal.quotes.exists()
