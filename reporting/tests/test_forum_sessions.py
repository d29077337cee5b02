"""A dialogue group's scribe records its findings in one session: kept choices, several
organisations, one receipt, replays and limits."""

import datetime
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import OrganisationFactory
from reporting import access
from reporting.models import ForumSession, Municipality, Observation, Profession
from reporting.tests.factories import CampaignFactory
from reporting.tests.helpers import form_data

TEXTS = [
    "Nuorten harrastusmahdollisuudet ovat vähentyneet kylissä.",
    "Kotihoidon käynnit ovat lyhentyneet kiireen vuoksi.",
    "Vertaistukiryhmät ovat auttaneet yksinäisiä ikääntyneitä.",
]


@pytest.fixture
def forum(org_a, org_b):
    campaign = CampaignFactory(owner=org_a, kind="forum")
    campaign.audience.set([org_a, org_b])
    campaign.groups.create(order=1, name_fi="Ryhmä 1", question_fi="Mikä huolestuttaa?")
    campaign.groups.create(order=2, name_fi="Ryhmä 2", question_fi="Mikä ilahduttaa?")
    return campaign


def start_data(forum, org_a, *others, **overrides) -> dict:
    data = {
        "forum_group": forum.groups.first().pk,
        "organisation": org_a.pk,
        "participating_organisations": [org.pk for org in others],
        "team_size": "7",
        "municipalities": [Municipality.objects.get(code="743").pk],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def start(client, forum, data) -> ForumSession:
    response = client.post(reverse("reporting:forum_start", args=[forum.link_token]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session = ForumSession.objects.latest("created_at")
    assert response.url == reverse("reporting:forum_session", args=[session.token])
    return session


def finding(text, **overrides) -> dict:
    data = form_data(text=text, **overrides)
    for kept in ("municipalities", "answered_as", "whole_county", "team_size"):
        data.pop(kept, None)
    return data


def session_url(session):
    return reverse("reporting:forum_session", args=[session.token])


def test_three_findings_one_receipt_with_the_kept_choices(client, forum, org_a, org_b):
    third = OrganisationFactory(name_fi="Kolmas yhdistys")
    profession = Profession.objects.first()
    session = start(
        client, forum, start_data(forum, org_a, org_b, third, team_professions=[profession.pk])
    )
    for text in TEXTS:
        response = client.post(session_url(session), finding(text))
        assert response.status_code == 302
        page = client.get(response.url).content.decode()
        assert "Seinäjoki" in page  # the kept choices are shown, not asked again
        assert 'name="municipalities"' not in page and 'name="team_size"' not in page
    observations = list(session.observations.order_by("id"))
    assert [o.text for o in observations] == TEXTS
    for observation in observations:
        assert observation.channel == "forum"
        assert observation.campaign == forum
        assert observation.forum_group == forum.groups.first()
        assert observation.organisation == org_a
        assert set(observation.participating_organisations.all()) == {org_b, third}
        assert observation.answered_as == "team" and observation.team_size == 7
        assert list(observation.team_professions.all()) == [profession]
        assert [m.code for m in observation.municipalities.all()] == ["743"]
    receipt = client.get(reverse("reporting:forum_receipt", args=[session.receipt_code]))
    html = receipt.content.decode()
    assert receipt.status_code == 200
    assert session.receipt_display in html
    assert (
        len(re.findall(r"<li>", html.split('class="receipt-findings"')[1].split("</ol>")[0])) == 3
    )
    assert all(text not in html for text in TEXTS)  # the receipt shows no text


def test_the_main_organisation_is_not_also_a_participant(client, forum, org_a, org_b):
    session = start(client, forum, start_data(forum, org_a, org_a, org_b))
    assert list(session.participating_organisations.all()) == [org_b]


def test_participating_organisations_do_not_gain_access(client, forum, org_a, org_b, outsider):
    session = start(client, forum, start_data(forum, org_a, org_b))
    client.post(session_url(session), finding(TEXTS[0]))
    observation = Observation.objects.get()
    assert observation.organisation == org_a
    assert not access.observations_for_analyst(outsider).filter(pk=observation.pk).exists()
    counted = Observation.objects.filter(organisation=org_b).count()
    assert counted == 0  # counts and filters by organisation use the main one only


def test_a_replayed_finding_is_saved_once(client, forum, org_a):
    session = start(client, forum, start_data(forum, org_a))
    data = finding(TEXTS[0])
    first = client.post(session_url(session), data)
    again = client.post(session_url(session), data)
    assert first.status_code == again.status_code == 302
    assert Observation.objects.count() == 1


def test_the_same_key_with_other_content_is_refused_and_the_text_kept(client, forum, org_a):
    session = start(client, forum, start_data(forum, org_a))
    key = str(uuid.uuid4())
    client.post(session_url(session), finding(TEXTS[0], submission_key=key))
    response = client.post(session_url(session), finding(TEXTS[1], submission_key=key))
    assert response.status_code == 409
    assert TEXTS[1] in response.content.decode()
    assert Observation.objects.count() == 1


def test_a_finding_replayed_into_another_session_is_refused(client, forum, org_a):
    one = start(client, forum, start_data(forum, org_a))
    other = start(client, forum, start_data(forum, org_a))
    data = finding(TEXTS[0])
    client.post(session_url(one), data)
    assert client.post(session_url(other), data).status_code == 409
    assert Observation.objects.get().forum_session == one


def test_a_wrong_token_answers_404(client, forum, org_a):
    session = start(client, forum, start_data(forum, org_a))
    wrong = reverse("reporting:forum_session", args=[session.token[:-1] + "x"])
    assert client.get(wrong).status_code == 404
    assert client.post(wrong, finding(TEXTS[0])).status_code == 404
    by_receipt = reverse("reporting:forum_session", args=[session.receipt_code])
    assert client.get(by_receipt).status_code == 404  # the receipt code cannot write
    assert Observation.objects.count() == 0


def test_the_token_is_long_and_random(client, forum, org_a):
    one = start(client, forum, start_data(forum, org_a))
    other = start(client, forum, start_data(forum, org_a))
    assert len(one.token) >= 32 and one.token != other.token
    assert one.receipt_code != one.token


def test_a_signed_in_scribes_session_is_theirs_alone(client, forum, org_a, reporter, analyst):
    client.force_login(reporter)
    session = start(client, forum, start_data(forum, org_a))
    assert session.scribe == reporter
    client.post(session_url(session), finding(TEXTS[0]))
    assert Observation.objects.get().reporter == reporter
    client.force_login(analyst)
    assert client.get(session_url(session)).status_code == 404
    client.logout()
    assert client.get(session_url(session)).status_code == 404


def test_another_campaigns_group_is_refused(client, forum, org_a):
    other = CampaignFactory(owner=org_a, kind="forum")
    foreign = other.groups.create(name_fi="Vieras", question_fi="?")
    url = reverse("reporting:forum_start", args=[forum.link_token])
    response = client.post(url, start_data(forum, org_a, forum_group=foreign.pk))
    assert response.status_code == 400
    assert ForumSession.objects.count() == 0


def test_an_organisation_outside_the_link_is_refused(client, forum, org_a):
    stranger = OrganisationFactory()
    url = reverse("reporting:forum_start", args=[forum.link_token])
    assert client.post(url, start_data(forum, stranger)).status_code == 400


def test_only_a_forum_link_starts_a_session(client, org_a):
    campaign = CampaignFactory(owner=org_a, kind="open")
    assert (
        client.get(reverse("reporting:forum_start", args=[campaign.link_token])).status_code == 404
    )


def test_the_start_needs_a_place_and_a_team(client, forum, org_a):
    url = reverse("reporting:forum_start", args=[forum.link_token])
    response = client.post(url, start_data(forum, org_a, municipalities=None, team_size=None))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_municipalities_0"' in page and 'href="#id_team_size"' in page


def test_findings_are_limited_per_session_not_per_address(client, forum, org_a, settings):
    settings.OPEN_LINK_MAX_PER_IP = 1
    settings.FORUM_FINDINGS_MAX_PER_SESSION = 2
    one = start(client, forum, start_data(forum, org_a))
    other = start(client, forum, start_data(forum, org_a))
    for text in TEXTS[:2]:
        assert client.post(session_url(one), finding(text)).status_code == 302
    response = client.post(session_url(one), finding(TEXTS[2]))
    assert response.status_code == 429
    assert TEXTS[2] in response.content.decode()
    # Another group at the same table, on the same network, goes on.
    assert client.post(session_url(other), finding(TEXTS[2])).status_code == 302
    assert Observation.objects.count() == 3


def test_findings_are_limited_per_link(client, forum, org_a, settings):
    settings.OPEN_LINK_MAX_PER_TOKEN = 1
    one = start(client, forum, start_data(forum, org_a))
    other = start(client, forum, start_data(forum, org_a))
    assert client.post(session_url(one), finding(TEXTS[0])).status_code == 302
    assert client.post(session_url(other), finding(TEXTS[1])).status_code == 429


def test_new_sessions_are_limited_per_address(client, forum, org_a, settings):
    settings.FORUM_SESSIONS_MAX_PER_IP = 1
    start(client, forum, start_data(forum, org_a))
    url = reverse("reporting:forum_start", args=[forum.link_token])
    assert client.post(url, start_data(forum, org_a)).status_code == 429
    assert ForumSession.objects.count() == 1


def test_an_old_session_takes_no_more_findings(client, forum, org_a):
    session = start(client, forum, start_data(forum, org_a))
    ForumSession.objects.filter(pk=session.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=13)
    )
    response = client.post(session_url(session), finding(TEXTS[0]))
    assert response.status_code == 410
    assert Observation.objects.count() == 0


def test_a_closed_session_no_longer_shows_the_findings_words(client, forum, org_a):
    session = start(client, forum, start_data(forum, org_a))
    client.post(session_url(session), finding(TEXTS[0]))
    assert TEXTS[0][:40] in client.get(session_url(session)).content.decode()
    ForumSession.objects.filter(pk=session.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=13)
    )
    response = client.get(session_url(session))
    assert response.status_code == 410
    assert TEXTS[0][:40] not in response.content.decode()


def test_personal_data_in_a_finding_is_refused_and_kept(client, forum, org_a):
    session = start(client, forum, start_data(forum, org_a))
    text = "Asiakas 131052-308T kertoi jonoista."
    response = client.post(session_url(session), finding(text))
    assert response.status_code == 400
    assert text in response.content.decode()
    assert Observation.objects.count() == 0


def test_the_forums_open_link_points_to_the_session(client, forum):
    page = client.get(reverse("reporting:open_link", args=[forum.link_token])).content.decode()
    assert reverse("reporting:forum_start", args=[forum.link_token]) in page


def test_each_forum_offers_its_own_groups(client, forum, org_a):
    other = CampaignFactory(owner=org_a, kind="forum", link_organisation=org_a)
    other.groups.create(name_fi="Toisen foorumin ryhmä", question_fi="Mitä kuuluu?")
    first = client.get(reverse("reporting:forum_start", args=[forum.link_token]))
    second = client.get(reverse("reporting:forum_start", args=[other.link_token]))
    assert "Ryhmä 1" in first.content.decode()
    assert "Ryhmä 1" not in second.content.decode()
    assert "Toisen foorumin ryhmä" in second.content.decode()


def test_the_admin_lists_sessions_without_their_tokens(client, forum, org_a, django_user_model):
    session = start(client, forum, start_data(forum, org_a))
    root = django_user_model.objects.create(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    listing = client.get(reverse("admin:reporting_forumsession_changelist")).content.decode()
    assert session.receipt_code in listing
    detail = client.get(reverse("admin:reporting_forumsession_change", args=[session.pk]))
    assert detail.status_code == 200
    assert session.token not in detail.content.decode()


def test_a_finding_cannot_change_what_the_session_keeps(client, forum, org_a, org_b):
    session = start(client, forum, start_data(forum, org_a))
    other_group = forum.groups.last()
    tampered = finding(
        TEXTS[0],
        forum_group=other_group.pk,
        organisation=org_b.pk,
        municipalities=[Municipality.objects.exclude(code="743").first().pk],
        team_size="99",
    )
    assert client.post(session_url(session), tampered).status_code == 302
    observation = Observation.objects.get()
    assert observation.forum_group == forum.groups.first()
    assert observation.organisation == org_a
    assert observation.team_size == 7
    assert [m.code for m in observation.municipalities.all()] == ["743"]


def test_a_session_stops_when_the_forums_link_is_turned_off(client, forum, org_a):
    session = start(client, forum, start_data(forum, org_a))
    forum.open_link_enabled = False
    forum.save()
    assert client.post(session_url(session), finding(TEXTS[0])).status_code == 404
    assert Observation.objects.count() == 0


def test_a_closed_forum_starts_no_session(client, forum, org_a):
    forum.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    forum.save()
    url = reverse("reporting:forum_start", args=[forum.link_token])
    assert client.post(url, start_data(forum, org_a)).status_code == 410
    assert ForumSession.objects.count() == 0


def test_no_cache_keeps_a_session_or_its_receipt(client, forum, org_a):
    session = start(client, forum, start_data(forum, org_a))
    receipt = reverse("reporting:forum_receipt", args=[session.receipt_code])
    for response in (client.get(session_url(session)), client.get(receipt)):
        assert "no-store" in response["Cache-Control"]
