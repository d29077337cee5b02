"""The notices page, following a notice, the choices, and the outbox's promises: one message
per event and person, nothing lost when the mail server is down."""

from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from notices import outbox, services
from notices.models import Kind, Notice, NoticePreference
from reporting.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def observation(org_a):
    return ObservationFactory(organisation=org_a)


def _assign(users, observation, capture, key="assign:1"):
    with capture(execute=True), transaction.atomic():
        return services.tell(users, Kind.ASSIGNED, event_key=key, object_id=observation.pk)


def test_one_notice_per_event_and_person_whatever_the_retries(
    analyst, observation, django_capture_on_commit_callbacks
):
    for _ in range(3):
        _assign([analyst], observation, django_capture_on_commit_callbacks)
    assert Notice.objects.count() == 1
    assert len(mail.outbox) == 1
    assert services.OUTBOX.retry_failed() == 0
    assert len(mail.outbox) == 1
    assert f"nro {observation.pk}" in mail.outbox[0].body


def test_a_failed_e_mail_stays_in_the_outbox_and_goes_once_later(
    analyst, observation, django_capture_on_commit_callbacks
):
    with mock.patch("notices.services.send_mail", side_effect=OSError("mail server down")):
        _assign([analyst], observation, django_capture_on_commit_callbacks)
    notice = Notice.objects.get()
    assert notice.sent_at is None and "down" in notice.last_error
    assert services.OUTBOX.retry_failed() == 1
    assert services.OUTBOX.retry_failed() == 0
    assert len(mail.outbox) == 1


def test_a_notice_the_person_may_no_longer_see_is_not_sent(
    outsider, observation, django_capture_on_commit_callbacks
):
    _assign([outsider], observation, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    notice = Notice.objects.get()
    assert notice.sent_at is not None  # done with, never retried


def test_the_page_lists_and_opens_the_notices(
    client, analyst, observation, django_capture_on_commit_callbacks
):
    _assign([analyst], observation, django_capture_on_commit_callbacks)
    client.force_login(analyst)
    page = client.get(reverse("notices:list")).content.decode()
    assert f"nro {observation.pk}" in page and "Lukematon" in page
    notice = Notice.objects.get()
    response = client.get(reverse("notices:open", args=[notice.pk]))
    assert response["Location"] == reverse("analysis:observation", args=[observation.pk])
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_another_person_s_notice_is_not_found(
    client, analyst, admin_member, observation, django_capture_on_commit_callbacks
):
    _assign([analyst], observation, django_capture_on_commit_callbacks)
    client.force_login(admin_member)
    notice = Notice.objects.get()
    assert client.get(reverse("notices:open", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_marking_all_read_empties_the_count_in_the_menu(
    client, analyst, observation, django_capture_on_commit_callbacks
):
    _assign([analyst], observation, django_capture_on_commit_callbacks, key="a")
    _assign([analyst], observation, django_capture_on_commit_callbacks, key="b")
    client.force_login(analyst)
    assert 'class="badge">2' in client.get(reverse("notices:list")).content.decode()
    assert client.get(reverse("notices:mark_read")).status_code == 405
    client.post(reverse("notices:mark_read"))
    assert services.unread_count(analyst) == 0
    assert 'class="badge"' not in client.get(reverse("notices:list")).content.decode()


def test_the_settings_offer_the_kinds_of_the_person_s_roles(client, analyst, reader):
    client.force_login(reader)
    page = client.get(reverse("notices:settings")).content.decode()
    assert "Toimielimellesi saapuu ehdotus" in page
    assert "Sinulle osoitetaan havainto" not in page
    client.force_login(analyst)
    page = client.get(reverse("notices:settings")).content.decode()
    assert "Sinulle osoitetaan havainto" in page


def test_the_settings_are_saved_and_bad_choices_refused(client, analyst):
    client.force_login(analyst)
    url = reverse("notices:settings")
    data = {
        "language": "sv",
        Kind.ASSIGNED: "daily",
        Kind.APPROVAL_REQUESTED: "weekly",
        Kind.APPROVAL_OUTCOME: "off",
        Kind.PROPOSAL_NEWS: "immediate",
        Kind.NEW_SIGNAL: "daily",
        Kind.CAMPAIGN_INVITED: "immediate",
        Kind.CAMPAIGN_CLOSING: "off",
    }
    assert client.post(url, data).status_code == 302
    analyst.refresh_from_db()
    assert analyst.language == "sv"
    assert services.frequencies_of(analyst)[Kind.ASSIGNED] == "daily"
    assert services.frequencies_of(analyst)[Kind.NEW_SIGNAL] == "daily"
    assert NoticePreference.objects.filter(user=analyst).count() == 7
    response = client.post(url, {**data, Kind.ASSIGNED: "hourly"})
    assert response.status_code == 400
    assert services.frequencies_of(analyst)[Kind.ASSIGNED] == "daily"


def test_a_weekly_choice_waits_for_the_weekly_e_mail(
    analyst, observation, django_capture_on_commit_callbacks
):
    NoticePreference.objects.create(user=analyst, kind=Kind.ASSIGNED, frequency="weekly")
    _assign([analyst], observation, django_capture_on_commit_callbacks, key="a")
    _assign([analyst], observation, django_capture_on_commit_callbacks, key="b")
    assert mail.outbox == []
    assert outbox.send_all_digests("daily") == 0
    assert outbox.send_all_digests("weekly") == 1
    assert outbox.send_all_digests("weekly") == 0
    assert mail.outbox[0].body.count(f"nro {observation.pk}") == 2
