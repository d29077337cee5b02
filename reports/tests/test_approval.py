"""Approval is bound to one generated version: only that version can be published, and a new
generation or any change to the content withdraws it."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import MembershipFactory
from reports import runs, services
from reports.models import Report, ReportRun

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    from reports import outputs

    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")


@pytest.fixture
def approver(org_a):
    return MembershipFactory(organisation=org_a, role="analyst", user__username="approver").user


def _generate(client, user, report, capture) -> ReportRun:
    client.force_login(user)
    with capture(execute=True):
        client.post(reverse("reports:generate", args=[report.pk]))
    return report.runs.first()


def _approve(client, user, report, run):
    client.force_login(user)
    return client.post(reverse("reports:approve", args=[report.pk]), {"run": run.pk})


def _publish(client, user, report, language="en"):
    client.force_login(user)
    return client.post(
        reverse("reports:publish", args=[report.pk]),
        {"confirmed": "yes"},
        follow=True,
        headers={"accept-language": language},
    )


def _errors(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


def test_the_approved_version_is_the_one_published(
    client, analyst, approver, report, county, django_capture_on_commit_callbacks
):
    run = _generate(client, analyst, report, django_capture_on_commit_callbacks)
    _approve(client, approver, report, run)
    _publish(client, analyst, report)
    report.refresh_from_db()
    assert report.state == Report.State.PUBLISHED
    assert report.approved_run == run and report.published_run == run


def test_generating_again_after_approval_withdraws_it_and_publishing_is_refused(
    client, analyst, approver, report, county, django_capture_on_commit_callbacks
):
    first = _generate(client, analyst, report, django_capture_on_commit_callbacks)
    _approve(client, approver, report, first)
    second = _generate(client, analyst, report, django_capture_on_commit_callbacks)
    assert second != first and second.state == ReportRun.State.DONE
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT
    assert (report.approved_by, report.approved_at, report.approved_run) == (None, None, None)
    response = _publish(client, analyst, report, language="fi")
    assert _errors(response) == [
        "Vain hyväksytyn version voi julkaista. Raporttia muutettiin tai se muodostettiin "
        "uudelleen hyväksymisen jälkeen, joten se on hyväksyttävä uudelleen."
    ]
    report.refresh_from_db()
    assert report.published_run is None and report.state == Report.State.DRAFT


def test_a_version_approved_before_a_new_run_is_never_published(
    analyst, approver, report, county, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = runs.start_run(report=report, user=analyst)
    services.approve_report(report=report, user=approver, run_id=first.pk)
    runs.start_run(report=report, user=analyst)  # queued, not finished yet
    with pytest.raises(services.StateError):
        services.publish_report(report=report, user=analyst)
    report.refresh_from_db()
    assert report.published_run is None


def test_approving_a_version_other_than_the_newest_is_refused(
    client, analyst, approver, report, county, django_capture_on_commit_callbacks
):
    first = _generate(client, analyst, report, django_capture_on_commit_callbacks)
    second = _generate(client, analyst, report, django_capture_on_commit_callbacks)
    client.force_login(approver)
    response = client.post(
        reverse("reports:approve", args=[report.pk]),
        {"run": first.pk},
        follow=True,
        headers={"accept-language": "en"},
    )
    assert "generated again after you opened it" in _errors(response)[0]
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT
    _approve(client, approver, report, second)
    report.refresh_from_db()
    assert report.approved_run == second


def test_a_run_still_being_generated_cannot_be_approved(
    analyst, approver, report, county, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = runs.start_run(report=report, user=analyst)
    runs.start_run(report=report, user=analyst)
    with translation.override("en"), pytest.raises(services.StateError, match="being generated"):
        services.approve_report(report=report, user=approver, run_id=first.pk)


def test_changing_the_narrative_after_approval_withdraws_it(
    client, analyst, approver, report, county, django_capture_on_commit_callbacks
):
    run = _generate(client, analyst, report, django_capture_on_commit_callbacks)
    _approve(client, approver, report, run)
    client.force_login(analyst)
    client.post(
        reverse("reports:narrative", args=[report.pk]),
        {"summary": "Muutettu.", "conclusions": "", "recommendations": ""},
    )
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT and report.approved_run is None
    with pytest.raises(services.StateError):
        services.publish_report(report=report, user=analyst)


def test_a_published_version_stays_until_another_is_published(
    client, analyst, approver, report, county, django_capture_on_commit_callbacks
):
    first = _generate(client, analyst, report, django_capture_on_commit_callbacks)
    _approve(client, approver, report, first)
    _publish(client, analyst, report)
    second = _generate(client, analyst, report, django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT and report.published_run == first
    _approve(client, approver, report, second)
    _publish(client, analyst, report)
    report.refresh_from_db()
    assert report.published_run == second


def test_an_approval_given_before_it_named_its_run_is_withdrawn(report, approver):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("reports.migrations.0002_report_approved_run")
    report.state, report.approved_by = Report.State.APPROVED, approver
    report.save()
    migration.withdraw_unbound_approvals(apps, None)
    report.refresh_from_db()
    assert (report.state, report.approved_by) == (Report.State.DRAFT, None)
