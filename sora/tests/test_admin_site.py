"""The Django admin opens only to Sora's administrators, not to anyone with staff status."""

import pytest
from django.urls import reverse

URL = reverse("admin:index")


def _staff(user, superuser=False):
    user.is_staff = True
    user.is_superuser = superuser
    user.save()
    return user


@pytest.mark.parametrize("persona", ["reporter", "analyst", "reader", "outsider"])
def test_staff_without_an_admin_role_is_refused(client, db, request, persona):
    client.force_login(_staff(request.getfixturevalue(persona)))
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_an_organisation_admin_with_staff_status_gets_in(client, admin_member):
    client.force_login(_staff(admin_member))
    assert client.get(URL).status_code == 200


def test_an_organisation_admin_without_staff_status_is_refused(client, admin_member):
    client.force_login(admin_member)
    assert client.get(URL).status_code == 302


def test_the_installation_superuser_gets_in(client, django_user_model):
    client.force_login(_staff(django_user_model.objects.create(username="root"), superuser=True))
    assert client.get(URL).status_code == 200
