"""A backup restored into a fresh database has every table with the same rows."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from accounts.audit import record_event
from reporting.models import Observation
from reporting.tests.factories import CampaignFactory, ObservationFactory
from sora import backup

pytestmark = pytest.mark.django_db(transaction=True)

REFERENCE_MIGRATIONS = [
    "accounts.migrations.0002_reference_data",
    "reporting.migrations.0002_reference_data",
]


@pytest.fixture
def some_data(request):
    """Committed rows in most tables: a live backup only sees committed data."""
    if not apps.get_model("accounts", "OrganisationType").objects.exists():
        for module in REFERENCE_MIGRATIONS:
            importlib.import_module(module).load(apps, None)
    reporter = request.getfixturevalue("reporter")
    campaign = CampaignFactory(owner=reporter.memberships.get().organisation)
    for n in range(3):
        observation = ObservationFactory(
            organisation=campaign.owner, reporter=reporter, campaign=campaign, text=f"Havainto {n}"
        )
        observation.themes.add(apps.get_model("reporting", "Theme").objects.first())
    record_event(action="export", actor=reporter, target="before the backup")


def _original():
    return backup.fingerprint(connection.settings_dict)


def test_sqlite_round_trip(some_data, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite backup")
    call_command("backup", str(tmp_path / "sora.sqlite3"))
    fresh = {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "fresh.sqlite3"}
    backup.restore(tmp_path / "sora.sqlite3", settings_dict=fresh)
    restored = backup.fingerprint(fresh)
    original = _original()
    assert restored == original
    assert original["reporting_observation"][0] == 3


def test_postgres_round_trip(some_data, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL backup")
    call_command("backup", str(tmp_path / "sora.dump"))
    scratch = dict(connection.settings_dict, NAME=f"{connection.settings_dict['NAME']}_restore")
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{scratch["NAME"]}"')
        cursor.execute(f'CREATE DATABASE "{scratch["NAME"]}"')
    try:
        backup.restore(tmp_path / "sora.dump", settings_dict=scratch)
        restored = backup.fingerprint(scratch)
        original = _original()
        assert restored == original
        assert original["reporting_observation"][0] == 3
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch["NAME"]}" WITH (FORCE)')


def test_a_changed_row_changes_the_checksum(some_data):
    before = _original()
    Observation.objects.filter(text="Havainto 1").update(text="Havainto 1!")
    after = _original()
    assert before["reporting_observation"][0] == after["reporting_observation"][0]
    assert before["reporting_observation"][1] != after["reporting_observation"][1]
    assert before["accounts_user"] == after["accounts_user"]


def test_the_checksums_command_lists_every_table(some_data, capsys):
    call_command("table_checksums")
    lines = capsys.readouterr().out.splitlines()
    tables = {line.split("\t")[0] for line in lines}
    assert {"reporting_observation", "accounts_auditevent", "django_migrations"} <= tables
