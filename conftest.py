"""Test-wide settings and the three personas used across the suite."""

import pytest


@pytest.fixture(autouse=True)
def _fast_passwords_and_mail(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _fresh_similarity_matrix():
    """Each server process caches embeddings; a test starts from its own database."""
    from analysis import similar

    similar.forget()


@pytest.fixture
def org_a(db):
    from accounts.tests.factories import OrganisationFactory

    return OrganisationFactory(code="org-a", name_fi="Organisaatio A")


@pytest.fixture
def org_b(db):
    from accounts.tests.factories import OrganisationFactory

    return OrganisationFactory(code="org-b", name_fi="Organisaatio B", type_code="ngo")


def _member(organisation, role, username):
    from accounts.tests.factories import MembershipFactory

    return MembershipFactory(organisation=organisation, role=role, user__username=username).user


@pytest.fixture
def reporter(org_a):
    return _member(org_a, "reporter", "reporter")


@pytest.fixture
def analyst(org_a):
    return _member(org_a, "analyst", "analyst")


@pytest.fixture
def reader(org_a):
    return _member(org_a, "reader", "reader")


@pytest.fixture
def admin_member(org_a):
    return _member(org_a, "admin", "orgadmin")


@pytest.fixture
def outsider(org_b):
    return _member(org_b, "analyst", "outsider")
