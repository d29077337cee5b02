"""The admin's forms write through the enforcement point and show its verdict on the field."""

import pytest
from django.urls import reverse

from reporting.models import Theme


@pytest.fixture
def admin_client(client, admin_member):
    admin_member.is_staff = True
    admin_member.is_superuser = True
    admin_member.save()
    client.force_login(admin_member)
    return client


def test_personal_data_in_an_admin_form_is_an_error_on_the_field(admin_client):
    theme = Theme.objects.get(code="housing")
    url = reverse("admin:reporting_theme_change", args=[theme.pk])
    data = {
        "code": theme.code,
        "name_fi": theme.name_fi,
        "name_sv": theme.name_sv,
        "name_en": theme.name_en,
        "description_fi": "Lisätietoja: 131052-308T",
        "description_sv": "",
        "description_en": "",
        "order": theme.order,
        "is_active": "on",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "personal data" in response.content.decode() or "henkilötietoja" in (
        response.content.decode()
    )
    assert "131052" not in Theme.objects.get(pk=theme.pk).description_fi
    assert "Lisätietoja: 131052-308T" in response.content.decode()  # kept on the page
