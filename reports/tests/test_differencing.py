"""Subtracting one public report from another reveals no hidden count.

The attacker (``attacker.disclosures``) holds the shown figures of several published reports
at once: a count two reports name alike is one quantity where both cover the same
observations, and where one covers part of what the other covers, the larger count is the
smaller one plus the count of the rest, which must not be given away either."""

import datetime
from itertools import combinations

import pytest
from django.utils import timezone, translation

from accounts.models import Membership, Organisation
from accounts.tests.factories import MembershipFactory
from reporting.demo import load_demo
from reporting.models import Municipality, Observation, TargetGroup, Theme
from reports import publication, runs, services
from reports.build import build, draft
from reports.content import Change, Count, Share, _values
from reports.definition import Definition, threshold
from reports.facts import TREND, Facts, period_of
from reports.models import Report, ReportRun
from reports.periods import HALF_YEAR, MONTH, QUARTER, YEAR, Period, calendar_period
from reports.suppression import SECONDARY, SMALL
from reports.tests.attacker import View, disclosures
from reports.tests.conftest import observe

pytestmark = pytest.mark.django_db

IN_Q3 = datetime.datetime(2026, 8, 12, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    from reports import outputs

    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")


def view_of(name: str, definition: Definition, content: dict) -> View:
    """The reader's view of a report: every count as its content shows it, found by table,
    row and column; the sums and the true values from drafting it again now. A shown number
    must be the true one, and a change or share may be shown only where both its counts are."""
    with translation.override(definition.language):
        drafted = draft(Facts(definition))
    specs = [table for section in drafted for table in section.tables]
    spans = {when: period_of(definition.period, when) for when in TREND}
    codes = {when: period.code() for when, period in spans.items()}

    def canonical(key):
        return (*key[:-1], codes[key[-1]])

    truth = {canonical(key): value for key, value in _values(specs).items()}
    printed = {
        table["id"]: {row["label"]: row["cells"] for row in table["rows"]}
        for section in content["sections"]
        for table in section["tables"]
    }
    shown, derived = {}, []
    for spec in specs:
        if not any(isinstance(c, Count | Change | Share) for _l, cells in spec.rows for c in cells):
            continue  # texts only: the signals, the proposals listed, the statistics
        rows = printed[spec.id]
        assert len(rows) == len(spec.rows), spec.id
        for label, cells in spec.rows:
            for cell, text in zip(cells, rows[label], strict=True):
                if isinstance(cell, Count):
                    key = canonical(cell.key)
                    marker = _marker(text)
                    assert shown.setdefault(key, marker) == marker, key
                    assert marker in (SMALL, SECONDARY) or marker == truth[key], key
                elif isinstance(cell, Change | Share) and text["value"] is not None:
                    derived += [canonical(c.key) for c in _counts_of(cell)]
    assert all(isinstance(shown[key], int) for key in derived)
    return View(
        name=name,
        organisations=frozenset(definition.organisation_ids),
        municipalities=frozenset(definition.municipality_ids) or None,
        target_group=definition.target_group_id,
        periods={codes[when]: (p.first_day, p.last_day) for when, p in spans.items()},
        shown={key: shown.get(key, SECONDARY) for key in truth},
        truth=truth,
        sums=[
            (canonical(c.total), [canonical(p) for p in c.parts])
            for spec in specs
            for c in spec.constraints
        ],
        nonzero=[[canonical(key) for key in group] for spec in specs for group in spec.nonzero],
    )


def _marker(cell: dict):
    if cell["value"] is not None:
        return cell["value"]
    return SMALL if cell["text"].startswith("<") else SECONDARY


def _counts_of(cell):
    return (cell.current, cell.previous) if isinstance(cell, Change) else (cell.part, cell.whole)


def published_view(run: ReportRun) -> View:
    population = publication.population_of(run)
    definition = Definition(
        period=population.period,
        language=run.report.language,
        organisation_ids=population.organisations,
        municipality_ids=population.municipalities,
        target_group_id=population.target_group,
        public=True,
    )
    return view_of(f"{run.report} r{run.revision} ({run.report.language})", definition, run.content)


def attempt(*, organisation, author, approver, period, **fields) -> tuple[Report, list[str]]:
    """Create a report the way an old form or a forged request could, then generate,
    approve and publish it through the services; the refusals, if any."""
    report = services.create_report(
        organisation=organisation,
        author=author,
        fields={
            "period_kind": period.kind,
            "first_day": period.first_day,
            "last_day": period.last_day,
            "scope": fields.pop("scope", Report.Scope.COUNTY),
            "audience": Report.Audience.PUBLIC,
            "language": fields.pop("language", "fi"),
            "target_group": fields.pop("target_group", None),
        },
        municipalities=fields.pop("municipalities", ()),
        organisations=fields.pop("organisations", ()),
    )
    return report, generate_approve_publish(report, author, approver)


def generate_approve_publish(report, author, approver) -> list[str]:
    run = ReportRun.objects.create(report=report, revision=report.revision, requested_by=author)
    runs.generate(run.pk)
    try:
        services.approve_report(report=report, user=approver, run_id=run.pk)
        services.publish_report(report=report, user=author)
    except services.StateError as refused:
        return [str(refused)]
    return []


def _new_views(report, problems) -> list[View]:
    if problems:
        return []
    report.refresh_from_db()
    return [published_view(report.published_run)]


def _code_anew(period) -> None:
    """Move one observation of the period from its themes to another theme."""
    observation = (
        Observation.objects.filter(
            submitted_at__gte=period.start, submitted_at__lt=period.end, themes__isnull=False
        )
        .order_by("pk")
        .first()
    )
    own = set(observation.themes.values_list("pk", flat=True))
    observation.themes.set([Theme.objects.exclude(pk__in=own).first()])


def test_no_pair_of_published_reports_reveals_a_hidden_count():
    """The demo's public reports, and every kind of report someone might try to publish
    beside them: the same quarter in a month, a half-year or a year; the county without
    Seinäjoki, Seinäjoki alone, overlapping groups of municipalities, one target group, some
    organisations, a partner's own county; a custom period; the quarter still running; the
    same quarter in Swedish; the quarter before; the quarter again after its observations
    were coded anew. The refused ones are refused with a reason; no pair of the published
    ones, nor all of them together, reveals a count of 1–4 that they hide."""
    load_demo()
    county = Organisation.objects.get(code="ep-sosiaali")
    author, approver = (
        Membership.objects.get(organisation=county, role=role).user for role in ("analyst", "admin")
    )
    partner = Organisation.objects.get(code="lakeuden-tuki")
    partner_author = Membership.objects.get(organisation=partner, role="analyst").user
    partner_approver = MembershipFactory(organisation=partner, role="analyst").user
    today = timezone.localdate()
    last = calendar_period(QUARTER, today).previous()
    municipalities = {m.code: m for m in Municipality.objects.all()}
    everywhere_but_seinajoki = [m for code, m in municipalities.items() if code != "743"]
    tried = {
        "month": {"period": calendar_period(MONTH, last.first_day)},
        "half-year": {"period": calendar_period(HALF_YEAR, last.first_day)},
        "year": {"period": calendar_period(YEAR, last.first_day)},
        "county without Seinäjoki": {
            "period": last,
            "scope": "municipalities",
            "municipalities": everywhere_but_seinajoki,
        },
        "Seinäjoki": {
            "period": last,
            "scope": "municipalities",
            "municipalities": [municipalities["743"]],
        },
        "Seinäjoki and Lapua": {
            "period": last,
            "scope": "municipalities",
            "municipalities": [municipalities["743"], municipalities["408"]],
        },
        "Lapua and Kauhava": {
            "period": last,
            "scope": "municipalities",
            "municipalities": [municipalities["408"], municipalities["233"]],
        },
        "one target group": {"period": last, "target_group": TargetGroup.objects.first()},
        "some organisations": {"period": last, "scope": "organisations", "organisations": [county]},
        "custom dates": {
            "period": Period("custom", last.first_day, last.last_day - datetime.timedelta(days=1))
        },
        "the quarter running": {"period": calendar_period(QUARTER, today)},
        "in Swedish": {"period": last, "language": "sv"},
        "the quarter before": {"period": last.previous().previous()},
    }
    # What a reader holds: each public version as it was when published.
    views = [published_view(run) for run in publication.public_versions().order_by("pk")]
    outcomes = {}
    for name, fields in tried.items():
        report, outcomes[name] = attempt(
            organisation=county, author=author, approver=approver, **fields
        )
        views += _new_views(report, outcomes[name])
    report, outcomes["a partner's county"] = attempt(
        organisation=partner, author=partner_author, approver=partner_approver, period=last
    )
    views += _new_views(report, outcomes["a partner's county"])
    # The demo's last quarter again, after one of its observations was coded anew.
    demo_report = Report.objects.filter(
        organisation=county, first_day=last.first_day, audience="public"
    ).earliest("pk")
    _code_anew(last)
    services.save_narrative(
        report=demo_report, texts={"summary": "Päivitetty yhteenveto."}, confirmations=[]
    )
    outcomes["coded anew"] = generate_approve_publish(demo_report, author, approver)
    views += _new_views(demo_report, outcomes["coded anew"])

    refused = {name for name, problems in outcomes.items() if problems}
    assert refused >= {
        "month",
        "half-year",
        "year",
        "county without Seinäjoki",
        "Seinäjoki",
        "Seinäjoki and Lapua",
        "Lapua and Kauhava",
        "one target group",
        "some organisations",
        "custom dates",
        "the quarter running",
        "a partner's county",
    }
    assert {"in Swedish", "the quarter before", "coded anew"}.isdisjoint(refused)
    assert len(views) >= 5
    limit = threshold()
    assert sum(1 for v in views for s in v.shown.values() if s == SMALL) > 20
    for pair in combinations(views, 2):
        assert disclosures(list(pair), limit) == [], [v.name for v in pair]
    assert disclosures(views, limit) == []


@pytest.fixture
def seinajoki_quarter(org_a):
    """The third quarter of 2026: livelihood concerns, 2 in Seinäjoki and 6 in Lapua; housing
    concerns, 12 in Seinäjoki and 5 in Lapua; 5 positive developments in Lapua."""
    for municipality, themes, count, signal in [
        ("743", ("livelihood",), 2, "concern"),
        ("408", ("livelihood",), 6, "concern"),
        ("743", ("housing",), 12, "concern"),
        ("408", ("housing",), 5, "concern"),
        ("408", ("housing",), 5, "positive"),
    ]:
        for _ in range(count):
            observe(org_a, when=IN_Q3, municipality=municipality, themes=themes, signal=signal)


def test_the_county_without_seinajoki_cannot_be_published_beside_the_county(
    client, analyst, org_a, seinajoki_quarter
):
    """Published side by side, the county's report and the report on the county without
    Seinäjoki give away Seinäjoki's 2 livelihood concerns, which neither shows. The county's
    report is published; the other is refused in the form and, made some other way, at
    approval and publication; what is published gives nothing away."""
    from django.urls import reverse

    livelihood = Theme.objects.get(code="livelihood")
    others = Municipality.objects.exclude(code="743")
    quarter = calendar_period(QUARTER, datetime.date(2026, 8, 1))
    both = [
        Definition(period=quarter, organisation_ids=frozenset({org_a.pk})),
        Definition(
            period=quarter,
            organisation_ids=frozenset({org_a.pk}),
            municipality_ids=frozenset(others.values_list("pk", flat=True)),
        ),
    ]
    views = [view_of(str(i), d, build(d).content.as_json()) for i, d in enumerate(both)]
    found = disclosures(views, threshold())
    seinajoki = [n for n in found if n[0] == "rest" and n[2] == ("theme", livelihood.pk, "2026Q3")]
    assert seinajoki and views[0].truth[seinajoki[0][2]] - views[1].truth[seinajoki[0][4]] == 2

    approver = MembershipFactory(organisation=org_a, role="analyst").user
    fields = {"period_kind": "quarter", "first_day": "2026-08-01", "audience": "public"}
    fields |= {"title": "", "language": "fi"}
    client.force_login(analyst)
    response = client.post(reverse("reports:create"), {**fields, "scope": "county"})
    county = Report.objects.get()
    assert generate_approve_publish(county, analyst, approver) == []

    response = client.post(
        reverse("reports:create"),
        {**fields, "scope": "municipalities", "municipalities": [m.pk for m in others]},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 400
    assert (
        response.context["form"]
        .errors["scope"][0]
        .startswith("A public report must cover the whole county.")
    )
    with translation.override("en"):
        without, problems = attempt(
            organisation=org_a,
            author=analyst,
            approver=approver,
            period=quarter,
            scope="municipalities",
            municipalities=list(others),
        )
    assert problems and problems[0].startswith("A public report must cover the whole county.")
    without.refresh_from_db()
    assert without.published_run is None and without.state == Report.State.DRAFT
    Report.objects.filter(pk=without.pk).update(
        state=Report.State.APPROVED, approved_run=without.runs.get()
    )
    with pytest.raises(services.StateError):
        services.publish_report(report=without, user=analyst)
    published = [published_view(run) for run in publication.public_versions()]
    assert [view.name for view in published] == [f"{county} r1 (fi)"]
    assert disclosures(published, threshold()) == []
