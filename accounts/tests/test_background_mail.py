"""E-mail goes through the database task queue and the worker delivers it."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult


# Committed rows, as in production: the worker checks its connection between tasks and would
# drop one held open by a test transaction.
@pytest.mark.django_db(transaction=True)
def test_password_reset_mail_waits_for_the_worker(client, reporter, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.post(reverse("accounts:password_reset"), {"email": "reporter@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reporter@example.org"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
