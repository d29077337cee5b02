"""The reporters' news of proposals become notices: their e-mail choices and the outbox's rows
move here (already sent rows are kept as read)."""

from django.db import migrations


def move_news(apps, schema_editor):
    NotificationPreference = apps.get_model("proposals", "NotificationPreference")
    Notification = apps.get_model("proposals", "Notification")
    NoticePreference = apps.get_model("notices", "NoticePreference")
    Notice = apps.get_model("notices", "Notice")
    for user_id, frequency in NotificationPreference.objects.values_list("user_id", "frequency"):
        NoticePreference.objects.update_or_create(
            user_id=user_id, kind="proposal_news", defaults={"frequency": frequency}
        )
    for row in Notification.objects.select_related("transition").iterator():
        notice, created = Notice.objects.get_or_create(
            key=row.key,
            defaults={
                "user_id": row.user_id,
                "kind": "proposal_news",
                "object_id": row.transition.proposal_id,
                "event": f"step:{row.transition_id}",
                "email": "weekly" if row.weekly else "immediate",
                "sent_at": row.sent_at,
                "read_at": row.sent_at,
                "attempts": row.attempts,
                "last_error": row.last_error,
            },
        )
        if created:
            Notice.objects.filter(pk=notice.pk).update(created_at=row.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0002_user_language_from_preferences"),
        ("proposals", "0007_proposal_answer_due_on"),
    ]

    operations = [migrations.RunPython(move_news, migrations.RunPython.noop)]
