"""A reporter's own observations: the follow-up page (news, order, pages), supplements and
withdrawing, each only for their own observations and only through the personal-data guard."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from reporting import follow, rights, services
from reporting.models import Observation, Supplement
from reporting.retention import apply_retention
from reporting.tests.factories import ObservationFactory

HETU = "131052-308T"
NAME = "Matti Virtanen kertoi, että jono on pitkä."
MINE = reverse("reporting:my_observations")


@pytest.fixture
def signed_in(client, reporter):
    client.force_login(reporter)
    return client


@pytest.fixture
def own(org_a, reporter):
    return ObservationFactory(organisation=org_a, reporter=reporter, text="Oma havainto.")


def _ago(days):
    return timezone.now() - dt.timedelta(days=days)


def _sent(org_a, reporter, text, days):
    return ObservationFactory(
        organisation=org_a, reporter=reporter, text=text, submitted_at=_ago(days)
    )


def _link(observation, name="Ruoka-apu"):
    phenomenon = PhenomenonFactory(organisation=observation.organisation, name=name)
    return PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)


def _supplement(client, observation, text, key=None):
    return client.post(
        reverse("reporting:add_supplement", args=[observation.pk]),
        {"text": text, "creation_key": str(key or uuid.uuid4())},
    )


def _withdraw(client, observation, reason=""):
    return client.post(
        reverse("reporting:withdraw_observation", args=[observation.pk]), {"reason": reason}
    )


# The follow-up page ---------------------------------------------------------------------


def test_the_page_shows_status_phenomenon_and_news(signed_in, org_a, reporter):
    quiet = _sent(org_a, reporter, "Hiljainen havainto.", 10)
    lively = _sent(org_a, reporter, "Vilkas havainto.", 20)
    _link(lively, "Ruoka-apu")
    page = signed_in.get(MINE).content.decode()
    assert "Hiljainen havainto." in page and "Vilkas havainto." in page
    assert "Ruoka-apu" in page
    assert page.count('class="tag--new"') == 1
    assert quiet.get_status_display() in page


def test_news_only_shows_what_happened_since_the_reporter_last_looked(signed_in, org_a, reporter):
    quiet = _sent(org_a, reporter, "Hiljainen havainto.", 10)
    lively = _sent(org_a, reporter, "Vilkas havainto.", 20)
    _link(lively)
    page = signed_in.get(MINE, {"news": "1"}).content.decode()
    assert "Vilkas havainto." in page
    assert "Hiljainen havainto." not in page
    # Opening the observation reads its news.
    signed_in.get(reverse("reporting:observation_detail", args=[lively.pk]))
    lively.refresh_from_db()
    assert lively.reporter_seen_at is not None
    page = signed_in.get(MINE, {"news": "1"}).content.decode()
    assert "Vilkas havainto." not in page
    assert quiet.reporter_seen_at is None


def test_all_news_can_be_marked_read_at_once(signed_in, org_a, reporter):
    lively = _sent(org_a, reporter, "Vilkas havainto.", 20)
    _link(lively)
    others = ObservationFactory(organisation=org_a, text="Toisen havainto.")
    assert signed_in.get(reverse("reporting:mark_all_read")).status_code == 405
    assert signed_in.post(reverse("reporting:mark_all_read")).status_code == 302
    page = signed_in.get(MINE, {"news": "1"}).content.decode()
    assert "Vilkas havainto." not in page
    others.refresh_from_db()
    assert others.reporter_seen_at is None


def test_sorting_newest_oldest_and_latest_news(signed_in, org_a, reporter):
    _sent(org_a, reporter, "Uusin havainto.", 1)
    oldest = _sent(org_a, reporter, "Vanhin havainto.", 30)
    _sent(org_a, reporter, "Keskimmäinen havainto.", 15)
    _link(oldest)

    def order(sort):
        page = signed_in.get(MINE, {"sort": sort}).content.decode()
        texts = ("Uusin havainto.", "Vanhin havainto.", "Keskimmäinen havainto.")
        return sorted(texts, key=page.index)

    assert order("newest") == ["Uusin havainto.", "Keskimmäinen havainto.", "Vanhin havainto."]
    assert order("oldest") == ["Vanhin havainto.", "Keskimmäinen havainto.", "Uusin havainto."]
    assert order("news")[0] == "Vanhin havainto."
    assert order("nonsense") == order("newest")


def test_the_page_comes_in_pages_with_drafts_first(signed_in, org_a, reporter):
    for day in range(follow.PER_PAGE + 2):
        _sent(org_a, reporter, f"Havainto numero {day:02d}.", day + 1)
    reporter.drafts.create(data={"text": ["Keskeneräinen luonnos."]})
    first = signed_in.get(MINE).content.decode()
    assert "Keskeneräinen luonnos." in first
    assert first.index("Keskeneräinen luonnos.") < first.index("Havainto numero 00.")
    assert "Havainto numero 11." not in first
    assert 'rel="next"' in first
    second = signed_in.get(MINE, {"page": "2", "sort": "newest"}).content.decode()
    assert "Havainto numero 11." in second and "Havainto numero 00." not in second
    assert signed_in.get(MINE, {"page": "x"}).status_code == 200


def test_the_page_shows_only_ones_own_observations(signed_in, org_a, own):
    ObservationFactory(organisation=org_a, text="Jonkun toisen havainto.")
    page = signed_in.get(MINE).content.decode()
    assert "Oma havainto." in page
    assert "Jonkun toisen havainto." not in page


def test_the_page_reads_a_fixed_number_of_rows(
    signed_in, org_a, reporter, django_assert_max_num_queries
):
    for day in range(8):
        _link(_sent(org_a, reporter, "Havainto.", day + 1), f"Ilmiö {day}")
    with django_assert_max_num_queries(20):
        signed_in.get(MINE)


# Supplements ---------------------------------------------------------------------------


def test_a_supplement_is_added_once_and_shown_to_analysts(client, reporter, analyst, own):
    client.force_login(reporter)
    key = uuid.uuid4()
    text = "Tilanne on pahentunut syksyn aikana."
    assert _supplement(client, own, text, key).status_code == 302
    assert _supplement(client, own, text, key).status_code == 302  # a double click
    assert Supplement.objects.filter(observation=own).count() == 1
    client.force_login(analyst)
    page = client.get(reverse("analysis:observation", args=[own.pk])).content.decode()
    assert text in page
    assert timezone.localdate().strftime("%-d.%-m.%Y") in page


def test_a_key_used_for_another_observation_is_refused(signed_in, org_a, reporter, own):
    other = _sent(org_a, reporter, "Toinen oma havainto.", 3)
    key = uuid.uuid4()
    _supplement(signed_in, own, "Ensimmäinen lisäys.", key)
    response = _supplement(signed_in, other, "Toinen lisäys.", key)
    assert response.status_code == 409
    assert "Toinen lisäys." in response.content.decode()
    assert not other.supplements.exists()


def test_the_same_key_with_another_text_is_refused(signed_in, own):
    key = uuid.uuid4()
    _supplement(signed_in, own, "Ensimmäinen lisäys.", key)
    response = _supplement(signed_in, own, "Aivan eri lisäys.", key)
    assert response.status_code == 409
    assert "Aivan eri lisäys." in response.content.decode()
    assert own.supplements.count() == 1


def test_an_identity_code_in_a_supplement_is_refused_and_kept(signed_in, own):
    text = f"Asiakkaan henkilötunnus {HETU} oli lomakkeella."
    response = _supplement(signed_in, own, text)
    assert response.status_code == 400
    page = response.content.decode()
    assert HETU in page and "guard-panel" in page
    assert not Supplement.objects.exists()


def test_a_name_in_a_supplement_needs_confirmation(signed_in, own):
    assert _supplement(signed_in, own, NAME).status_code == 400
    key = uuid.uuid4()
    page = _supplement(signed_in, own, NAME, key).content.decode()
    confirm = page.split('name="confirm" value="')[1].split('"')[0]
    response = signed_in.post(
        reverse("reporting:add_supplement", args=[own.pk]),
        {"text": NAME, "creation_key": str(key), "confirm": confirm},
    )
    assert response.status_code == 302
    supplement = Supplement.objects.get()
    assert supplement.privacy_confirmations[0]["field"] == "text"


def test_the_service_refuses_an_identity_code_behind_the_form(own):
    with pytest.raises(Exception, match="personal data|henkilötieto"):
        services.add_supplement(
            observation=own,
            text=f"Tunnus {HETU}.",
            language="fi",
            confirmations=[],
            creation_key=uuid.uuid4(),
        )


def test_another_persons_observation_cannot_be_supplemented(client, outsider, reporter, own):
    client.force_login(outsider)
    assert _supplement(client, own, "Lisäys.").status_code == 404
    assert client.get(reverse("reporting:add_supplement", args=[own.pk])).status_code == 404
    assert not Supplement.objects.exists()


# Withdrawing ----------------------------------------------------------------------------


def test_withdrawing_keeps_the_observation_and_tells_the_analysts(client, reporter, analyst, own):
    client.force_login(reporter)
    assert _withdraw(client, own, "Lähetin saman havainnon kahdesti.").status_code == 302
    own.refresh_from_db()
    assert own.is_withdrawn and own.withdrawal_reason == "Lähetin saman havainnon kahdesti."
    assert Observation.objects.filter(pk=own.pk).exists()
    mine = client.get(MINE).content.decode()
    assert "status--withdrawn" in mine
    client.force_login(analyst)
    inbox = client.get(reverse("analysis:inbox")).content.decode()
    assert "Raportoija perui" in inbox or "Withdrawn by the reporter" in inbox
    page = client.get(reverse("analysis:observation", args=[own.pk])).content.decode()
    assert "Lähetin saman havainnon kahdesti." in page


def test_an_observation_is_withdrawn_once(signed_in, own):
    _withdraw(signed_in, own)
    first = Observation.objects.get(pk=own.pk).withdrawn_at
    response = _withdraw(signed_in, own, "Uudelleen.")
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.withdrawn_at == first and own.withdrawal_reason == ""
    with pytest.raises(services.AlreadyWithdrawn):
        services.withdraw_observation(observation=own, reason="", confirmations=[])


def test_a_withdrawn_observation_takes_no_supplement(signed_in, own):
    _withdraw(signed_in, own)
    assert _supplement(signed_in, own, "Lisäys.").status_code == 302
    assert not Supplement.objects.exists()


def test_an_identity_code_in_the_reason_is_refused(signed_in, own):
    response = _withdraw(signed_in, own, f"Tunnus {HETU} jäi tekstiin.")
    assert response.status_code == 400
    assert HETU in response.content.decode()
    own.refresh_from_db()
    assert not own.is_withdrawn


def test_another_persons_observation_cannot_be_withdrawn(client, analyst, own):
    client.force_login(analyst)
    assert _withdraw(client, own).status_code == 404
    own.refresh_from_db()
    assert not own.is_withdrawn


def test_a_withdrawn_observation_is_no_assignment_suggestion(analyst, org_a, own):
    from analysis import access as analysis_access
    from analysis.models import AssignmentSuggestion, SuggestionRun

    run = SuggestionRun.objects.create(organisation=org_a, state="done")
    phenomenon = PhenomenonFactory(organisation=org_a)
    AssignmentSuggestion.objects.create(
        run=run, observation=own, phenomenon=phenomenon, rank=1, score=0.5
    )
    assert analysis_access.suggested_assignments(analyst, run).count() == 1
    services.withdraw_observation(observation=own, reason="", confirmations=[])
    assert analysis_access.suggested_assignments(analyst, run).count() == 0


def test_the_inbox_search_finds_a_supplement(client, reporter, analyst, own, org_a):
    client.force_login(reporter)
    _supplement(client, own, "Kuljetuspalvelu on lakkautettu syrjäkylillä.")
    ObservationFactory(organisation=org_a, text="Muu havainto.")
    client.force_login(analyst)
    page = client.get(reverse("analysis:inbox"), {"q": "kuljetuspalvelu syrjäkylillä"})
    content = page.content.decode()
    assert "Oma havainto." in content and "Muu havainto." not in content


def test_retention_takes_the_supplement_and_the_reason_with_the_text(
    signed_in, org_a, reporter, settings
):
    old = _sent(org_a, reporter, "Vanha havainto.", 400)
    _supplement(signed_in, old, "Lisätieto tilanteesta.")
    _withdraw(signed_in, old, "Lähetin kahdesti.")
    settings.RETENTION_TEXT_DAYS = 365
    apply_retention(now=timezone.now())
    old.refresh_from_db()
    assert old.text == "" and old.withdrawal_reason == "" and old.is_withdrawn
    assert not Supplement.objects.exists()


def test_the_reporters_data_holds_supplements_and_the_withdrawal(signed_in, reporter, own):
    _supplement(signed_in, own, "Lisätieto tilanteesta.")
    _withdraw(signed_in, own, "Lähetin kahdesti.")
    data = rights.personal_data(user=reporter)["observations"][0]
    assert data["supplements"][0]["text"] == "Lisätieto tilanteesta."
    assert data["withdrawal_reason"] == "Lähetin kahdesti."


def test_a_withdrawn_observation_is_no_example_of_a_suggested_group(monkeypatch, org_a, own):
    from analysis import phenomena_help
    from analysis.text import discover

    others = [ObservationFactory(organisation=org_a) for _ in range(3)]
    services.withdraw_observation(observation=own, reason="", confirmations=[])
    monkeypatch.setattr(phenomena_help.vectors, "corpus_for", lambda ids: ids)
    monkeypatch.setattr(
        discover,
        "discover",
        lambda corpus, min_size: [
            discover.Group(
                label="Jonot", members=(0, 1, 2, 3), examples=(0, 1, 2), terms=(), cohesion=1.0
            )
        ],
    )
    groups = phenomena_help.suggested_groups(Observation.objects.all(), [])
    assert own in groups[0].observations
    assert own not in groups[0].examples and others[0] in groups[0].examples
