"""Reports published to everyone before versions kept their figures count as published."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_the_versions_already_public_with_what_they_cover():
    executor = MigrationExecutor(connection)
    executor.migrate([("reports", "0004_public_download_count")])
    apps = executor.loader.project_state([("reports", "0004_public_download_count")]).apps
    Org = apps.get_model("accounts", "Organisation")
    OT = apps.get_model("accounts", "OrganisationType")
    Report = apps.get_model("reports", "Report")
    Run = apps.get_model("reports", "ReportRun")
    # A test that ran before may have emptied the seeded types; make one if so.
    kind = OT.objects.first() or OT.objects.create(code="test-type", name_fi="Tyyppi")
    owner = Org.objects.create(code="o1", name_fi="O1", type=kind)
    partner = Org.objects.create(code="o2", name_fi="O2", type=kind)
    partner.shares_with.add(owner)
    report = Report.objects.create(
        organisation=owner,
        first_day=datetime.date(2026, 4, 1),
        last_day=datetime.date(2026, 6, 30),
        audience="public",
        state="published",
    )
    run = Run.objects.create(report=report, revision=1, state="done")
    report.published_run = run
    report.save()
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    from reports import publication
    from reports.models import ReportRun

    migrated = ReportRun.objects.get(pk=run.pk)
    assert migrated.public_since is not None
    assert publication.population_of(migrated).organisations == {owner.pk, partner.pk}
