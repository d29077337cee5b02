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
