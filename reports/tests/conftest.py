"""A small county for the report tests: one quarter (2026Q3) and the one before it."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from accounts.models import Profession
from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from reporting.models import Municipality, TargetGroup, Theme
from reporting.tests.factories import ObservationFactory
from reports.models import Report

HELSINKI = ZoneInfo("Europe/Helsinki")
IN_PERIOD = datetime.datetime(2026, 8, 12, 10, 0, tzinfo=HELSINKI)
BEFORE = datetime.datetime(2026, 5, 20, 10, 0, tzinfo=HELSINKI)
QUOTE = "Asumisneuvontaa ei ole saatavilla iltaisin, vaikka häätöuhat ovat lisääntyneet."


def observe(
    organisation,
    *,
    when=IN_PERIOD,
    signal="concern",
    themes=("housing",),
    text=QUOTE,
    municipality="743",
    profession="social_worker",
    group="working_age",
):
    observation = ObservationFactory(
        organisation=organisation,
        submitted_at=when,
        signal=signal,
        text=text,
        whole_county=municipality is None,
        profession=Profession.objects.get(code=profession),
    )
    observation.themes.set(Theme.objects.filter(code__in=themes))
    observation.target_groups.set(TargetGroup.objects.filter(code=group))
    if municipality:
        observation.municipalities.set(Municipality.objects.filter(code=municipality))
    return observation


@pytest.fixture
def county(org_a):
    """12 concerns and 3 positive developments on housing in Q3, 7 livelihood concerns in Q2;
    a phenomenon with 6 observations in Q3, one of whose texts names a person."""
    housing = [observe(org_a) for _ in range(12)]
    for _ in range(3):
        observe(org_a, signal="positive", profession="nurse", municipality="408")
    for _ in range(7):
        observe(org_a, when=BEFORE, themes=("livelihood",), group="older_people")
    named = observe(org_a, text="Matti Virtanen kertoi, että asunnon saaminen kestää kuukausia.")
    phenomenon = PhenomenonFactory(
        organisation=org_a, name="Häätöjen uhka", description="Häätöuhat lisääntyvät."
    )
    for observation in [*housing[:5], named]:
        PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    small = PhenomenonFactory(organisation=org_a, name="Pieni ilmiö")
    PhenomenonLink.objects.create(phenomenon=small, observation=housing[6])
    return {"phenomenon": phenomenon, "small": small}


@pytest.fixture
def report(org_a, analyst):
    return Report.objects.create(
        organisation=org_a,
        created_by=analyst,
        period_kind="quarter",
        first_day=datetime.date(2026, 7, 1),
        last_day=datetime.date(2026, 9, 30),
        summary="Asumisen huolet kasvoivat.",
    )
