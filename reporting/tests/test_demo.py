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
