import factory

from accounts.models import Membership, Organisation, OrganisationType, Profession, User


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    class Params:
        type_code = "county_social"

    code = factory.Sequence(lambda n: f"org-{n}")
    name_fi = factory.Sequence(lambda n: f"Organisaatio {n}")
    type = factory.LazyAttribute(lambda o: OrganisationType.objects.get(code=o.type_code))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "password-for-tests")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "reporter"
    profession = factory.LazyFunction(lambda: Profession.objects.get(code="social_worker"))
