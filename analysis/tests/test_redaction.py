"""A word let through as "not personal data" is shown to analysts with who confirmed it,
and an analyst redacts it in one step, in every copy Sora keeps of the text."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from analysis.models import Memo, PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from privacy.tests.helpers import write_behind_the_guard
from proposals.models import Quote
from proposals.tests.factories import ProposalFactory
from reporting.models import CampaignAnswer, Observation
from reporting.tests.factories import CampaignFactory, ObservationFactory
from reports.models import Report, ReportQuote

NAME = "Toivo Kujala"
TEXT = f"Kerhon vetäjä {NAME} kertoi, että kävijöitä on enemmän kuin ennen."


def confirmation(by=None, field="text"):
    record = {"field": field, "kind": "name", "text": NAME, "at": "2026-12-01T10:00:00+00:00"}
    return record | ({"by": by.pk} if by else {"anonymous": True})


@pytest.fixture
def observation(org_a, reporter):
    return ObservationFactory(
        organisation=org_a,
        reporter=reporter,
        text=TEXT,
        privacy_confirmations=[confirmation(reporter)],
    )


def page(client, user, observation):
    client.force_login(user)
    return client.get(reverse("analysis:observation", args=[observation.pk]))


def redact(client, user, observation, **data):
    client.force_login(user)
    return client.post(reverse("analysis:redact", args=[observation.pk]), data)


def test_a_confirmed_name_is_highlighted_with_who_confirmed_it(client, analyst, observation):
    content = page(client, analyst, observation).content.decode()
    assert f'<mark class="confirmed">{NAME}<span class="visually-hidden">' in content
    assert "havainnon ilmoittaja" in content


def test_a_name_confirmed_without_an_account_says_so(client, analyst, org_a):
    record = {"field": "text", "kind": "name", "text": "Toivo", "anonymous": True}
    anonymous = ObservationFactory(
        organisation=org_a, text="Kerhossa heräsi Toivo paremmasta.", privacy_confirmations=[record]
    )
    client.force_login(analyst)
    content = client.get(
        reverse("analysis:observation", args=[anonymous.pk]), headers={"accept-language": "en"}
    ).content.decode()
    assert "a writer without an account" in content


def test_it_is_highlighted_in_the_inbox_too(client, analyst, observation):
    client.force_login(analyst)
    content = client.get(reverse("analysis:inbox")).content.decode()
    assert f'<mark class="confirmed">{NAME}' in content


def test_redacting_reaches_every_copy_and_is_audited(client, analyst, observation, org_a):
    campaign = CampaignFactory(owner=org_a)
    question = campaign.questions.create(kind="long_text", text_fi="Lisää?")
    answer = CampaignAnswer.objects.create(
        observation=observation,
        question=question,
        value=f"{NAME} ohjaa kerhoa.",
        privacy_confirmations=[confirmation(observation.reporter, field=f"q_{question.pk}")],
    )
    proposal = ProposalFactory(organisation=org_a)
    quote = Quote.objects.create(proposal=proposal, observation=observation, text="kertoi")
    write_behind_the_guard(quote, text=f"{NAME} kertoi")
    phenomenon = PhenomenonFactory(organisation=org_a)
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    report = Report.objects.create(
        organisation=org_a, first_day=dt.date(2026, 10, 1), last_day=dt.date(2026, 12, 31)
    )
    report_quote = ReportQuote.objects.create(
        report=report, phenomenon=phenomenon, observation=observation, text="kertoi"
    )
    write_behind_the_guard(report_quote, text=f"{NAME} kertoi")

    response = redact(client, analyst, observation, target="text", words=NAME, kind="name")

    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.text == TEXT.replace(NAME, "[nimi]")
    assert observation.privacy_confirmations == []
    assert NAME not in CampaignAnswer.objects.get(pk=answer.pk).value
    assert Quote.objects.get(pk=quote.pk).text == "[nimi] kertoi"
    assert ReportQuote.objects.get(pk=report_quote.pk).text == "[nimi] kertoi"
    event = AuditEvent.objects.get(action=AuditEvent.Action.REDACT)
    assert event.actor == analyst and event.target == f"observation:{observation.pk}"
    assert NAME not in str(event.detail) and NAME not in event.target


def test_a_memo_can_be_redacted(client, analyst, observation):
    memo = Memo.objects.create(
        observation=observation,
        author=analyst,
        text=f"Kysy lisää: {NAME} tuntee kävijät.",
        privacy_confirmations=[confirmation(analyst)],
    )
    response = redact(
        client, analyst, observation, target=f"memo-{memo.pk}", words=NAME, kind="name"
    )
    assert response.status_code == 302
    memo.refresh_from_db()
    assert NAME not in memo.text and "[" in memo.text
    # The observation's own text is another text: it stays until redacted itself.
    assert NAME in Observation.objects.get(pk=observation.pk).text


def test_what_the_guard_finds_today_goes_in_the_same_step(client, analyst, observation):
    write_behind_the_guard(observation, text=TEXT + " Soita 040 123 4567.")
    content = page(client, analyst, observation).content.decode()
    assert "040 123 4567" in content  # listed as found by the check today
    redact(client, analyst, observation, target="text", words=NAME, kind="name")
    observation.refresh_from_db()
    assert NAME not in observation.text and "040 123 4567" not in observation.text
    assert "[puhelinnumero]" in observation.text


def test_words_that_are_not_in_the_text_are_refused(client, analyst, observation):
    response = redact(client, analyst, observation, target="text", words="Ei ole", kind="name")
    assert response.status_code == 400
    assert Observation.objects.get(pk=observation.pk).text == TEXT


def test_an_outsider_cannot_redact(client, outsider, reporter, observation):
    assert redact(client, outsider, observation, target="text", words=NAME).status_code == 404
    assert redact(client, reporter, observation, target="text", words=NAME).status_code == 403
    assert Observation.objects.get(pk=observation.pk).text == TEXT
