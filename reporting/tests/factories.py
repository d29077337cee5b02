import datetime

import factory
from django.utils import timezone

from accounts.tests.factories import OrganisationFactory
from reporting.models import Campaign, Channel, Observation


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    title_fi = factory.Sequence(lambda n: f"Keräys {n}")
    owner = factory.SubFactory(OrganisationFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    open_link_enabled = True


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    channel = Channel.FORM
    organisation = factory.SubFactory(OrganisationFactory)
    text = "Nuorten mielenterveyspalvelujen jonot ovat pidentyneet."
    signal = "concern"
    novelty = "growing"
    language = "fi"
    whole_county = True
