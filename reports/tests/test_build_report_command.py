"""``manage.py build_report`` writes one format to a file; bad input gets a clear message."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_writes_the_chosen_format(county, tmp_path):
    out = tmp_path / "report.json"
    call_command(
        "build_report",
        "--period",
        "2026Q3",
        "--scope",
        "county",
        "--format",
        "json",
        "--language",
        "sv",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (
        data["language"] == "sv" and data["tables"][0]["caption"] == "Observationer enligt signal"
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.actor_label == "manage.py build_report" and event.detail["format"] == "json"


def test_it_narrows_to_municipalities(county, tmp_path):
    out = tmp_path / "report.docx"
    call_command(
        "build_report",
        "--period",
        "2026Q3",
        "--scope",
        "municipalities:408",
        "--format",
        "docx",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    first_table = Document(str(out)).tables[0]
    assert first_table.rows[1].cells[1].text == "<5"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--period", "2026Q7"], "ei ole ajanjakso"),
        (["--period", "2026Q3", "--scope", "world"], "Rajauksen"),
        (["--period", "2026Q3", "--target-group", "nobody"], "nobody"),
    ],
)
def test_bad_input_gets_a_translated_message(db, tmp_path, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("build_report", *arguments, "--out", str(tmp_path / "x"))
