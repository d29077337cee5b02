"""The decision-maker's evidence: figures by period and municipality with small counts
suppressed outside the organisation, the signal the proposal started from, and the
observations in anonymised form for the roles that may read them, audit-logged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from analysis.models import Indicator
from analysis.signal_links import SignalRef
from analysis.signals import RISING, THEME, CellKey
from proposals import figures
from proposals.models import Status
from reporting.models import Municipality, Theme
from reporting.tests.factories import ObservationFactory

CLEAN = "Toimeentulotuen käsittely viivästyy kuukausia."
NAMED = "Matti Virtanen odottaa päätöstä yhä."


def _at(year, month, day=15):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


@pytest.fixture
def delivered(proposal):
    proposal.status = Status.SUBMITTED
    proposal.save()
    return proposal


@pytest.fixture
def evidence(delivered, org_a):
    """Six observations in January 2026, two in March, one in a municipality."""
    seinajoki = Municipality.objects.get(code="743")
    linked = []
    for index in range(8):
        observation = ObservationFactory(
            organisation=org_a,
            text=CLEAN,
            submitted_at=_at(2026, 1 if index < 6 else 3),
            whole_county=index != 0,
        )
        linked.append(observation)
    linked[0].municipalities.add(seinajoki)
    named = ObservationFactory(
        organisation=org_a,
        text=NAMED,
        submitted_at=_at(2026, 3),
        privacy_confirmations=[{"field": "text", "kind": "name", "text": "Matti Virtanen"}],
    )
    delivered.observations.add(*linked, named)
    return {"observations": linked, "named": named}


@pytest.fixture
def own_reader(reader, body):
    """A decision-maker of the proposal's own organisation who answers for its body."""
    body.members.add(reader)
    return reader


def test_analyst_sees_exact_counts(delivered, evidence):
    result = figures.evidence_figures(delivered, period=figures.MONTH, suppressed=False)
    assert [(row.count, row.shown) for row in result.by_period] == [(6, "6"), (0, "0"), (3, "3")]
    assert result.total_shown == "9"
    assert ("Seinäjoki", "1") in [(row.label, row.shown) for row in result.by_municipality]
    assert 'role="img"' in result.chart


def test_small_counts_are_suppressed_for_decision_makers(delivered, evidence, settings):
    settings.REPORT_SUPPRESSION_THRESHOLD = 5
    result = figures.evidence_figures(delivered, period=figures.MONTH, suppressed=True)
    assert [row.shown for row in result.by_period] == ["6", "0", "<5"]
    seinajoki = next(row for row in result.by_municipality if row.label == "Seinäjoki")
    assert seinajoki.shown == "<5"
    # The total would give the hidden March count away by subtraction.
    assert result.total_shown is None


def test_quarters_add_the_months_up(delivered, evidence):
    result = figures.evidence_figures(delivered, period=figures.QUARTER, suppressed=False)
    assert [row.count for row in result.by_period] == [9]


def test_the_decision_maker_page_hides_small_counts(client, decision_maker, delivered, evidence):
    client.force_login(decision_maker)
    response = client.get(reverse("proposals:detail", args=[delivered.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "&lt;5" in body
    assert 'role="img"' in body
    # Counted, but not readable by a body's member from another organisation.
    assert reverse("proposals:evidence_texts", args=[delivered.pk]) not in body


def test_outside_decision_maker_may_not_read_texts(client, decision_maker, delivered, evidence):
    client.force_login(decision_maker)
    response = client.get(reverse("proposals:evidence_texts", args=[delivered.pk]))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_OBSERVATION).exists()


def test_own_decision_maker_reads_anonymised_texts(client, own_reader, delivered, evidence):
    client.force_login(own_reader)
    page = client.get(reverse("proposals:detail", args=[delivered.pk])).content.decode()
    assert reverse("proposals:evidence_texts", args=[delivered.pk]) in page
    response = client.get(reverse("proposals:evidence_texts", args=[delivered.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert CLEAN in body
    assert "Virtanen" not in body
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW_OBSERVATION, actor=own_reader)
    assert event.target == f"proposal:{delivered.pk}:observation-texts"
    assert evidence["named"].pk in event.detail["observations"]


def test_own_decision_maker_does_not_read_partners_texts(
    client, own_reader, delivered, partner_org
):
    delivered.observations.add(ObservationFactory(organisation=partner_org, text="Kumppanin."))
    client.force_login(own_reader)
    response = client.get(reverse("proposals:evidence_texts", args=[delivered.pk]))
    assert "Kumppanin." not in response.content.decode()


def test_analyst_reads_texts_with_an_audit_event(client, analyst, delivered, evidence):
    client.force_login(analyst)
    response = client.get(reverse("proposals:evidence_texts", args=[delivered.pk]))
    assert response.status_code == 200
    assert CLEAN in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW_OBSERVATION,
        actor=analyst,
        target=f"proposal:{delivered.pk}:observation-texts",
    ).exists()


def test_outsider_gets_404(client, outsider, delivered):
    client.force_login(outsider)
    response = client.get(reverse("proposals:evidence_texts", args=[delivered.pk]))
    assert response.status_code == 404


def test_the_signal_and_the_indicators_beside_the_themes(client, decision_maker, delivered):
    theme = Theme.objects.filter(is_active=True).first()
    indicator = Indicator.objects.create(code="sotka-1", name_fi="Toimeentulotuki")
    indicator.themes.add(theme)
    delivered.themes.add(theme)
    delivered.indicators.add(indicator)
    ref = SignalRef(datetime.date(2026, 3, 29), RISING, CellKey(THEME, theme.pk, None, "concern"))
    delivered.signal = ref.token
    delivered.save()
    client.force_login(decision_maker)
    body = client.get(reverse("proposals:detail", args=[delivered.pk])).content.decode()
    assert "29.3.2026" in body
    assert theme.name in body
    assert "Toimeentulotuki" in body


def test_a_draft_from_a_signal_stores_it(client, analyst, org_a):
    from analysis.tests.test_signal_links import compute, only, token_of
    from analysis.tests.test_signals import plant, rise
    from proposals.models import ActionProposal

    plant(org_a, rise(baseline_every=4, recent_per_week=3, recent_weeks=4), municipalities=["743"])
    token = token_of(only(compute(analyst)))
    client.force_login(analyst)
    form = client.get(reverse("proposals:create"), {"signal": token}).content.decode()
    assert f'value="{token}"' in form
    response = client.post(reverse("proposals:create"), {"title": "Signaalista", "signal": token})
    assert response.status_code == 302
    proposal = ActionProposal.objects.get(title="Signaalista")
    assert proposal.signal == token
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "Seinäjoki" in page
    assert reverse("analysis:inbox") in page


def test_a_signal_the_analyst_may_not_see_is_not_stored(client, analyst):
    client.force_login(analyst)
    client.post(
        reverse("proposals:create"),
        {"title": "Keksitty", "signal": "2026-03-29.rising.theme.999999...concern"},
    )
    from proposals.models import ActionProposal

    assert ActionProposal.objects.get(title="Keksitty").signal == ""


def test_a_phenomenons_small_count_is_hidden_from_decision_makers(
    client, decision_maker, analyst, delivered, org_a
):
    from analysis.models import PhenomenonLink
    from analysis.tests.factories import PhenomenonFactory

    phenomenon = PhenomenonFactory(organisation=org_a, name="Pieni ilmiö")
    for _ in range(2):
        PhenomenonLink.objects.create(
            phenomenon=phenomenon, observation=ObservationFactory(organisation=org_a)
        )
    delivered.phenomena.add(phenomenon)
    url = reverse("proposals:detail", args=[delivered.pk])
    client.force_login(decision_maker)
    assert "2 observations" not in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.force_login(analyst)
    assert "2 observations" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
