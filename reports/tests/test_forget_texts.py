"""Copies of observation texts in reports can be erased later: the chosen quotes, the content
of every stored version and every file made from it, also of a published version."""

import io
import shutil
import subprocess

import pytest
from docx import Document

from analysis.models import PhenomenonLink
from reports import runs, services
from reports.models import Report, ReportFile, ReportQuote, ReportRun
from reports.tests.conftest import QUOTE
from reports.tests.factories import EMPTY_CONTENT

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]

EXCERPT = "Asumisneuvontaa ei ole saatavilla iltaisin"


def file_text(stored: ReportFile) -> str:
    """The readable text of a generated file, whatever its format."""
    data = bytes(stored.data)
    if stored.format == "pdf":
        return subprocess.run(
            [shutil.which("pdftotext"), "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
    if stored.format == "docx":
        return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    if stored.format == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data))
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return data.decode("utf-8")


def _texts(run: ReportRun) -> dict[str, str]:
    return {stored.format: " ".join(file_text(stored).split()) for stored in run.files.all()}


@pytest.fixture
def published(analyst, org_a, report, county, django_capture_on_commit_callbacks):
    """A published report quoting an observation, generated with every real renderer."""
    from accounts.tests.factories import MembershipFactory

    approver = MembershipFactory(organisation=org_a, role="analyst", user__username="ok").user
    source = (
        PhenomenonLink.objects.filter(phenomenon=county["phenomenon"], observation__text=QUOTE)
        .first()
        .observation
    )
    services.choose_quote(
        report=report,
        phenomenon_id=county["phenomenon"].pk,
        observation_id=source.pk,
        text=EXCERPT,
        user=analyst,
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.start_run(report=report, user=analyst)
    services.approve_report(report=report, user=approver, run_id=run.pk)
    services.publish_report(report=report, user=approver)
    run.refresh_from_db()
    return {"run": run, "source": source}


def test_the_published_files_hold_the_quote_before(published):
    texts = _texts(published["run"])
    assert EXCERPT in texts["pdf"] and EXCERPT in texts["docx"] and EXCERPT in texts["html"]


def test_forgetting_removes_the_text_everywhere_and_the_report_stays_published(published, report):
    run, source = published["run"], published["source"]
    changed = services.forget_observation_texts([source.pk])
    assert changed == [run]
    assert not ReportQuote.objects.filter(text__contains=EXCERPT).exists()
    run.refresh_from_db()
    assert EXCERPT not in str(run.content)
    texts = _texts(run)
    assert set(texts) == {"pdf", "docx", "xlsx", "csv", "html", "json"}
    assert all(EXCERPT not in text for text in texts.values())
    assert "Häätöjen uhka" in texts["pdf"]  # the rest of the report is still there
    report.refresh_from_db()
    assert report.published_run == run and report.state == Report.State.PUBLISHED


def test_forgetting_with_a_replacement_edits_the_copies(published):
    run, source = published["run"], published["source"]
    services.forget_observation_texts([source.pk], replace=("iltaisin", "[poistettu]"))
    edited = "Asumisneuvontaa ei ole saatavilla [poistettu]"
    assert list(ReportQuote.objects.values_list("text", flat=True)) == [edited]
    run.refresh_from_db()
    assert "iltaisin" not in str(run.content)
    texts = _texts(run)
    assert edited in texts["html"] and edited in texts["docx"] and edited in texts["pdf"]
    assert all("saatavilla iltaisin" not in text for text in texts.values())


def test_other_observations_are_left_alone(published, county):
    other = county["phenomenon"].observations.exclude(pk=published["source"].pk).first()
    assert services.forget_observation_texts([other.pk]) == []
    assert ReportQuote.objects.count() == 1


def test_a_version_from_before_chosen_quotes_is_found_by_the_words(report, county):
    """Versions that stored bare quote texts, without their observation."""
    source = county["phenomenon"].observations.filter(text=QUOTE).first()
    content = {
        **EMPTY_CONTENT,
        "sections": [
            {
                "key": "phenomena",
                "title": "Keskeiset ilmiöt",
                "paragraphs": [],
                "tables": [],
                "items": [{"title": "Häätöjen uhka", "paragraphs": [], "quotes": [QUOTE]}],
            }
        ],
    }
    run = ReportRun.objects.create(report=report, revision=1, state="done", content=content)
    ReportFile.objects.create(run=run, format="html", data=QUOTE.encode())
    assert services.forget_observation_texts([source.pk]) == [run]
    run.refresh_from_db()
    assert run.content["sections"][0]["items"][0]["quotes"] == []
    assert QUOTE not in bytes(run.files.get().data).decode()
