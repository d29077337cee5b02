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


def test_a_draft_keeps_only_the_forms_own_fields_and_values(signed_in, reporter):
    data = form_data(
        action="save_draft",
        text="Kesken jäänyt havainto",
        signal="not-a-signal",  # an invalid choice is dropped, not kept verbatim
        team_size="abc",
        notes="Asiakas 131052-308T, puh. 040 123 4567",  # not a field of the form
        confirm=["name:matti virtanen"],
    )
    data["municipalities"] = [data["municipalities"][0], "99999"]
    response = signed_in.post(URL, data)
    assert response.status_code == 302
    draft = Draft.objects.get(user=reporter)
    assert set(draft.data) <= set(
        ["text", "novelty", "target_groups", "municipalities", "reach", "duration"]
        + ["suggestion", "answered_as", "language", "consent_to_contact", "signal"]
    )
    assert "signal" not in draft.data and "notes" not in draft.data
    assert draft.data["municipalities"] == [str(data["municipalities"][0])]
    assert "131052" not in str(draft.data) and "040 123" not in str(draft.data)
    assert draft.language == "fi"


@pytest.mark.parametrize(
    "field, value",
    [
        ("text", "Asiakkaan tunnus 131052-308T jäi lomakkeelle."),
        ("suggestion", "Soittakaa hänelle 040 123 4567"),
    ],
)
def test_a_draft_with_personal_data_is_not_stored_and_nothing_is_lost(signed_in, field, value):
    response = signed_in.post(URL, form_data(action="save_draft", **{field: value}))
    assert response.status_code == 400
    assert Draft.objects.count() == 0
    page = response.content.decode()
    assert value in page  # handed back on the page, every character


def test_an_over_long_text_is_not_kept_as_a_draft(signed_in, settings):
    settings.TEXT_MAX_CHARS = 100
    long_text = "Pitkä havainto. " * 20 + "Hetu 131052-308T lopussa."
    response = signed_in.post(URL, form_data(action="save_draft", text=long_text))
    assert response.status_code == 400
    assert Draft.objects.count() == 0
    page = response.content.decode()
    assert "the limit is 100" in page or "100" in page
    assert "Hetu 131052-308T lopussa." in page


def test_a_draft_without_answers_reports_no_missing_answers(signed_in):
    response = signed_in.post(URL, {"action": "save_draft", "text": "Vain alku", "language": "fi"})
    assert response.status_code == 302
    assert Draft.objects.get().data == {"text": ["Vain alku"], "language": ["fi"]}


def test_a_confirmed_name_is_kept_in_a_draft_with_its_confirmation(signed_in, reporter):
    text = "Kerhon vetäjä Toivo Kujala kertoi muutoksista."
    response = signed_in.post(
        URL, form_data(action="save_draft", text=text, confirm=["name:toivo kujala"])
    )
    assert response.status_code == 302
    (record,) = Draft.objects.get().privacy_confirmations
    assert (record["field"], record["kind"], record["text"]) == ("text", "name", "Toivo Kujala")
    assert record["by"] == reporter.pk
