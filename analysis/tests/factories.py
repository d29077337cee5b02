import factory

from accounts.tests.factories import OrganisationFactory
from analysis.models import Phenomenon


class PhenomenonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phenomenon

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Ilmiö {n}")
