"""Sharing a campaign: its links, their QR code as SVG and PNG, and a printable A4 poster."""

import io

import segno
from django.template.loader import render_to_string
from django.urls import reverse

from reporting.models import Campaign


def form_path(campaign: Campaign) -> str:
    """The observation form of the campaign, for signed-in members."""
    return reverse("reporting:new_observation") + f"?campaign={campaign.pk}"


def open_path(campaign: Campaign) -> str | None:
    """The open link anyone may answer through without signing in, while it is in use."""
    if not campaign.open_link_enabled:
        return None
    return reverse("reporting:open_link", args=[campaign.link_token])


def shared_path(campaign: Campaign) -> str:
    """The link the QR code and the poster carry: the open link if in use, else the form."""
    return open_path(campaign) or form_path(campaign)


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error="m")


def qr_svg(url: str, title: str) -> bytes:
    out = io.BytesIO()
    qr_code(url).save(out, kind="svg", scale=8, border=2, title=title, xmldecl=False)
    return out.getvalue()


def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    qr_code(url).save(out, kind="png", scale=12, border=2)
    return out.getvalue()


def poster_pdf(campaign: Campaign, url: str) -> bytes:
    """An A4 poster with the campaign's title, description, link and QR code."""
    from weasyprint import HTML

    html = render_to_string(
        "campaigns/poster.html",
        {
            "campaign": campaign,
            "url": url,
            "qr": qr_code(url).png_data_uri(scale=12, border=2),
        },
    )
    return HTML(string=html).write_pdf(pdf_tags=True)
