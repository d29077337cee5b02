import pytest
from django.urls import reverse

from reporting.models import Draft, Observation
from reporting.tests.helpers import form_data

URL = reverse("reporting:new_observation")


@pytest.fixture
def signed_in(client, reporter):
    client.force_login(reporter)
    return client


def test_a_half_written_observation_can_be_saved_and_continued(signed_in, reporter):
    response = signed_in.post(URL, form_data(action="save_draft", signal=None, text="Kesken"))
    assert response.status_code == 302
    draft = Draft.objects.get(user=reporter)
    assert draft.data["text"] == ["Kesken"]
    assert "csrfmiddlewaretoken" not in draft.data
    page = signed_in.get(URL, {"draft": draft.pk}).content.decode()
    assert "Kesken</textarea>" in page
    listing = signed_in.get(reverse("reporting:my_observations")).content.decode()
    assert "Kesken" in listing


def test_submitting_a_continued_draft_removes_it(signed_in, reporter):
    signed_in.post(URL, form_data(action="save_draft", text="Luonnos"))
    draft = Draft.objects.get()
    response = signed_in.post(f"{URL}?draft={draft.pk}", form_data(text="Valmis havainto"))
    assert response.status_code == 302
    assert Draft.objects.count() == 0
    assert Observation.objects.get().text == "Valmis havainto"


def test_drafts_pass_the_guard_too(signed_in):
    response = signed_in.post(URL, form_data(action="save_draft", text="Tunnus 131052-308T"))
    assert response.status_code == 400
    assert Draft.objects.count() == 0
    assert "Tunnus 131052-308T" in response.content.decode()


def test_another_persons_draft_answers_404(client, reporter, analyst):
    client.force_login(reporter)
    client.post(URL, form_data(action="save_draft", text="Oma luonnos"))
    draft = Draft.objects.get()
    client.force_login(analyst)
    assert client.get(URL, {"draft": draft.pk}).status_code == 404
    assert client.post(reverse("reporting:delete_draft", args=[draft.pk])).status_code == 404
    assert Draft.objects.count() == 1


def test_a_draft_can_be_deleted(signed_in):
    signed_in.post(URL, form_data(action="save_draft", text="Poistettava"))
    draft = Draft.objects.get()
    assert signed_in.get(reverse("reporting:delete_draft", args=[draft.pk])).status_code == 405
    signed_in.post(reverse("reporting:delete_draft", args=[draft.pk]))
    assert Draft.objects.count() == 0


def test_a_continued_draft_is_not_cached(signed_in):
    from django.core.cache import caches

    signed_in.post(URL, form_data(action="save_draft", text="Yksityinen luonnosteksti"))
    draft = Draft.objects.get()
    signed_in.get(URL, {"draft": draft.pk})
    cache = caches["fragments"]
    cached = [cache.get(key.split(":", 2)[2]) for key in list(cache._cache)]
    assert cached  # the shared option lists are cached …
    assert not any("Yksityinen luonnosteksti" in html for html in cached)  # … the draft is not
