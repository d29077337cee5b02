"""When the database cannot be reached, the person sees a calm page with their text, and
"Try again" sends the same submission once more: never a traceback, never a duplicate."""

import re
from html import unescape

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import reverse

from reporting import services
from reporting.models import Observation
from reporting.tests.helpers import form_data

URL = reverse("reporting:new_observation")


@pytest.fixture
def signed_in(reporter):
    client = Client(raise_request_exception=False)
    client.force_login(reporter)
    return client


def _fail(error):
    def submit(**kwargs):
        raise error("server closed the connection unexpectedly")

    return submit


def _resubmitted_fields(html: str) -> dict:
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    for name, value in re.findall(
        r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', html
    ):
        fields[name] = value
    return {name: unescape(value) for name, value in fields.items()}


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_outage_keeps_the_text_and_says_try_again(signed_in, monkeypatch, error):
    monkeypatch.setattr(services, "submit_observation", _fail(error))
    data = form_data(text="Kotihoidon käynnit ovat lyhentyneet kymmeneen minuuttiin.")
    response = signed_in.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Traceback" not in html and "OperationalError" not in html
    assert "Kotihoidon käynnit ovat lyhentyneet kymmeneen minuuttiin.</textarea>" in html
    assert "Yritä uudelleen" in html
    assert Observation.objects.count() == 0


def test_try_again_sends_the_same_submission(signed_in, monkeypatch):
    data = form_data()
    with monkeypatch.context() as patch:
        patch.setattr(services, "submit_observation", _fail(OperationalError))
        outage = signed_in.post(URL, data)
    fields = _resubmitted_fields(outage.content.decode())
    assert fields["submission_key"] == data["submission_key"]
    assert fields["text"] == data["text"]
    retry = {name: fields[name] for name in fields}
    retry["target_groups"] = data["target_groups"]
    retry["municipalities"] = data["municipalities"]
    response = signed_in.post(URL, retry)
    assert response.status_code == 302
    assert Observation.objects.get().submission_key.hex == data["submission_key"].replace("-", "")


def test_outage_outside_a_submission_is_calm(signed_in, monkeypatch):
    from reporting import views

    def broken(*args, **kwargs):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(views.access, "observations_reported_by", broken)
    response = signed_in.get(reverse("reporting:my_observations"))
    assert response.status_code == 503
    assert b"Traceback" not in response.content


def test_outage_page_never_echoes_a_password(db, monkeypatch):
    from accounts import throttle

    def broken(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(throttle, "find_account", broken)
    client = Client(raise_request_exception=False)
    response = client.post(reverse("accounts:login"), {"username": "a", "password": "s3cret-pw"})
    assert response.status_code == 503
    assert b"s3cret-pw" not in response.content
