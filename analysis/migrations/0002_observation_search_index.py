"""Indexes for the analyst's inbox: full-text search (PostgreSQL only) and date order."""

from django.db import migrations

SEARCH_INDEX = """
CREATE INDEX IF NOT EXISTS observation_search_idx ON reporting_observation USING gin ((
to_tsvector(CASE "reporting_observation"."language" WHEN 'sv' THEN 'swedish'::regconfig
WHEN 'en' THEN 'english'::regconfig ELSE 'finnish'::regconfig END,
coalesce("reporting_observation"."text", '') || ' ' ||
coalesce("reporting_observation"."suggestion", ''))
))
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS observation_search_idx")


class Migration(migrations.Migration):
    dependencies = [("analysis", "0001_initial"), ("reporting", "0002_reference_data")]
    operations = [migrations.RunPython(create, drop)]
