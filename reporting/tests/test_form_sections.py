"""The observation form in parts, with folded lists and no dashed placeholders, and a
campaign's own defaults and question order."""

import re

import pytest
from django.urls import reverse

from accounts.tests.factories import MembershipFactory
from reporting.models import Draft, TargetGroup, Theme
from reporting.tests.factories import CampaignFactory
from reporting.tests.helpers import form_data

URL = reverse("reporting:new_observation")


@pytest.fixture
def signed_in(client, reporter):
    client.force_login(reporter)
    return client


@pytest.fixture
def campaign(org_a):
    campaign = CampaignFactory(owner=org_a, kind="targeted", link_organisation=org_a)
    campaign.audience.set([org_a])
    campaign.questions.create(order=1, kind="short_text", text_fi="Mikä jonoja pidentää?")
    campaign.default_target_groups.set([TargetGroup.objects.get(code="older_people")])
    campaign.default_themes.set([Theme.objects.get(code="loneliness")])
    return campaign


def ticked(page: str, name: str) -> set[str]:
    pattern = rf'<input type="checkbox" name="{name}" value="(\d+)"[^>]*\bchecked\b'
    return set(re.findall(pattern, page))


def section_titles(page: str) -> list[str]:
    return re.findall(r'<span class="form-section__step">([^<]+)</span>\s*([^<]+)</h2>', page)


def test_the_form_is_in_numbered_parts_with_a_list_of_them(signed_in):
    page = signed_in.get(URL).content.decode()
    assert [title for _step, title in section_titles(page)] == [
        "Havainto",
        "Ketä ja missä",
        "Vastaajasta",
    ]
    assert [step for step, _title in section_titles(page)] == ["Osa 1/3", "Osa 2/3", "Osa 3/3"]
    assert 'href="#s-where"' in page
    assert 'id="s-where"' in page


def test_no_select_shows_dashes(client, org_a, org_b):
    campaign = CampaignFactory(owner=org_a)
    campaign.audience.set([org_a, org_b])
    page = client.get(reverse("reporting:open_link", args=[campaign.link_token])).content.decode()
    assert "---------" not in page
    assert "Valitse…" in page


def test_no_select_shows_dashes_to_a_member_of_two_organisations(signed_in, reporter, org_b):
    MembershipFactory(user=reporter, organisation=org_b, role="reporter")
    page = signed_in.get(URL).content.decode()
    assert 'name="organisation"' in page
    assert "---------" not in page


def test_long_lists_are_folded_and_open_with_an_error(signed_in):
    page = signed_in.get(URL).content.decode()
    assert page.count('<details class="choice-list"') == 3  # municipalities, themes, professions
    assert '<details class="choice-list" data-choice-list' in page
    assert " open>" not in page
    response = signed_in.post(URL, form_data(municipalities=None))
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_municipalities_0"' in page
    assert re.search(
        r'<details [^>]*\bopen>\s*<summary>.*?</summary>\s*<div id="id_municipalities"', page, re.S
    )
    assert "(tarkista tämä osa)" in page


def test_a_folded_list_names_what_is_ticked(signed_in):
    response = signed_in.post(URL, form_data(text="", whole_county=None))
    assert "Valittu: Seinäjoki." in response.content.decode()


def test_a_campaign_form_starts_with_its_defaults(signed_in, campaign):
    page = signed_in.get(URL, {"campaign": campaign.pk}).content.decode()
    assert ticked(page, "target_groups") == {str(TargetGroup.objects.get(code="older_people").pk)}
    assert ticked(page, "themes") == {str(Theme.objects.get(code="loneliness").pk)}


def test_the_open_link_starts_with_the_defaults_too(client, campaign):
    url = reverse("reporting:open_link", args=[campaign.link_token])
    page = client.get(url).content.decode()
    assert ticked(page, "target_groups") == {str(TargetGroup.objects.get(code="older_people").pk)}


def test_a_drafts_own_values_win_over_the_defaults(signed_in, reporter, campaign):
    families = TargetGroup.objects.get(code="children_families")
    draft = Draft.objects.create(
        user=reporter,
        campaign=campaign,
        data={"text": ["Kesken"], "target_groups": [str(families.pk)]},
    )
    page = signed_in.get(URL, {"campaign": campaign.pk, "draft": draft.pk}).content.decode()
    assert ticked(page, "target_groups") == {str(families.pk)}
    assert ticked(page, "themes") == set()


def test_the_reporter_may_change_the_defaults(signed_in, campaign):
    families = TargetGroup.objects.get(code="children_families")
    data = form_data(target_groups=[families.pk])
    response = signed_in.post(f"{URL}?campaign={campaign.pk}", data)
    assert response.status_code == 302
    observation = campaign.observations.get()
    assert list(observation.target_groups.all()) == [families]
    assert observation.themes.count() == 0


def test_the_campaigns_questions_come_first_when_it_asks(signed_in, campaign):
    page = signed_in.get(URL, {"campaign": campaign.pk}).content.decode()
    titles = [title for _step, title in section_titles(page)]
    assert titles.index("Tämän keruun kysymykset") > titles.index("Havainto")
    campaign.questions_first = True
    campaign.save()
    page = signed_in.get(URL, {"campaign": campaign.pk}).content.decode()
    titles = [title for _step, title in section_titles(page)]
    assert titles[0] == "Tämän keruun kysymykset"
    assert page.index("Mikä jonoja pidentää?") < page.index('name="text"')
