"""A report counts the observations its partners share, and shows nothing else of theirs.

A partner's phenomena and proposals are its own work and stay out of the report; its
observations' words are quoted only while it shares with the report's organisation: once it
stops, every page, version and file leaves them out, and they come back if it shares again.
"""

import json

import pytest
from django.urls import reverse

from accounts.tests.factories import MembershipFactory
from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from reports.build import build_content
from reports.definition import Definition
from reports.models import Report, ReportFile, ReportQuote, ReportRun
from reports.tests.conftest import IN_PERIOD, observe, propose

pytestmark = pytest.mark.django_db

PARTNER_WORDS = "Järjestön ruoka-avussa käy yhä useampi lapsiperhe kuun lopussa."
PARTNER_PHENOMENON = "Ruoka-avun tarve kasvaa"
PARTNER_PROPOSAL = "Järjestön oma ehdotus"
NOT_SHARED = "ei enää jaa havaintojaan"


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    from reports import outputs

    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")


@pytest.fixture
def second_analyst(org_a):
    return MembershipFactory(organisation=org_a, role="analyst", user__username="second").user


@pytest.fixture
def partner_work(partner_org):
    """The partner's observations in the period, its own phenomenon over them with enough
    observations to be a main one, and its own proposal submitted in the period."""
    observations = [observe(partner_org, text=PARTNER_WORDS) for _ in range(8)]
    phenomenon = PhenomenonFactory(organisation=partner_org, name=PARTNER_PHENOMENON)
    for observation in observations:
        PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    propose(partner_org, PARTNER_PROPOSAL, [("submit", "submitted", IN_PERIOD, "")])
    return observations


@pytest.fixture
def partner_quote(client, analyst, report, county, partner_org):
    """A partner's observation under A's phenomenon, quoted while the partner shares."""
    observation = observe(partner_org, text=PARTNER_WORDS)
    PhenomenonLink.objects.create(phenomenon=county["phenomenon"], observation=observation)
    client.force_login(analyst)
    response = client.post(
        reverse("reports:quotes", args=[report.pk]),
        {
            "phenomenon": county["phenomenon"].pk,
            "observation": observation.pk,
            "text": PARTNER_WORDS,
        },
    )
    assert response.status_code == 302
    return ReportQuote.objects.get()


def _content(report) -> str:
    return json.dumps(build_content(Definition.from_report(report)).as_json(), ensure_ascii=False)


def _generate(client, user, report, capture) -> ReportRun:
    client.force_login(user)
    with capture(execute=True):
        client.post(reverse("reports:generate", args=[report.pk]))
    return report.runs.filter(state=ReportRun.State.DONE).first()


def _publish(client, analyst, second_analyst, report, capture) -> ReportRun:
    run = _generate(client, analyst, report, capture)
    client.force_login(second_analyst)
    client.post(reverse("reports:approve", args=[report.pk]), {"run": run.pk})
    client.post(reverse("reports:publish", args=[report.pk]), {"confirmed": "yes"})
    report.refresh_from_db()
    assert report.published_run == run
    return run


def _stop_sharing(partner_org, org_a):
    partner_org.shares_with.remove(org_a)


# The partner's own work ---------------------------------------------------------------------


def test_the_partners_observations_are_counted_but_its_phenomena_are_not_shown(
    report, county, partner_work
):
    definition = Definition.from_report(report)
    assert definition.observations(definition.period).filter(pk=partner_work[0].pk).exists()
    content = _content(report)
    assert "Häätöjen uhka" in content
    assert PARTNER_PHENOMENON not in content


def test_the_partners_proposals_stay_out_of_the_report(report, county, partner_work):
    assert PARTNER_PROPOSAL not in _content(report)


def test_the_partners_phenomena_cannot_be_quoted_from(client, analyst, report, partner_work):
    client.force_login(analyst)
    page = client.get(reverse("reports:quotes", args=[report.pk])).content.decode()
    assert PARTNER_PHENOMENON not in page and PARTNER_WORDS not in page
    response = client.post(
        reverse("reports:quotes", args=[report.pk]),
        {
            "phenomenon": partner_work[0].phenomena.get().pk,
            "observation": partner_work[0].pk,
            "text": PARTNER_WORDS,
        },
    )
    assert response.status_code == 400
    assert not ReportQuote.objects.exists()


# A partner that stops sharing ----------------------------------------------------------------


def test_the_quote_picker_stops_showing_the_words_of_a_partner_that_stopped_sharing(
    client, analyst, report, partner_quote, partner_org, org_a
):
    url = reverse("reports:quotes", args=[report.pk])
    assert PARTNER_WORDS in client.get(url).content.decode()
    _stop_sharing(partner_org, org_a)
    quotes_page = client.get(url).content.decode()
    assert PARTNER_WORDS not in quotes_page
    assert NOT_SHARED in quotes_page
    report_page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert PARTNER_WORDS not in report_page and NOT_SHARED in report_page
    # The chosen quote can still be removed.
    remove = reverse("reports:quote_remove", args=[report.pk, partner_quote.pk])
    assert client.post(remove).status_code == 302
    assert not ReportQuote.objects.exists()


def test_a_new_version_leaves_the_quote_out(report, partner_quote, partner_org, org_a):
    assert PARTNER_WORDS in _content(report)
    _stop_sharing(partner_org, org_a)
    assert PARTNER_WORDS not in _content(report)


def test_a_generated_version_cannot_be_approved_with_the_quote(
    client,
    analyst,
    second_analyst,
    report,
    partner_quote,
    partner_org,
    org_a,
    django_capture_on_commit_callbacks,
):
    run = _generate(client, analyst, report, django_capture_on_commit_callbacks)
    _stop_sharing(partner_org, org_a)
    client.force_login(second_analyst)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert PARTNER_WORDS not in page and NOT_SHARED in page
    client.post(reverse("reports:approve", args=[report.pk]), {"run": run.pk})
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT and report.approved_run is None


def test_a_published_version_and_its_files_leave_the_words_out(
    client,
    analyst,
    second_analyst,
    reader,
    report,
    partner_quote,
    partner_org,
    org_a,
    django_capture_on_commit_callbacks,
):
    report.audience = Report.Audience.PUBLIC
    report.save()
    run = _publish(client, analyst, second_analyst, report, django_capture_on_commit_callbacks)
    stored = ReportFile.objects.get(run=run, format="html")
    assert PARTNER_WORDS in bytes(stored.data).decode()
    pages = [
        reverse("reports:detail", args=[report.pk]),
        reverse("reports:public_detail", args=[report.pk]),
    ]
    files = [
        reverse("reports:download", args=[report.pk, "html"]),
        reverse("reports:public_download", args=[report.pk, "html"]),
    ]
    client.force_login(reader)
    for url in pages + files:
        assert PARTNER_WORDS in _body(client.get(url))
    _stop_sharing(partner_org, org_a)
    for url in pages + files:
        response = client.get(url)
        assert response.status_code == 200
        assert PARTNER_WORDS not in _body(response)
        assert "Häätöjen uhka" in _body(response)
    stored.refresh_from_db()
    assert PARTNER_WORDS in bytes(stored.data).decode()  # kept for when sharing resumes
    partner_org.shares_with.add(org_a)
    assert PARTNER_WORDS in _body(client.get(files[0]))


def test_a_deactivated_partner_is_no_longer_shared(
    client, analyst, report, partner_quote, partner_org
):
    partner_org.is_active = False
    partner_org.save()
    client.force_login(analyst)
    page = client.get(reverse("reports:quotes", args=[report.pk])).content.decode()
    assert PARTNER_WORDS not in page and NOT_SHARED in page


def _body(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()
