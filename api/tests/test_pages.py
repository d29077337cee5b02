"""The keys page and the disclosure log."""

import uuid

from django.urls import reverse

from accounts.models import AuditEvent
from accounts.tests.factories import MembershipFactory, UserFactory
from api import tokens
from api.models import ApiToken, Disclosure

KEYS = reverse("api_pages:keys")


def _new(client, **changes):
    data = {
        "name": "Power BI",
        "scopes": ["observations:read"],
        "days": "90",
        "creation_key": str(uuid.uuid4()),
    }
    return client.post(KEYS, data | changes)


def test_a_new_key_is_shown_once_and_kept_as_a_digest(client, analyst):
    client.force_login(analyst)
    response = _new(client)
    assert response.status_code == 200
    key = response.context["key"]
    assert key.startswith("sora_") and key in response.content.decode()
    token = ApiToken.objects.get()
    assert (token.user, token.scopes, token.created_by) == (analyst, ["observations:read"], analyst)
    assert tokens.find(key) == token
    assert key not in client.get(KEYS).content.decode()
    assert AuditEvent.objects.filter(action="api_token_created").count() == 1


def test_sending_the_form_twice_makes_one_key(client, analyst):
    client.force_login(analyst)
    same = str(uuid.uuid4())
    _new(client, creation_key=same)
    again = _new(client, creation_key=same)
    assert again.status_code == 302
    assert ApiToken.objects.count() == 1


def test_a_name_with_personal_data_is_refused_and_kept(client, analyst):
    client.force_login(analyst)
    response = _new(client, name="Avain 131052-308T")
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    assert "131052-308T" in response.content.decode()  # what was typed is not lost


def test_no_scope_beyond_the_persons_roles(client, reporter):
    client.force_login(reporter)
    response = _new(client)
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    assert _new(client, scopes=["observations:write"]).status_code == 200


def test_a_person_revokes_their_own_key_only(client, analyst, reporter):
    token, _key = tokens.create(user=analyst, name="BI", scopes=[], days=30)
    client.force_login(reporter)
    assert client.post(reverse("api_pages:revoke", args=[token.pk])).status_code == 404
    client.force_login(analyst)
    assert client.post(reverse("api_pages:revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token_revoked").count() == 1


def test_an_installation_administrator_makes_a_key_for_a_system(client, org_a):
    root = UserFactory(is_superuser=True, is_staff=True)
    system = MembershipFactory(organisation=org_a, role="reporter").user
    client.force_login(root)
    response = _new(client, person=system.pk, scopes=["observations:write"])
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert (token.user, token.created_by) == (system, root)
    # ... but not with more than the system's account may do.
    assert _new(client, person=system.pk).status_code == 400


def test_an_organisation_admin_sees_the_disclosures_of_their_members(
    client, admin_member, analyst, outsider
):
    Disclosure.objects.create(user=analyst, user_label="analyst", token_label="t", path="/a")
    Disclosure.objects.create(user=outsider, user_label="outsider", token_label="t", path="/b")
    client.force_login(admin_member)
    page = client.get(reverse("api_pages:disclosures"))
    assert [d.user_label for d in page.context["page"].object_list] == ["analyst"]
    download = client.get(reverse("api_pages:disclosures_csv")).content.decode("utf-8-sig")
    assert "analyst" in download and "outsider" not in download
    assert AuditEvent.objects.filter(action="export", target="api_disclosures").count() == 1
