"""Reports, action proposals and the proposals' outbox change only through Sora's own pages:
the admin shows them, but not even an installation administrator may change them there."""

import pytest
from django.urls import reverse
from django.utils import timezone

from proposals.models import ActionProposal, Transition
from proposals.tests.factories import ProposalFactory
from reports.models import Report
from reports.tests.factories import make_report, published_report


@pytest.fixture
def root_client(client, django_user_model):
    root = django_user_model.objects.create(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    return client


def _urls(model, pk):
    opts = model._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    return {
        "add": reverse(f"{prefix}_add"),
        "change": reverse(f"{prefix}_change", args=[pk]),
        "delete": reverse(f"{prefix}_delete", args=[pk]),
    }


def _assert_view_only(client, model, pk, data):
    urls = _urls(model, pk)
    page = client.get(urls["change"])
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(urls["change"], data).status_code == 403
    assert client.get(urls["add"]).status_code == 403
    assert client.post(urls["delete"], {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=pk).exists()


def test_a_draft_report_cannot_be_approved_or_made_public_in_the_admin(root_client, org_a):
    report = make_report(org_a, summary="Yhteenveto.")
    data = {"state": "published", "audience": "public", "summary": "Muutettu yhteenveto."}
    _assert_view_only(root_client, Report, report.pk, data)
    report.refresh_from_db()
    assert (report.state, report.audience, report.summary) == ("draft", "internal", "Yhteenveto.")


def test_a_published_reports_run_cannot_be_changed_in_the_admin(root_client, org_a):
    report = published_report(org_a)
    run = report.published_run
    _assert_view_only(root_client, type(run), run.pk, {"state": "failed", "progress": 0})
    run.refresh_from_db()
    assert run.state == "done"


def test_a_proposal_cannot_be_published_or_answered_in_the_admin(root_client, org_a):
    proposal = ProposalFactory(organisation=org_a)
    title = proposal.title
    data = {
        "title": "Toinen otsikko",
        "organisation": org_a.pk,
        "status": "answered",
        "public_summary": "Julkinen tiivistelmä.",
        "is_public": "on",
    }
    _assert_view_only(root_client, ActionProposal, proposal.pk, data)
    proposal.refresh_from_db()
    assert (proposal.title, proposal.status) == (title, "draft")
    assert (proposal.public_summary, proposal.is_public) == ("", False)


def test_a_proposals_milestones_and_steps_show_without_a_form(root_client, org_a):
    proposal = ProposalFactory(organisation=org_a)
    proposal.milestones.create(title="Malli valmis", due_on=timezone.localdate(), progress=10)
    Transition.objects.create(proposal=proposal, action="submit", to_status="submitted")
    content = root_client.get(_urls(ActionProposal, proposal.pk)["change"]).content.decode()
    assert "Malli valmis" in content
    assert 'name="milestones-0-progress"' not in content
    assert 'name="transitions-0-to_status"' not in content
