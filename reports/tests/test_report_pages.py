"""Every report page renders with one <h1>, in every language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from reports import runs
from reports.models import Report

KNOWN = {"fi": "Keskeiset luvut", "sv": "Nyckeltal", "en": "Key figures"}


@pytest.fixture
def generated(report, county, monkeypatch):
    from reports import outputs

    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")
    run = runs.start_run(report=report, user=None)
    runs.generate(run.pk)
    return report


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_report_page_has_one_h1(client, analyst, generated, language):
    generated.language = language
    generated.save()
    runs.generate(runs.start_run(report=generated, user=None).pk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(analyst)
    pages = [
        reverse("reports:list"),
        reverse("reports:create"),
        reverse("reports:detail", args=[generated.pk]),
        reverse("reports:edit", args=[generated.pk]),
        reverse("reports:public_list"),
    ]
    for url in pages:
        content = client.get(url).content.decode()
        assert len(re.findall(r"<h1[ >]", content)) == 1, url
        assert f'<html lang="{language}">' in content, url
    detail = client.get(reverse("reports:detail", args=[generated.pk])).content.decode()
    assert KNOWN[language] in detail and f'<article class="report" lang="{language}"' in detail


def test_the_public_page_has_one_h1(client, generated):
    generated.audience = Report.Audience.PUBLIC
    generated.published_run = generated.runs.get()
    generated.save()
    content = client.get(reverse("reports:public_detail", args=[generated.pk])).content.decode()
    assert len(re.findall(r"<h1[ >]", content)) == 1
    assert "Keskeiset luvut" in content
