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
    **extra,
):
    observation = ObservationFactory(
        organisation=organisation,
        submitted_at=when,
        signal=signal,
        text=text,
        whole_county=municipality is None,
        profession=Profession.objects.get(code=profession),
        **extra,
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
    named = observe(
        org_a,
        text="Matti Virtanen kertoi, että asunnon saaminen kestää kuukausia.",
        privacy_confirmations=[{"field": "text", "kind": "name", "text": "Matti Virtanen"}],
    )
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


def propose(organisation, title, steps, *, recipient=None, municipalities=(), public=False):
    """A proposal with its life: ``steps`` are (action, to status, time, decision)."""
    from proposals.models import Transition
    from proposals.tests.factories import ProposalFactory, RecipientBodyFactory

    proposal = ProposalFactory(
        organisation=organisation,
        title=title,
        recipient=recipient or RecipientBodyFactory(name_fi="Aluehallitus"),
        is_public=public,
    )
    status = "draft"
    for action, to_status, at, decision in steps:
        Transition.objects.create(
            proposal=proposal,
            action=action,
            from_status=status,
            to_status=to_status,
            decision=decision,
            at=at,
        )
        status = to_status
        proposal.decision = decision or proposal.decision
    proposal.status = status
    proposal.save()
    if municipalities:
        proposal.municipalities.set(Municipality.objects.filter(code__in=municipalities))
    return proposal


@pytest.fixture
def action_proposals(org_a, org_b):
    """In 2026Q3, six proposals of org_a were submitted; five were answered (four accepted,
    one rejected) and one accepted went into implementation. One was submitted in Q2 and
    implemented in Q3; one is a draft; one belongs to org_b. Two are published."""
    submitted = ("submit", "submitted", IN_PERIOD, "")
    later = IN_PERIOD + datetime.timedelta(days=10)
    accepted = ("answer", "answered", later, "accepted")
    found = {
        number: propose(org_a, f"Ehdotus {number}", [submitted, accepted]) for number in (2, 3, 4)
    }
    found[1] = propose(
        org_a,
        "Iltaneuvonta asumiseen",
        [submitted, accepted, ("implement", "implementation", later, "")],
        public=True,
    )
    found[5] = propose(
        org_a,
        "Hylätty ehdotus",
        [submitted, ("answer", "answered", later, "rejected")],
        municipalities=("408",),
    )
    found[6] = propose(org_a, "Odottaa vastausta", [submitted])
    found["older"] = propose(
        org_a,
        "Toteutettu ehdotus",
        [
            ("submit", "submitted", BEFORE, ""),
            ("answer", "answered", BEFORE, "partly"),
            ("implement", "implementation", BEFORE, ""),
            ("complete", "implemented", IN_PERIOD, ""),
        ],
        public=True,
    )
    found["draft"] = propose(
        org_a, "Luonnos", [("prepare", "preparation", IN_PERIOD, "")], public=True
    )
    found["other"] = propose(org_b, "Toisen organisaation ehdotus", [submitted])
    return found
