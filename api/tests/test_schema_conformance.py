"""Property-based requests against the committed OpenAPI description: every answer is one
the description documents, in its documented shape, and none is a server error. Requests
that leave the key out on purpose are answered 401."""

from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api import tokens
from api.forms import scopes_for

SCHEMA = schemathesis.openapi.from_path(Path(__file__).resolve().parent.parent / "openapi.yaml")
SCHEMA.app = get_wsgi_application()
KEY = "sora_c0ffee0123_conformance-of-the-description"


@pytest.fixture(autouse=True)
def _one_connection_per_test():
    """Requests go to the WSGI application itself, which closes the database connection
    after each one; like Django's test client, keep the test's connection (and its
    transaction) open instead."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def analysts_key(analyst):
    """``KEY`` as a key of the analyst with every scope an analyst may have."""
    token, _random = tokens.create(
        user=analyst, name="conformance", scopes=scopes_for(analyst), days=1
    )
    token.prefix, token.digest = "c0ffee0123", tokens.digest_of(KEY)
    token.save()


@SCHEMA.auth()
class AnalystsKey:
    def get(self, case, context):
        return KEY

    def set(self, case, key, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {key}"}


@pytest.mark.django_db
@SCHEMA.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_as_its_description_says(case, analysts_key):
    # A request of the right shape may still be refused with a documented 400: a theme's
    # id that does not exist, a text with personal data.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
