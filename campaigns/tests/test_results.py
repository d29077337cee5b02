"""A campaign's results: counts, suppression in the version to share, text answers through
the quote check, exports that are audit-logged and safe to open in a spreadsheet."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from reporting.models import CampaignAnswer, CampaignQuestion
from reporting.tests.factories import ObservationFactory


@pytest.fixture
def text_question(campaign):
    return CampaignQuestion.objects.create(
        campaign=campaign, order=2, kind=CampaignQuestion.Kind.LONG_TEXT, text_fi="Mitä muuta?"
    )


def _answers(campaign, question, values, organisation=None):
    for value in values:
        observation = ObservationFactory(
            organisation=organisation or campaign.owner, campaign=campaign
        )
        CampaignAnswer.objects.create(observation=observation, question=question, value=value)


def test_analysts_see_exact_counts_and_labels(client, analyst, campaign, choice_question):
    _answers(campaign, choice_question, ["1"] * 6 + ["2"] * 2)
    client.force_login(analyst)
    page = client.get(reverse("campaigns:results", args=[campaign.pk])).content.decode()
    assert "Kotihoito</th><td>6</td>" in page
    assert "Asumispalvelu</th><td>2</td>" in page
    assert "<svg" in page
    assert AuditEvent.objects.filter(target=f"campaign:{campaign.pk}:results").exists()


def test_small_counts_are_hidden_in_the_version_to_share(
    client, analyst, campaign, choice_question
):
    _answers(campaign, choice_question, ["1"] * 6 + ["2"] * 2 + ["3"] * 9)
    client.force_login(analyst)
    url = reverse("campaigns:results", args=[campaign.pk]) + "?version=shared"
    page = client.get(url).content.decode()
    assert "Asumispalvelu</th><td>&lt;5</td>" in page
    # One hidden count could be worked out from the rest: the next smallest hides too.
    assert "Kotihoito</th><td>&lt;5</td>" in page
    assert "Sosiaalityö</th><td>9</td>" in page
    assert "Vastasi kysymykseen" not in page


def test_text_answers_with_personal_data_or_withdrawn_are_not_listed(
    client, analyst, campaign, text_question
):
    _answers(
        campaign, text_question, ["Jonot pitenevät iltaisin.", "Viite 123.456.789 jäi mieleen."]
    )
    withdrawn = ObservationFactory(
        organisation=campaign.owner, campaign=campaign, withdrawn_at=timezone.now()
    )
    CampaignAnswer.objects.create(
        observation=withdrawn, question=text_question, value="Peruttu vastaus."
    )
    client.force_login(analyst)
    page = client.get(reverse("campaigns:results", args=[campaign.pk])).content.decode()
    assert "Jonot pitenevät iltaisin." in page
    assert "123.456.789" not in page
    assert "Peruttu vastaus." not in page
    shared = client.get(reverse("campaigns:results", args=[campaign.pk]) + "?version=shared")
    assert "Jonot pitenevät iltaisin." not in shared.content.decode()


def test_observations_outside_the_scope_are_not_counted(
    client, analyst, org_b, campaign, choice_question
):
    _answers(campaign, choice_question, ["1"] * 3)
    _answers(campaign, choice_question, ["2"] * 7, organisation=org_b)
    client.force_login(analyst)
    page = client.get(reverse("campaigns:results", args=[campaign.pk])).content.decode()
    assert "Asumispalvelu</th><td>0</td>" in page


def test_csv_export_is_audit_logged_and_cells_cannot_start_formulas(
    client, analyst, campaign, choice_question, text_question
):
    choice_question.choices_fi = "=HYPERLINK(1)\nAsumispalvelu"
    choice_question.save()
    _answers(campaign, choice_question, ["1"] * 5)
    _answers(campaign, text_question, ["=1+2 jonoissa", "+ lisää resursseja"])
    client.force_login(analyst)
    response = client.get(reverse("campaigns:results_export", args=[campaign.pk, "csv"]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff") and ";" in text
    assert "'=HYPERLINK(1)" in text
    assert "'=1+2 jonoissa" in text and "'+ lisää resursseja" in text
    for line in text.lstrip("\ufeff").splitlines():
        for cell in line.split(";"):
            assert not cell.strip('"').startswith(("=", "+", "-", "@"))
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.target == f"campaign:{campaign.pk}:results" and event.detail["format"] == "csv"


def test_xlsx_export(client, analyst, campaign, choice_question):
    _answers(campaign, choice_question, ["1"] * 2)
    client.force_login(analyst)
    url = reverse("campaigns:results_export", args=[campaign.pk, "xlsx"]) + "?version=shared"
    response = client.get(url)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Mikä palvelu?", "Kotihoito", "<5"] in rows
    assert AuditEvent.objects.get(action=AuditEvent.Action.EXPORT).detail["version"] == "shared"


def test_unknown_export_format_is_not_found(client, analyst, campaign):
    client.force_login(analyst)
    url = reverse("campaigns:results_export", args=[campaign.pk, "pdf"])
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_results_take_the_same_queries_for_more_answers(
    client, analyst, campaign, choice_question, text_question, django_assert_max_num_queries
):
    _answers(campaign, choice_question, ["1", "2"])
    _answers(campaign, text_question, ["Jonot pitenevät."])
    client.force_login(analyst)
    url = reverse("campaigns:results", args=[campaign.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _answers(campaign, choice_question, ["3"] * 20)
    _answers(campaign, text_question, ["Lisää henkilöstöä."] * 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
