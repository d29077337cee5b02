"""Every API route × every kind of key: each persona's own key with every scope it may
have, another organisation's key, an expired and a revoked one, and none."""

import datetime

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api import tokens
from api.forms import scopes_for
from proposals.tests.factories import ProposalFactory
from reporting.tests.factories import ObservationFactory

KEYS = ["none", "reporter", "analyst", "reader", "admin_member", "outsider", "expired", "revoked"]


@pytest.fixture
def keys(reporter, analyst, reader, admin_member, outsider):
    made = {}
    for name, user in [
        ("reporter", reporter),
        ("analyst", analyst),
        ("reader", reader),
        ("admin_member", admin_member),
        ("outsider", outsider),
        ("expired", analyst),
        ("revoked", analyst),
    ]:
        token, key = tokens.create(user=user, name=name, scopes=scopes_for(user), days=30)
        made[name] = key
        if name == "expired":
            token.expires_at = timezone.now() - datetime.timedelta(minutes=1)
            token.save()
        if name == "revoked":
            tokens.revoke(token)
    return made


def _expected(**by_key):
    return [by_key.get(name, by_key.get("default")) for name in KEYS]


ROWS = [
    (
        "observations",
        lambda w: reverse("api:observations"),
        "get",
        _expected(none=401, expired=401, revoked=401, reporter=403, reader=403, default=200),
    ),
    (
        "one observation of A",
        lambda w: reverse("api:observation", args=[w["observation"].pk]),
        "get",
        _expected(
            none=401, expired=401, revoked=401, reporter=403, reader=403, outsider=404, default=200
        ),
    ),
    (
        "send an observation, empty",
        lambda w: reverse("api:observations"),
        "post",
        # Readers may not report; everyone else who may gets told what to fill in.
        _expected(none=401, expired=401, revoked=401, reader=403, default=400),
    ),
    (
        "reference data",
        lambda w: reverse("api:reference"),
        "get",
        _expected(none=401, expired=401, revoked=401, default=200),
    ),
    (
        "phenomena",
        lambda w: reverse("api:phenomena"),
        "get",
        _expected(none=401, expired=401, revoked=401, reporter=403, reader=403, default=200),
    ),
    (
        "proposals",
        lambda w: reverse("api:proposals"),
        "get",
        _expected(none=401, expired=401, revoked=401, reporter=403, reader=403, default=200),
    ),
    (
        "a proposal of A",
        lambda w: reverse("api:proposal", args=[w["proposal"].pk]),
        "get",
        _expected(
            none=401, expired=401, revoked=401, reporter=403, reader=403, outsider=404, default=200
        ),
    ),
    ("schema", lambda w: reverse("api:schema"), "get", _expected(default=200)),
    ("any other address", lambda w: "/api/v1/observations/x/", "get", _expected(default=404)),
]


@pytest.mark.parametrize(("name", "make_url", "method", "statuses"), ROWS, ids=[r[0] for r in ROWS])
def test_api_access(keys, org_a, name, make_url, method, statuses):
    world = {
        "observation": ObservationFactory(organisation=org_a, text="A:n havainto jonoista."),
        "proposal": ProposalFactory(organisation=org_a, title="A:n havainto ehdotukseksi"),
    }
    wrong = []
    for key_name, status in zip(KEYS, statuses, strict=True):
        client = APIClient()
        if key_name != "none":
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {keys[key_name]}")
        response = getattr(client, method)(make_url(world), format="json")
        if response.status_code != status:
            wrong.append(f"{key_name}: {response.status_code}, not {status}")
        if key_name == "outsider" and "A:n havainto" in response.content.decode():
            wrong.append("outsider sees A's observation")
    assert not wrong, f"{name}: " + "; ".join(wrong)


def test_every_api_route_has_a_row():
    [api] = [p for p in get_resolver().url_patterns if getattr(p, "namespace", "") == "api"]
    assert isinstance(api, URLResolver)
    named = {pattern.name for pattern in api.url_patterns}
    covered = {
        "observations",
        "observation",
        "reference",
        "phenomena",
        "proposals",
        "proposal",
        "schema",
        "not_found",
    }
    assert named == covered
