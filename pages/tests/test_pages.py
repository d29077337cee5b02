"""The public information pages: their default texts, the safe markup, the footer links and
who may edit them."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import User
from pages import markup
from pages.models import InfoPage

PAGES = ["pages:accessibility", "pages:privacy", "pages:help"]
COOKIE = settings.LANGUAGE_COOKIE_NAME


def get(client, url, language="fi"):
    client.cookies[COOKIE] = language
    return client.get(url)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("installation", "root@example.org", "password-for-tests")


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_each_page_is_public_in_every_language(client, db, name, language):
    response = get(client, reverse(name), language)
    assert response.status_code == 200
    page = response.context["page"]
    html = response.content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert f"<h1>{getattr(page, f'title_{language}')}</h1>" in html
    assert page.language == language  # every default text exists in every language


def test_the_default_statement_names_the_supervisory_authority(client, db):
    for language in ("fi", "sv", "en"):
        html = get(client, reverse("pages:accessibility"), language).content.decode()
        assert "Traficom" in html
        assert "306/2019" in html
        assert "14" in html


def test_the_footer_links_every_page(client, db):
    html = get(client, reverse("reporting:home")).content.decode()
    for name in PAGES:
        assert f'href="{reverse(name)}"' in html


def test_the_privacy_notice_shows_this_installations_retention(client, db, settings):
    settings.RETENTION_TEXT_DAYS = 730
    settings.RETENTION_AUDIT_DAYS = 0
    html = get(client, reverse("pages:privacy"), "en").content.decode()
    assert "730 days" in html
    assert "kept until an administrator removes it" in html


def test_a_page_missing_a_language_shows_the_finnish_text_marked_as_finnish(client, db):
    page = InfoPage.objects.get(slug="help")
    page.body_sv = ""
    page.save()
    html = get(client, reverse("pages:help"), "sv").content.decode()
    assert 'lang="fi"' in html
    assert "Kuvaa ilmiöitä, älä ihmisiä." in html


def test_the_markup_escapes_everything_the_administrator_writes():
    html = markup.render(
        "## Otsikko <b>\n\n"
        "Rivi <script>alert(1)</script>\ntoinen rivi\n\n"
        "- kohta & toinen\n- https://example.org/a?b=1"
    )
    assert "<h2>Otsikko &lt;b&gt;</h2>" in html
    assert "<p>Rivi &lt;script&gt;alert(1)&lt;/script&gt;<br>toinen rivi</p>" in html
    assert "<li>kohta &amp; toinen</li>" in html
    assert '<a href="https://example.org/a?b=1"' in html
    assert "<script" not in html


def test_an_installation_administrator_edits_a_page(client, superuser):
    page = InfoPage.objects.get(slug="privacy")
    client.force_login(superuser)
    url = reverse("admin:pages_infopage_change", args=[page.pk])
    data = {
        "title_fi": "Tietosuoja",
        "body_fi": "Uusi teksti.\n\n- kohta",
        "title_sv": page.title_sv,
        "body_sv": page.body_sv,
        "title_en": page.title_en,
        "body_en": page.body_en,
        "contact": "tietosuoja@hyvinvointialue.example",
    }
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    html = get(client, reverse("pages:privacy")).content.decode()
    assert "<h1>Tietosuoja</h1>" in html
    assert "<ul><li>kohta</li></ul>" in html
    assert 'href="mailto:tietosuoja@hyvinvointialue.example"' in html


def test_the_text_of_a_page_is_refused_with_an_e_mail_address(client, superuser):
    page = InfoPage.objects.get(slug="help")
    client.force_login(superuser)
    url = reverse("admin:pages_infopage_change", args=[page.pk])
    data = {"title_fi": "Ohjeet", "body_fi": "Kysy: matti.meikalainen@example.org"}
    response = client.post(url, data)
    assert response.status_code == 200
    page.refresh_from_db()
    assert "matti.meikalainen" not in page.body_fi


def test_pages_are_neither_added_nor_removed_in_the_admin(client, superuser):
    page = InfoPage.objects.get(slug="help")
    client.force_login(superuser)
    assert client.get(reverse("admin:pages_infopage_add")).status_code == 403
    assert client.post(reverse("admin:pages_infopage_delete", args=[page.pk])).status_code == 403
    assert InfoPage.objects.count() == 3


def test_an_organisation_administrator_cannot_edit_a_page(client, admin_member):
    admin_member.is_staff = True  # staff status gives nothing in Sora's admin
    admin_member.save()
    page = InfoPage.objects.get(slug="help")
    client.force_login(admin_member)
    url = reverse("admin:pages_infopage_change", args=[page.pk])
    assert client.get(url).status_code == 302
    response = client.post(url, {"title_fi": "Muutettu", "body_fi": "Muutettu"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    page.refresh_from_db()
    assert page.title_fi == "Ohjeet"
