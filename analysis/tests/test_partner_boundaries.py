"""Partner organisations see of each other's analysis only what is shared, while it is shared.

Organisation A's analysts read the observations of the partner that shares with them; the
partner sees nothing of A's back. Phenomena are each organisation's own; memos go as far as
their organisation shares, naming the writer only inside it; a partner that stops sharing
leaves every phenomenon page, count and suggestion at once.
"""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.tests.factories import MembershipFactory
from analysis import phenomena_help
from analysis.models import (
    AssignmentSuggestion,
    DiscoveredGroup,
    Memo,
    PhenomenonLink,
    SuggestionRun,
)
from analysis.tests.factories import PhenomenonFactory
from reporting.models import Observation
from reporting.tests.factories import ObservationFactory

COUNTY_PHENOMENON = "Vuokrarästien kierre"
PARTNER_PHENOMENON = "Jakelun ruuhkautuminen"
PARTNER_TEXT = "Ruoka-avun jonot ovat kasvaneet järjestön jakelupisteissä."
FORMER_TEXT = "Nuorten iltatoiminnan kävijämäärät ovat laskeneet syksyn aikana."


def page(client, user, name, *args):
    client.force_login(user)
    response = client.get(reverse(f"analysis:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def shared(partner_org):
    return ObservationFactory(organisation=partner_org, text=PARTNER_TEXT)


@pytest.fixture
def stopped(former_partner_org):
    return ObservationFactory(organisation=former_partner_org, text=FORMER_TEXT)


# Phenomenon names ----------------------------------------------------------------------


def test_the_partner_does_not_see_the_name_of_the_phenomenon_its_observation_joined(
    client, analyst, partner, org_a, shared
):
    phenomenon = PhenomenonFactory(organisation=org_a, name=COUNTY_PHENOMENON)
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=shared)
    assert COUNTY_PHENOMENON in page(client, analyst, "observation", shared.pk)
    content = page(client, partner, "observation", shared.pk)
    assert COUNTY_PHENOMENON not in content
    assert "Ei liitetty mihinkään ilmiöön." in content


def test_the_county_does_not_see_the_partners_phenomena_beside_a_shared_observation(
    client, analyst, partner, partner_org, shared
):
    phenomenon = PhenomenonFactory(organisation=partner_org, name=PARTNER_PHENOMENON)
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=shared)
    assert PARTNER_PHENOMENON in page(client, partner, "observation", shared.pk)
    assert PARTNER_PHENOMENON not in page(client, analyst, "observation", shared.pk)


def test_the_county_is_not_offered_the_partners_suggested_phenomena(
    client, analyst, partner, partner_org, org_a, shared
):
    own = PhenomenonFactory(organisation=org_a, name=COUNTY_PHENOMENON)
    theirs = PhenomenonFactory(organisation=partner_org, name=PARTNER_PHENOMENON)
    for organisation, phenomenon in ((partner_org, theirs), (org_a, own)):
        run = SuggestionRun.objects.create(organisation=organisation, state="done")
        AssignmentSuggestion.objects.create(
            run=run, observation=shared, phenomenon=phenomenon, rank=1, score=0.5
        )
    county = page(client, analyst, "observation", shared.pk)
    assert COUNTY_PHENOMENON in county and PARTNER_PHENOMENON not in county
    partners = page(client, partner, "observation", shared.pk)
    assert PARTNER_PHENOMENON in partners and COUNTY_PHENOMENON not in partners


def test_a_link_to_the_partners_phenomenon_does_not_hide_the_countys_suggestions(
    client, analyst, partner_org, org_a, shared
):
    PhenomenonLink.objects.create(
        phenomenon=PhenomenonFactory(organisation=partner_org), observation=shared
    )
    own = PhenomenonFactory(organisation=org_a, name=COUNTY_PHENOMENON)
    run = SuggestionRun.objects.create(organisation=org_a, state="done")
    AssignmentSuggestion.objects.create(
        run=run, observation=shared, phenomenon=own, rank=1, score=0.5
    )
    assert f"Liitä ilmiöön ”{COUNTY_PHENOMENON}”" in page(client, analyst, "suggestions")
    assert list(phenomena_help.unlinked(Observation.objects.all(), [own])) == [shared]


def test_the_county_cannot_link_to_the_partners_phenomenon(client, analyst, partner_org, shared):
    theirs = PhenomenonFactory(organisation=partner_org)
    client.force_login(analyst)
    url = reverse("analysis:link", args=[shared.pk])
    assert client.post(url, {"phenomenon": theirs.pk}).status_code == 400
    assert not PhenomenonLink.objects.exists()


# Memos ---------------------------------------------------------------------------------


def test_a_memo_is_written_for_the_writers_organisation(client, analyst, org_a, shared):
    client.force_login(analyst)
    url = reverse("analysis:add_memo", args=[shared.pk])
    assert client.post(url, {"text": "Sama ilmiö näkyy meilläkin."}).status_code == 302
    assert Memo.objects.get().organisation == org_a


def test_the_partner_does_not_read_the_countys_memos_on_its_observation(
    client, analyst, partner, shared
):
    client.force_login(analyst)
    client.post(reverse("analysis:add_memo", args=[shared.pk]), {"text": "Kunnan muistio."})
    assert "Kunnan muistio." in page(client, analyst, "observation", shared.pk)
    assert "Kunnan muistio." not in page(client, partner, "observation", shared.pk)


def test_a_shared_memo_names_the_writers_role_not_the_writer(client, analyst, partner, shared):
    named(partner, "Pirkko", "Kumppani")
    client.force_login(partner)
    client.post(reverse("analysis:add_memo", args=[shared.pk]), {"text": "Järjestön muistio."})
    assert "Pirkko Kumppani" in page(client, partner, "observation", shared.pk)
    county = page(client, analyst, "observation", shared.pk)
    assert "Järjestön muistio." in county
    assert "Pirkko Kumppani" not in county
    assert "Analyytikko, Kumppani ry" in county


def test_a_memo_names_its_writer_inside_the_writers_organisation(client, analyst, org_a, shared):
    colleague = named(MembershipFactory(organisation=org_a, role="admin").user, "Aino", "Aalto")
    client.force_login(colleague)
    client.post(reverse("analysis:add_memo", args=[shared.pk]), {"text": "Oma muistio."})
    assert "Aino Aalto" in page(client, analyst, "observation", shared.pk)


def test_the_memo_of_a_writer_who_left_names_a_former_member(client, analyst, partner, shared):
    client.force_login(partner)
    client.post(reverse("analysis:add_memo", args=[shared.pk]), {"text": "Järjestön muistio."})
    partner.memberships.get().delete()
    assert "Entinen jäsen, Kumppani ry" in page(client, analyst, "observation", shared.pk)


def test_the_memos_of_a_partner_that_stopped_sharing_are_not_read(
    client, analyst, partner, partner_org, org_a, unrelated_org
):
    # A third organisation shares with both; the partner's memo on its observation goes
    # to A only while the partner shares with A.
    unrelated_org.shares_with.add(org_a, partner_org)
    third = ObservationFactory(organisation=unrelated_org)
    client.force_login(partner)
    client.post(reverse("analysis:add_memo", args=[third.pk]), {"text": "Järjestön muistio."})
    assert Memo.objects.get().organisation == partner_org
    assert "Järjestön muistio." in page(client, analyst, "observation", third.pk)
    partner_org.shares_with.remove(org_a)
    assert "Järjestön muistio." not in page(client, analyst, "observation", third.pk)


def test_the_memo_of_a_third_organisation_stays_with_it(
    client, analyst, org_a, partner_org, unrelated_org, shared
):
    # The partner shares with a third organisation too; that one's memo is its own.
    partner_org.shares_with.add(unrelated_org)
    Memo.objects.create(observation=shared, organisation=unrelated_org, text="Kolmannen muistio.")
    assert "Kolmannen muistio." not in page(client, analyst, "observation", shared.pk)


def test_a_memo_of_unknown_organisation_is_read_only_where_the_observation_belongs(
    client, analyst, partner, shared
):
    Memo.objects.create(observation=shared, author=analyst, text="Vanha muistio.")
    assert "Vanha muistio." in page(client, partner, "observation", shared.pk)
    assert "Vanha muistio." not in page(client, analyst, "observation", shared.pk)


def test_the_redaction_list_names_a_partners_writer_by_role(client, analyst, partner, shared):
    named(partner, "Pirkko", "Kumppani")
    Memo.objects.create(
        observation=shared,
        author=partner,
        organisation=partner.memberships.get().organisation,
        text="Kysy lisää: Toivo Kujala tuntee kävijät.",
        privacy_confirmations=[{"kind": "name", "text": "Toivo Kujala", "by": partner.pk}],
    )
    county = page(client, analyst, "observation", shared.pk)
    assert "Toivo Kujala" in county
    assert "Pirkko Kumppani" not in county
    assert "Analyytikko, Kumppani ry" in county


def test_a_memo_the_analyst_may_not_read_cannot_be_redacted(client, analyst, partner, shared):
    client.force_login(analyst)
    client.post(reverse("analysis:add_memo", args=[shared.pk]), {"text": "Kunnan muistio."})
    memo = Memo.objects.get()
    client.force_login(partner)
    response = client.post(
        reverse("analysis:redact", args=[shared.pk]),
        {"target": f"memo-{memo.pk}", "words": "Kunnan", "kind": "other"},
    )
    assert response.status_code == 400
    memo.refresh_from_db()
    assert memo.text == "Kunnan muistio."


# A partner that stopped sharing -----------------------------------------------------------


def test_a_phenomenon_page_drops_the_observations_no_longer_shared(
    client, analyst, org_a, shared, stopped
):
    phenomenon = PhenomenonFactory(organisation=org_a, name=COUNTY_PHENOMENON)
    for observation in (shared, stopped):
        PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    content = page(client, analyst, "phenomenon", phenomenon.pk)
    assert PARTNER_TEXT[:40] in content
    assert FORMER_TEXT[:40] not in content
    assert "1 havainto" in content
    listing = page(client, analyst, "phenomena")
    assert f">{COUNTY_PHENOMENON}</a></td><td>1</td>" in listing


def test_the_link_shows_again_when_sharing_starts_again(
    client, analyst, org_a, former_partner_org, stopped
):
    phenomenon = PhenomenonFactory(organisation=org_a)
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=stopped)
    assert FORMER_TEXT[:40] not in page(client, analyst, "phenomenon", phenomenon.pk)
    former_partner_org.shares_with.add(org_a)
    assert FORMER_TEXT[:40] in page(client, analyst, "phenomenon", phenomenon.pk)


def test_an_observation_no_longer_shared_cannot_be_unlinked_or_read(
    client, analyst, org_a, stopped
):
    phenomenon = PhenomenonFactory(organisation=org_a)
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=stopped)
    client.force_login(analyst)
    unlink = reverse("analysis:phenomenon_unlink", args=[phenomenon.pk, stopped.pk])
    assert client.post(unlink).status_code == 404
    assert client.get(reverse("analysis:observation", args=[stopped.pk])).status_code == 404
    assert PhenomenonLink.objects.filter(observation=stopped).exists()


@pytest.fixture
def run(org_a, shared, stopped):
    """A finished run of A's, computed while the former partner still shared."""
    run = SuggestionRun.objects.create(organisation=org_a, state="done")
    phenomenon = PhenomenonFactory(organisation=org_a, name=COUNTY_PHENOMENON)
    for observation in (shared, stopped):
        AssignmentSuggestion.objects.create(
            run=run, observation=observation, phenomenon=phenomenon, rank=1, score=0.5
        )
    own = [ObservationFactory(organisation=org_a, text=f"Oma havainto {n}.") for n in range(3)]
    clean = DiscoveredGroup.objects.create(run=run, label="ryhmä ilman entistä")
    clean.observations.set([shared, *own])
    mixed = DiscoveredGroup.objects.create(run=run, label="iltatoiminta kävijämäärät")
    mixed.observations.set([stopped, *own])
    return {"run": run, "clean": clean, "mixed": mixed, "own": own}


def test_the_suggestions_drop_what_is_no_longer_shared(client, analyst, run):
    content = page(client, analyst, "suggestions")
    assert PARTNER_TEXT[:40] in content and "ryhmä ilman entistä" in content
    assert FORMER_TEXT[:40] not in content
    assert "iltatoiminta kävijämäärät" not in content


def test_a_group_with_an_observation_no_longer_shared_cannot_be_accepted(
    client, analyst, run, stopped
):
    client.force_login(analyst)
    url = reverse("analysis:group_accept", args=[run["mixed"].pk])
    response = client.post(url, {"name": "Iltatoiminta", "members": [stopped.pk]})
    assert response.status_code == 404
    assert not PhenomenonLink.objects.filter(observation=stopped).exists()


def test_another_analyst_of_the_organisation_sees_the_run_only_within_their_own_scope(
    client, org_a, partner_org, run, shared
):
    # An analyst of A who is also an analyst of the partner started the run; a colleague
    # in A alone sees what the partner shares with A, and no more.
    partner_org.shares_with.remove(org_a)
    colleague = MembershipFactory(organisation=org_a, role="analyst").user
    content = page(client, colleague, "suggestions")
    assert PARTNER_TEXT[:40] not in content and "ryhmä ilman entistä" not in content


def test_reading_a_shared_observation_is_audit_logged(client, analyst, shared):
    page(client, analyst, "observation", shared.pk)
    assert AuditEvent.objects.filter(
        actor=analyst, action="view_observation", target=f"observation:{shared.pk}"
    ).exists()


# The organisations of memos written before they were kept -------------------------------


def _fill():
    migration = importlib.import_module("analysis.migrations.0008_memo_organisation")
    migration.fill_organisations(apps, None)


def test_old_memos_get_the_writers_organisation_where_it_is_clear(
    analyst, partner, org_a, partner_org, unrelated_org, shared
):
    on_own = ObservationFactory(organisation=org_a)
    both = MembershipFactory(organisation=unrelated_org, role="analyst").user
    MembershipFactory(organisation=org_a, role="analyst", user=both)
    in_both = MembershipFactory(organisation=partner_org, role="analyst").user
    MembershipFactory(organisation=org_a, role="admin", user=in_both)
    memos = {
        "only membership": Memo.objects.create(observation=shared, author=analyst, text="a"),
        "observation's own": Memo.objects.create(observation=shared, author=in_both, text="b"),
        "the one shared with": Memo.objects.create(observation=shared, author=both, text="c"),
        "cannot tell": Memo.objects.create(observation=on_own, author=partner, text="d"),
        "no author": Memo.objects.create(observation=shared, author=None, text="e"),
    }
    MembershipFactory(organisation=unrelated_org, role="analyst", user=partner)
    _fill()
    found = {name: Memo.objects.get(pk=m.pk).organisation for name, m in memos.items()}
    assert found == {
        "only membership": org_a,
        "observation's own": partner_org,
        "the one shared with": org_a,
        "cannot tell": None,
        "no author": None,
    }
