"""Retention erases exactly the text past its age and keeps codes, links and counts."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.audit import record_event
from accounts.models import AuditEvent
from analysis.models import TextVector
from reporting.models import CampaignAnswer, Draft, Observation, Theme
from reporting.retention import apply_retention
from reporting.tests.factories import CampaignFactory, ObservationFactory

# Now, so that the events each run records have today's time like every other row.
NOW = timezone.now().replace(microsecond=0)
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _ages(settings):
    settings.RETENTION_TEXT_DAYS = 365
    settings.RETENTION_DRAFT_DAYS = 30
    settings.RETENTION_AUDIT_DAYS = 100


def _observation(org, age: dt.timedelta, **kwargs):
    observation = ObservationFactory(
        organisation=org,
        submitted_at=NOW - age,
        suggestion="Lisää kotikäyntejä.",
        privacy_confirmations=[{"word": "Virtanen"}],
        **kwargs,
    )
    observation.themes.add(Theme.objects.first())
    return observation


def test_it_erases_exactly_the_text_past_its_age(org_a, reporter):
    old = _observation(org_a, 365 * DAY + dt.timedelta(seconds=1), reporter=reporter)
    young = _observation(org_a, 365 * DAY - dt.timedelta(seconds=1))
    counts = apply_retention(now=NOW)
    old.refresh_from_db()
    young.refresh_from_db()
    assert counts["observation"] == 1
    assert (old.text, old.suggestion, old.privacy_confirmations) == ("", "", [])
    assert old.text_erased_at == NOW
    assert young.text != ""
    assert young.suggestion == "Lisää kotikäyntejä." and young.text_erased_at is None
    # Codes, links and the reporter's own list stay.
    assert old.themes.count() == 1
    assert (old.signal, old.organisation, old.reporter) == (young.signal, org_a, reporter)
    assert Observation.objects.count() == 2


def test_text_answers_are_erased_and_choices_kept(org_a):
    campaign = CampaignFactory(owner=org_a)
    text_question = campaign.questions.create(kind="long_text", text_fi="Kerro lisää")
    scale = campaign.questions.create(kind="scale", text_fi="Arvio")
    observation = _observation(org_a, 400 * DAY, campaign=campaign)
    CampaignAnswer.objects.create(observation=observation, question=text_question, value="Pitkä")
    CampaignAnswer.objects.create(observation=observation, question=scale, value="4")
    apply_retention(now=NOW)
    values = dict(observation.answers.values_list("question__kind", "value"))
    assert values == {"long_text": "", "scale": "4"}


def test_it_is_idempotent(org_a):
    _observation(org_a, 400 * DAY)
    assert apply_retention(now=NOW)["observation"] == 1
    events = AuditEvent.objects.filter(action="retention").count()
    assert apply_retention(now=NOW) == {"observation": 0, "draft": 0, "memo": 0, "audit_events": 0}
    assert AuditEvent.objects.filter(action="retention").count() == events


def test_vectors_of_erased_texts_are_forgotten(org_a):
    old = _observation(org_a, 400 * DAY)
    young = _observation(org_a, 10 * DAY)
    for observation in (old, young):
        TextVector.objects.create(
            observation=observation, model="m", embedding=b"", terms=["jono"], language="fi"
        )
    apply_retention(now=NOW)
    assert list(TextVector.objects.values_list("observation_id", flat=True)) == [young.pk]


def test_the_search_document_follows_the_erasure(org_a):
    from django.db import connection

    from analysis.inbox import search

    old = _observation(org_a, 400 * DAY, text="Vuokrarästit kasvavat nopeasti.")
    apply_retention(now=NOW)
    assert not search(Observation.objects.filter(pk=old.pk), "vuokrarästit").exists()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT search_document::text FROM reporting_observation WHERE id = %s", [old.pk]
            )
            assert cursor.fetchone()[0] == ""


def test_old_drafts_and_audit_events_are_removed(reporter):
    Draft.objects.create(user=reporter, data={"text": ["vanha"]})
    Draft.objects.create(user=reporter, data={"text": ["uusi"]})
    Draft.objects.filter(data__text=["vanha"]).update(updated_at=NOW - 31 * DAY)
    Draft.objects.filter(data__text=["uusi"]).update(updated_at=NOW - 29 * DAY)
    record_event(action="export", actor=reporter, target="old")
    record_event(action="export", actor=reporter, target="recent")
    _date_back("old", NOW - 101 * DAY)
    _date_back("recent", NOW - 99 * DAY)
    counts = apply_retention(now=NOW)
    assert counts["draft"] == 1
    assert [d.excerpt for d in Draft.objects.all()] == ["uusi"]
    assert not AuditEvent.objects.filter(target="old").exists()
    assert AuditEvent.objects.filter(target="recent").exists()
    assert AuditEvent.objects.filter(action="retention").get().detail["audit_events"] >= 1


def test_zero_keeps_forever(org_a, settings):
    settings.RETENTION_TEXT_DAYS = 0
    _observation(org_a, 4000 * DAY)
    assert apply_retention(now=NOW)["observation"] == 0


def test_the_pages_say_the_text_was_erased(client, org_a, reporter):
    observation = _observation(org_a, 400 * DAY, reporter=reporter)
    apply_retention(now=NOW)
    client.force_login(reporter)
    content = client.get(f"/observations/{observation.pk}/").content.decode()
    assert timezone.localtime(NOW).strftime("%-d.%-m.%Y") in content


def test_the_command_reports_what_it_did(org_a, capsys):
    _observation(org_a, 400 * DAY)
    call_command("apply_retention")
    assert "observation 1, draft 0, memo 0, audit_events 0" in capsys.readouterr().out


def test_the_task_runs_it(org_a):
    from reporting.tasks import apply_retention as task

    _observation(org_a, 400 * DAY)
    result = task.enqueue()
    assert result.return_value["observation"] == 1


def _date_back(target: str, at: dt.datetime) -> None:
    from django.db import connection

    # Rows are append-only: only raw SQL can date one back.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET at = %s WHERE target = %s",  # noqa: S608
            [at, target],
        )
