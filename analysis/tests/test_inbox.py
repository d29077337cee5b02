import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from analysis.codebook import merge_themes
from analysis.models import Phenomenon, PhenomenonLink
from reporting.models import Municipality, Theme
from reporting.tests.factories import ObservationFactory

INBOX = reverse("analysis:inbox")


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    return client


def test_it_lists_the_scope_only(signed_in, org_a, org_b):
    ObservationFactory(organisation=org_a, text="Oman organisaation havainto")
    ObservationFactory(organisation=org_b, text="Toisen organisaation havainto")
    content = signed_in.get(INBOX).content.decode()
    assert "Oman organisaation havainto" in content
    assert "Toisen organisaation havainto" not in content


def test_a_partner_that_shares_is_in_the_scope(signed_in, org_a, org_b):
    org_b.shares_with.add(org_a)
    ObservationFactory(organisation=org_b, text="Kumppanin havainto")
    assert "Kumppanin havainto" in signed_in.get(INBOX).content.decode()


def test_filters_and_search(signed_in, org_a):
    seinajoki = Municipality.objects.get(code="743")
    housing = Theme.objects.get(code="housing")
    match = ObservationFactory(
        organisation=org_a, text="Vuokra-asuntojen jonot pitenevät", whole_county=False
    )
    match.municipalities.add(seinajoki)
    match.themes.add(housing)
    ObservationFactory(organisation=org_a, text="Vuokra-asunnot puuttuvat", signal="positive")
    old = ObservationFactory(organisation=org_a, text="Vanha havainto vuokrista")
    old.submitted_at = timezone.now() - datetime.timedelta(days=400)
    old.save()
    response = signed_in.get(
        INBOX, {"municipality": seinajoki.pk, "theme": housing.pk, "q": "jonot"}
    )
    page = response.context["page"]
    assert [o.pk for o in page.object_list] == [match.pk]
    start = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    recent = signed_in.get(INBOX, {"start": start}).context["page"].paginator.count
    assert recent == 2
    assert signed_in.get(INBOX, {"signal": "positive"}).context["page"].paginator.count == 1


def test_search_finds_another_form_of_the_word(signed_in, org_a):
    # PostgreSQL matches stems by prefix; SQLite's fallback matches the text.
    ObservationFactory(organisation=org_a, text="Asiakkaiden vuokrarästit kasvavat")
    ObservationFactory(organisation=org_a, text="Jonot lyhenivät")
    found = signed_in.get(INBOX, {"q": "vuokrarästi"}).context["page"].paginator.count
    assert found == 1


def test_bad_filter_values_do_not_break_the_page(signed_in, org_a):
    ObservationFactory(organisation=org_a)
    response = signed_in.get(INBOX, {"start": "not-a-date", "municipality": "x", "page": "99"})
    assert response.status_code == 200


def test_pagination(signed_in, org_a):
    for _ in range(55):
        ObservationFactory(organisation=org_a)
    response = signed_in.get(INBOX, {"page": 2})
    assert len(response.context["page"].object_list) == 5


@pytest.mark.parametrize("persona", ["reporter", "reader"])
def test_other_roles_get_403(client, db, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(INBOX).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    assert client.get(INBOX).status_code == 302


def test_the_list_query_count_does_not_grow_with_rows(
    signed_in, org_a, django_assert_max_num_queries
):
    for _ in range(20):
        ObservationFactory(organisation=org_a)
    # Thirteen for the page (one lists the analyst's phenomena for their filter), one counts
    # the unread notices for the menu, a few keep the count in the database cache, and six
    # read the remembered filters, the bulk actions' choices (codes, phenomena, colleagues)
    # and the assignees' names.
    with django_assert_max_num_queries(25):
        signed_in.get(INBOX)
    assert not AuditEvent.objects.filter(action="view_observation").exists()


def test_the_count_stops_at_the_cap(signed_in, org_a, monkeypatch):
    from analysis.views.inbox import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "CAP", 3)
    for _ in range(5):
        ObservationFactory(organisation=org_a)
    response = signed_in.get(INBOX)
    assert response.context["page"].paginator.capped
    assert "Yli 3 havaintoa" in response.content.decode()


def _found(client, **filters) -> list[int]:
    page = client.get(INBOX, {name: value.pk for name, value in filters.items()})
    return sorted(o.pk for o in page.context["page"].object_list)


def test_link_filters_follow_every_change_of_the_links(signed_in, org_a):
    # On PostgreSQL the filters read id arrays kept by triggers (migration 0007).
    housing, livelihood = Theme.objects.get(code="housing"), Theme.objects.get(code="livelihood")
    lapua = Municipality.objects.get(code="408")
    first = ObservationFactory(organisation=org_a, whole_county=False)
    second = ObservationFactory(organisation=org_a, whole_county=False)
    first.themes.add(housing)
    second.themes.add(housing, livelihood)
    first.municipalities.add(lapua)
    assert _found(signed_in, theme=housing) == sorted([first.pk, second.pk])
    assert _found(signed_in, municipality=lapua, theme=housing) == [first.pk]
    second.themes.set([livelihood])
    first.municipalities.clear()
    assert _found(signed_in, theme=housing) == [first.pk]
    assert _found(signed_in, municipality=lapua) == []
    merge_themes(source=housing, target=livelihood)
    assert _found(signed_in, theme=livelihood) == sorted([first.pk, second.pk])


def test_the_next_page_reuses_the_count(signed_in, org_a, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from analysis.views.inbox import PAGE_SIZE

    for _ in range(PAGE_SIZE + 1):
        ObservationFactory(organisation=org_a)
    assert signed_in.get(INBOX).context["page"].paginator.count == PAGE_SIZE + 1
    with CaptureQueriesContext(connection) as queries:
        page = signed_in.get(INBOX, {"page": 2}).context["page"]
    assert len(page.object_list) == 1
    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert not [sql for sql in counts if "notices_notice" not in sql]  # the menu's own count


def test_it_filters_by_phenomenon_and_by_whole_county(signed_in, org_a):
    linked, local = (ObservationFactory(organisation=org_a, whole_county=False) for _ in "ab")
    county = ObservationFactory(organisation=org_a, whole_county=True)
    phenomenon = Phenomenon.objects.create(organisation=org_a, name="Jonot")
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=linked)
    assert _found(signed_in, phenomenon=phenomenon) == [linked.pk]
    content = signed_in.get(INBOX, {"whole_county": "yes"})
    assert [o.pk for o in content.context["page"].object_list] == [county.pk]
    content = signed_in.get(INBOX, {"whole_county": "no"})
    assert sorted(o.pk for o in content.context["page"].object_list) == [linked.pk, local.pk]


@pytest.mark.parametrize("typed", ["{pk}", "#{pk}", "nro {pk}", "Nr. {pk}", " {pk} "])
def test_an_observations_number_finds_it(client, analyst, org_a, org_b, typed):
    wanted = ObservationFactory(organisation=org_a, text="Ensimmäinen havainto.")
    ObservationFactory(organisation=org_a, text=f"Toinen, jossa luku {wanted.pk} tekstissä.")
    theirs = ObservationFactory(organisation=org_b)
    client.force_login(analyst)
    page = client.get(reverse("analysis:inbox"), {"q": typed.format(pk=wanted.pk)})
    assert [o.pk for o in page.context["page"].object_list] == [wanted.pk]
    other = client.get(reverse("analysis:inbox"), {"q": str(theirs.pk)})
    assert list(other.context["page"].object_list) == []
    detail = client.get(reverse("analysis:observation", args=[wanted.pk])).content.decode()
    assert f"<h1>Havainto {wanted.pk}</h1>" in detail
