"""A report goes by one human title, and its files by a name made from it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from reports.periods import file_stem, parse_period, report_title
from reports.tests.factories import make_report, published_report


@pytest.mark.parametrize(
    ("code", "language", "title"),
    [
        ("2026Q3", "fi", "Sosiaalinen raportti 3/2026 (heinä–syyskuu)"),
        ("2026Q3", "sv", "Social rapport 3/2026 (juli–september)"),
        ("2026Q3", "en", "Social report 3/2026 (July–September)"),
        ("2026Q1", "fi", "Sosiaalinen raportti 1/2026 (tammi–maaliskuu)"),
        ("2026-07", "fi", "Sosiaalinen raportti heinäkuu 2026"),
        ("2026-07", "sv", "Social rapport juli 2026"),
        ("2026H2", "fi", "Sosiaalinen raportti heinä–joulukuu 2026"),
        ("2026H1", "sv", "Social rapport januari–juni 2026"),
        ("2026", "en", "Social report 2026"),
        ("2026-01-15..2026-02-14", "fi", "Sosiaalinen raportti 15.1.–14.2.2026"),
        ("2025-12-15..2026-01-14", "sv", "Social rapport 15.12.2025–14.1.2026"),
    ],
)
def test_the_title_names_the_period_as_a_reader_says_it(code, language, title):
    with translation.override(language):
        assert report_title(parse_period(code)) == title


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Sosiaalinen raportti 3/2026 (heinä–syyskuu)", "sosiaalinen-raportti-3-2026"),
        ("Sosiaalinen raportti heinä–joulukuu 2026", "sosiaalinen-raportti-heina-joulukuu-2026"),
        ("Sosiaalinen raportti 15.1.–14.2.2026", "sosiaalinen-raportti-15-1-14-2-2026"),
    ],
)
def test_the_file_name_is_an_ascii_slug_of_the_title(title, stem):
    assert file_stem(title) == stem


def test_a_report_without_a_title_goes_by_its_period_in_its_own_language(org_a):
    report = make_report(org_a, language="sv")
    with translation.override("fi"):
        assert str(report) == "Social rapport 3/2026 (juli–september)"
    assert report.file_stem() == "social-rapport-3-2026"


def test_a_download_is_named_by_the_title(client, org_a):
    report = published_report(org_a, audience="public")
    response = client.get(reverse("reports:public_download", args=[report.pk, "pdf"]))
    assert response["Content-Disposition"] == (
        'attachment; filename="sosiaalinen-raportti-3-2026.pdf"'
    )


def test_a_title_with_other_letters_keeps_them_in_the_utf8_name(client, org_a):
    report = published_report(org_a, audience="public")
    report.title = "Äänekosken katsaus 2026"
    report.save()
    response = client.get(reverse("reports:public_download", args=[report.pk, "pdf"]))
    assert response["Content-Disposition"] == (
        'attachment; filename="aanekosken-katsaus-2026.pdf"; '
        "filename*=UTF-8''%C3%A4%C3%A4nekosken-katsaus-2026.pdf"
    )


def test_the_lists_and_the_heading_show_the_title(client, org_a):
    report = published_report(org_a, audience="public")
    report.first_day, report.last_day = datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)
    report.save()
    page = client.get(reverse("reports:public_list"), HTTP_ACCEPT_LANGUAGE="fi")
    assert "Sosiaalinen raportti 3/2026 (heinä–syyskuu)" in page.content.decode()


def test_the_ready_mail_names_the_report_in_the_recipients_language(
    client, analyst, report, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core import mail

    from reports import outputs

    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")
    analyst.email, analyst.language = "analyst@example.org", "sv"
    analyst.save()
    report.language = "fi"
    report.save()
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:generate", args=[report.pk]))
    subjects = [m.subject for m in mail.outbox]
    assert subjects == ["Din rapport är klar: Sosiaalinen raportti 3/2026 (heinä–syyskuu)"]
