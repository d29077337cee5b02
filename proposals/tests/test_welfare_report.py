import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from accounts.models import AuditEvent
from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from reporting.models import Municipality
from reporting.tests.factories import ObservationFactory


@pytest.fixture
def seinajoki(db):
    return Municipality.objects.get(code="743")


@pytest.fixture
def material(org_a, org_b, proposal, seinajoki):
    phenomenon = PhenomenonFactory(
        organisation=org_a, name='=HYPERLINK("http://x")', description="Kuvaus."
    )
    for _ in range(6):
        observation = ObservationFactory(organisation=org_a, whole_county=False, text="Salaista.")
        observation.municipalities.add(seinajoki)
        PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    small = PhenomenonFactory(organisation=org_a, name="Pieni ilmiö")
    PhenomenonLink.objects.create(
        phenomenon=small, observation=ObservationFactory(organisation=org_a)
    )
    PhenomenonFactory(organisation=org_b, name="Toisen organisaation ilmiö")
    proposal.status = "submitted"
    proposal.save()
    proposal.phenomena.add(phenomenon)
    return phenomenon


def params(seinajoki, kind):
    today = datetime.date.today()
    return {
        "municipality": seinajoki.pk,
        "start": (today - datetime.timedelta(days=30)).isoformat(),
        "end": today.isoformat(),
        "format": kind,
    }


def test_the_spreadsheet_is_arranged_and_safe(client, analyst, material, proposal, seinajoki):
    client.force_login(analyst)
    response = client.get(reverse("proposals:welfare_report"), params(seinajoki, "xlsx"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    phenomena, proposals = book.worksheets
    rows = [[c.value for c in row] for row in phenomena.iter_rows(min_row=4)]
    assert rows[0][:3] == ['\'=HYPERLINK("http://x")', "Kuvaus.", "6"]
    assert rows[1][0] == "Pieni ilmiö" and rows[1][2] == "<5"
    assert all("Toisen" not in str(row) for row in rows)
    assert proposals.cell(row=4, column=1).value == proposal.title
    assert "Salaista." not in str(list(phenomena.values)) + str(list(proposals.values))
    event = AuditEvent.objects.get(action="export")
    assert event.target == "welfare-report:743"
    assert event.detail["format"] == "xlsx"


def test_the_word_document(client, analyst, material, proposal, seinajoki):
    client.force_login(analyst)
    response = client.get(reverse("proposals:welfare_report"), params(seinajoki, "docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Seinäjoki" in text
    assert proposal.title in text
    assert document.tables[0].rows[2].cells[2].text == "<5"


def test_a_bad_period_is_explained(client, analyst, seinajoki):
    client.force_login(analyst)
    data = params(seinajoki, "docx") | {"start": "2026-05-01", "end": "2026-01-01"}
    response = client.get(reverse("proposals:welfare_report"), data)
    assert response.status_code == 400
    assert "Jakson loppu ei voi olla ennen sen alkua." in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()
