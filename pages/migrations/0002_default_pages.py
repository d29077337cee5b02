"""The default accessibility statement, privacy notice and help page, in Finnish, Swedish and
English, from ``pages/defaults/<page>.<language>.txt`` (the first line is the title).
Installation administrators complete them (the county's name, contacts) in the admin."""

from pathlib import Path

from django.db import migrations

DEFAULTS = Path(__file__).resolve().parent.parent / "defaults"
PAGES = ("accessibility", "privacy", "help")
LANGUAGES = ("fi", "sv", "en")


def _read(slug: str, language: str) -> tuple[str, str]:
    text = (DEFAULTS / f"{slug}.{language}.txt").read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    return title.strip(), body.strip()


def load(apps, schema_editor):
    InfoPage = apps.get_model("pages", "InfoPage")
    for slug in PAGES:
        values = {}
        for language in LANGUAGES:
            title, body = _read(slug, language)
            values[f"title_{language}"] = title
            values[f"body_{language}"] = body
        InfoPage.objects.get_or_create(slug=slug, defaults=values)


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_info_page")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
