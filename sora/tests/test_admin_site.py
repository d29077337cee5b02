"""The Django admin opens only to installation administrators (active superusers): not to
staff, however many model permissions they hold, and not to organisation administrators."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import AuditEvent, Membership, Role

URL = reverse("admin:index")


def _staff(user, superuser=False):
    user.is_staff = True
    user.is_superuser = superuser
    user.save()
    return user


def _with_every_permission(user):
    """Staff status and every model permission, as an organisation administrator might once
    have been given."""
    _staff(user)
    user.user_permissions.set(Permission.objects.all())
    return user


def _refused(response) -> bool:
    return response.status_code == 302 and reverse("admin:login") in response.url


@pytest.mark.parametrize("persona", ["reporter", "analyst", "reader", "admin_member", "outsider"])
def test_staff_without_superuser_status_is_refused(client, db, request, persona):
    client.force_login(_staff(request.getfixturevalue(persona)))
    assert _refused(client.get(URL))


def test_an_organisation_admin_without_staff_status_is_refused(client, admin_member):
    client.force_login(admin_member)
    assert _refused(client.get(URL))


def test_the_installation_superuser_gets_in(client, django_user_model):
    client.force_login(_staff(django_user_model.objects.create(username="root"), superuser=True))
    assert client.get(URL).status_code == 200


def test_an_inactive_superuser_is_refused(client, django_user_model):
    root = _staff(django_user_model.objects.create(username="root"), superuser=True)
    root.is_active = False
    root.save()
    client.force_login(root)
    assert _refused(client.get(URL))


class TestTheFinding:
    """An NGO administrator with staff status and model permissions once changed a county
    reporter's role and moved their own membership into the county through the admin."""

    def test_it_cannot_open_a_membership_of_another_organisation(self, client, outsider, reporter):
        _make_admin(outsider)
        client.force_login(_with_every_permission(outsider))
        county_membership = reporter.memberships.get()
        url = reverse("admin:accounts_membership_change", args=[county_membership.pk])
        assert _refused(client.get(url))

    def test_it_cannot_change_another_organisations_role(self, client, outsider, reporter):
        _make_admin(outsider)
        client.force_login(_with_every_permission(outsider))
        county_membership = reporter.memberships.get()
        url = reverse("admin:accounts_membership_change", args=[county_membership.pk])
        response = client.post(
            url,
            {
                "user": reporter.pk,
                "organisation": county_membership.organisation_id,
                "role": Role.READER,
                "profession": county_membership.profession_id,
            },
        )
        assert _refused(response)
        assert Membership.objects.get(pk=county_membership.pk).role == Role.REPORTER
        assert not AuditEvent.objects.filter(
            action="role_changed", target=f"user:{reporter.pk}"
        ).exists()

    def test_it_cannot_move_its_own_membership(self, client, outsider, org_a, org_b):
        own = outsider.memberships.get()
        own.role = Role.ADMIN
        own.save()
        client.force_login(_with_every_permission(outsider))
        url = reverse("admin:accounts_membership_change", args=[own.pk])
        response = client.post(
            url,
            {
                "user": outsider.pk,
                "organisation": org_a.pk,
                "role": Role.ADMIN,
                "profession": own.profession_id,
            },
        )
        assert _refused(response)
        assert Membership.objects.get(pk=own.pk).organisation == org_b


def _make_admin(user):
    for membership in user.memberships.all():
        membership.role = Role.ADMIN
        membership.save()
