"""No cache keeps what a signed-in person saw or downloaded: every such answer, on every URL
pattern, says ``Cache-Control: no-store``; public pages for anonymous visitors stay
cacheable."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from reporting.models import Municipality
from reporting.tests.factories import ObservationFactory
from reporting.tests.helpers import form_data
from tests.test_authorization import CASES, ROLES, world  # noqa: F401 (a fixture)
from tests.test_security_headers import _urls, known  # noqa: F401 (a fixture)

SIGNED_IN = [role for role in ROLES if role != "anonymous"]


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("persona", ["reporter", "analyst", "admin_member"])
def test_every_url_pattern_answers_a_signed_in_person_with_no_store(
    client,
    known,  # noqa: F811 (the fixture)
    persona,
    request,
):
    client.force_login(request.getfixturevalue(persona))
    cached = [url for url in _urls(known) if not _no_store(client.get(url))]
    assert cached == []


@pytest.mark.parametrize("role", SIGNED_IN)
def test_every_row_of_the_access_matrix_is_no_store_for_a_signed_in_role(world, role):  # noqa: F811
    """Each row signed in afresh and rolled back, as the matrix runs it: a row that signs the
    person out or changes something does not meet the next."""
    cached = []
    for name, make_url, method, _statuses in CASES:
        with transaction.atomic():
            client = Client(raise_request_exception=False)
            client.force_login(world["users"][role])
            response = getattr(client, method)(make_url(world))
            transaction.set_rollback(True)
        if not _no_store(response):
            cached.append(name)
    assert cached == []


def test_every_download_is_no_store_even_without_signing_in(client, world, analyst):  # noqa: F811
    public = client.get(reverse("reports:public_download", args=[world["public_report"].pk, "pdf"]))
    client.force_login(analyst)
    seinajoki = Municipality.objects.get(code="743")
    downloads = [
        public,
        client.get(reverse("reporting:my_data")),
        client.get(reverse("analysis:codebook_export")),
        client.get(reverse("reports:download", args=[world["internal_report"].pk, "pdf"])),
        client.get(
            reverse("proposals:welfare_report"),
            {"municipality": seinajoki.pk, "start": "2026-01-01", "end": "2026-06-30"}
            | {"format": "xlsx"},
        ),
    ]
    for response in downloads:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert _no_store(response), response["Content-Disposition"]


def test_signing_in_and_out_is_no_store(client, reporter):
    signed_in = client.post(
        reverse("accounts:login"), {"username": "reporter", "password": "password-for-tests"}
    )
    assert signed_in.status_code == 302 and _no_store(signed_in)
    signed_out = client.post(reverse("accounts:logout"))
    assert _no_store(signed_out)


def test_a_receipt_and_an_answered_form_are_no_store_without_an_account(client, org_a):
    observation = ObservationFactory(organisation=org_a)
    assert _no_store(client.get(reverse("reporting:receipt", args=[observation.receipt_code])))
    assert _no_store(client.get(reverse("reporting:follow_up", args=[observation.receipt_code])))
    from reporting.tests.factories import CampaignFactory

    campaign = CampaignFactory(owner=org_a, link_organisation=org_a)
    refused = client.post(
        reverse("reporting:open_link", args=[campaign.link_token]),
        form_data(organisation=org_a.pk, signal=None),
    )
    assert refused.status_code == 400 and _no_store(refused)
    assert "Nuorten mielenterveyspalvelujen" in refused.content.decode()


def test_public_pages_for_anonymous_visitors_stay_cacheable(client, world):  # noqa: F811
    for url in [
        reverse("reporting:home"),
        reverse("reports:public_list"),
        reverse("reports:public_detail", args=[world["public_report"].pk]),
        reverse("proposals:public_list"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not _no_store(response), url
