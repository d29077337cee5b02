import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEvent
from analysis.models import Indicator, IndicatorValue, PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from reporting.models import Theme
from reporting.tests.factories import ObservationFactory

SOTKANET = (
    "Indikaattori;Alue;Vuosi;Arvo\n"
    "Toimeentulotukea saaneet 25-64-vuotiaat, % vastaavanikäisestä väestöstä;Seinäjoki;2024;6,1\n"
    "Toimeentulotukea saaneet 25-64-vuotiaat, % vastaavanikäisestä väestöstä;Seinäjoki;2025;6,4\n"
    "Toimeentulotukea saaneet 25-64-vuotiaat, % vastaavanikäisestä väestöstä;"
    "Etelä-Pohjanmaan hyvinvointialue;2025;4,9\n"
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(tmp_path, text):
    path = tmp_path / "sotkanet.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_indicators", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_audit_log_names_the_file_by_its_content(tmp_path, db):
    run(tmp_path, SOTKANET)
    event = AuditEvent.objects.get(action=AuditEvent.Action.IMPORT)
    digest = hashlib.sha256((tmp_path / "sotkanet.csv").read_bytes()).hexdigest()
    assert event.target == f"sha256:{digest}"


def test_it_imports_a_sotkanet_export(tmp_path, db):
    assert "imported 3 values, 1 new indicators" in run(tmp_path, SOTKANET)
    value = IndicatorValue.objects.get(region="Seinäjoki", year=2025)
    assert value.value == pytest.approx(6.4)
    assert value.municipality.code == "743"
    assert IndicatorValue.objects.get(year=2025, municipality=None).value == pytest.approx(4.9)


def test_reimport_updates_instead_of_duplicating(tmp_path, db):
    run(tmp_path, SOTKANET)
    run(tmp_path, SOTKANET.replace("6,4", "6,6"))
    assert IndicatorValue.objects.count() == 3
    assert IndicatorValue.objects.get(region="Seinäjoki", year=2025).value == pytest.approx(6.6)


def test_english_headers_and_commas(tmp_path, db):
    run(tmp_path, "indicator,region,year,value\nUnemployment,Lapua,2025,8.2\n")
    assert IndicatorValue.objects.get().municipality.code == "408"


def test_errors_name_the_line_and_nothing_is_saved(tmp_path, db):
    path = tmp_path / "bad.csv"
    path.write_text("indicator;region;year;value\nA;Lapua;2025;1\nB;Lapua;last year;x\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_indicators", str(path), stderr=err)
    assert "line 3" in err.getvalue()
    assert not IndicatorValue.objects.exists()


def test_a_wrong_header_is_refused(tmp_path, db):
    path = tmp_path / "bad.csv"
    path.write_text("name,place\nA,B\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_indicators", str(path), stderr=err)
    assert "indicator, region, year and value" in err.getvalue()


def test_indicators_show_beside_a_phenomenon(tmp_path, client, analyst, org_a):
    run(tmp_path, SOTKANET)
    indicator = Indicator.objects.get()
    livelihood = Theme.objects.get(code="livelihood")
    indicator.themes.add(livelihood)
    phenomenon = PhenomenonFactory(organisation=org_a)
    observation = ObservationFactory(organisation=org_a)
    observation.themes.add(livelihood)
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    client.force_login(analyst)
    content = client.get(reverse("analysis:phenomenon", args=[phenomenon.pk])).content.decode()
    assert "Toimeentulotukea saaneet" in content
    assert "6,4" in content or "6.4" in content


def test_indicators_show_beside_their_themes_in_the_codebook(tmp_path, client, analyst):
    run(tmp_path, SOTKANET)
    Indicator.objects.get().themes.add(Theme.objects.get(code="livelihood"))
    client.force_login(analyst)
    content = client.get(reverse("analysis:codebook")).content.decode()
    assert "Toimeentulotukea saaneet" in content
