import csv
import hashlib
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from accounts.models import AuditEvent
from reporting.models import Observation


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English; commands speak the installation's language."""
    with translation.override("en"):
        yield


def row(**overrides):
    data = {
        "external_id": "ext-1",
        "text": "Vuokrarästit ovat kasvaneet nuorilla aikuisilla.",
        "language": "fi",
        "submitted_at": "2026-03-02T10:15:00+02:00",
        "municipality_codes": ["743", "408"],
        "target_groups": ["working_age"],
        "themes": ["housing"],
        "signal": "concern",
        "suggestion": "",
        "organisation": "org-a",
    }
    data.update(overrides)
    return data


def write_jsonl(tmp_path, rows, name="in.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return str(path)


def run_import(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_observations", path, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_valid_rows(tmp_path, org_a):
    path = write_jsonl(tmp_path, [row(), row(external_id="ext-2", municipality_codes=[])])
    out, _ = run_import(path)
    assert "imported 2" in out
    first = Observation.objects.get(external_id="ext-1")
    assert first.channel == "import"
    assert sorted(m.code for m in first.municipalities.all()) == ["408", "743"]
    assert Observation.objects.get(external_id="ext-2").whole_county is True
    assert AuditEvent.objects.filter(action="import").count() == 1


def test_importing_twice_changes_nothing(tmp_path, org_a):
    path = write_jsonl(tmp_path, [row()])
    run_import(path)
    out, _ = run_import(path)
    assert "imported 0, already present 1" in out
    assert Observation.objects.count() == 1


def test_every_error_is_reported_with_line_and_field_and_nothing_is_saved(tmp_path, org_a):
    rows = [
        row(),
        row(external_id="ext-2", signal="bad", colour="red"),
        row(external_id="ext-3", themes=["nonexistent"], submitted_at="yesterday"),
        row(external_id="ext-4", text="Tunnus 131052-308T näkyi.", organisation="nope"),
    ]
    path = write_jsonl(tmp_path, rows)
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_observations", path, stderr=err)
    errors = err.getvalue()
    assert "line 2, field colour: unknown field" in errors
    assert "line 2, field signal" in errors
    assert "line 3, field themes: unknown code nonexistent" in errors
    assert "line 3, field submitted_at" in errors
    assert "line 4, field text: personal data" in errors
    assert "line 4, field organisation" in errors
    assert Observation.objects.count() == 0


def test_an_external_id_with_personal_data_is_an_error_of_its_line(tmp_path, org_a):
    rows = [row(), row(external_id="asiakas-131052-308T"), row(external_id="040 123 4567")]
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_observations", write_jsonl(tmp_path, rows), stderr=err)
    errors = err.getvalue()
    assert "line 2, field external_id: personal data (personal identity code)" in errors
    assert "line 3, field external_id: personal data (phone number)" in errors
    assert Observation.objects.count() == 0


def test_an_external_id_too_long_for_its_column_is_an_error_of_its_line(tmp_path, org_a):
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_observations", write_jsonl(tmp_path, [row(external_id="x" * 101)]), stderr=err
        )
    assert "line 1, field external_id: longer than 100 characters" in err.getvalue()
    assert Observation.objects.count() == 0


def test_the_audit_log_names_the_file_by_its_content_not_its_name(tmp_path, org_a):
    """A case system's export may be named after the client."""
    path = write_jsonl(tmp_path, [row()], name="asiakas-131052-308T.jsonl")
    run_import(path)
    event = AuditEvent.objects.get(action="import")
    digest = hashlib.sha256((tmp_path / "asiakas-131052-308T.jsonl").read_bytes()).hexdigest()
    assert event.target == f"sha256:{digest}"
    assert "131052" not in str(event.detail)


def test_malformed_json_names_the_line(tmp_path, org_a):
    path = tmp_path / "broken.jsonl"
    path.write_text(json.dumps(row()) + "\n{not json\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_observations", str(path), stderr=err)
    assert "line 2: not valid JSON" in err.getvalue()
    assert Observation.objects.count() == 0


def test_a_missing_file_and_binary_file_give_clear_errors(tmp_path, db):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_observations", str(tmp_path / "missing.jsonl"))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage")
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_observations", str(binary))


def test_csv_round_trip(tmp_path, org_a):
    run_import(write_jsonl(tmp_path, [row(), row(external_id="ext-2", text="-alkaa viivalla")]))
    exported = tmp_path / "out.csv"
    call_command("export_observations", output=str(exported))
    with exported.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [r["external_id"] for r in rows] == ["ext-1", "ext-2"]
    assert rows[1]["text"] == "'-alkaa viivalla"  # spreadsheet formula neutralised
    assert rows[0]["municipality_codes"] == "408;743"
    Observation.objects.all().delete()
    out, _ = run_import(str(exported))
    assert "imported 2" in out
    assert Observation.objects.get(external_id="ext-2").text == "-alkaa viivalla"
    assert AuditEvent.objects.filter(action="export").exists()


def test_csv_with_unknown_column_is_rejected_by_name(tmp_path, org_a):
    path = tmp_path / "in.csv"
    path.write_text(
        "external_id,text,language,submitted_at,signal,organisation,extra\n"
        "x1,Teksti,fi,2026-01-01T00:00:00,concern,org-a,1\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_observations", str(path), stderr=err)
    assert "line 2, field extra: unknown field" in err.getvalue()


def test_jsonl_export_writes_the_import_format(tmp_path, org_a):
    run_import(write_jsonl(tmp_path, [row()]))
    out = io.StringIO()
    call_command("export_observations", stdout=out, stderr=io.StringIO())
    exported = json.loads(out.getvalue().splitlines()[0])
    assert exported["external_id"] == "ext-1"
    assert exported["municipality_codes"] == ["408", "743"]
    assert set(exported) == {
        "external_id",
        "text",
        "language",
        "submitted_at",
        "municipality_codes",
        "target_groups",
        "themes",
        "signal",
        "suggestion",
        "organisation",
    }
