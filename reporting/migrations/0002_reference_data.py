"""Municipalities of South Ostrobothnia, target groups and the starting theme codebook."""

import csv
from pathlib import Path

from django.db import migrations

REFERENCE = Path(__file__).resolve().parent.parent / "reference"


def rows(file_name):
    with (REFERENCE / file_name).open(encoding="utf-8") as handle:
        yield from enumerate(csv.DictReader(handle))


def load(apps, schema_editor):
    municipality = apps.get_model("reporting", "Municipality")
    for order, row in rows("municipalities.csv"):
        municipality.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                # Finnish municipality names are used as such in English.
                "name_en": row["name_fi"],
                "order": order,
            },
        )
    for model_name, file_name in [("TargetGroup", "target-groups.csv"), ("Theme", "themes.csv")]:
        model = apps.get_model("reporting", model_name)
        for order, row in rows(file_name):
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
    dependencies = [("reporting", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
