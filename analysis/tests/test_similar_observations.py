from django.urls import reverse

from analysis import vectors
from reporting.tests.factories import ObservationFactory


def test_similar_observations_in_scope_best_first(client, analyst, org_a, org_b):
    this = ObservationFactory(organisation=org_a, text="Vuokrarästit ja häädöt lisääntyvät")
    close = ObservationFactory(organisation=org_a, text="Häätöuhat ja vuokravelat kasvavat")
    far = ObservationFactory(organisation=org_a, text="Koululaisten poissaolot lisääntyivät")
    swedish = ObservationFactory(
        organisation=org_a, text="Hyresskulder och vräkningar ökar", language="sv"
    )
    hidden = ObservationFactory(organisation=org_b, text="Vuokrarästit ja häädöt lisääntyvät")
    vectors.compute([o.pk for o in (this, close, far, swedish, hidden)])
    client.force_login(analyst)
    response = client.get(reverse("analysis:observation", args=[this.pk]))
    shown = [other.pk for other, _score in response.context["similar"]]
    assert hidden.pk not in shown and this.pk not in shown
    assert shown.index(close.pk) < shown.index(far.pk)
    assert shown.index(swedish.pk) < shown.index(far.pk)  # the languages meet


def test_no_vector_yet_shows_nothing(client, analyst, org_a):
    observation = ObservationFactory(organisation=org_a)
    client.force_login(analyst)
    response = client.get(reverse("analysis:observation", args=[observation.pk]))
    assert response.context["similar"] == []
