"""The signals dashboard over HTTP, its background runs, and the detect_signals command."""

import io
import json
import re

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from analysis import signal_runs
from analysis.models import SignalRun
from analysis.tests.test_signals import AS_OF, plant, rise, steady

pytestmark = pytest.mark.django_db

QUERY = {"as_of": AS_OF.isoformat()}


@pytest.fixture
def planted(org_a):
    plant(org_a, rise(baseline_every=4, recent_per_week=2), municipalities=["743"])
    # County-wide a rise too small to list on its own.
    plant(org_a, steady(4), municipalities=["005"])


@pytest.fixture
def get(client, django_capture_on_commit_callbacks):
    """The dashboard as the worker leaves it: the first visit asks for a run (computed here
    at once, as the worker would), the second shows it."""

    def show(user=None, **query):
        if user is not None:
            client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            client.get(reverse("analysis:signals"), QUERY | query)
        return client.get(reverse("analysis:signals"), QUERY | query)

    return show


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_analyst_sees_a_planted_signal_with_chart_and_table(
    client, get, analyst, planted, language
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = get(analyst)
    content = response.content.decode()
    assert response.status_code == 200
    assert len(re.findall(r"<h1[ >]", content)) == 1
    assert re.search(r'<svg[^>]* role="img"', content)
    assert "<table>" in content
    assert "Seinäjoki" in content
    assert " style=" not in content


def test_the_page_speaks_english_when_asked(client, get, analyst, planted):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = get(analyst).content.decode()
    [finding] = signal_runs.findings_of(SignalRun.objects.get(state="done"))
    evidence = f"{finding.recent} observations in {finding.window_weeks} weeks"
    assert evidence in content
    assert "Whole county in the same weeks:" in content


def test_steady_data_lists_no_signal(get, analyst, org_a):
    plant(org_a, steady(2), municipalities=["005"])
    response = get(analyst)
    assert response.status_code == 200
    assert "<svg" not in response.content.decode()


def test_the_area_filter_narrows_the_list(get, analyst, planted):
    assert "<svg" not in get(analyst, municipality="county").content.decode()
    assert "<svg" not in get(analyst, municipality="005").content.decode()
    assert "<svg" in get(analyst, municipality="743").content.decode()


def test_an_analyst_of_another_organisation_sees_nothing(get, outsider, planted):
    response = get(outsider)
    assert response.status_code == 200
    assert "<svg" not in response.content.decode()


def test_bad_settings_are_explained(get, analyst):
    response = get(analyst, as_of="2999-01-01")
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"as_of"}
    assert not SignalRun.objects.exists()


@pytest.mark.parametrize("persona", ["reporter", "reader"])
def test_other_roles_get_403(get, persona, request):
    assert get(request.getfixturevalue(persona)).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("analysis:signals"), QUERY)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_page_never_counts_in_the_request(client, analyst, planted):
    client.force_login(analyst)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("analysis:signals"), QUERY)
    assert "being computed" in response.content.decode() or response.status_code == 200
    assert [q["sql"] for q in queries if "GROUP BY" in q["sql"]] == []
    [run] = SignalRun.objects.all()
    assert (run.state, run.as_of) == (SignalRun.State.QUEUED, AS_OF)
    # Asking again while the run waits queues nothing more.
    client.get(reverse("analysis:signals"), QUERY)
    assert SignalRun.objects.count() == 1


def test_the_scheduled_refresh_computes_each_scope_again_only_after_a_change(
    client, analyst, outsider, planted, org_a
):
    assert signal_runs.refresh_all(today=AS_OF) == 2  # the analyst's and the outsider's scope
    assert signal_runs.refresh_all(today=AS_OF) == 0
    client.force_login(analyst)
    first = client.get(reverse("analysis:signals"), QUERY).content.decode()
    assert first.count("<svg") == 1
    # A rise planted in Kurikka shows after the next refresh, as one more chart.
    plant(org_a, rise(baseline_every=4, recent_per_week=2), municipalities=["301"])
    assert signal_runs.refresh_all(today=AS_OF) == 2
    again = client.get(reverse("analysis:signals"), QUERY).content.decode()
    assert again.count("<svg") == 2
    assert SignalRun.objects.filter(state="done").count() == 2  # older runs of a day go


def test_the_command_prints_json(planted):
    out = io.StringIO()
    call_command("detect_signals", "--as-of", AS_OF.isoformat(), "--json", stdout=out)
    document = json.loads(out.getvalue())
    assert document["as_of"] == "2025-03-30"
    [signal] = document["signals"]
    assert signal["kind"] == "theme"
    assert signal["code"] == "housing"
    assert (signal["level"], signal["municipality"]) == ("municipality", "743")
    assert (signal["direction"], signal["signal"]) == ("rising", "concern")
    assert signal["recent"] > signal["expected"] * 1.5
    assert 0 < signal["p_value"] <= signal["q_value"] <= 0.1
    assert len(signal["weekly"]) == 26 + 78 + 2
    assert signal["details"][0]["municipality"] is None


def test_the_command_prints_a_table(planted):
    out = io.StringIO()
    call_command("detect_signals", "--as-of", AS_OF.isoformat(), stdout=out)
    assert "1 signals" in out.getvalue()
    assert re.search(r"rising\s+concern\s+theme\s+housing\s+Seinäjoki\s+\d+\s+16", out.getvalue())


def test_the_command_rejects_a_bad_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("detect_signals", "--as-of", "30.3.2025")
    with pytest.raises(CommandError, match="at least 1"):
        call_command("detect_signals", "--windows", "0,4")


def test_a_stored_signal_of_a_deleted_phenomenon_is_left_out(get, client, analyst, org_a):
    from analysis.models import Phenomenon

    phenomenon = Phenomenon.objects.create(organisation=org_a, name="Jonot")
    series = rise(baseline_every=4, recent_per_week=2)
    plant(org_a, series, theme=None, phenomenon=phenomenon, whole_county=True)
    assert "Jonot" in get(analyst).content.decode()
    phenomenon.delete()
    response = client.get(reverse("analysis:signals"), QUERY)
    assert response.status_code == 200
    assert "<svg" not in response.content.decode()
