"""An organisation's administrator manages its members and teams on Sora's own pages, and
only there: never another organisation's people, never their own membership's organisation
or role."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.models import AuditEvent, Membership, Profession, Role, Team, User
from accounts.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def admin_client(client, admin_member):
    client.force_login(admin_member)
    return client


def _url(name, organisation, *args):
    return reverse(f"accounts:{name}", args=[organisation.pk, *args])


def _member_data(role="reporter", profession="social_worker", team=""):
    profession_pk = Profession.objects.get(code=profession).pk
    return {"role": role, "profession": profession_pk, "team": team}


# Reading -------------------------------------------------------------------------------------


def test_the_list_shows_the_members_with_their_roles(admin_client, org_a, reporter, analyst):
    response = admin_client.get(_url("members", org_a))
    assert response.status_code == 200
    content = response.content.decode()
    assert "reporter@example.org" in content and "analyst@example.org" in content
    assert "Raportoija" in content and "Analyytikko" in content  # roles, in Finnish


def test_the_list_shows_no_member_of_another_organisation(admin_client, org_a, outsider):
    assert "outsider" not in admin_client.get(_url("members", org_a)).content.decode()


def test_one_organisation_leads_straight_to_its_members(admin_client, org_a):
    response = admin_client.get(reverse("accounts:organisation"))
    assert response.url == _url("members", org_a)


def test_several_organisations_are_offered_to_choose_from(admin_client, admin_member, org_b):
    MembershipFactory(user=admin_member, organisation=org_b, role=Role.ADMIN)
    response = admin_client.get(reverse("accounts:organisation"))
    assert response.status_code == 200
    assert _url("members", org_b) in response.content.decode()


def test_the_navigation_leads_an_administrator_to_the_pages(admin_client, client, reporter):
    assert reverse("accounts:organisation") in admin_client.get("/").content.decode()
    client.force_login(reporter)
    assert reverse("accounts:organisation") not in client.get("/").content.decode()


def test_the_list_takes_a_fixed_number_of_queries(
    admin_client, org_a, django_assert_max_num_queries
):
    for number in range(20):
        team = Team.objects.create(organisation=org_a, name=f"Tiimi {number}")
        MembershipFactory(organisation=org_a, team=team)
    with django_assert_max_num_queries(12):
        assert admin_client.get(_url("members", org_a)).status_code == 200


# Adding people -------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["newcomer", "NEWCOMER@example.org"])
def test_an_existing_account_is_added_by_username_or_e_mail(admin_client, org_a, typed):
    newcomer = UserFactory(username="newcomer")
    data = {"person": typed} | _member_data(role="analyst")
    response = admin_client.post(_url("member_add", org_a), data)
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer)
    assert (membership.organisation, membership.role) == (org_a, "analyst")
    event = AuditEvent.objects.get(action="membership_added", target=f"user:{newcomer.pk}")
    assert event.organisation == org_a
    assert event.actor.username == "orgadmin"


def test_an_unknown_account_gets_a_clear_message(admin_client, org_a):
    data = {"person": "nobody@example.org"} | _member_data()
    response = admin_client.post(_url("member_add", org_a), data)
    assert response.status_code == 400
    assert "nobody@example.org" in response.content.decode()  # what was typed is kept
    assert "error-summary" in response.content.decode()
    assert Membership.objects.filter(organisation=org_a).count() == 1


def test_a_member_cannot_be_added_twice(admin_client, org_a, reporter):
    data = {"person": "reporter"} | _member_data(role="admin")
    assert admin_client.post(_url("member_add", org_a), data).status_code == 400
    assert reporter.memberships.get().role == "reporter"


def test_a_team_of_another_organisation_is_refused(admin_client, org_a, org_b):
    UserFactory(username="newcomer")
    other_team = Team.objects.create(organisation=org_b, name="Muu tiimi")
    data = {"person": "newcomer"} | _member_data(team=other_team.pk)
    assert admin_client.post(_url("member_add", org_a), data).status_code == 400
    assert not Membership.objects.filter(user__username="newcomer").exists()


def test_a_new_account_gets_a_link_for_choosing_a_password(client, admin_client, org_a):
    data = {
        "new-username": "uusi",
        "new-email": "uusi@example.org",
        "new-first_name": "Uusi",
        "new-last_name": "Henkilö",
    } | {f"new-{key}": value for key, value in _member_data(role="reader").items()}
    response = admin_client.post(_url("member_create", org_a), data)
    assert response.status_code == 302
    person = User.objects.get(username="uusi")
    assert person.memberships.get().organisation == org_a
    assert AuditEvent.objects.filter(action="account_created", organisation=org_a).exists()
    (message,) = mail.outbox
    assert message.to == ["uusi@example.org"]
    link = re.search(r"https?://\S+/password/reset/\S+/", message.body).group(0)
    client.logout()
    page = client.get(link.removeprefix(settings.SITE_URL), follow=True)
    assert page.status_code == 200
    assert "new_password1" in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value"), [("new-username", "REPORTER"), ("new-email", "Reporter@example.org")]
)
def test_a_new_account_cannot_take_a_username_or_e_mail_in_use(
    admin_client, org_a, reporter, field, value
):
    data = {"new-username": "uusi", "new-email": "uusi@example.org"} | {field: value}
    data |= {f"new-{key}": value for key, value in _member_data().items()}
    response = admin_client.post(_url("member_create", org_a), data)
    assert response.status_code == 400
    assert not User.objects.filter(username="uusi").exists()
    assert mail.outbox == []


# Changing and removing -----------------------------------------------------------------------


def test_a_role_profession_and_team_are_changed(admin_client, org_a, reporter):
    membership = reporter.memberships.get()
    team = Team.objects.create(organisation=org_a, name="Aikuissosiaalityö")
    data = _member_data(role="analyst", profession="nurse", team=team.pk)
    response = admin_client.post(_url("member_edit", org_a, membership.pk), data)
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.profession.code, membership.team) == (
        "analyst",
        "nurse",
        team,
    )
    assert AuditEvent.objects.filter(action="role_changed", organisation=org_a).exists()
    assert AuditEvent.objects.filter(action="membership_changed", organisation=org_a).exists()


def test_an_administrator_keeps_their_own_role(admin_client, org_a, admin_member):
    own = admin_member.memberships.get()
    data = _member_data(role="reporter", profession="nurse")
    admin_client.post(_url("member_edit", org_a, own.pk), data)
    own.refresh_from_db()
    assert (own.role, own.profession.code) == ("admin", "nurse")


def test_a_member_is_removed_after_confirmation(admin_client, org_a, reporter):
    membership = reporter.memberships.get()
    url = _url("member_remove", org_a, membership.pk)
    assert admin_client.get(url).status_code == 200
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert admin_client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=reporter.pk).exists()
    assert AuditEvent.objects.filter(action="membership_removed", organisation=org_a).exists()


def test_an_administrator_cannot_remove_their_own_membership(admin_client, org_a, admin_member):
    own = admin_member.memberships.get()
    assert admin_client.post(_url("member_remove", org_a, own.pk)).status_code == 400
    assert Membership.objects.filter(pk=own.pk).exists()


# The finding: nothing reaches another organisation -----------------------------------------


def test_another_organisations_member_cannot_be_changed(admin_client, org_b, outsider):
    membership = outsider.memberships.get()
    data = _member_data(role="reader")
    assert admin_client.post(_url("member_edit", org_b, membership.pk), data).status_code == 404
    assert admin_client.post(_url("member_remove", org_b, membership.pk)).status_code == 404
    assert Membership.objects.get(pk=membership.pk).role == "analyst"


def test_another_organisations_member_cannot_be_reached_through_ones_own(
    admin_client, org_a, outsider
):
    membership = outsider.memberships.get()
    data = _member_data(role="reader")
    assert admin_client.post(_url("member_edit", org_a, membership.pk), data).status_code == 404
    assert Membership.objects.get(pk=membership.pk).role == "analyst"


def test_no_role_is_given_in_another_organisation(admin_client, org_b):
    UserFactory(username="newcomer")
    data = {"person": "newcomer"} | _member_data(role="admin")
    assert admin_client.post(_url("member_add", org_b), data).status_code == 404
    assert not Membership.objects.filter(organisation=org_b, user__username="newcomer").exists()


def test_an_administrator_cannot_move_their_own_membership(
    admin_client, org_a, org_b, admin_member
):
    own = admin_member.memberships.get()
    data = _member_data(role="admin") | {"organisation": org_b.pk, "user": 1}
    admin_client.post(_url("member_edit", org_a, own.pk), data)
    own.refresh_from_db()
    assert (own.organisation, own.user) == (org_a, admin_member)
    assert not AuditEvent.objects.filter(action="membership_moved").exists()


def test_an_administrator_cannot_make_themselves_admin_elsewhere(admin_client, org_b, admin_member):
    data = {"person": admin_member.username} | _member_data(role="admin")
    assert admin_client.post(_url("member_add", org_b), data).status_code == 404
    assert list(admin_member.memberships.values_list("organisation", flat=True)) == [
        admin_member.memberships.get().organisation_id
    ]


@pytest.mark.parametrize("persona", ["reporter", "analyst", "reader"])
def test_other_roles_are_refused(client, org_a, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url("members", org_a)).status_code == 403
    data = {"person": persona} | _member_data(role="admin")
    assert client.post(_url("member_add", org_a), data).status_code == 403


# Teams ---------------------------------------------------------------------------------------


def test_a_team_is_added_renamed_and_deleted(admin_client, org_a, reporter):
    assert admin_client.post(_url("teams", org_a), {"name": "Lastensuojelu"}).status_code == 302
    team = org_a.teams.get()
    membership = reporter.memberships.get()
    membership.team = team
    membership.save()
    url = _url("team_edit", org_a, team.pk)
    assert admin_client.post(url, {"name": "Lastensuojelu ja perheet"}).status_code == 302
    assert org_a.teams.get().name == "Lastensuojelu ja perheet"
    assert admin_client.post(_url("team_delete", org_a, team.pk)).status_code == 302
    assert not org_a.teams.exists()
    membership.refresh_from_db()
    assert membership.team is None
    assert AuditEvent.objects.filter(action="delete", target=f"team:{team.pk}").exists()


def test_a_team_name_is_unique_in_the_organisation(admin_client, org_a):
    Team.objects.create(organisation=org_a, name="Lastensuojelu")
    response = admin_client.post(_url("teams", org_a), {"name": "lastensuojelu"})
    assert response.status_code == 400
    assert org_a.teams.count() == 1


def test_a_team_name_with_a_phone_number_is_refused_on_the_field(admin_client, org_a):
    team = Team.objects.create(organisation=org_a, name="Lastensuojelu")
    response = admin_client.post(
        _url("team_edit", org_a, team.pk), {"name": "Lastensuojelu 040 1234567"}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "040 1234567" in content  # kept in the field
    assert "<h1>Tiimi Lastensuojelu</h1>" in content
    assert org_a.teams.get().name == "Lastensuojelu"


def test_another_organisations_team_is_not_found(admin_client, org_a, org_b):
    team = Team.objects.create(organisation=org_b, name="Muu tiimi")
    assert admin_client.get(_url("team_edit", org_a, team.pk)).status_code == 404
    assert admin_client.post(_url("team_delete", org_a, team.pk)).status_code == 404
    assert Team.objects.filter(pk=team.pk).exists()


# Pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_page_has_one_h1(admin_client, org_a, reporter, language):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    team = Team.objects.create(organisation=org_a, name="Lastensuojelu")
    membership = reporter.memberships.get()
    urls = [
        _url("members", org_a),
        _url("member_add", org_a),
        _url("member_edit", org_a, membership.pk),
        _url("member_remove", org_a, membership.pk),
        _url("teams", org_a),
        _url("team_edit", org_a, team.pk),
    ]
    for url in urls:
        content = admin_client.get(url).content.decode()
        assert len(re.findall(r"<h1[ >]", content)) == 1, url
        assert f'<html lang="{language}">' in content, url
