"""Keep each observation's theme, municipality and target group ids in indexed arrays.

The inbox filters by these links together with a text search. Through the link tables, the
database joins tens of thousands of link rows before it can apply the search; with an array
column and a GIN index per link, it intersects three index bitmaps instead and reads only the
rows that match everything. Triggers on the link tables keep the arrays current, whatever
writes the links (the form, triage, imports, theme merges). PostgreSQL only; on SQLite the
inbox filters through the link tables.
"""

from django.db import migrations

# (array column, link table, id column in the link table)
LINKS = [
    ("theme_ids", "reporting_observation_themes", "theme_id"),
    ("municipality_ids", "reporting_observation_municipalities", "municipality_id"),
    ("target_group_ids", "reporting_observation_target_groups", "targetgroup_id"),
]

REFRESH_FUNCTION = """
CREATE OR REPLACE FUNCTION sora_refresh_link_ids() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched bigint[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN touched := touched || NEW.observation_id; END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN touched := touched || OLD.observation_id; END IF;
  EXECUTE format(
    'UPDATE reporting_observation o SET %1$I = ARRAY(SELECT l.%2$I FROM %3$I l '
    'WHERE l.observation_id = o.id ORDER BY 1) WHERE o.id = ANY($1)',
    TG_ARGV[0], TG_ARGV[1], TG_TABLE_NAME
  ) USING touched;
  RETURN NULL;
END $$;
"""


def fill_sql() -> str:
    """Compute every array column of every observation from the link tables, in one pass (each
    pass over the table also recomputes its stored search document)."""
    columns = ", ".join(
        f"{column} = ARRAY(SELECT l.{id_column} FROM {table} l "
        f"WHERE l.observation_id = o.id ORDER BY 1)"
        for column, table, id_column in LINKS
    )
    return f"UPDATE reporting_observation o SET {columns}"


def index_sql(column: str) -> str:
    return (
        f"CREATE INDEX IF NOT EXISTS observation_{column}_idx "
        f"ON reporting_observation USING gin ({column})"
    )


def _add_column(column: str) -> str:
    return (
        f"ALTER TABLE reporting_observation ADD COLUMN IF NOT EXISTS {column} "
        "bigint[] NOT NULL DEFAULT '{}'"
    )


def _add_trigger(column: str, table: str, id_column: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {column}_refresh ON {table}",
        f"CREATE TRIGGER {column}_refresh AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION sora_refresh_link_ids('{column}', '{id_column}')",
    ]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        # Without parameters, so that format()'s %-signs reach PostgreSQL as written.
        cursor.execute(REFRESH_FUNCTION)
    for column, _, _ in LINKS:
        schema_editor.execute(_add_column(column))
    schema_editor.execute(fill_sql())
    for column, table, id_column in LINKS:
        schema_editor.execute(index_sql(column))
        for statement in _add_trigger(column, table, id_column):
            schema_editor.execute(statement)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column, table, _ in LINKS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {column}_refresh ON {table}")
        schema_editor.execute(f"ALTER TABLE reporting_observation DROP COLUMN IF EXISTS {column}")
    schema_editor.execute("DROP FUNCTION IF EXISTS sora_refresh_link_ids()")


class Migration(migrations.Migration):
    dependencies = [("analysis", "0006_observation_search_document")]
    operations = [migrations.RunPython(create, remove)]
