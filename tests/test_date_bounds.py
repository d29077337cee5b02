"""Every date and period a person gives Sora is bounded (``lib.dates``): year 1, year 9999
and centuries-long periods get a translated message, never a server error or minutes of
counting."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import MembershipFactory, UserFactory
from lib import dates
from proposals.models import Status
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory
from reporting.models import Campaign, Municipality, Observation
from reports.models import Report
from reports.tests.factories import make_report

OUT_OF_RANGE = ["0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31"]
MESSAGE_FI = "Valitse päivä väliltä 1.1.2000–31.12.2100."
TOO_LONG_FI = "Jakso saa olla enintään 10 vuotta pitkä."


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _report_form(**values) -> dict:
    return {"scope": "county", "audience": "internal", "language": "fi", **values}


@pytest.fixture
def proposal(org_a, analyst):
    body = RecipientBodyFactory()
    proposal = ProposalFactory(organisation=org_a, owner=analyst, recipient=body)
    decision_maker = MembershipFactory(organisation=org_a, role="reader").user
    body.members.add(decision_maker)
    proposal.decision_maker = decision_maker
    return proposal


@pytest.mark.parametrize("day", OUT_OF_RANGE)
@pytest.mark.parametrize(
    "name, url, field",
    [
        ("inbox", lambda: reverse("analysis:inbox"), "start"),
        ("inbox", lambda: reverse("analysis:inbox"), "end"),
        ("signals", lambda: reverse("analysis:signals"), "as_of"),
    ],
)
def test_analysts_query_strings_refuse_a_day_out_of_range(analyst, name, url, field, day):
    response = _client(analyst).get(url(), {field: day})
    assert response.status_code in (200, 400)
    assert MESSAGE_FI in response.content.decode()
    assert field in response.context["form"].errors


@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_the_audit_log_filter_refuses_a_day_out_of_range(admin_member, day):
    response = _client(admin_member).get(reverse("accounts:audit_log"), {"start": day, "end": day})
    assert response.status_code == 400
    assert MESSAGE_FI in response.content.decode()


@pytest.mark.parametrize("day", OUT_OF_RANGE)
@pytest.mark.parametrize("kind", ["month", "quarter", "half_year", "year", "custom"])
def test_a_report_period_out_of_range_is_refused(analyst, org_a, kind, day):
    data = _report_form(period_kind=kind, first_day=day, last_day="2026-06-30")
    response = _client(analyst).post(reverse("reports:create"), data)
    assert response.status_code == 400
    assert MESSAGE_FI in response.content.decode()
    assert Report.objects.count() == 0


@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_a_custom_report_cannot_end_out_of_range(analyst, org_a, day):
    data = _report_form(period_kind="custom", first_day="2026-01-01", last_day=day)
    response = _client(analyst).post(reverse("reports:create"), data)
    assert response.status_code == 400
    assert Report.objects.count() == 0


def test_a_custom_report_of_centuries_is_refused(analyst, org_a):
    data = _report_form(period_kind="custom", first_day="2000-01-01", last_day="2099-12-31")
    response = _client(analyst).post(reverse("reports:create"), data)
    assert response.status_code == 400
    assert TOO_LONG_FI in response.content.decode()
    assert Report.objects.count() == 0


def test_a_five_year_custom_report_is_made(analyst, org_a):
    """A council's term and more fits."""
    data = _report_form(period_kind="custom", first_day="2021-01-01", last_day="2025-12-31")
    response = _client(analyst).post(reverse("reports:create"), data)
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.first_day, report.last_day) == (
        datetime.date(2021, 1, 1),
        datetime.date(2025, 12, 31),
    )


def test_editing_a_report_refuses_a_period_out_of_range(analyst, org_a):
    report = make_report(org_a, author=analyst)
    data = _report_form(period_kind="year", first_day="9999-12-31")
    response = _client(analyst).post(reverse("reports:edit", args=[report.pk]), data)
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.first_day == datetime.date(2026, 7, 1)


@pytest.mark.parametrize(
    "start, end, message",
    [
        ("0001-01-01", "2026-06-30", MESSAGE_FI),
        ("2026-01-01", "9999-12-31", MESSAGE_FI),
        ("2000-01-01", "2026-06-30", TOO_LONG_FI),
    ],
)
def test_the_welfare_export_refuses_a_period_out_of_range(analyst, start, end, message):
    query = {
        "municipality": Municipality.objects.get(code="743").pk,
        "start": start,
        "end": end,
        "format": "xlsx",
    }
    response = _client(analyst).get(reverse("proposals:welfare_report"), query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_milestone_due_out_of_range_is_refused(proposal, analyst, day):
    proposal.status = Status.IMPLEMENTATION
    proposal.save()
    url = reverse("proposals:milestone_add", args=[proposal.pk])
    response = _client(analyst).post(url, {"title": "Malli sovittu", "due_on": day})
    assert response.status_code == 400
    assert MESSAGE_FI in response.content.decode()
    assert proposal.milestones.count() == 0


def test_an_answer_dated_in_year_one_is_refused(proposal, analyst):
    proposal.status = Status.SUBMITTED
    proposal.save()
    response = _client(proposal.decision_maker).post(
        reverse("proposals:answer", args=[proposal.pk]),
        {
            "seen_status": "submitted",
            "decision": "accepted",
            "response_text": "Hyväksytään.",
            "response_date": "0001-01-01",
        },
    )
    assert response.status_code == 400
    assert MESSAGE_FI in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_the_admin_refuses_a_campaign_date_out_of_range(org_a):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    response = _client(superuser).post(
        reverse("admin:reporting_campaign_add"),
        {
            "kind": "open",
            "title_fi": "Keräys",
            "owner": org_a.pk,
            "starts_on": "0001-01-01",
            "ends_on": "9999-12-31",
            "open_link_enabled": "on",
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
            "groups-TOTAL_FORMS": "0",
            "groups-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"starts_on", "ends_on"} <= errors.keys()
    assert not Campaign.objects.filter(title_fi="Keräys").exists()


def test_an_import_dated_in_year_one_is_refused(org_a):
    from reporting.transfer import ImportFailed, import_observations

    row = {
        "external_id": "x-1",
        "text": "Jonot pitenevät.",
        "language": "fi",
        "submitted_at": "0001-01-01T00:00:00",
        "signal": "concern",
        "organisation": org_a.code,
    }
    with pytest.raises(ImportFailed) as failed:
        import_observations([(2, row)])
    assert any("submitted_at" in error for error in failed.value.errors)
    assert Observation.objects.count() == 0


@pytest.mark.parametrize("period", ["0001-01-01..2026-01-01", "2000-01-01..2499-12-31", "2101"])
def test_the_report_command_refuses_a_period_out_of_range(period, tmp_path, db):
    with pytest.raises(CommandError):
        call_command("build_report", period=period, out=str(tmp_path / "r.csv"), format="csv")
    assert not (tmp_path / "r.csv").exists()


def test_the_signals_command_refuses_a_day_out_of_range(db):
    with pytest.raises(CommandError, match="2000"):
        call_command("detect_signals", as_of="0001-01-01", stdout=io.StringIO())


def test_the_bounds_hold_at_their_edges():
    assert dates.check_day(dates.EARLIEST) == dates.EARLIEST
    assert dates.check_day(dates.LATEST) == dates.LATEST
    dates.check_period(datetime.date(2021, 1, 1), datetime.date(2025, 12, 31))
    for first, last in [
        (datetime.date(1999, 12, 31), datetime.date(2000, 1, 1)),
        (datetime.date(2026, 2, 1), datetime.date(2026, 1, 1)),
        (datetime.date(2000, 1, 1), datetime.date(2010, 12, 31)),
    ]:
        with pytest.raises(dates.forms.ValidationError):
            dates.check_period(first, last)
