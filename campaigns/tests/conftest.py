import pytest

from reporting.models import CampaignQuestion
from reporting.tests.factories import CampaignFactory


@pytest.fixture
def campaign(org_a):
    campaign = CampaignFactory(owner=org_a, title_fi="Talven kysely", title_sv="Vinterenkät")
    campaign.audience.set([org_a])
    return campaign


@pytest.fixture
def choice_question(campaign):
    return CampaignQuestion.objects.create(
        campaign=campaign,
        order=1,
        kind=CampaignQuestion.Kind.SINGLE_CHOICE,
        text_fi="Mikä palvelu?",
        text_sv="Vilken tjänst?",
        choices_fi="Kotihoito\nAsumispalvelu\nSosiaalityö",
        choices_sv="Hemvård\nBoendeservice\nSocialt arbete",
    )
