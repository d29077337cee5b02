"""The integration API: tokens, scopes, the analysts' scope, the guard, idempotent sending,
the disclosure log and problem details."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from analysis.tests.factories import PhenomenonFactory
from api import tokens
from api.models import ApiToken, Disclosure
from proposals.models import Transition
from proposals.tests.factories import ProposalFactory
from reporting.models import Observation, Theme
from reporting.tests.factories import ObservationFactory

LIST = reverse("api:observations")
READ, WRITE, REFERENCE = "observations:read", "observations:write", "reference:read"
WORK = "work:read"


def client_for(user, scopes=(READ, WRITE, REFERENCE, WORK), days=30, language="en"):
    _token, key = tokens.create(user=user, name="test", scopes=list(scopes), days=days)
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def sent(**changes) -> dict:
    body = {
        "external_id": "case-system-1",
        "organisation": "org-a",
        "text": "Nuorten päihdepalveluihin on pitkät jonot.",
        "language": "fi",
        "signal": "concern",
        "themes": ["housing"],
    }
    return body | changes


def test_the_key_is_kept_only_as_a_digest(analyst):
    token, key = tokens.create(user=analyst, name="BI", scopes=[READ], days=30)
    stored = ApiToken.objects.get(pk=token.pk)
    assert key not in json.dumps([stored.digest, stored.prefix, stored.name])
    assert tokens.find(key) == token
    assert tokens.find(key + "x") is None
    assert tokens.find(f"sora_{stored.prefix}_guess") is None


def test_an_analyst_reads_the_observations_of_their_scope_only(analyst, org_a, org_b):
    mine = ObservationFactory(organisation=org_a)
    ObservationFactory(organisation=org_b)
    response = client_for(analyst).get(LIST)
    assert response.status_code == 200
    assert [o["id"] for o in response.json()["results"]] == [mine.pk]
    assert response.json()["results"][0]["organisation"] == org_a.code


def test_every_read_leaves_a_disclosure_row(analyst, org_a):
    first, second = ObservationFactory(organisation=org_a), ObservationFactory(organisation=org_a)
    client = client_for(analyst)
    client.get(LIST)
    client.get(reverse("api:observation", args=[first.pk]))
    rows = list(Disclosure.objects.order_by("id"))
    assert [sorted(r.observations) for r in rows] == [sorted([first.pk, second.pk]), [first.pk]]
    assert {(r.user, r.token_label) for r in rows} == {(analyst, f"test ({rows[0].token.prefix}…)")}


def test_the_inbox_filters_apply_and_bad_ones_are_problems(analyst, org_a):
    concern = ObservationFactory(organisation=org_a, signal="concern")
    ObservationFactory(organisation=org_a, signal="positive")
    client = client_for(analyst)
    assert [o["id"] for o in client.get(LIST, {"signal": "concern"}).json()["results"]] == [
        concern.pk
    ]
    bad = client.get(LIST, {"start": "huomenna"})
    assert bad.status_code == 400
    assert bad["Content-Type"] == "application/problem+json"
    assert bad.json()["errors"][0]["field"] == "start"


def test_a_cursor_walks_a_long_list(analyst, org_a):
    made = {ObservationFactory(organisation=org_a).pk for _ in range(5)}
    client = client_for(analyst)
    seen, url = [], LIST + "?page_size=2"
    while url:
        body = client.get(url).json()
        seen += [o["id"] for o in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(made) and len(seen) == 5


def test_another_organisations_observation_is_not_found(analyst, org_b):
    theirs = ObservationFactory(organisation=org_b)
    response = client_for(analyst).get(reverse("api:observation", args=[theirs.pk]))
    assert response.status_code == 404
    assert response.json()["status"] == 404
    assert not Disclosure.objects.exists()


def test_a_reporters_token_reads_no_observations(reporter, org_a):
    ObservationFactory(organisation=org_a)
    response = client_for(reporter).get(LIST)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_a_missing_scope_is_refused(analyst, org_a):
    response = client_for(analyst, scopes=[REFERENCE]).get(LIST)
    assert response.status_code == 403
    assert "observations:read" in response.json()["detail"]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "Authentication credentials were not provided."),
        ("Token abc", "Send the key as"),
        ("Bearer sora_0123456789_nothing", "The key is not valid."),
    ],
)
def test_without_a_valid_key_the_answer_is_401(db, header, message):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(LIST)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert message in response.json()["detail"]


def test_expired_and_revoked_keys_and_closed_accounts_are_refused(analyst):
    client = client_for(analyst)
    token = ApiToken.objects.get()
    token.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    token.save()
    assert "expired" in client.get(LIST).json()["detail"]
    token.expires_at = timezone.now() + datetime.timedelta(days=1)
    token.save()
    tokens.revoke(token)
    assert "revoked" in client.get(LIST).json()["detail"]
    other = client_for(analyst)
    analyst.is_active = False
    analyst.save()
    assert other.get(LIST).status_code == 401


def test_problems_speak_the_clients_language(analyst):
    response = client_for(analyst, scopes=[], language="fi").get(LIST)
    assert response.status_code == 403
    assert response.json()["title"] == "Ei sallittu"


# Sending observations --------------------------------------------------------------------


def test_an_observation_is_sent_once_whatever_the_retries(reporter, org_a):
    client = client_for(reporter, scopes=[WRITE])
    first = client.post(LIST, sent(), format="json")
    assert first.status_code == 201
    again = client.post(LIST, sent(), format="json")
    assert again.status_code == 200
    assert again.json() == first.json()
    observation = Observation.objects.get()
    assert observation.external_id == "case-system-1"
    assert list(observation.themes.all()) == [Theme.objects.get(code="housing")]
    assert observation.whole_county


def test_personal_data_is_refused_with_the_guards_message(reporter, org_a):
    client = client_for(reporter, scopes=[WRITE])
    response = client.post(LIST, sent(text="Asiakas 131052-308T tarvitsee apua."), format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["field"] == "text"
    assert "personal data" in error["detail"]
    assert not Observation.objects.exists()


def test_a_name_cannot_be_vouched_for_through_the_api(reporter, org_a):
    client = client_for(reporter, scopes=[WRITE])
    response = client.post(LIST, sent(text="Matti Virtanen kertoi jonoista."), format="json")
    assert response.status_code == 400
    assert not Observation.objects.exists()


def test_an_organisation_the_person_does_not_report_for_is_refused(reporter, org_b):
    client = client_for(reporter, scopes=[WRITE])
    response = client.post(LIST, sent(organisation=org_b.code), format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "organisation"


def test_another_organisations_external_id_is_a_conflict(reporter, org_b):
    ObservationFactory(organisation=org_b, external_id="case-system-1")
    response = client_for(reporter, scopes=[WRITE]).post(LIST, sent(), format="json")
    assert response.status_code == 409
    assert Observation.objects.count() == 1


def test_a_body_that_is_no_json_is_a_problem(reporter):
    client = client_for(reporter, scopes=[WRITE])
    response = client.post(LIST, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_reference_data_lists_the_codes(reporter):
    body = client_for(reporter, scopes=[REFERENCE]).get(reverse("api:reference")).json()
    assert "housing" in {t["code"] for t in body["themes"]}
    assert body["municipalities"]


# The schema -----------------------------------------------------------------------------


def test_the_committed_schema_is_current(tmp_path):
    fresh = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(fresh), "--lang", "en", "--fail-on-warn")
    committed = Path(__file__).resolve().parent.parent / "openapi.yaml"
    assert fresh.read_text() == committed.read_text(), (
        "Run: DEBUG=true .venv/bin/python manage.py spectacular --lang en --file api/openapi.yaml"
    )


def test_the_schema_is_served_without_a_key(client):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    assert b"/api/v1/observations/" in response.content


# Phenomena and proposals ------------------------------------------------------------------


def test_phenomena_of_the_persons_organisations_only(analyst, org_a, org_b):
    mine = PhenomenonFactory(organisation=org_a, name="Nuorten jonot")
    PhenomenonFactory(organisation=org_b, name="Toisen ilmiö")
    body = client_for(analyst, scopes=[WORK]).get(reverse("api:phenomena")).json()
    assert [(p["id"], p["name"]) for p in body["results"]] == [(mine.pk, "Nuorten jonot")]


def test_a_proposal_with_its_history(analyst, org_a, org_b):
    proposal = ProposalFactory(organisation=org_a, owner=analyst)
    Transition.objects.create(proposal=proposal, action="submit", to_status="submitted")
    theirs = ProposalFactory(organisation=org_b)
    client = client_for(analyst, scopes=[WORK])
    listed = client.get(reverse("api:proposals")).json()["results"]
    assert [p["id"] for p in listed] == [proposal.pk]
    one = client.get(reverse("api:proposal", args=[proposal.pk])).json()
    assert [step["to_status"] for step in one["history"]] == ["submitted"]
    assert client.get(reverse("api:proposal", args=[theirs.pk])).status_code == 404


def test_a_code_with_a_nul_character_is_an_unknown_code(reporter, org_a):
    # PostgreSQL cannot compare text holding NUL: it is refused before any query.
    client = client_for(reporter, scopes=[WRITE])
    response = client.post(
        LIST, sent(themes=["hous\x00ing"], organisation="org\x00a"), format="json"
    )
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"themes", "organisation"}
    assert not Observation.objects.exists()
