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
def admin_client(client, admin_member):
    client.force_login(admin_member)
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
