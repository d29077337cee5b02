"""A reporter downloads their own data and deletes their account; observations stay,
disassociated from them."""

import json

from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.audit import pseudonym_for
from accounts.models import AuditEvent, Membership
from reporting.models import Draft, Observation
from reporting.tests.factories import ObservationFactory

DATA = reverse("reporting:my_data")
DELETE = reverse("reporting:delete_account")


def test_download_holds_the_persons_own_data(client, reporter, org_a, outsider, org_b):
    mine = ObservationFactory(organisation=org_a, reporter=reporter, text="Oma havainto.")
    ObservationFactory(organisation=org_b, reporter=outsider, text="Toisen havainto.")
    Draft.objects.create(user=reporter, data={"text": ["kesken"]})
    client.force_login(reporter)
    response = client.get(DATA)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["username"] == "reporter"
    assert [o["receipt_code"] for o in data["observations"]] == [mine.receipt_code]
    assert data["observations"][0]["text"] == "Oma havainto."
    assert data["memberships"][0]["role"] == "reporter"
    assert data["drafts"][0]["data"] == {"text": ["kesken"]}
    assert "Toisen havainto." not in response.content.decode()
    assert AuditEvent.objects.filter(action="export", actor=reporter, target="own data").exists()


def test_download_reads_a_fixed_number_of_queries(
    client, reporter, org_a, django_assert_max_num_queries
):
    for _ in range(5):
        ObservationFactory(organisation=org_a, reporter=reporter)
    client.force_login(reporter)
    with django_assert_max_num_queries(16):
        client.get(DATA)


def test_delete_asks_first(client, reporter):
    client.force_login(reporter)
    response = client.get(DELETE)
    assert response.status_code == 200
    assert b'type="password"' in response.content
    assert get_user_model().objects.filter(pk=reporter.pk).exists()


def test_wrong_password_keeps_the_account(client, reporter):
    client.force_login(reporter)
    response = client.post(DELETE, {"password": "wrong"})
    assert response.status_code == 400
    assert "Salasana on väärä" in response.content.decode()
    assert get_user_model().objects.filter(pk=reporter.pk).exists()


def test_delete_unlinks_the_observations_and_removes_the_rest(client, reporter, org_a):
    observation = ObservationFactory(organisation=org_a, reporter=reporter, consent_to_contact=True)
    Draft.objects.create(user=reporter, data={"text": ["kesken"]})
    pk = reporter.pk
    client.force_login(reporter)
    response = client.post(DELETE, {"password": "password-for-tests"}, REMOTE_ADDR="10.2.3.4")
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=pk).exists()
    observation.refresh_from_db()
    assert (observation.reporter, observation.consent_to_contact) == (None, False)
    assert Observation.objects.count() == 1
    assert not Membership.objects.filter(user_id=pk).exists()
    assert not Draft.objects.exists()
    event = AuditEvent.objects.get(action="account_deleted")
    pseudonym = pseudonym_for(pk)
    assert (event.actor, event.actor_label, event.ip, event.detail) == (
        None,
        pseudonym,
        "10.2.3.4",
        {"observations": 1},
    )
    removed = AuditEvent.objects.get(action="membership_removed", target=f"user:{pk}")
    assert removed.detail["person"] == pseudonym
    # Signed out: the person's pages now ask to sign in.
    assert client.get(reverse("reporting:my_observations")).status_code == 302


def test_receipt_still_works_after_deletion(client, reporter, org_a):
    observation = ObservationFactory(organisation=org_a, reporter=reporter)
    client.force_login(reporter)
    client.post(DELETE, {"password": "password-for-tests"})
    response = client.get(reverse("reporting:follow_up", args=[observation.receipt_code]))
    assert response.status_code == 200
