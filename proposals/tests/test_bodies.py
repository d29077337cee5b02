"""An organisation's administrator chooses the members of its own recipient bodies from its
decision-makers; bodies of other organisations and of the whole installation are not theirs."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import AuditEvent, Membership, Profession
from accounts.tests.factories import MembershipFactory
from proposals import access
from proposals.tests.factories import RecipientBodyFactory


@pytest.fixture
def own_body(org_a):
    return RecipientBodyFactory(organisation=org_a, name_fi="Johtoryhmä A")


@pytest.fixture
def other_body(org_b):
    return RecipientBodyFactory(organisation=org_b, name_fi="Johtoryhmä B")


@pytest.fixture
def admin_client(client, admin_member):
    client.force_login(admin_member)
    return client


def _add(client, body, person):
    url = reverse("proposals:body_member_add", args=[body.pk])
    return client.post(url, {"person": person.pk})


def _remove(client, body, person):
    return client.post(reverse("proposals:body_member_remove", args=[body.pk, person.pk]))


def test_the_list_shows_only_the_organisations_own_bodies(admin_client, own_body, other_body):
    installation_body = RecipientBodyFactory(name_fi="Aluehallitus")
    content = admin_client.get(reverse("proposals:bodies")).content.decode()
    assert own_body.name_fi in content
    assert other_body.name_fi not in content and installation_body.name_fi not in content


def test_a_decision_maker_is_added_and_removed(admin_client, own_body, reader, org_a):
    assert _add(admin_client, own_body, reader).status_code == 302
    assert own_body.members.filter(pk=reader.pk).exists()
    added = AuditEvent.objects.get(action="body_member_added")
    assert (added.organisation, added.detail["person"]) == (org_a, "reader")
    assert added.actor.username == "orgadmin"
    assert _remove(admin_client, own_body, reader).status_code == 302
    assert not own_body.members.exists()
    assert AuditEvent.objects.filter(action="body_member_removed", organisation=org_a).exists()


def test_the_new_member_reads_what_is_sent_to_the_body(admin_client, own_body, reader):
    _add(admin_client, own_body, reader)
    assert list(access.bodies_for_decision_maker(reader)) == [own_body]


@pytest.mark.parametrize("persona", ["reporter", "analyst", "admin_member"])
def test_only_the_organisations_decision_makers_can_be_added(
    admin_client, own_body, request, persona
):
    person = request.getfixturevalue(persona)
    assert _add(admin_client, own_body, person).status_code == 400
    assert not own_body.members.exists()


def test_another_organisations_decision_maker_cannot_be_added(admin_client, own_body, org_b):
    stranger = MembershipFactory(organisation=org_b, role="reader").user
    assert _add(admin_client, own_body, stranger).status_code == 400
    assert not own_body.members.exists()


def test_other_organisations_and_installation_bodies_are_not_found(
    admin_client, other_body, reader, outsider
):
    installation_body = RecipientBodyFactory()
    installation_body.members.add(outsider)
    for body in (other_body, installation_body):
        assert admin_client.get(reverse("proposals:body", args=[body.pk])).status_code == 404
        assert _add(admin_client, body, reader).status_code == 404
        assert _remove(admin_client, body, outsider).status_code == 404
    assert not other_body.members.exists()
    assert installation_body.members.filter(pk=outsider.pk).exists()


@pytest.mark.parametrize("persona", ["reporter", "analyst", "reader", "outsider"])
def test_other_roles_are_refused(client, own_body, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("proposals:bodies")).status_code == 403
    assert client.get(reverse("proposals:body", args=[own_body.pk])).status_code == 403


def test_a_person_leaves_the_body_when_they_stop_being_a_decision_maker(own_body, reader):
    own_body.members.add(reader)
    membership = reader.memberships.get()
    membership.role = "analyst"
    membership.save()
    assert not own_body.members.exists()
    assert AuditEvent.objects.filter(action="body_member_removed").exists()


def test_a_person_leaves_the_body_with_their_membership(own_body, reader):
    own_body.members.add(reader)
    reader.memberships.get().delete()
    assert not own_body.members.exists()


def test_a_decision_maker_elsewhere_stays_in_installation_bodies(reader, org_b):
    board = RecipientBodyFactory()
    board.members.add(reader)
    Membership.objects.create(
        user=reader,
        organisation=org_b,
        role="reader",
        profession=Profession.objects.get(code="manager"),
    )
    reader.memberships.get(organisation__code="org-a").delete()
    assert board.members.filter(pk=reader.pk).exists()


def test_every_way_of_changing_members_is_recorded(own_body, reader, org_a):
    reader.recipient_bodies.add(own_body)
    own_body.members.clear()
    actions = AuditEvent.objects.filter(target=f"recipientbody:{own_body.pk}")
    assert list(actions.order_by("id").values_list("action", "detail__person")) == [
        ("body_member_added", "reader"),
        ("body_member_removed", "reader"),
    ]


def test_the_admin_refuses_a_member_who_is_no_decision_maker(client, own_body, reporter, org_a):
    root = type(reporter).objects.create(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    url = reverse("admin:proposals_recipientbody_change", args=[own_body.pk])
    data = {
        "code": own_body.code,
        "name_fi": own_body.name_fi,
        "name_sv": "",
        "name_en": "",
        "order": 0,
        "organisation": org_a.pk,
        "members": [reporter.pk],
        "is_active": "on",
    }
    assert client.post(url, data).status_code == 200
    assert not own_body.members.exists()


def test_the_navigation_leads_to_the_bodies(admin_client, own_body, client, reader):
    assert reverse("proposals:bodies") in admin_client.get("/").content.decode()
    client.force_login(reader)
    assert reverse("proposals:bodies") not in client.get("/").content.decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_page_has_one_h1(admin_client, own_body, language):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in (reverse("proposals:bodies"), reverse("proposals:body", args=[own_body.pk])):
        content = admin_client.get(url).content.decode()
        assert len(re.findall(r"<h1[ >]", content)) == 1, url
        assert f'<html lang="{language}">' in content, url
