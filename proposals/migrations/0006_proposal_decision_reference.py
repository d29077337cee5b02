
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('proposals', '0005_transition_reason_recipient'),
    ]

    operations = [
        migrations.AddField(
            model_name='actionproposal',
            name='decision_section',
            field=models.CharField(blank=True, max_length=40, verbose_name='section of the minutes'),
        ),
        migrations.AddField(
            model_name='actionproposal',
            name='minutes_url',
            field=models.URLField(blank=True, max_length=500, verbose_name='link to the minutes'),
        ),
    ]
