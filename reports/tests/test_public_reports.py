"""Which reports may be public: the whole county, a calendar period that has ended, and no
overlap with another public report unless it counts exactly the same observations; a public
report is protected together with the figures public reports showed before."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from reporting.models import Municipality, TargetGroup, Theme
from reports import publication
from reports.models import Report, ReportRun
from reports.periods import QUARTER, calendar_period
from reports.suppression import HIDDEN, SECONDARY, VISIBLE
from reports.tests.conftest import BEFORE

pytestmark = pytest.mark.django_db

EN = {"accept-language": "en"}
SCOPE = (
    "A public report must cover the whole county. A report on chosen municipalities or "
    "organisations can only be internal: two public reports on overlapping areas could be "
    "subtracted from each other to reveal the small counts that each of them hides."
)


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    from reports import outputs

    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")


@pytest.fixture
def approver(org_a):
    return MembershipFactory(organisation=org_a, role="analyst", user__username="approver").user


def _definition(**fields) -> dict:
    return {
        "title": "",
        "period_kind": "quarter",
        "first_day": "2026-08-15",
        "scope": "county",
        "audience": "public",
        "language": "fi",
        **fields,
    }


def _create(client, user, **fields):
    client.force_login(user)
    return client.post(reverse("reports:create"), _definition(**fields), headers=EN)


def _through(client, report, author, approver, capture):
    """Generate, approve and publish over HTTP; the error messages of the last step."""
    client.force_login(author)
    with capture(execute=True):
        client.post(reverse("reports:generate", args=[report.pk]))
    run = report.runs.first()
    client.force_login(approver)
    response = client.post(
        reverse("reports:approve", args=[report.pk]), {"run": run.pk}, follow=True, headers=EN
    )
    errors = _errors(response)
    if errors:
        return errors
    client.force_login(author)
    response = client.post(
        reverse("reports:publish", args=[report.pk]), {"confirmed": "yes"}, follow=True, headers=EN
    )
    return _errors(response)


def _errors(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


def _published(client, author, approver, capture, **fields) -> Report:
    response = _create(client, author, **fields)
    assert response.status_code == 302, response.context["form"].errors
    report = Report.objects.latest("pk")
    assert _through(client, report, author, approver, capture) == []
    report.refresh_from_db()
    assert report.state == Report.State.PUBLISHED
    return report


@pytest.mark.parametrize(
    ("fields", "field", "start"),
    [
        ({"scope": "municipalities", "municipalities": ["MUNI"]}, "scope", SCOPE),
        ({"scope": "organisations", "organisations": ["ORG"]}, "scope", SCOPE),
        ({"target_group": "GROUP"}, "target_group", "A public report must cover every target"),
        (
            {"period_kind": "custom", "first_day": "2026-07-01", "last_day": "2026-08-31"},
            "period_kind",
            "A public report must cover a calendar month, quarter, half-year or year.",
        ),
    ],
)
def test_a_public_report_must_cover_the_whole_county_and_a_calendar_period(
    client, analyst, org_a, fields, field, start
):
    replace = {
        "MUNI": Municipality.objects.get(code="743").pk,
        "ORG": org_a.pk,
        "GROUP": TargetGroup.objects.first().pk,
    }
    fields = {
        name: [replace[v] for v in value] if isinstance(value, list) else replace.get(value, value)
        for name, value in fields.items()
    }
    response = _create(client, analyst, **fields)
    assert response.status_code == 400
    assert response.context["form"].errors[field][0].startswith(start)
    assert start[:40] in response.content.decode()
    assert not Report.objects.exists()


def test_an_internal_report_may_cover_chosen_municipalities(client, analyst):
    seinajoki = Municipality.objects.get(code="743")
    response = _create(
        client, analyst, audience="internal", scope="municipalities", municipalities=[seinajoki.pk]
    )
    assert response.status_code == 302
    assert list(Report.objects.get().municipalities.all()) == [seinajoki]


def test_the_refusal_is_in_the_language_of_the_page(client, analyst):
    client.force_login(analyst)
    seinajoki = Municipality.objects.get(code="743")
    response = client.post(
        reverse("reports:create"),
        _definition(scope="municipalities", municipalities=[seinajoki.pk]),
        headers={"accept-language": "fi"},
    )
    message = response.context["form"].errors["scope"][0]
    assert message.startswith("Julkisen raportin on katettava koko hyvinvointialue.")


def test_a_public_report_overlapping_a_published_one_is_refused(
    client, analyst, approver, county, django_capture_on_commit_callbacks
):
    quarter = _published(
        client, analyst, approver, django_capture_on_commit_callbacks, title="Kolmas neljännes"
    )
    response = _create(client, analyst, period_kind="month", first_day="2026-08-01")
    assert response.status_code == 400
    message = response.context["form"].errors["audience"][0]
    assert message.startswith("The public report “Kolmas neljännes” (")
    assert "Choose another period or keep this report internal." in message
    assert Report.objects.get() == quarter


def test_public_reports_of_consecutive_quarters_show_the_quarter_between_them_alike(
    client, analyst, approver, county, django_capture_on_commit_callbacks
):
    """The third quarter's report shows the second quarter beside its own; every count of
    the second quarter that its own public report hid is hidden in the third's too."""
    capture = django_capture_on_commit_callbacks
    second = _published(client, analyst, approver, capture, first_day="2026-05-15")
    third = _published(client, analyst, approver, capture)
    before = publication.record_of(second.published_run)
    after = publication.record_of(third.published_run)
    shared = [key for key in after.values if key[-1] == "2026Q2" and key in before.values]
    assert len(shared) > 5
    for key in shared:
        assert after.values[key] == before.values[key]
        if before.status[key] in HIDDEN:
            assert after.status[key] in HIDDEN, key
    assert {second.published_run.public_since, third.published_run.public_since} != {None}


def test_a_partner_cannot_publish_a_report_of_part_of_what_the_county_published(
    client, analyst, approver, org_a, org_b, county, django_capture_on_commit_callbacks
):
    org_b.shares_with.add(org_a)
    _published(client, analyst, approver, django_capture_on_commit_callbacks)
    partner = MembershipFactory(organisation=org_b, role="analyst", user__username="ngo").user
    response = _create(client, partner)
    assert response.status_code == 400
    assert "counts observations of some of the same organisations" in str(
        response.context["form"].errors["audience"]
    )


def test_a_public_report_is_published_only_after_its_period_has_ended(
    client, analyst, approver, org_a, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    response = _create(client, analyst, first_day=today.isoformat())
    report = Report.objects.get()
    assert response.status_code == 302
    errors = _through(client, report, analyst, approver, django_capture_on_commit_callbacks)
    day_after = calendar_period(QUARTER, today).last_day + datetime.timedelta(days=1)
    assert errors == [
        "A public report can be published once its period has ended, on "
        f"{day_after:%m/%d/%Y} or later: a version published sooner would differ from a "
        "later one by the observations made in between, and the difference would reveal them."
    ]
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT and report.published_run is None


def test_a_report_public_before_the_rule_stays_published_but_no_new_version_is(
    client, analyst, approver, org_a, county, django_capture_on_commit_callbacks
):
    """Reports published to everyone before the rule, on a scope it no longer allows, stay
    published: their figures are out already. A new version cannot be approved, nor
    published even if it was approved before."""
    capture = django_capture_on_commit_callbacks
    report = Report.objects.create(
        organisation=org_a,
        created_by=analyst,
        first_day=datetime.date(2026, 7, 1),
        last_day=datetime.date(2026, 9, 30),
        scope=Report.Scope.MUNICIPALITIES,
    )
    report.municipalities.set(Municipality.objects.filter(code="743"))
    assert _through(client, report, analyst, approver, capture) == []  # published internally
    Report.objects.filter(pk=report.pk).update(audience=Report.Audience.PUBLIC)
    ReportRun.objects.filter(pk=report.published_run_id).update(public_since=timezone.now())
    client.logout()
    assert client.get(reverse("reports:public_detail", args=[report.pk])).status_code == 200
    report.refresh_from_db()
    errors = _through(client, report, analyst, approver, capture)
    assert errors == [SCOPE]
    # Approved before the rule: publishing is refused all the same.
    run = report.runs.first()
    Report.objects.filter(pk=report.pk).update(state=Report.State.APPROVED, approved_run=run)
    client.force_login(analyst)
    response = client.post(
        reverse("reports:publish", args=[report.pk]), {"confirmed": "yes"}, follow=True, headers=EN
    )
    assert _errors(response) == [SCOPE]
    report.refresh_from_db()
    assert report.published_run != run and run.public_since is None
    page = client.get(reverse("reports:detail", args=[report.pk]), headers=EN).content.decode()
    assert "This report cannot be published to everyone yet:" in page


def test_publishing_is_refused_when_a_public_version_published_meanwhile_would_be_revealed(
    client, analyst, approver, org_a, county, django_capture_on_commit_callbacks
):
    """The third quarter's version shows the second quarter's 7 observations; a public
    report of the second quarter published after it was generated hid every count."""
    capture = django_capture_on_commit_callbacks
    response = _create(client, analyst)
    third = Report.objects.get()
    client.force_login(analyst)
    with capture(execute=True):
        client.post(reverse("reports:generate", args=[third.pk]))
    run = third.runs.get()
    record = publication.record_of(run)
    assert record.status[("all", "2026Q2")] == VISIBLE and record.values[("all", "2026Q2")] == 7
    second = Report.objects.create(
        organisation=org_a,
        audience=Report.Audience.PUBLIC,
        first_day=datetime.date(2026, 4, 1),
        last_day=datetime.date(2026, 6, 30),
    )
    hid = dict.fromkeys(record.status, SECONDARY)
    figures = {
        "population": {**run.figures["population"], "first_day": "2026-04-01"}
        | {"last_day": "2026-06-30"},
        "counts": [[list(k), v, hid[k]] for k, v in record.values.items() if k[-1] == "2026Q2"],
        "constraints": [
            [list(c.total), [list(p) for p in c.parts]]
            for c in record.constraints
            if c.total[-1] == "2026Q2"
        ],
    }
    ReportRun.objects.create(
        report=second, revision=1, state="done", figures=figures, public_since=timezone.now()
    )
    client.force_login(approver)
    client.post(reverse("reports:approve", args=[third.pk]), {"run": run.pk})
    client.force_login(analyst)
    response = client.post(
        reverse("reports:publish", args=[third.pk]), {"confirmed": "yes"}, follow=True, headers=EN
    )
    assert _errors(response) == [
        "Public reports published after this version was generated would, together with it, "
        "reveal small counts. Generate the report again, then approve and publish the new "
        "version."
    ]
    assert _through(client, third, analyst, approver, capture) == []
    third.refresh_from_db()
    assert publication.record_of(third.published_run).status[("all", "2026Q2")] in HIDDEN


def test_a_count_coded_differently_since_a_public_report_showed_it_is_hidden(
    client, analyst, approver, county, django_capture_on_commit_callbacks
):
    """After the second quarter was published, one of its 7 livelihood observations was coded
    to housing instead: shown as 6 beside the published 7, the difference would say that."""
    capture = django_capture_on_commit_callbacks
    _published(client, analyst, approver, capture, first_day="2026-05-15")
    livelihood, housing = Theme.objects.get(code="livelihood"), Theme.objects.get(code="housing")
    recoded = livelihood.observations.filter(submitted_at=BEFORE).first()
    recoded.themes.set([housing])
    third = _published(client, analyst, approver, capture)
    record = publication.record_of(third.published_run)
    assert record.values[("theme", livelihood.pk, "2026Q2")] == 6
    assert record.status[("theme", livelihood.pk, "2026Q2")] in HIDDEN


def test_a_version_published_before_figures_were_kept_is_recorded_from_its_content(
    client, analyst, approver, county, django_capture_on_commit_callbacks
):
    report = _published(client, analyst, approver, django_capture_on_commit_callbacks)
    run = report.published_run
    kept = publication.record_of(run)
    run.figures = {"population": run.figures["population"]}
    run.save()
    again = publication.record_of(ReportRun.objects.get(pk=run.pk))
    assert (again.values, again.status) == (kept.values, kept.status)
    assert ReportRun.objects.get(pk=run.pk).figures["recorded_again"] is True


def test_a_report_whose_partners_changed_since_a_public_report_of_its_periods_is_refused(
    client, analyst, approver, org_a, org_b, county, django_capture_on_commit_callbacks
):
    """The second quarter was published when no partner shared; the third quarter's report,
    counting a new partner's observations of the second quarter too, would give the partner's
    counts away next to it."""
    capture = django_capture_on_commit_callbacks
    _published(client, analyst, approver, capture, first_day="2026-05-15")
    org_b.shares_with.add(org_a)
    response = _create(client, analyst)
    assert response.status_code == 400
    assert "counts observations of some of the same organisations" in str(
        response.context["form"].errors["audience"]
    )
