"""Sharing a campaign: the full link, its QR code and a printable poster."""

from django.conf import settings
from django.urls import reverse


def test_share_page_shows_the_full_link(client, analyst, campaign):
    client.force_login(analyst)
    page = client.get(reverse("campaigns:share", args=[campaign.pk])).content.decode()
    assert f"http://testserver/o/{campaign.link_token}/" in page
    assert reverse("campaigns:qr", args=[campaign.pk, "svg"]) in page


def test_without_the_open_link_the_form_link_is_shared(client, analyst, campaign):
    campaign.open_link_enabled = False
    campaign.save()
    client.force_login(analyst)
    page = client.get(reverse("campaigns:share", args=[campaign.pk])).content.decode()
    assert campaign.link_token not in page
    assert f"/observations/new/?campaign={campaign.pk}" in page


def test_qr_codes_and_poster(client, analyst, campaign):
    client.force_login(analyst)
    svg = client.get(reverse("campaigns:qr", args=[campaign.pk, "svg"]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    png = client.get(reverse("campaigns:qr", args=[campaign.pk, "png"]))
    assert png.content.startswith(b"\x89PNG")
    poster = client.get(reverse("campaigns:poster", args=[campaign.pk]))
    assert poster["Content-Type"] == "application/pdf" and poster.content.startswith(b"%PDF")
    assert client.get(reverse("campaigns:qr", args=[campaign.pk, "gif"])).status_code == 404


def test_share_page_says_when_the_campaign_is_closed(client, analyst, campaign):
    client.force_login(analyst)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("campaigns:share", args=[campaign.pk])
    assert "The campaign is closed now" not in client.get(url).content.decode()
    client.post(reverse("campaigns:state", args=[campaign.pk]), {"action": "close"})
    assert "The campaign is closed now" in client.get(url).content.decode()
