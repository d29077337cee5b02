"""Test-wide settings and the personas used across the suite: ``reporter``, ``analyst``,
``reader`` and ``admin_member`` of organisation A, the ``outsider`` (an analyst of B), and
across organisation boundaries the analysts of a ``partner`` that shares its observations
with A, of a ``former_partner`` that has stopped sharing with A, and of an ``unrelated``
organisation."""

import pytest


@pytest.fixture(autouse=True)
def _fast_passwords_and_mail(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _two_factor_asked_only_where_tested(request, settings):
    """Tests sign analysts and administrators in without an authenticator app; the rule that
    their role requires one is on only in the tests marked ``two_factor``, which test it.
    Whoever has set up an app is asked for its code in every test."""
    if request.node.get_closest_marker("two_factor") is None:
        settings.TWO_FACTOR_REQUIRED = False


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


@pytest.fixture
def partner_org(org_a):
    """An NGO that shares its observations with organisation A."""
    from accounts.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(code="partner", name_fi="Kumppani ry", type_code="ngo")
    organisation.shares_with.add(org_a)
    return organisation


@pytest.fixture
def former_partner_org(org_a):
    """An NGO that shared its observations with organisation A and has stopped."""
    from accounts.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(
        code="former-partner", name_fi="Entinen kumppani ry", type_code="ngo"
    )
    organisation.shares_with.add(org_a)
    organisation.shares_with.remove(org_a)
    return organisation


@pytest.fixture
def unrelated_org(db):
    from accounts.tests.factories import OrganisationFactory

    return OrganisationFactory(code="unrelated", name_fi="Muu organisaatio", type_code="parish")


@pytest.fixture
def partner(partner_org):
    return _member(partner_org, "analyst", "partner")


@pytest.fixture
def former_partner(former_partner_org):
    return _member(former_partner_org, "analyst", "former-partner")


@pytest.fixture
def unrelated(unrelated_org):
    return _member(unrelated_org, "analyst", "unrelated")
