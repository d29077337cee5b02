from django.urls import reverse

from accounts.models import AuditEvent
from reporting.tests.factories import ObservationFactory


def test_receipt_shows_the_code_and_the_follow_up_link(client, db):
    observation = ObservationFactory()
    response = client.get(reverse("reporting:receipt", args=[observation.receipt_code]))
    content = response.content.decode()
    assert response.status_code == 200
    assert observation.receipt_display in content
    assert reverse("reporting:follow_up", args=[observation.receipt_code]) in content


def test_follow_up_shows_status_but_not_the_text(client, db):
    observation = ObservationFactory(status="in_phenomenon")
    response = client.get(reverse("reporting:follow_up", args=[observation.receipt_code]))
    content = response.content.decode()
    assert response.status_code == 200
    assert observation.text not in content
    assert "done" in content


def test_lookup_accepts_the_code_as_people_type_it(client, db):
    observation = ObservationFactory()
    typed = observation.receipt_display.lower().replace("-", " ")
    response = client.get(reverse("reporting:follow_up_lookup"), {"code": typed})
    assert response.status_code == 302
    assert response.url == reverse("reporting:follow_up", args=[observation.receipt_code])


def test_an_unknown_code_gets_a_message(client, db):
    response = client.get(reverse("reporting:follow_up_lookup"), {"code": "WRONG-CODE"})
    assert response.status_code == 404
    assert 'id="error-summary"' in response.content.decode()
    assert client.get(reverse("reporting:follow_up", args=["NOPE"])).status_code == 404


def test_my_observations_lists_only_my_own(client, reporter, analyst, org_a):
    mine = ObservationFactory(reporter=reporter, organisation=org_a, text="Oma havainto")
    ObservationFactory(reporter=analyst, organisation=org_a, text="Toisen havainto")
    client.force_login(reporter)
    content = client.get(reverse("reporting:my_observations")).content.decode()
    assert "Oma havainto" in content
    assert "Toisen havainto" not in content
    detail = client.get(reverse("reporting:observation_detail", args=[mine.pk]))
    assert detail.status_code == 200
    events = AuditEvent.objects.filter(action="view_observation", actor=reporter)
    assert set(events.values_list("target", flat=True)) == {"own list", "own observation"}


def test_too_many_lookups_from_one_address_are_refused(client, db):
    observation = ObservationFactory()
    url = reverse("reporting:follow_up_lookup")
    for _ in range(60):
        client.get(url, {"code": "WRONG"})
    response = client.get(url, {"code": observation.receipt_code})
    assert response.status_code == 429
