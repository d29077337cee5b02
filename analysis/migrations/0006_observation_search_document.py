"""Store each observation's search document instead of stemming it at query time.

The expression index of 0002 only helped when a query plan started from it; whenever the
planner walked the date index or the link tables instead, every row's text was stemmed again
(about 26 µs a row, seconds at a million observations). A stored column is computed once, when
the row is written. PostgreSQL only; SQLite searches with its word-matching fallback.
"""

from django.db import migrations

ADD = """
ALTER TABLE reporting_observation ADD COLUMN IF NOT EXISTS search_document tsvector
  GENERATED ALWAYS AS (to_tsvector(CASE language WHEN 'sv' THEN 'swedish'::regconfig
    WHEN 'en' THEN 'english'::regconfig ELSE 'finnish'::regconfig END,
    coalesce(text, '') || ' ' || coalesce(suggestion, ''))) STORED;
CREATE INDEX IF NOT EXISTS observation_search_document_idx
  ON reporting_observation USING gin (search_document);
DROP INDEX IF EXISTS observation_search_idx;
"""

REMOVE = """
DROP INDEX IF EXISTS observation_search_document_idx;
ALTER TABLE reporting_observation DROP COLUMN IF EXISTS search_document;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REMOVE)


class Migration(migrations.Migration):
    dependencies = [("analysis", "0005_suggestion_runs")]
    operations = [migrations.RunPython(create, remove)]
