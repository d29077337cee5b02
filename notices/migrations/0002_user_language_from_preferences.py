"""Each person's e-mails are now written in the one language on their account: take it from
the choice they made for the proposals' news or the signals' e-mails, if they made one."""

from django.db import migrations


def take_languages(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for model in (
        apps.get_model("analysis", "SignalPreference"),
        apps.get_model("proposals", "NotificationPreference"),
    ):
        for user_id, language in model.objects.values_list("user_id", "language"):
            User.objects.filter(pk=user_id).update(language=language)


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0001_initial"),
        ("accounts", "0009_user_language"),
        ("analysis", "0012_signal_subscriptions"),
        ("proposals", "0006_proposal_decision_reference"),
    ]

    operations = [migrations.RunPython(take_languages, migrations.RunPython.noop)]
