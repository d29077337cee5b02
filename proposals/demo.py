"""The proposals of the demo installation: a phenomenon prepared into a proposal that the
county board has answered and that is being implemented, and a draft. Loading twice changes
nothing."""

import datetime
import uuid

from django.utils import timezone

from analysis import services as analysis_services
from analysis.models import Phenomenon
from proposals import evidence, quotes, services
from proposals.models import ActionProposal, RecipientBody
from reporting import services as reporting_services
from reporting.models import Observation

DEMO_KEY = uuid.UUID("5a0b5e1c-0000-4000-8000-000000000005")
DEMO_DRAFT_KEY = uuid.UUID("5a0b5e1c-0000-4000-8000-000000000006")
DEMO_SUPPLEMENT_KEY = uuid.UUID("5a0b5e1c-0000-4000-8000-000000000007")
PHENOMENON = "Toimeentulotuen päätökset viivästyvät"
DRAFT_PHENOMENON = "Nuorten asunnottomuus"


def on_demo_loaded(sender, *, organisations, people, now, **kwargs) -> None:
    county = organisations["ep-sosiaali"]
    analyst = people["analyytikko"]
    board = _bodies(county=county, decision_maker=people["paattaja"])
    if not ActionProposal.objects.filter(creation_key=DEMO_KEY).exists():
        phenomenon = _phenomenon(county, analyst, PHENOMENON, "livelihood", 14)
        _answered_proposal(county, analyst, people["paattaja"], board, phenomenon, now)
    if not ActionProposal.objects.filter(creation_key=DEMO_DRAFT_KEY).exists():
        phenomenon = _phenomenon(county, analyst, DRAFT_PHENOMENON, "housing", 8)
        cleaned = _cleaned(phenomenon) | {
            "proposed_action": "Nuorille perustetaan tukiasuntoja ja asumisohjaaja.",
        }
        services.create_proposal(
            organisation=county, owner=analyst, cleaned=cleaned, creation_key=DEMO_DRAFT_KEY
        )
    _give_history(people["raportoija"], county)
    _follow_up(people["raportoija"], analyst)


def _give_history(reporter, county) -> None:
    """The social worker wrote some of the demo's observations: a few became part of the
    answered proposal, the others wait, so their own pages show what follow-up looks like."""
    if Observation.objects.filter(reporter=reporter).exists():
        return
    linked = Observation.objects.filter(
        organisation=county, phenomenon_links__phenomenon__name=PHENOMENON
    ).order_by("external_id")[:3]
    waiting = Observation.objects.filter(
        organisation=county, phenomenon_links__isnull=True, external_id__startswith="demo-"
    ).order_by("external_id")[:4]
    ids = [o.pk for o in linked] + [o.pk for o in waiting]
    Observation.objects.filter(pk__in=ids).update(reporter=reporter)


def _follow_up(reporter, analyst) -> None:
    """What the social worker did since: read the news of one observation, supplemented
    another and withdrew one sent twice; an analyst has just linked a waiting one to a
    phenomenon. Their "My observations" then has news to show and news already read."""
    own = Observation.objects.filter(reporter=reporter).order_by("external_id")
    if own.filter(withdrawn_at__isnull=False).exists():
        return
    in_proposal = list(own.filter(phenomenon_links__phenomenon__name=PHENOMENON).distinct())
    waiting = list(own.filter(phenomenon_links__isnull=True))
    if len(in_proposal) < 2 or len(waiting) < 2:
        return
    reporting_services.mark_read(observation=in_proposal[-1])
    reporting_services.add_supplement(
        observation=in_proposal[0],
        text="Tilanne on pahentunut syksyn aikana: yhä useampi asiakas odottaa päätöstä yli "
        "kaksi viikkoa, ja ruoka-apuun ohjataan nyt viikoittain.",
        language="fi",
        confirmations=[],
        creation_key=DEMO_SUPPLEMENT_KEY,
    )
    phenomenon = Phenomenon.objects.filter(name=DRAFT_PHENOMENON).first()
    if phenomenon is not None:
        analysis_services.link_observation(
            phenomenon=phenomenon, observation=waiting[0], by=analyst
        )
    reporting_services.withdraw_observation(
        observation=waiting[-1],
        reason="Lähetin saman havainnon vahingossa kahdesti.",
        confirmations=[],
    )


def _bodies(*, county, decision_maker) -> RecipientBody:
    """The county board belongs to the installation; the social services management group
    belongs to the county's social services, whose administrator chooses its members."""
    board, _ = RecipientBody.objects.get_or_create(
        code="county-board",
        defaults={
            "name_fi": "Aluehallitus",
            "name_sv": "Välfärdsområdesstyrelsen",
            "name_en": "County board",
        },
    )
    board.members.add(decision_maker)
    management, _ = RecipientBody.objects.get_or_create(
        code="social-services-management",
        defaults={
            "name_fi": "Sosiaalipalvelujen johtoryhmä",
            "name_sv": "Socialtjänsternas ledningsgrupp",
            "name_en": "Social services management group",
        },
    )
    if management.organisation_id is None:
        management.organisation = county
        management.save(update_fields=["organisation"])
        management.members.add(decision_maker)
    return board


def _phenomenon(organisation, analyst, name, theme_code, size) -> Phenomenon:
    phenomenon = Phenomenon.objects.filter(organisation=organisation, name=name).first()
    if phenomenon is None:
        phenomenon = analysis_services.create_phenomenon(
            organisation=organisation,
            name=name,
            description=f"Havainnot ryhmästä: {name.lower()}.",
            author=analyst,
        )
    observations = Observation.objects.filter(
        themes__code=theme_code, external_id__startswith="demo-", language="fi"
    ).order_by("external_id")[:size]
    for observation in observations:
        analysis_services.link_observation(
            phenomenon=phenomenon, observation=observation, by=analyst
        )
    return phenomenon


def _cleaned(phenomenon) -> dict:
    initial = evidence.initial_from_phenomenon(phenomenon)
    return {
        "title": initial["title"],
        "problem": initial["problem"],
        "phenomena": [phenomenon],
        "themes": initial["themes"],
        "target_groups": initial["target_groups"],
        "municipalities": initial["municipalities"],
    }


def _answered_proposal(county, analyst, decision_maker, board, phenomenon, now) -> None:
    cleaned = _cleaned(phenomenon) | {
        "problem": "Toimeentulotuen päätökset viivästyvät, ja asiakkaat jäävät ilman ruokarahaa.",
        "proposed_action": "Kelan ja hyvinvointialueen välille sovitaan kiireellisten "
        "tilanteiden yhteinen toimintamalli ja nimetään yhdyshenkilöt.",
        "rationale": "Sosiaalityöntekijät ovat raportoineet viivästyksistä koko alueelta.",
        "expected_effect": "Kiireellinen apu järjestyy saman päivän aikana.",
        "recipient": board,
    }
    proposal, _ = services.create_proposal(
        organisation=county, owner=analyst, cleaned=cleaned, creation_key=DEMO_KEY
    )
    _quote_one(proposal)
    for action, by, extra in [
        ("submit", analyst, {}),
        (
            "answer",
            decision_maker,
            {
                "decision": "accepted",
                "response_text": "Aluehallitus hyväksyy ehdotuksen. Toimintamalli valmistellaan "
                "yhdessä Kelan kanssa.",
                "response_date": timezone.localdate(now),
                "confirmations": [],
            },
        ),
        ("implement", analyst, {}),
    ]:
        services.take_step(
            proposal=proposal, action=action, by=by, seen_status=proposal.status, **extra
        )
        proposal.refresh_from_db()
    today = timezone.localdate(now)
    services.add_milestone(
        proposal=proposal, title="Toimintamalli sovittu", due_on=today + datetime.timedelta(30)
    )
    services.add_milestone(
        proposal=proposal, title="Yhdyshenkilöt nimetty", due_on=today + datetime.timedelta(60)
    )
    services.publish(
        proposal=proposal,
        summary="Kiireellisen toimeentulotuen viivästyksiin sovitaan yhteinen toimintamalli.",
    )


def _quote_one(proposal) -> None:
    """The first suggested excerpt that passes the quote check, as an analyst would."""
    for suggestion in quotes.suggestions(proposal, []):
        if suggestion.passes:
            services.add_quote(
                proposal=proposal, observation=suggestion.observation, text=suggestion.text
            )
            return
