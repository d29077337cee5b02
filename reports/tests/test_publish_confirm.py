"""Publishing asks first, on a page of its own, what becomes readable and to whom."""

import pytest
from django.urls import reverse

from reports.models import Report
from reports.tests.test_approval import _approve, _generate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    from reports import outputs

    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")


@pytest.fixture
def approved(client, analyst, report, county, django_capture_on_commit_callbacks):
    from accounts.tests.factories import MembershipFactory

    approver = MembershipFactory(organisation=report.organisation, role="analyst").user
    run = _generate(client, analyst, report, django_capture_on_commit_callbacks)
    _approve(client, approver, report, run)
    client.force_login(analyst)
    report.refresh_from_db()
    assert report.state == Report.State.APPROVED
    return report


def _confirm_page(client, report):
    return client.get(
        reverse("reports:publish_confirm", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="fi"
    )


def test_the_confirmation_names_who_can_read_an_internal_report(client, approved):
    page = _confirm_page(client, approved)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Näiden organisaatioiden jäsenet voivat lukea raportin" in text
    assert str(approved.organisation) in text
    assert 'name="confirmed" value="yes"' in text
    approved.refresh_from_db()
    assert approved.state == Report.State.APPROVED


def test_the_confirmation_warns_that_public_cannot_be_taken_back(client, approved):
    Report.objects.filter(pk=approved.pk).update(audience=Report.Audience.PUBLIC)
    text = _confirm_page(client, approved).content.decode()
    assert "Kuka tahansa voi lukea raportin julkisilla sivuilla" in text
    assert "ei voi perua" in text


def test_publishing_without_the_confirmation_only_asks_for_it(client, approved):
    url = reverse("reports:publish", args=[approved.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:publish_confirm", args=[approved.pk])
    approved.refresh_from_db()
    assert approved.state == Report.State.APPROVED and approved.published_run is None
    client.post(url, {"confirmed": "yes"})
    approved.refresh_from_db()
    assert approved.state == Report.State.PUBLISHED


def test_a_draft_has_nothing_to_confirm(client, analyst, report):
    client.force_login(analyst)
    response = _confirm_page(client, report)
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
