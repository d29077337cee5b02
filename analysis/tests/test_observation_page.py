import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from analysis.models import Memo, PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from reporting.models import Theme
from reporting.tests.factories import ObservationFactory


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def observation(org_a, reporter):
    return ObservationFactory(organisation=org_a, reporter=reporter)


def url(name, observation):
    return reverse(f"analysis:{name}", args=[observation.pk])


def test_every_view_is_audited(signed_in, analyst, observation):
    response = signed_in.get(url("observation", observation))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        action="view_observation", actor=analyst, target=f"observation:{observation.pk}"
    ).exists()


def test_the_reporter_is_named_only_with_consent(signed_in, observation, reporter):
    reporter.first_name, reporter.last_name = "Raili", "Raportoija"
    reporter.save()
    assert "Raili Raportoija" not in signed_in.get(url("observation", observation)).content.decode()
    observation.consent_to_contact = True
    observation.save()
    assert "Raili Raportoija" in signed_in.get(url("observation", observation)).content.decode()


def test_triage_sets_status_and_codes(signed_in, observation):
    housing = Theme.objects.get(code="housing")
    response = signed_in.post(
        url("triage", observation), {"status": "reviewed", "themes": [housing.pk]}
    )
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.status == "reviewed"
    assert list(observation.themes.all()) == [housing]


def test_a_memo_passes_the_guard(signed_in, observation):
    response = signed_in.post(url("add_memo", observation), {"text": "Soita 040 123 4567"})
    assert response.status_code == 400
    assert "Soita 040 123 4567" in response.content.decode()
    assert Memo.objects.count() == 0
    response = signed_in.post(url("add_memo", observation), {"text": "Toistuva ilmiö Lapualla"})
    assert response.status_code == 302
    assert Memo.objects.get().text == "Toistuva ilmiö Lapualla"


def test_linking_to_a_phenomenon(signed_in, observation, org_a):
    phenomenon = PhenomenonFactory(organisation=org_a)
    response = signed_in.post(url("link", observation), {"phenomenon": phenomenon.pk})
    assert response.status_code == 302
    assert PhenomenonLink.objects.filter(phenomenon=phenomenon, observation=observation).exists()
    observation.refresh_from_db()
    assert observation.status == "in_phenomenon"


def test_another_organisations_phenomenon_cannot_be_used(signed_in, observation, org_b):
    foreign = PhenomenonFactory(organisation=org_b)
    response = signed_in.post(url("link", observation), {"phenomenon": foreign.pk})
    assert response.status_code == 400
    assert not PhenomenonLink.objects.exists()


@pytest.mark.parametrize("persona", ["reporter", "reader"])
def test_other_roles_get_403(client, persona, request, observation):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("observation", observation)).status_code == 403
    assert client.post(url("triage", observation), {"status": "archived"}).status_code == 403


def test_outside_the_scope_is_404(client, outsider, observation):
    client.force_login(outsider)
    assert client.get(url("observation", observation)).status_code == 404
    assert client.post(url("add_memo", observation), {"text": "x"}).status_code == 404
