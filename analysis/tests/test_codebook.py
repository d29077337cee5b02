import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEvent
from reporting.models import Theme
from reporting.tests.factories import ObservationFactory


def upload(text: str, name="codebook.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


from analysis.codebook import COLUMNS  # noqa: E402

HEADER = ",".join(COLUMNS) + "\n"


@pytest.fixture
def installation_admin(db):
    """An installation administrator: an active superuser, here with no organisation."""
    from accounts.tests.factories import UserFactory

    return UserFactory(username="installation-admin", is_superuser=True)


@pytest.fixture
def admin_client(client, installation_admin):
    client.force_login(installation_admin)
    return client


def test_analysts_read_and_export(client, analyst):
    client.force_login(analyst)
    assert client.get(reverse("analysis:codebook")).status_code == 200
    response = client.get(reverse("analysis:codebook_export"))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffcode;parent;name_fi")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert {"housing", "livelihood"} <= {row["code"] for row in rows}
    assert rows[0]["name_sv"]
    assert AuditEvent.objects.filter(action="export", target="codebook", actor=analyst).exists()


def test_analysts_cannot_import_or_merge(client, analyst):
    client.force_login(analyst)
    response = client.post(reverse("analysis:codebook_import"), {"file": upload(HEADER)})
    assert response.status_code == 403
    assert client.post(reverse("analysis:theme_merge"), {}).status_code == 403


def test_reporters_get_403(client, reporter):
    client.force_login(reporter)
    assert client.get(reverse("analysis:codebook")).status_code == 403


def test_import_adds_and_updates_with_hierarchy(admin_client):
    text = (
        HEADER
        + "housing,,Asuminen,Boende,Housing,,,,1,1\n"
        + "eviction,housing,Häädöt,Vräkningar,Evictions,Kuvaus,,,2,1\n"
    )
    response = admin_client.post(reverse("analysis:codebook_import"), {"file": upload(text)})
    assert response.status_code == 302
    assert Theme.objects.get(code="housing").name_fi == "Asuminen"
    assert Theme.objects.get(code="eviction").parent.code == "housing"


def test_a_bad_row_imports_nothing_and_says_where(admin_client):
    text = HEADER + "new_theme,,Uusi,,,,,,1,1\n" + "broken,nowhere,,,,,,,x,1\n"
    response = admin_client.post(reverse("analysis:codebook_import"), {"file": upload(text)})
    content = response.content.decode()
    assert response.status_code == 400
    assert "3" in content and "nowhere" in content
    assert not Theme.objects.filter(code="new_theme").exists()


def test_unknown_columns_and_binary_files_are_refused(admin_client):
    response = admin_client.post(
        reverse("analysis:codebook_import"), {"file": upload("code,name_fi,colour\nx,y,z\n")}
    )
    assert response.status_code == 400
    assert "colour" in response.content.decode()
    binary = SimpleUploadedFile("x.csv", b"\xff\xfe\x00garbage", content_type="text/csv")
    response = admin_client.post(reverse("analysis:codebook_import"), {"file": binary})
    assert response.status_code == 400


def test_merging_recodes_every_use(admin_client, org_a):
    housing, livelihood = Theme.objects.get(code="housing"), Theme.objects.get(code="livelihood")
    both, only = ObservationFactory(organisation=org_a), ObservationFactory(organisation=org_a)
    both.themes.add(housing, livelihood)
    only.themes.add(housing)
    response = admin_client.post(
        reverse("analysis:theme_merge"), {"source": housing.pk, "target": livelihood.pk}
    )
    assert response.status_code == 302
    assert list(only.themes.all()) == [livelihood]
    assert list(both.themes.all()) == [livelihood]
    housing.refresh_from_db()
    assert housing.is_active is False


def test_a_theme_cannot_merge_into_itself(admin_client):
    housing = Theme.objects.get(code="housing")
    response = admin_client.post(
        reverse("analysis:theme_merge"), {"source": housing.pk, "target": housing.pk}
    )
    assert response.status_code == 400


def test_import_refuses_personal_data_in_any_text_column(admin_client):
    body = HEADER + "housing,,Asuminen,Boende,Housing,Lisätiedot 040 123 4567,,,1,1\n"
    response = admin_client.post(reverse("analysis:codebook_import"), {"file": upload(body)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "description_fi" in page
    assert "040 123 4567" not in Theme.objects.get(code="housing").description_fi


def _themes_as_they_are() -> list:
    return list(Theme.objects.order_by("code").values_list("code", "parent_id", "is_active"))


def test_an_organisation_admin_reads_the_codebook_but_cannot_change_it(client, admin_member, org_a):
    housing, livelihood = Theme.objects.get(code="housing"), Theme.objects.get(code="livelihood")
    observation = ObservationFactory(organisation=org_a)
    observation.themes.add(housing)
    before = _themes_as_they_are()
    client.force_login(admin_member)
    page = client.get(reverse("analysis:codebook"))
    assert page.status_code == 200
    assert reverse("analysis:codebook_import") not in page.content.decode()
    assert client.get(reverse("analysis:codebook_export")).status_code == 200
    rewrite = HEADER + "housing,,Vaihdettu nimi,,,,,,1,1\n"
    assert (
        client.post(reverse("analysis:codebook_import"), {"file": upload(rewrite)}).status_code
        == 403
    )
    merge = {"source": housing.pk, "target": livelihood.pk}
    assert client.post(reverse("analysis:theme_merge"), merge).status_code == 403
    assert _themes_as_they_are() == before
    assert Theme.objects.get(code="housing").name_fi != "Vaihdettu nimi"
    assert list(observation.themes.all()) == [housing]


def test_staff_status_and_model_permissions_do_not_open_the_codebook_to_changes(
    client, admin_member
):
    from django.contrib.auth.models import Permission

    admin_member.is_staff = True
    admin_member.save()
    admin_member.user_permissions.add(*Permission.objects.filter(codename__endswith="_theme"))
    client.force_login(admin_member)
    rewrite = HEADER + "housing,,Vaihdettu nimi,,,,,,1,1\n"
    assert (
        client.post(reverse("analysis:codebook_import"), {"file": upload(rewrite)}).status_code
        == 403
    )


def test_an_installation_admin_sees_the_forms(admin_client):
    page = admin_client.get(reverse("analysis:codebook")).content.decode()
    assert reverse("analysis:codebook_import") in page
    assert reverse("analysis:theme_merge") in page


def test_an_import_that_makes_a_cycle_changes_nothing(admin_client):
    Theme.objects.create(
        code="eviction", name_fi="Häädöt", parent=Theme.objects.get(code="housing")
    )
    before = _themes_as_they_are()
    # housing under eviction, which stays under housing: housing would be its own grandparent.
    text = HEADER + "housing,eviction,Asuminen,,,,,,1,1\n"
    response = admin_client.post(reverse("analysis:codebook_import"), {"file": upload(text)})
    assert response.status_code == 400
    assert "Teema ei voi olla oma edeltäjänsä: housing → eviction → housing." in (
        response.content.decode()
    )
    assert _themes_as_they_are() == before


def test_an_import_cycle_within_the_file_is_refused(admin_client):
    text = HEADER + "uusi_a,uusi_b,A,,,,,,1,1\n" + "uusi_b,uusi_a,B,,,,,,1,1\n"
    response = admin_client.post(reverse("analysis:codebook_import"), {"file": upload(text)})
    assert response.status_code == 400
    assert "uusi_a → uusi_b → uusi_a" in response.content.decode()
    assert not Theme.objects.filter(code__startswith="uusi_").exists()


@pytest.mark.parametrize("depth", [1, 2])
def test_a_theme_cannot_be_merged_into_its_own_sub_theme(admin_client, depth):
    housing = Theme.objects.get(code="housing")
    below = housing
    for level in range(depth):
        below = Theme.objects.create(
            code=f"alempi-{level}", name_fi=f"Alempi {level}", parent=below
        )
    before = _themes_as_they_are()
    response = admin_client.post(
        reverse("analysis:theme_merge"), {"source": housing.pk, "target": below.pk}
    )
    assert response.status_code == 400
    assert "ei voi yhdistää sen omaan alateemaan" in response.content.decode()
    assert _themes_as_they_are() == before
    from analysis.codebook import merge_themes

    with pytest.raises(ValueError):
        merge_themes(source=housing, target=below)
    assert _themes_as_they_are() == before


def test_a_sub_theme_merged_up_into_its_parent_leaves_no_cycle(admin_client):
    housing = Theme.objects.get(code="housing")
    child = Theme.objects.create(code="alempi", name_fi="Alempi", parent=housing)
    grandchild = Theme.objects.create(code="alin", name_fi="Alin", parent=child)
    response = admin_client.post(
        reverse("analysis:theme_merge"), {"source": child.pk, "target": housing.pk}
    )
    assert response.status_code == 302
    grandchild.refresh_from_db()
    assert grandchild.parent == housing
    from reporting.models import ancestry_cycle

    parents = dict(Theme.objects.values_list("pk", "parent_id"))
    assert [pk for pk in parents if ancestry_cycle(parents, pk)] == []


def test_the_admin_refuses_a_cycle(client, installation_admin):
    housing = Theme.objects.get(code="housing")
    child = Theme.objects.create(code="alempi", name_fi="Alempi", parent=housing)
    client.force_login(installation_admin)
    response = client.post(
        reverse("admin:reporting_theme_change", args=[housing.pk]),
        {"code": "housing", "name_fi": housing.name_fi, "parent": child.pk, "order": 1},
    )
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    housing.refresh_from_db()
    assert housing.parent is None
