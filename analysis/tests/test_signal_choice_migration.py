"""An analyst's earlier choice of how to hear of new signals becomes their notice choice."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from analysis.models import SignalNotice
from notices.models import NoticePreference


@pytest.mark.django_db(transaction=True)
def test_the_signal_choice_moves_to_the_notice_choices():
    before = [
        ("analysis", "0014_signal_preference_language_on_account"),
        ("notices", "0004_more_kinds"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    User = apps.get_model("accounts", "User")
    Preference = apps.get_model("analysis", "SignalPreference")
    Sighting = apps.get_model("analysis", "SignalSighting")
    Notice = apps.get_model("analysis", "SignalNotice")
    weekly = User.objects.create(username="weekly", email="w@example.org")
    quiet = User.objects.create(username="quiet", email="q@example.org")
    eager = User.objects.create(username="eager", email="e@example.org")
    Preference.objects.create(user=weekly, frequency="weekly")
    Preference.objects.create(user=quiet, frequency="off")
    Preference.objects.create(user=eager, frequency="immediate")
    day = datetime.date(2026, 11, 2)
    sighting = Sighting.objects.create(scope_key="s", cell="c", first_seen_on=day, last_seen_on=day)
    Notice.objects.create(
        key="k", user=quiet, sighting=sighting, scope_key="s", as_of=day, delivery="in_sora"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    chosen = NoticePreference.objects.filter(kind="new_signal")
    assert dict(chosen.values_list("user__username", "frequency")) == {
        "weekly": "weekly",
        "quiet": "off",
    }
    assert SignalNotice.objects.get().delivery == "off"
