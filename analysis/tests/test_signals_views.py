"""The signals dashboard over HTTP, and the detect_signals command."""

import io
import json
import re

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from analysis.tests.test_signals import AS_OF, plant, rise, steady

pytestmark = pytest.mark.django_db

QUERY = {"as_of": AS_OF.isoformat()}


@pytest.fixture
def planted(org_a):
    plant(org_a, rise(baseline_every=4, recent_per_week=2), municipalities=["743"])
    # County-wide 48 recent against 34 expected: too small a rise to list.
    plant(org_a, steady(4), municipalities=["005"])


def get(client, user=None, **query):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("analysis:signals"), QUERY | query)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_analyst_sees_a_planted_signal_with_chart_and_table(client, analyst, planted, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = get(client, analyst)
    content = response.content.decode()
    assert response.status_code == 200
    assert len(re.findall(r"<h1[ >]", content)) == 1
    assert re.search(r'<svg[^>]* role="img"', content)
    assert "<table>" in content
    assert "Seinäjoki" in content
    assert " style=" not in content


def test_the_page_speaks_english_when_asked(client, analyst, planted):
    client.force_login(analyst)
    response = client.get(reverse("analysis:signals"), QUERY, HTTP_ACCEPT_LANGUAGE="en")
    assert "16 observations in 8 weeks, 2.0 expected." in response.content.decode()


def test_steady_data_lists_no_signal(client, analyst, org_a):
    plant(org_a, steady(2), municipalities=["005"])
    response = get(client, analyst)
    assert response.status_code == 200
    assert "<svg" not in response.content.decode()


def test_the_area_filter_narrows_the_list(client, analyst, planted):
    assert "<svg" not in get(client, analyst, municipality="county").content.decode()
    assert "<svg" not in get(client, analyst, municipality="005").content.decode()
    assert "<svg" in get(client, analyst, municipality="743").content.decode()


def test_an_analyst_of_another_organisation_sees_nothing(client, outsider, planted):
    response = get(client, outsider)
    assert response.status_code == 200
    assert "<svg" not in response.content.decode()


def test_bad_settings_are_explained(client, analyst):
    response = get(client, analyst, window_weeks="0", as_of="2999-01-01")
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"window_weeks", "as_of"}


@pytest.mark.parametrize("persona", ["reporter", "reader"])
def test_other_roles_get_403(client, persona, request):
    assert get(client, request.getfixturevalue(persona)).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = get(client)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_command_prints_json(planted):
    out = io.StringIO()
    call_command("detect_signals", "--as-of", AS_OF.isoformat(), "--json", stdout=out)
    document = json.loads(out.getvalue())
    assert document["as_of"] == "2025-03-30"
    [signal] = document["signals"]
    assert signal["kind"] == "theme"
    assert signal["code"] == "housing"
    assert signal["municipality"] == "743"
    assert (signal["direction"], signal["signal"]) == ("rising", "concern")
    assert (signal["recent"], signal["expected"]) == (16, 2.0)
    assert 0 < signal["p_value"] <= signal["q_value"] <= 0.05
    assert len(signal["weekly"]) == 60


def test_the_command_prints_a_table(planted):
    out = io.StringIO()
    call_command("detect_signals", "--as-of", AS_OF.isoformat(), stdout=out)
    assert "1 signals" in out.getvalue()
    assert re.search(r"rising\s+concern\s+theme\s+housing\s+Seinäjoki\s+16", out.getvalue())


def test_the_command_rejects_a_bad_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("detect_signals", "--as-of", "30.3.2025")
    with pytest.raises(CommandError, match="at least 1"):
        call_command("detect_signals", "--window-weeks", "0")


def test_findings_are_reused_until_the_data_changes(client, analyst, planted, org_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = get(client, analyst).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = get(client, analyst).content.decode()
    assert again.count("<svg") == first.count("<svg") > 0
    counted = [q["sql"] for q in queries if "GROUP BY" in q["sql"]]
    assert counted == []
    # A rise planted in Kurikka after the first view shows at once, as one more chart.
    plant(org_a, rise(baseline_every=4, recent_per_week=2), municipalities=["301"])
    assert get(client, analyst).content.decode().count("<svg") > first.count("<svg")
