"""The reporters' earlier choices and news of proposals become notices."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from notices.models import Notice, NoticePreference


@pytest.mark.django_db(transaction=True)
def test_earlier_choices_and_news_move_to_notices():
    before = [
        ("notices", "0001_initial"),
        ("accounts", "0009_user_language"),
        ("proposals", "0007_proposal_answer_due_on"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    User = apps.get_model("accounts", "User")
    Org = apps.get_model("accounts", "Organisation")
    OrgType = apps.get_model("accounts", "OrganisationType")
    Proposal = apps.get_model("proposals", "ActionProposal")
    Step = apps.get_model("proposals", "Transition")
    Preference = apps.get_model("proposals", "NotificationPreference")
    Notification = apps.get_model("proposals", "Notification")
    kind = OrgType.objects.first() or OrgType.objects.create(code="test-type", name_fi="Tyyppi")
    owner = Org.objects.create(code="o1", name_fi="O1", type=kind)
    weekly = User.objects.create(username="weekly", email="w@example.org")
    quiet = User.objects.create(username="quiet", email="q@example.org")
    Preference.objects.create(user=weekly, frequency="weekly", language="sv")
    Preference.objects.create(user=quiet, frequency="off")
    proposal = Proposal.objects.create(organisation=owner, title="T")
    step = Step.objects.create(proposal=proposal, action="submit", to_status="submitted")
    Notification.objects.create(
        key=f"transition:{step.pk}:user:{weekly.pk}", user=weekly, transition=step, weekly=True
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    choices = dict(NoticePreference.objects.values_list("user__username", "frequency"))
    assert choices == {"weekly": "weekly", "quiet": "off"}
    notice = Notice.objects.get()
    assert (notice.user.username, notice.kind, notice.object_id) == (
        "weekly",
        "proposal_news",
        proposal.pk,
    )
    assert (notice.event, notice.email, notice.sent_at) == (f"step:{step.pk}", "weekly", None)
    assert notice.user.language == "sv"
