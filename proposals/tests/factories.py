import factory

from accounts.tests.factories import OrganisationFactory
from proposals.models import ActionProposal, RecipientBody


class RecipientBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecipientBody

    code = factory.Sequence(lambda n: f"body-{n}")
    name_fi = factory.Sequence(lambda n: f"Toimielin {n}")


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionProposal

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Ehdotus {n}")
    problem = "Toimeentulotuen päätökset viivästyvät."
    proposed_action = "Sovitaan kiireellisten tilanteiden toimintamalli."
