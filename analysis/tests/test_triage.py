"""Fast triage (issue #14): remembered filters, bulk actions, assignments, "save and next",
exports of the list and adding found observations to a phenomenon."""

import csv
import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.tests.factories import MembershipFactory
from analysis import services
from analysis.models import Assignment, InboxPreference, PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from reporting.models import Municipality, Observation, Theme
from reporting.tests.factories import ObservationFactory

INBOX = reverse("analysis:inbox")
BULK = reverse("analysis:bulk")
NAME_TEXT = "Asukasyhdistyksen Toivo Kujala kertoi kerhosta."
NAME_CONFIRMED = [{"field": "text", "kind": "name", "text": "Toivo Kujala"}]


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def colleague(org_a):
    return MembershipFactory(organisation=org_a, role="analyst", user__username="colleague").user


def _listed(response) -> list[int]:
    return sorted(o.pk for o in response.context["page"].object_list)


# Remembered filters ----------------------------------------------------------------------


def test_the_inbox_opens_on_new_observations(signed_in, org_a):
    new = ObservationFactory(organisation=org_a)
    ObservationFactory(organisation=org_a, status="reviewed")
    response = signed_in.get(INBOX)
    assert _listed(response) == [new.pk]
    assert response.context["form"]["status"].value() == "new"


def test_the_last_filters_are_remembered_across_sign_outs(client, analyst, org_a):
    reviewed = ObservationFactory(organisation=org_a, status="reviewed", whole_county=False)
    seinajoki = Municipality.objects.get(code="743")
    reviewed.municipalities.add(seinajoki)
    ObservationFactory(organisation=org_a, status="reviewed")
    client.force_login(analyst)
    client.get(INBOX, {"status": "reviewed", "municipality": seinajoki.pk, "q": "jonot"})
    client.logout()
    again = Client()
    again.force_login(analyst)
    response = again.get(INBOX)
    assert _listed(response) == [reviewed.pk]
    stored = InboxPreference.objects.get(user=analyst).filters
    assert stored == {"status": "reviewed", "municipality": str(seinajoki.pk), "q": "jonot"}


def test_search_words_with_personal_data_are_not_remembered(signed_in, analyst, org_a):
    signed_in.get(INBOX, {"status": "new", "q": "131052-308T"})
    assert InboxPreference.objects.get(user=analyst).filters == {"status": "new"}


def test_all_statuses_is_remembered_too(signed_in, org_a):
    first = ObservationFactory(organisation=org_a)
    second = ObservationFactory(organisation=org_a, status="archived")
    assert _listed(signed_in.get(INBOX, {"status": ""})) == sorted([first.pk, second.pk])
    assert _listed(signed_in.get(INBOX)) == sorted([first.pk, second.pk])


def test_only_validated_values_are_stored(signed_in, analyst, org_a):
    signed_in.get(INBOX, {"status": "reviewed", "nonsense": "Toivo Kujala"})
    assert InboxPreference.objects.get(user=analyst).filters == {"status": "reviewed"}
    signed_in.get(INBOX, {"start": "not-a-date", "status": "new"})
    assert InboxPreference.objects.get(user=analyst).filters == {"status": "reviewed"}


def test_a_page_of_the_list_keeps_the_remembered_filters(signed_in, org_a):
    for _ in range(3):
        ObservationFactory(organisation=org_a, status="archived")
    signed_in.get(INBOX, {"status": "archived"})
    assert signed_in.get(INBOX, {"page": "1"}).context["page"].paginator.count == 3


def test_assigned_to_me(signed_in, analyst, colleague, org_a):
    mine, theirs = ObservationFactory(organisation=org_a), ObservationFactory(organisation=org_a)
    services.assign([mine], analyst, analyst)
    services.assign([theirs], colleague, analyst)
    ObservationFactory(organisation=org_a)
    assert _listed(signed_in.get(INBOX, {"assigned": "me", "status": ""})) == [mine.pk]
    assert len(_listed(signed_in.get(INBOX, {"assigned": "nobody", "status": ""}))) == 1


def test_the_wide_layout_is_used(signed_in, org_a):
    observation = ObservationFactory(organisation=org_a)
    assert 'class="wrap wrap--wide"' in signed_in.get(INBOX).content.decode()
    page = signed_in.get(reverse("analysis:observation", args=[observation.pk]))
    assert 'class="wrap wrap--wide"' in page.content.decode()


# Assignments -----------------------------------------------------------------------------


def test_assign_returns_only_the_observations_that_changed(analyst, colleague, org_a):
    first, second = ObservationFactory(organisation=org_a), ObservationFactory(organisation=org_a)
    services.assign([first], analyst, analyst)
    changed = services.assign([first, second], colleague, analyst)
    assert sorted(o.pk for o in changed) == sorted([first.pk, second.pk])
    assert services.assign([first, second], colleague, analyst) == []
    assert Assignment.objects.filter(assignee=colleague).count() == 2
    assert [o.pk for o in services.assign([first], None, analyst)] == [first.pk]
    assert not Assignment.objects.filter(observation=first).exists()


def test_assign_one_observation_on_its_page(signed_in, colleague, org_a):
    observation = ObservationFactory(organisation=org_a)
    url = reverse("analysis:assign", args=[observation.pk])
    assert signed_in.post(url, {"assignee": colleague.pk}).status_code == 302
    assert signed_in.post(url, {"assignee": colleague.pk}).status_code == 302
    assert Assignment.objects.get(observation=observation).assignee == colleague
    signed_in.post(url, {"assignee": ""})
    assert not Assignment.objects.exists()


def test_only_a_colleague_of_the_same_organisation_can_be_assigned(
    signed_in, outsider, reporter, org_a
):
    observation = ObservationFactory(organisation=org_a)
    url = reverse("analysis:assign", args=[observation.pk])
    for person in (outsider, reporter):
        assert signed_in.post(url, {"assignee": person.pk}).status_code == 400
    assert not Assignment.objects.exists()


def test_another_organisations_observation_cannot_be_assigned(signed_in, analyst, org_b):
    theirs = ObservationFactory(organisation=org_b)
    url = reverse("analysis:assign", args=[theirs.pk])
    assert signed_in.post(url, {"assignee": analyst.pk}).status_code == 404


def test_a_partner_sees_that_an_observation_is_taken_but_not_by_whom(
    client, analyst, partner, partner_org
):
    analyst.first_name, analyst.last_name = "Aino", "Analyytikko"
    analyst.save()
    shared = ObservationFactory(organisation=partner_org)
    services.assign([shared], analyst, analyst)
    client.force_login(partner)
    inbox = client.get(INBOX).content.decode()
    page = client.get(reverse("analysis:observation", args=[shared.pk])).content.decode()
    export = client.get(reverse("analysis:export", args=["csv"])).content.decode("utf-8-sig")
    for content in (inbox, page, export):
        assert "Analyytikko" not in content
        assert "Toisen organisaation analyytikko" in content
    client.force_login(analyst)
    assert "Aino Analyytikko" in client.get(INBOX).content.decode()


# Bulk actions ----------------------------------------------------------------------------


def _bulk(client, **data):
    prefixed = {k if k == "observations" else f"bulk-{k}": v for k, v in data.items()}
    return client.post(BULK, prefixed)


def test_bulk_status_on_the_ticked_observations(signed_in, org_a):
    picked = [ObservationFactory(organisation=org_a) for _ in range(3)]
    left = ObservationFactory(organisation=org_a)
    ids = [o.pk for o in picked[:2]]
    response = _bulk(
        signed_in, action="status", scope="selected", status="reviewed", observations=ids
    )
    assert response.status_code == 302
    assert set(Observation.objects.filter(status="reviewed").values_list("pk", flat=True)) == set(
        ids
    )
    left.refresh_from_db()
    assert left.status == "new"
    message = [str(m) for m in signed_in.get(response.url).context["messages"]]
    assert "Tila asetettiin 2 havainnolle." in message


def test_bulk_on_every_filtered_observation_in_one_action(signed_in, analyst, colleague, org_a):
    housing = Theme.objects.get(code="housing")
    phenomenon = PhenomenonFactory(organisation=org_a)
    matching = [ObservationFactory(organisation=org_a, signal="positive") for _ in range(55)]
    other = ObservationFactory(organisation=org_a, signal="concern")
    filters = "status=&signal=positive"  # the statuses change on the way
    for action, value in [
        ("theme", {"theme": housing.pk}),
        ("phenomenon", {"phenomenon": phenomenon.pk}),
        ("assign", {"assignee": colleague.pk}),
    ]:
        for _ in range(2):  # a double submit changes nothing more
            response = _bulk(signed_in, action=action, scope="filtered", filters=filters, **value)
            assert response.status_code == 302
            assert response.url == f"{INBOX}?signal=positive&status="
    ids = {o.pk for o in matching}
    assert set(housing.observations.values_list("pk", flat=True)) == ids
    assert Observation.themes.through.objects.filter(theme=housing).count() == 55
    assert set(phenomenon.links.values_list("observation_id", flat=True)) == ids
    assert PhenomenonLink.objects.count() == 55
    assert set(Assignment.objects.values_list("observation_id", flat=True)) == ids
    assert set(Observation.objects.filter(status="in_phenomenon").values_list("pk", flat=True)) == (
        ids
    )
    other.refresh_from_db()
    assert other.status == "new" and not other.themes.exists()
    # The inbox's theme filter sees the codes (the id arrays on PostgreSQL).
    found = signed_in.get(INBOX, {"theme": housing.pk, "status": ""}).context["page"]
    assert found.paginator.count == 55


def test_every_bulk_action_is_audit_logged_with_its_observations(signed_in, analyst, org_a):
    picked = [ObservationFactory(organisation=org_a) for _ in range(3)]
    housing = Theme.objects.get(code="housing")
    ids = [o.pk for o in picked]
    _bulk(signed_in, action="status", scope="selected", status="reviewed", observations=ids)
    _bulk(signed_in, action="theme", scope="filtered", filters="status=", theme=housing.pk)
    events = list(AuditEvent.objects.filter(action="bulk_triage").order_by("id"))
    assert [(e.actor, e.detail["change"], e.detail["rows"]) for e in events] == [
        (analyst, "status", 3),
        (analyst, "theme", 3),
    ]
    assert events[0].detail["value"] == "reviewed"
    assert events[1].detail["value"] == housing.pk
    assert all(e.detail["observations"] == sorted(ids) for e in events)


def test_a_refused_bulk_action_leaves_no_audit_event(signed_in, org_a, org_b):
    mine = ObservationFactory(organisation=org_a)
    theirs = ObservationFactory(organisation=org_b)
    _bulk(signed_in, action="status", scope="selected", status="x", observations=[mine.pk])
    response = _bulk(
        signed_in,
        action="status",
        scope="selected",
        status="archived",
        observations=[mine.pk, theirs.pk],
    )
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="bulk_triage").exists()


def test_bulk_refuses_another_organisations_observation(signed_in, org_a, org_b):
    mine = ObservationFactory(organisation=org_a)
    theirs = ObservationFactory(organisation=org_b)
    response = _bulk(
        signed_in,
        action="status",
        scope="selected",
        status="archived",
        observations=[mine.pk, theirs.pk],
    )
    assert response.status_code == 404
    assert not Observation.objects.filter(status="archived").exists()


def test_bulk_filtered_never_reaches_outside_the_scope(signed_in, org_a, org_b):
    ObservationFactory(organisation=org_a)
    theirs = ObservationFactory(organisation=org_b)
    _bulk(signed_in, action="status", scope="filtered", status="archived", filters="status=")
    theirs.refresh_from_db()
    assert theirs.status == "new"
    assert Observation.objects.filter(status="archived").count() == 1


def test_bulk_on_invalid_filters_changes_nothing(signed_in, org_a):
    ObservationFactory(organisation=org_a)
    response = _bulk(
        signed_in, action="status", scope="filtered", status="archived", filters="start=huomenna"
    )
    assert response.status_code == 400
    assert not Observation.objects.filter(status="archived").exists()


def test_bulk_without_a_choice_says_what_to_fix(signed_in, org_a):
    observation = ObservationFactory(organisation=org_a)
    response = _bulk(signed_in, action="theme", scope="selected", observations=[observation.pk])
    assert response.status_code == 400
    content = response.content.decode()
    assert "Valitse, mitä havainnoille asetetaan." in content
    assert f'value="{observation.pk}" id="pick-{observation.pk}" checked' in content
    response = _bulk(signed_in, action="status", scope="selected", status="reviewed")
    assert response.status_code == 400


def test_bulk_assign_only_to_a_colleague(signed_in, outsider, org_a):
    observation = ObservationFactory(organisation=org_a)
    response = _bulk(
        signed_in,
        action="assign",
        scope="selected",
        assignee=outsider.pk,
        observations=[observation.pk],
    )
    assert response.status_code == 400
    assert not Assignment.objects.exists()


def test_bulk_links_only_to_own_phenomena(signed_in, org_a, org_b):
    observation = ObservationFactory(organisation=org_a)
    theirs = PhenomenonFactory(organisation=org_b)
    response = _bulk(
        signed_in,
        action="phenomenon",
        scope="selected",
        phenomenon=theirs.pk,
        observations=[observation.pk],
    )
    assert response.status_code == 400
    assert not PhenomenonLink.objects.exists()


# Save and next ---------------------------------------------------------------------------


def test_save_and_next_walks_the_filtered_list(signed_in, org_a):
    first, second, third = (ObservationFactory(organisation=org_a) for _ in range(3))
    ObservationFactory(organisation=org_a, signal="positive")
    query = "signal=concern&status=new"
    data = {"status": "reviewed", "then": "next"}
    url = reverse("analysis:triage", args=[third.pk]) + "?" + query
    response = signed_in.post(url, data)
    assert response.url == reverse("analysis:observation", args=[second.pk]) + "?" + query
    page = signed_in.get(response.url)
    assert f'action="/analysis/observations/{second.pk}/triage/?{query.replace("&", "&amp;")}"' in (
        page.content.decode()
    )
    response = signed_in.post(reverse("analysis:triage", args=[second.pk]) + "?" + query, data)
    assert response.url == reverse("analysis:observation", args=[first.pk]) + "?" + query
    response = signed_in.post(reverse("analysis:triage", args=[first.pk]) + "?" + query, data)
    assert response.url == f"{INBOX}?{query}"
    messages = [str(m) for m in signed_in.get(response.url).context["messages"]]
    assert any("viimeinen" in m for m in messages)
    assert Observation.objects.filter(status="reviewed").count() == 3


def test_save_and_next_oldest_first(signed_in, org_a):
    first, second = ObservationFactory(organisation=org_a), ObservationFactory(organisation=org_a)
    url = reverse("analysis:triage", args=[first.pk]) + "?sort=oldest&status="
    response = signed_in.post(url, {"status": "new", "then": "next"})
    assert response.url.startswith(reverse("analysis:observation", args=[second.pk]))


# Exports ---------------------------------------------------------------------------------


def test_csv_export_of_the_filtered_list(signed_in, analyst, org_a, org_b):
    ObservationFactory(organisation=org_a, text="Jonot pitenevät kuun lopussa.")
    ObservationFactory(organisation=org_a, text=NAME_TEXT, privacy_confirmations=NAME_CONFIRMED)
    ObservationFactory(organisation=org_a, text="Arkistoitu havainto.", status="archived")
    ObservationFactory(organisation=org_b, text="Toisen organisaation havainto.")
    response = signed_in.get(reverse("analysis:export", args=["csv"]), {"status": "new"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('sora-observations.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3
    texts = [row[12] for row in rows[1:]]
    assert "Jonot pitenevät kuun lopussa." in texts
    assert "Toivo Kujala" not in response.content.decode("utf-8-sig")
    assert "Toisen organisaation" not in response.content.decode("utf-8-sig")
    event = AuditEvent.objects.get(action="export")
    assert event.actor == analyst and event.target == "observations"
    assert event.detail["rows"] == 2 and event.detail["format"] == "csv"


def test_xlsx_export_is_audited_and_holds_no_identifier(signed_in, org_a):
    ObservationFactory(organisation=org_a, text=NAME_TEXT, privacy_confirmations=NAME_CONFIRMED)
    ObservationFactory(organisation=org_a, text="=HYPERLINK(1) jonot")
    response = signed_in.get(reverse("analysis:export", args=["xlsx"]))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "Kujala" not in strings
    assert "'=HYPERLINK" in strings
    assert AuditEvent.objects.filter(action="export", detail__format="xlsx").count() == 1


def test_a_long_export_is_refused_with_a_message(signed_in, org_a, monkeypatch):
    from analysis import inbox_export

    monkeypatch.setattr(inbox_export, "EXPORT_CAP", 2)
    for _ in range(3):
        ObservationFactory(organisation=org_a)
    response = signed_in.get(reverse("analysis:export", args=["csv"]))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="export").exists()


def test_an_unknown_export_format_is_404(signed_in):
    assert signed_in.get(reverse("analysis:export", args=["pdf"])).status_code == 404


# Adding observations to a phenomenon ------------------------------------------------------


def test_a_phenomenon_page_searches_and_adds_observations(signed_in, org_a, org_b):
    phenomenon = PhenomenonFactory(organisation=org_a)
    found = ObservationFactory(organisation=org_a, text="Vuokrarästit kasvavat.")
    ObservationFactory(organisation=org_a, text="Jonot lyhenivät.")
    ObservationFactory(organisation=org_b, text="Vuokrarästit toisaalla.")
    url = reverse("analysis:phenomenon", args=[phenomenon.pk])
    response = signed_in.get(url, {"q": "vuokrarästit"})
    assert [o.pk for o in response.context["found"]] == [found.pk]
    add = reverse("analysis:phenomenon_add", args=[phenomenon.pk])
    for _ in range(2):
        assert signed_in.post(add, {"observations": [found.pk]}).status_code == 302
    assert list(phenomenon.links.values_list("observation_id", flat=True)) == [found.pk]
    assert signed_in.get(url, {"q": "vuokrarästit"}).context["found"] == []


def test_adding_refuses_another_organisations_observation(signed_in, org_a, org_b):
    phenomenon = PhenomenonFactory(organisation=org_a)
    mine = ObservationFactory(organisation=org_a)
    theirs = ObservationFactory(organisation=org_b)
    add = reverse("analysis:phenomenon_add", args=[phenomenon.pk])
    assert signed_in.post(add, {"observations": [mine.pk, theirs.pk]}).status_code == 404
    assert not PhenomenonLink.objects.exists()
    assert signed_in.post(add, {}).status_code == 302
