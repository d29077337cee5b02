"""Organisation types and professions, in Finnish, Swedish and English."""

import csv
from pathlib import Path

from django.db import migrations

REFERENCE = Path(__file__).resolve().parent.parent / "reference"


def load(apps, schema_editor):
    for model_name, file_name in [
        ("OrganisationType", "organisation-types.csv"),
        ("Profession", "professions.csv"),
    ]:
        model = apps.get_model("accounts", model_name)
        with (REFERENCE / file_name).open(encoding="utf-8") as handle:
            for order, row in enumerate(csv.DictReader(handle)):
                model.objects.update_or_create(
                    code=row["code"],
                    defaults={
                        "name_fi": row["name_fi"],
                        "name_sv": row["name_sv"],
                        "name_en": row["name_en"],
                        "order": order,
                    },
                )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
