"""The cover names the county and shows its logo, from the settings."""

import io

import pytest
from docx import Document
from PIL import Image

from reports.build import build_content
from reports.definition import Definition
from reports.outputs import render
from reports.periods import parse_period
from reports.tests.factories import make_report

pytestmark = pytest.mark.django_db
COUNTY = "Etelä-Pohjanmaan hyvinvointialue"


@pytest.fixture
def logo(tmp_path, settings):
    path = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), "#0b4f6c").save(path)
    settings.SORA_COUNTY_NAME = COUNTY
    settings.SORA_COUNTY_LOGO = str(path)
    return path


def test_the_cover_names_the_county_and_shows_its_logo(logo, county):
    content = build_content(Definition(period=parse_period("2026Q3"), language="fi"))
    assert content.county == COUNTY
    html = render(content, "html").decode()
    assert f'<p class="cover-county">{COUNTY}</p>' in html
    assert '<img class="cover-logo" src="data:image/png;base64,' in html
    document = Document(io.BytesIO(render(content, "docx")))
    assert len(document.inline_shapes) >= 1
    assert COUNTY in [p.text for p in document.paragraphs[:3]]


def test_without_a_county_name_the_cover_names_the_organisation(org_a, settings):
    settings.SORA_COUNTY_NAME = ""
    report = make_report(org_a)
    assert Definition.from_report(report).organisation_name == org_a.name_fi
