"""The receipt page's e-mail: to the account's address or to one typed, which is used once
and kept nowhere; limited per address and per receipt."""

import io
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from reporting.tests.factories import ObservationFactory

ADDRESS = "kertoja.tyopaikka@example.org"


@pytest.fixture
def observation(db):
    return ObservationFactory()


def url(observation):
    return reverse("reporting:email_receipt", args=[observation.receipt_code])


def database_dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def test_the_receipt_page_offers_copy_print_and_email(client, observation):
    page = client.get(reverse("reporting:receipt", args=[observation.receipt_code]))
    html = page.content.decode()
    assert "data-copy=" in html and "data-print" in html
    assert f'action="{url(observation)}"' in html
    assert 'class="receipt-link"' in html


def test_a_typed_address_gets_the_code_and_link_and_is_kept_nowhere(client, observation, caplog):
    caplog.set_level(logging.DEBUG)
    response = client.post(url(observation), {"to": "typed", "email": ADDRESS}, follow=True)
    assert response.status_code == 200
    (message,) = mail.outbox
    assert message.to == [ADDRESS]
    assert observation.receipt_display in message.body
    assert f"/follow/{observation.receipt_code}/" in message.body
    assert observation.text not in message.body and observation.text not in message.subject
    assert "Kuittikoodisi" in message.body  # the page's language, Finnish
    assert ADDRESS not in response.content.decode()
    assert ADDRESS not in database_dump()
    assert ADDRESS not in caplog.text


def test_the_email_is_in_the_language_of_the_page(client, observation):
    client.cookies.load({"django_language": "sv"})
    client.post(url(observation), {"to": "typed", "email": ADDRESS}, HTTP_ACCEPT_LANGUAGE="sv")
    assert "Din kvittokod" in mail.outbox[0].body


def test_a_signed_in_person_sends_it_to_their_account_in_their_language(
    client, reporter, observation
):
    reporter.email = "raportoija@example.org"
    reporter.language = "sv"
    reporter.save()
    client.force_login(reporter)
    page = client.get(reverse("reporting:receipt", args=[observation.receipt_code]))
    assert "raportoija@example.org" in page.content.decode()
    response = client.post(url(observation), {"to": "account"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["raportoija@example.org"]
    assert "Din kvittokod" in message.body


def test_an_empty_or_bad_address_gets_a_message(client, observation):
    response = client.post(url(observation), {"to": "typed", "email": "ei-osoite"})
    assert response.status_code == 400
    assert "ei-osoite" in response.content.decode()  # kept on the page for correcting
    assert client.post(url(observation), {"to": "typed"}).status_code == 400
    assert client.post(url(observation), {"to": "account"}).status_code == 400  # no account
    assert mail.outbox == []


def test_it_is_limited_per_receipt(client, observation, settings):
    settings.RECEIPT_MAIL_MAX_PER_CODE = 2
    for number in range(2):
        data = {"to": "typed", "email": f"{number}@example.org"}
        assert (
            client.post(url(observation), data, REMOTE_ADDR=f"10.0.0.{number}").status_code == 302
        )
    response = client.post(
        url(observation), {"to": "typed", "email": ADDRESS}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert len(mail.outbox) == 2


def test_it_is_limited_per_address(client, db, settings):
    settings.RECEIPT_MAIL_MAX_PER_IP = 1
    first, second = ObservationFactory(), ObservationFactory()
    assert client.post(url(first), {"to": "typed", "email": ADDRESS}).status_code == 302
    assert client.post(url(second), {"to": "typed", "email": ADDRESS}).status_code == 429
    assert len(mail.outbox) == 1


def test_it_rejects_get_and_unknown_codes(client, observation):
    assert client.get(url(observation)).status_code == 405
    unknown = reverse("reporting:email_receipt", args=["NOSUCHCODE"])
    assert client.post(unknown, {"to": "typed", "email": ADDRESS}).status_code == 404


def test_the_address_field_is_not_marked_optional(client, observation):
    page = client.get(reverse("reporting:receipt", args=[observation.receipt_code]))
    html = page.content.decode()
    form = html.split('class="receipt-email"')[1]
    assert "(valinnainen)" not in form and "(vapaaehtoinen)" not in form
