import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def _run(*args: str, stdin: str = "") -> list[str]:
    out = StringIO()
    call_command("scan_pii", *args, stdin=StringIO(stdin), stdout=out)
    return out.getvalue().splitlines()


def test_it_writes_one_jsonl_line_per_input_line():
    lines = _run(
        stdin=(
            json.dumps({"id": "a", "text": "Soita Matille 040 123 4567", "lang": "fi"})
            + "\n"
            + json.dumps({"id": 7, "text": "Ingenting här.", "lang": "sv"})
            + "\n"
        )
    )
    assert [json.loads(line) for line in lines] == [
        {
            "id": "a",
            "findings": [
                {"start": 6, "end": 13, "kind": "name"},
                {"start": 14, "end": 26, "kind": "phone"},
            ],
        },
        {"id": 7, "findings": []},
    ]


def test_offsets_count_characters_not_bytes():
    text = "Äiti Hilkka Hakala, puh. 046 259 0830"
    (line,) = _run(stdin=json.dumps({"id": 1, "text": text, "lang": "fi"}))
    phone = json.loads(line)["findings"][-1]
    assert text[phone["start"] : phone["end"]] == "046 259 0830"


def test_it_reads_a_file(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "hetu 131052-308T", "lang": "fi"}), "utf-8")
    (line,) = _run(str(path))
    assert json.loads(line)["findings"] == [{"start": 5, "end": 16, "kind": "personal_id"}]


def test_it_skips_blank_lines():
    assert _run(stdin="\n" + json.dumps({"id": 1, "text": "x", "lang": "en"}) + "\n\n") == [
        '{"id": 1, "findings": []}'
    ]


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("not json", "Line 2: not valid JSON"),
        ("[1, 2]", "Line 2: expected a JSON object"),
        ('{"text": "x", "lang": "fi"}', 'Line 2: the "id" field is missing'),
        ('{"id": 1, "lang": "fi"}', 'Line 2: the "text" field must be a string'),
        ('{"id": 1, "text": 5}', 'Line 2: the "text" field must be a string'),
        ('{"id": 1, "text": "x", "lang": 3}', 'Line 2: the "lang" field must be a string'),
    ],
)
def test_it_names_the_line_of_malformed_input(bad_line, message):
    good = json.dumps({"id": 1, "text": "x", "lang": "fi"})
    with pytest.raises(CommandError, match=message):
        _run(stdin=f"{good}\n{bad_line}\n")


def test_it_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        _run(str(tmp_path / "missing.jsonl"))
