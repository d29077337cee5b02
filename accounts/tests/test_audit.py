"""The audit log records each listed action, cannot be changed, and admins browse it."""

import datetime as dt
import hashlib
import io
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.audit import record_event
from accounts.models import AuditEvent, Membership, Profession
from accounts.tests.factories import MembershipFactory
from reporting.tests.factories import CampaignFactory, ObservationFactory
from tests.stored_search import places_holding


@pytest.fixture
def site_admin(admin_member):
    """An organisation administrator who also has staff status for the Django admin."""
    admin_member.is_staff = True
    admin_member.is_superuser = True
    admin_member.save()
    return admin_member


def events(action):
    return AuditEvent.objects.filter(action=action)


def test_a_reporters_view_of_their_own_observation_is_recorded_without_naming_it(
    client, reporter, admin_member, org_a
):
    observation = ObservationFactory(organisation=org_a, reporter=reporter)
    client.force_login(reporter)
    client.get(
        reverse("reporting:observation_detail", args=[observation.pk]), REMOTE_ADDR="10.1.2.3"
    )
    event = events("view_observation").get(actor=reporter)
    assert (event.target, event.ip) == ("own observation", "10.1.2.3")
    # The organisation's administrator reads the log: it must not tell who wrote what.
    client.force_login(admin_member)
    page = client.get(reverse("accounts:audit_log")).content.decode()
    assert "reporter" in page
    assert f"observation:{observation.pk}" not in page


def test_analyst_observation_view_is_recorded(client, analyst, org_a):
    observation = ObservationFactory(organisation=org_a)
    client.force_login(analyst)
    client.get(reverse("analysis:observation", args=[observation.pk]))
    assert events("view_observation").get(actor=analyst).target == f"observation:{observation.pk}"


def test_an_analysts_view_through_the_reporters_page_names_the_observation(client, analyst, org_a):
    observation = ObservationFactory(organisation=org_a)
    client.force_login(analyst)
    client.get(reverse("reporting:observation_detail", args=[observation.pk]))
    assert events("view_observation").get(actor=analyst).target == f"observation:{observation.pk}"


def test_codebook_export_is_recorded(client, analyst):
    client.force_login(analyst)
    client.get(reverse("analysis:codebook_export"))
    assert events("export").filter(actor=analyst, target="codebook").exists()


def test_export_command_is_recorded_by_the_file_content_not_its_name(org_a, tmp_path):
    ObservationFactory(organisation=org_a)
    named = tmp_path / "matti_virtanen_131052-308T.csv"
    call_command("export_observations", "--output", str(named), stderr=io.StringIO())
    event = events("export").get()
    digest = hashlib.sha256(named.read_bytes()).hexdigest()
    assert event.target == f"sha256:{digest}"
    assert "virtanen" not in json.dumps([event.target, event.detail]).lower()


def test_role_changes_are_recorded_with_who_did_it(client, site_admin, org_a, reporter):
    membership = reporter.memberships.get()
    client.force_login(site_admin)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    response = client.post(
        url,
        {
            "user": reporter.pk,
            "organisation": org_a.pk,
            "role": "analyst",
            "profession": membership.profession_id,
            "team": "",
        },
        REMOTE_ADDR="10.9.8.7",
    )
    assert response.status_code == 302
    event = events("role_changed").get()
    assert (event.actor, event.ip, event.organisation) == (site_admin, "10.9.8.7", org_a)
    assert event.detail == {
        "person": "reporter",
        "role": "analyst",
        "previous_role": "reporter",
        "membership": membership.pk,
    }


def test_moving_a_membership_to_another_organisation_in_the_admin_is_recorded_in_both(
    client, site_admin, org_a, org_b, reporter
):
    membership = reporter.memberships.get()
    client.force_login(site_admin)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    data = {
        "user": reporter.pk,
        "organisation": org_b.pk,
        "role": "reporter",
        "profession": membership.profession_id,
        "team": "",
    }
    assert client.post(url, data, REMOTE_ADDR="10.9.8.7").status_code == 302
    moved = events("membership_moved").filter(detail__membership=membership.pk)
    assert {event.organisation for event in moved} == {org_a, org_b}
    assert {event.actor for event in moved} == {site_admin}
    assert {event.detail["person"] for event in moved} == {"reporter"}
    assert {
        (e.detail["previous_organisation_code"], e.detail["organisation_code"]) for e in moved
    } == {(org_a.code, org_b.code)}


def test_moving_a_membership_to_another_person_is_recorded_for_both(org_a, reporter, analyst):
    membership = reporter.memberships.get()
    analyst.memberships.get().delete()
    membership.user = analyst
    membership.save()
    (moved,) = events("membership_moved").filter(detail__membership=membership.pk)
    assert (moved.detail["previous_person"], moved.detail["person"]) == ("reporter", "analyst")
    assert moved.organisation == org_a


def test_memberships_are_not_changed_in_bulk_behind_the_audit(reporter, org_b):
    with pytest.raises(ValueError):
        Membership.objects.filter(user=reporter).update(organisation=org_b)
    with pytest.raises(ValueError):
        Membership.objects.bulk_create([Membership(user=reporter, organisation=org_b)])
    assert reporter.memberships.get().organisation != org_b


def test_membership_added_and_removed_are_recorded(org_a, org_b, reporter):
    added = Membership.objects.create(
        user=reporter,
        organisation=org_b,
        role="reader",
        profession=Profession.objects.get(code="social_worker"),
    )
    assert events("membership_added").filter(organisation=org_b).count() == 1
    added.delete()
    removed = events("membership_removed").get()
    assert removed.detail["previous_role"] == "reader"
    assert removed.organisation == org_b


def test_moving_a_membership_in_the_admin_is_recorded_for_both_organisations(
    client, site_admin, org_a, org_b, reporter
):
    membership = reporter.memberships.get()
    client.force_login(site_admin)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    data = {"user": reporter.pk, "organisation": org_b.pk, "role": "admin"}
    data |= {"profession": membership.profession_id, "team": ""}
    assert client.post(url, data).status_code == 302
    moved = events("membership_moved")
    assert set(moved.values_list("organisation", flat=True)) == {org_a.pk, org_b.pk}
    detail = moved.first().detail
    assert (detail["previous_organisation_code"], detail["organisation_code"]) == ("org-a", "org-b")
    assert (detail["previous_role"], detail["role"]) == ("reporter", "admin")
    assert not events("role_changed").exists()


def test_giving_a_membership_to_another_person_is_recorded(org_a, reporter, analyst):
    membership = reporter.memberships.get()
    analyst.memberships.all().delete()
    membership.user = analyst
    membership.save()
    event = events("membership_moved").get()
    assert (event.detail["previous_person"], event.detail["person"]) == ("reporter", "analyst")
    assert event.organisation == org_a


def test_a_new_profession_or_team_is_recorded(org_a, reporter):
    membership = reporter.memberships.get()
    membership.team = org_a.teams.create(name="Lastensuojelu")
    membership.profession = Profession.objects.get(code="nurse")
    membership.save()
    event = events("membership_changed").get()
    assert event.detail["profession"] == "nurse"
    assert event.detail["previous_profession"] == "social_worker"
    assert (event.detail["team"], event.detail["previous_team"]) == (membership.team_id, None)


def test_giving_superuser_status_is_recorded(reporter):
    reporter.is_superuser = True
    reporter.save()
    event = events("rights_changed").get(target=f"user:{reporter.pk}")
    assert event.detail == {"person": "reporter", "is_superuser": True}


def test_signing_in_records_no_change_of_rights(client, reporter):
    response = client.post(
        reverse("accounts:login"), {"username": "reporter", "password": "password-for-tests"}
    )
    assert response.status_code == 302
    assert not events("rights_changed").exists()


def test_saving_a_membership_without_change_records_nothing(reporter):
    before = AuditEvent.objects.count()
    reporter.memberships.get().save()
    assert AuditEvent.objects.count() == before


def test_deleting_a_campaign_in_the_admin_is_recorded(client, site_admin, org_a):
    campaign = CampaignFactory(owner=org_a, title_fi="Syyskysely")
    client.force_login(site_admin)
    url = reverse("admin:reporting_campaign_delete", args=[campaign.pk])
    assert client.post(url, {"post": "yes"}, REMOTE_ADDR="10.0.0.5").status_code == 302
    event = events("delete").get(target=f"campaign:{campaign.pk}")
    assert (event.actor, event.organisation, event.ip) == (site_admin, org_a, "10.0.0.5")
    assert event.detail == {"name": "Syyskysely"}


def test_deleting_an_observation_is_recorded_without_its_text(org_a):
    observation = ObservationFactory(organisation=org_a)
    pk = observation.pk
    observation.delete()
    event = events("delete").get(target=f"observation:{pk}")
    assert event.organisation == org_a
    assert event.detail == {}


def test_deleting_a_person_is_recorded_under_a_pseudonym(site_admin, reporter):
    pk = reporter.pk
    reporter.delete()
    deleted = events("delete").get(target=f"user:{pk}")
    assert deleted.detail["name"].startswith("#")
    removed = events("membership_removed").get(target=f"user:{pk}")
    assert removed.detail["person"] == deleted.detail["name"]


def test_a_deleted_accounts_name_leaves_the_audit_trail_and_its_events_stay_linked(
    client, site_admin, org_a
):
    maija = MembershipFactory(organisation=org_a, user__username="maija.virtanen").user
    pk = maija.pk
    client.post(reverse("accounts:login"), {"username": "MAIJA.VIRTANEN", "password": "wrong"})
    client.post(
        reverse("accounts:login"), {"username": "maija.virtanen", "password": "password-for-tests"}
    )
    observation = ObservationFactory(organisation=org_a, reporter=maija)
    client.get(reverse("reporting:observation_detail", args=[observation.pk]))
    client.post(reverse("accounts:logout"))
    client.force_login(site_admin)
    # The admin's own history names the account too: give it a membership there first.
    changed = client.post(
        reverse("admin:accounts_membership_change", args=[maija.memberships.get().pk]),
        {
            "user": pk,
            "organisation": org_a.pk,
            "role": "analyst",
            "profession": maija.memberships.get().profession_id,
            "team": "",
        },
    )
    assert changed.status_code == 302
    url = reverse("admin:accounts_user_delete", args=[pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert places_holding(["maija.virtanen"]) == []
    pseudonym = events("delete").get(target=f"user:{pk}").detail["name"]
    own = AuditEvent.objects.filter(actor_label=pseudonym)
    assert set(own.values_list("action", flat=True)) == {
        "sign_in",
        "sign_out",
        "view_observation",
        "sign_in_failed",
    }
    assert not own.exclude(actor=None).exists()
    assert events("membership_removed").get(target=f"user:{pk}").detail["person"] == pseudonym
    titles = set(LogEntry.objects.values_list("object_repr", flat=True))
    assert pseudonym in titles
    assert any(title.startswith(f"{pseudonym} – ") for title in titles)
    # Administrators read that the account was deleted, in their language.
    client.cookies["django_language"] = "en"  # signing in above chose the account's language
    page = client.get(reverse("accounts:audit_log")).content.decode()
    assert f"deleted account {pseudonym}" in page


def test_the_pseudonym_is_stable_per_account_and_keyed(settings):
    from accounts.audit import pseudonym_for

    assert pseudonym_for(7) == pseudonym_for(7) != pseudonym_for(8)
    before = pseudonym_for(7)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only"
    assert pseudonym_for(7) != before


def test_events_cannot_be_changed_or_deleted_in_bulk(reporter):
    record_event(action="export", actor=reporter)
    with pytest.raises(ValueError):
        AuditEvent.objects.all().delete()
    with pytest.raises(ValueError):
        AuditEvent.objects.update(target="x")
    assert AuditEvent.objects.filter(action="export").count() == 1


def test_expire_removes_only_old_events(reporter):
    record_event(action="export", actor=reporter)
    assert AuditEvent.objects.expire(before=timezone.now() - dt.timedelta(days=1)) == 0
    assert AuditEvent.objects.expire(before=timezone.now() + dt.timedelta(seconds=1)) >= 1


# The audit log page ------------------------------------------------------------------------

URL = reverse("accounts:audit_log")


def test_admin_sees_the_events_of_their_organisation(client, admin_member, reporter, outsider):
    record_event(action="export", actor=reporter, target="mine")
    record_event(action="export", actor=outsider, target="theirs")
    client.force_login(admin_member)
    content = client.get(URL).content.decode()
    assert "mine" in content
    assert "theirs" not in content


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"action": "export"}, "exported-one", "signed-in-one"),
        ({"person": "REPORTER"}, "exported-one", "analyst-one"),
        ({"start": "2020-01-01", "end": "2020-01-31"}, "old-one", "exported-one"),
    ],
)
def test_filters(client, admin_member, reporter, analyst, query, shown, hidden):
    record_event(action="export", actor=reporter, target="exported-one")
    record_event(action="sign_in", actor=reporter, target="signed-in-one")
    record_event(action="view_observation", actor=analyst, target="analyst-one")
    record_event(action="export", actor=reporter, target="old-one")
    old = AuditEvent.objects.get(target="old-one")
    # Rows are append-only: only raw SQL can date one back.
    with connection.cursor() as cursor:
        table = AuditEvent._meta.db_table
        cursor.execute(
            f"UPDATE {table} SET at = %s WHERE id = %s",  # noqa: S608
            [dt.datetime(2020, 1, 15, tzinfo=dt.UTC), old.pk],
        )
    client.force_login(admin_member)
    content = client.get(URL, query).content.decode()
    assert shown in content
    assert hidden not in content


def test_organisation_filter(client, admin_member, org_a, reporter):
    MembershipFactory(user=admin_member, organisation__code="second", role="admin")
    second = admin_member.memberships.get(organisation__code="second").organisation
    record_event(action="export", actor=reporter, target="in-a", organisation=org_a)
    record_event(action="export", actor=reporter, target="in-second", organisation=second)
    client.force_login(admin_member)
    content = client.get(URL, {"organisation": second.pk}).content.decode()
    assert "in-second" in content and "in-a" not in content


def test_bad_dates_get_a_clear_message(client, admin_member):
    client.force_login(admin_member)
    response = client.get(URL, {"start": "2025-02-01", "end": "2025-01-01"})
    assert response.status_code == 400
    assert "alkupäivää" in response.content.decode()


def test_it_pages(client, admin_member, reporter):
    AuditEvent.objects.bulk_create(
        AuditEvent(action="export", actor=reporter, actor_label="reporter") for _ in range(60)
    )
    client.force_login(admin_member)
    first = client.get(URL)
    second = client.get(URL, {"page": 2})
    assert first.context["page"].paginator.num_pages == 2
    assert len(second.context["page"].object_list) == first.context["page"].paginator.count - 50


@pytest.mark.parametrize("persona", ["reporter", "analyst", "reader", "outsider"])
def test_only_admins_browse_it(client, db, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_behind_a_proxy_the_audit_log_keeps_the_address_the_proxy_saw(client, reporter, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    client.post(
        reverse("accounts:login"),
        {"username": "reporter", "password": "password-for-tests"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7",
    )
    assert events("sign_in").get().ip == "203.0.113.7"
