import django.db.models.deletion
from django.db import migrations, models


def record_where_submissions_went(apps, schema_editor):
    """Before a proposal could be sent elsewhere, each submission went to its recipient."""
    Transition = apps.get_model("proposals", "Transition")
    for step in Transition.objects.filter(action="submit").select_related("proposal"):
        step.recipient_id = step.proposal.recipient_id
        step.save(update_fields=["recipient"])


class Migration(migrations.Migration):

    dependencies = [
        ('proposals', '0004_recipientbody_organisation'),
    ]

    operations = [
        migrations.AddField(
            model_name='transition',
            name='reason',
            field=models.TextField(blank=True, verbose_name='reason'),
        ),
        migrations.AddField(
            model_name='transition',
            name='recipient',
            field=models.ForeignKey(blank=True, help_text='The body the step sent the proposal to, when it sent it somewhere.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='proposals.recipientbody', verbose_name='sent to'),
        ),
        migrations.RunPython(record_where_submissions_went, migrations.RunPython.noop),
    ]
