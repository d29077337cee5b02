import io

import pytest
from django.urls import reverse

from accounts.models import Membership, Organisation, Role
from reporting.demo import load_demo
from reporting.models import Campaign, Observation


def test_the_demo_looks_like_an_installation_and_loads_once(db):
    load_demo()
    counts = (Organisation.objects.count(), Observation.objects.count(), Campaign.objects.count())
    load_demo()
    assert (
        Organisation.objects.count(),
        Observation.objects.count(),
        Campaign.objects.count(),
    ) == counts
    assert counts[0] >= 6 and counts[1] >= 300
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert Observation.objects.filter(language="sv").count() >= 20
    assert set(Campaign.objects.values_list("kind", flat=True)) == {"open", "targeted", "forum"}
    assert Campaign.objects.get(kind="forum").groups.count() == 3
    assert Campaign.objects.get(kind="targeted").questions.count() >= 4


def test_the_demo_administrator_runs_the_installation_and_the_county(client, db):
    """`admin` is the installation's administrator (the Django admin) and the county social
    services' administrator (its members and teams); no other demo user opens the admin."""
    load_demo()
    admin = Membership.objects.get(user__username="admin")
    assert admin.user.is_superuser and admin.role == Role.ADMIN
    signed_in = client.post(
        reverse("accounts:login"), {"username": "admin", "password": "sora-demo-2026"}
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    members = client.get(reverse("accounts:organisation"), follow=True)
    assert members.status_code == 200
    assert "analyytikko" in members.content.decode()
    assert Membership.objects.filter(user__is_superuser=True).count() == 1


def test_the_command_refuses_outside_debug_without_the_flag(settings, db):
    from django.core.management import CommandError, call_command

    from accounts.models import User

    settings.DEBUG = False
    with pytest.raises(CommandError) as refused:
        call_command("load_demo", stdout=io.StringIO())
    assert "--i-know-this-is-not-production" in str(refused.value)
    assert "DEBUG" in str(refused.value)
    assert not User.objects.exists()
    assert not Organisation.objects.filter(observations__isnull=False).exists()


@pytest.mark.parametrize(
    ("debug", "arguments"), [(True, []), (False, ["--i-know-this-is-not-production"])]
)
def test_the_command_loads_with_debug_or_the_flag(settings, db, debug, arguments):
    from django.core.management import call_command

    settings.DEBUG = debug
    out = io.StringIO()
    call_command("load_demo", *arguments, stdout=out)
    assert "sora-demo-2026" in out.getvalue()
    assert Membership.objects.get(user__username="admin").user.is_superuser


def test_make_run_loads_the_demo_with_debug_on():
    from pathlib import Path

    from django.conf import settings

    makefile = Path(settings.BASE_DIR, "Makefile").read_text(encoding="utf-8")
    assert "\tDEBUG=true $(PY) manage.py load_demo\n" in makefile
