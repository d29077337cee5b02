"""A starting list of recipient bodies, editable in the admin."""

from django.db import migrations

BODIES = [
    ("county-board", "Aluehallitus", "Välfärdsområdesstyrelsen", "County board"),
    (
        "social-services-management",
        "Sosiaalipalvelujen johtoryhmä",
        "Socialtjänsternas ledningsgrupp",
        "Social services management group",
    ),
    (
        "health-services-management",
        "Terveyspalvelujen johtoryhmä",
        "Hälsotjänsternas ledningsgrupp",
        "Health services management group",
    ),
    (
        "municipal-welfare-group",
        "Kunnan hyvinvointityöryhmä",
        "Kommunens välfärdsarbetsgrupp",
        "Municipal welfare working group",
    ),
    (
        "ngo-partnership-table",
        "Järjestöjen kumppanuuspöytä",
        "Organisationernas partnerskapsbord",
        "NGO partnership table",
    ),
]


def load(apps, schema_editor):
    body = apps.get_model("proposals", "RecipientBody")
    for order, (code, fi, sv, en) in enumerate(BODIES):
        body.objects.get_or_create(
            code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
