"""How an analyst hears of new signals becomes their notice choice for ``new_signal``: a
weekly or "only in Sora" choice is carried over (at once needs no row), and the notices
written "only in Sora" get the notices' name for it."""

from django.db import migrations, models


def carry_over(apps, schema_editor):
    SignalPreference = apps.get_model("analysis", "SignalPreference")
    SignalNotice = apps.get_model("analysis", "SignalNotice")
    NoticePreference = apps.get_model("notices", "NoticePreference")
    chosen = SignalPreference.objects.exclude(frequency="immediate").values_list(
        "user_id", "frequency"
    )
    for user_id, frequency in chosen:
        NoticePreference.objects.update_or_create(
            user_id=user_id, kind="new_signal", defaults={"frequency": frequency}
        )
    SignalNotice.objects.filter(delivery="in_sora").update(delivery="off")


def carry_back(apps, schema_editor):
    SignalPreference = apps.get_model("analysis", "SignalPreference")
    SignalNotice = apps.get_model("analysis", "SignalNotice")
    NoticePreference = apps.get_model("notices", "NoticePreference")
    for preference in NoticePreference.objects.filter(kind="new_signal"):
        frequency = "weekly" if preference.frequency == "daily" else preference.frequency
        SignalPreference.objects.update_or_create(
            user_id=preference.user_id, defaults={"frequency": frequency}
        )
    SignalNotice.objects.filter(delivery="off").update(delivery="in_sora")
    SignalNotice.objects.filter(delivery="daily").update(delivery="weekly")


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0014_signal_preference_language_on_account"),
        ("notices", "0004_more_kinds"),
    ]

    operations = [
        migrations.RunPython(carry_over, carry_back),
        migrations.RemoveField(
            model_name="signalpreference",
            name="frequency",
        ),
        migrations.AlterField(
            model_name="signalnotice",
            name="delivery",
            field=models.CharField(
                choices=[
                    ("immediate", "By e-mail at once"),
                    ("daily", "In a daily e-mail"),
                    ("weekly", "In a weekly e-mail"),
                    ("off", "Only in Sora, no e-mail"),
                ],
                max_length=20,
            ),
        ),
    ]
