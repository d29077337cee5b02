import pytest
from django.urls import reverse

from analysis.models import Phenomenon, PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from reporting.tests.factories import ObservationFactory


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    return client


def test_create_and_list(signed_in, org_a):
    response = signed_in.post(
        reverse("analysis:phenomenon_create"),
        {"name": "Asunnottomuus", "description": "Nuorten asunnottomuus kasvaa."},
    )
    phenomenon = Phenomenon.objects.get()
    assert response.url == reverse("analysis:phenomenon", args=[phenomenon.pk])
    assert phenomenon.organisation == org_a
    assert "Asunnottomuus" in signed_in.get(reverse("analysis:phenomena")).content.decode()


def test_duplicate_names_are_refused(signed_in, org_a):
    PhenomenonFactory(organisation=org_a, name="Velkaantuminen")
    response = signed_in.post(reverse("analysis:phenomenon_create"), {"name": "velkaantuminen"})
    assert response.status_code == 400
    assert Phenomenon.objects.count() == 1


def test_the_description_passes_the_guard(signed_in):
    response = signed_in.post(
        reverse("analysis:phenomenon_create"),
        {"name": "Toimeentulo", "description": "Asiakas 131052-308T odottaa"},
    )
    assert response.status_code == 400
    assert Phenomenon.objects.count() == 0


def test_edit(signed_in, org_a):
    phenomenon = PhenomenonFactory(organisation=org_a)
    signed_in.post(
        reverse("analysis:phenomenon_edit", args=[phenomenon.pk]),
        {"name": "Uusi nimi", "description": ""},
    )
    phenomenon.refresh_from_db()
    assert phenomenon.name == "Uusi nimi"


def test_merge_moves_every_observation(signed_in, org_a, analyst):
    source, target = PhenomenonFactory(organisation=org_a), PhenomenonFactory(organisation=org_a)
    shared, only_source = (
        ObservationFactory(organisation=org_a),
        ObservationFactory(organisation=org_a),
    )
    PhenomenonLink.objects.create(phenomenon=source, observation=shared)
    PhenomenonLink.objects.create(phenomenon=target, observation=shared)
    PhenomenonLink.objects.create(phenomenon=source, observation=only_source)
    response = signed_in.post(
        reverse("analysis:phenomenon_merge", args=[source.pk]), {"target": target.pk}
    )
    assert response.url == reverse("analysis:phenomenon", args=[target.pk])
    source.refresh_from_db()
    assert source.status == "merged"
    assert set(target.links.values_list("observation_id", flat=True)) == {
        shared.pk,
        only_source.pk,
    }


def test_unlink_returns_the_observation_to_reviewed(signed_in, org_a, analyst):
    phenomenon = PhenomenonFactory(organisation=org_a)
    observation = ObservationFactory(organisation=org_a, status="in_phenomenon")
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    signed_in.post(reverse("analysis:phenomenon_unlink", args=[phenomenon.pk, observation.pk]))
    observation.refresh_from_db()
    assert observation.status == "reviewed"
    assert not PhenomenonLink.objects.exists()


def test_another_organisations_phenomenon_is_404(client, outsider, org_a):
    phenomenon = PhenomenonFactory(organisation=org_a)
    client.force_login(outsider)
    assert client.get(reverse("analysis:phenomenon", args=[phenomenon.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["reporter", "reader"])
def test_other_roles_get_403(client, db, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("analysis:phenomena")).status_code == 403
    assert client.get(reverse("analysis:phenomenon_create")).status_code == 403


def test_a_phenomenon_started_from_an_observation_links_it_once(signed_in, org_a):
    observation = ObservationFactory(organisation=org_a)
    page = signed_in.get(reverse("analysis:observation", args=[observation.pk])).content.decode()
    start = reverse("analysis:phenomenon_create") + f"?observation={observation.pk}"
    assert start in page
    form = signed_in.get(start).content.decode()
    assert f"havainto {observation.pk} liitetään" in form
    data = {
        "creation_key": "5a0b5e1c-0000-4000-8000-0000000000aa",
        "observation": observation.pk,
        "name": "Kotihoidon iltakäynnit",
        "description": "",
    }
    first = signed_in.post(reverse("analysis:phenomenon_create"), data)
    again = signed_in.post(reverse("analysis:phenomenon_create"), data)
    phenomenon = Phenomenon.objects.get()
    assert first.url == again.url == reverse("analysis:phenomenon", args=[phenomenon.pk])
    link = PhenomenonLink.objects.get()
    assert (link.phenomenon, link.observation, link.how) == (phenomenon, observation, "manual")


def test_a_phenomenon_cannot_be_started_from_another_organisations_observation(signed_in, org_b):
    theirs = ObservationFactory(organisation=org_b)
    start = reverse("analysis:phenomenon_create") + f"?observation={theirs.pk}"
    assert signed_in.get(start).status_code == 404
    data = {"observation": theirs.pk, "name": "Ilmiö", "description": ""}
    assert signed_in.post(reverse("analysis:phenomenon_create"), data).status_code == 404
    assert not Phenomenon.objects.exists()
    assert (
        signed_in.get(reverse("analysis:phenomenon_create") + "?observation=x").status_code == 200
    )
