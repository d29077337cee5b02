"""A demo installation: the county of South Ostrobothnia, its partners, people of every role,
collections and two years of fictional observations. Loading twice changes nothing."""

import json
import random
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from accounts.models import Membership, Organisation, OrganisationType, Profession, Role, Team, User
from reporting import guard
from reporting.models import (
    AnsweredAs,
    Campaign,
    CampaignQuestion,
    Channel,
    ForumGroup,
    Municipality,
    Observation,
    TargetGroup,
    Theme,
)

DEMO_PASSWORD = "sora-demo-2026"  # noqa: S105  (published in the README for the demo only)
TEXTS = Path(__file__).resolve().parent / "demo_data" / "observations.json"

ORGANISATIONS = [
    (
        "ep-sosiaali",
        "county_social",
        "Etelä-Pohjanmaan hyvinvointialue: sosiaalipalvelut",
        "Södra Österbottens välfärdsområde: socialtjänster",
        "South Ostrobothnia wellbeing services county: social services",
    ),
    (
        "ep-terveys",
        "county_health",
        "Etelä-Pohjanmaan hyvinvointialue: terveyspalvelut",
        "Södra Österbottens välfärdsområde: hälsotjänster",
        "South Ostrobothnia wellbeing services county: health services",
    ),
    (
        "lakeuden-tuki",
        "ngo",
        "Lakeuden Tukiverkko ry",
        "Lakeuden Tukiverkko rf",
        "Lakeuden Tukiverkko (NGO)",
    ),
    ("ep-typ", "typ", "Etelä-Pohjanmaan TYP", "TYP i Södra Österbotten", "South Ostrobothnia TYP"),
    ("seinajoki", "municipality", "Seinäjoen kaupunki", "Seinäjoki stad", "City of Seinäjoki"),
    (
        "rise-seinajoki",
        "criminal_sanctions",
        "Rikosseuraamuslaitos: Seinäjoen yhdyskuntaseuraamustoimisto",
        "Brottspåföljdsmyndigheten: Seinäjoki byrå för samhällspåföljder",
        "Criminal Sanctions Agency: Seinäjoki community sanctions office",
    ),
]

# username, organisation, role, profession, first name, is_superuser
PEOPLE = [
    ("admin", "ep-sosiaali", Role.ADMIN, "manager", "Ylläpitäjä", True),
    ("analyytikko", "ep-sosiaali", Role.ANALYST, "social_worker", "Analyytikko", False),
    ("raportoija", "ep-sosiaali", Role.REPORTER, "social_worker", "Raportoija", False),
    ("rapportor", "ep-sosiaali", Role.REPORTER, "social_counsellor", "Rapportör", False),
    ("hoitaja", "ep-terveys", Role.REPORTER, "nurse", "Hoitaja", False),
    ("paattaja", "ep-sosiaali", Role.READER, "manager", "Päättäjä", False),
    ("jarjesto", "lakeuden-tuki", Role.REPORTER, "ngo_worker", "Järjestö", False),
    ("jarjesto-analyytikko", "lakeuden-tuki", Role.ANALYST, "ngo_worker", "Järjestö", False),
    ("typ", "ep-typ", Role.REPORTER, "service_counsellor", "TYP", False),
    ("kunta", "seinajoki", Role.REPORTER, "youth_worker", "Kunta", False),
    ("rise", "rise-seinajoki", Role.REPORTER, "social_worker", "Rise", False),
]

# Sent when the demo's organisations, people and observations exist, so that the apps built on
# reporting can add their part of the demo without reporting knowing them.
demo_loaded = Signal()

ORG_FOR_TYPE = {
    "county_social": "ep-sosiaali",
    "county_health": "ep-terveys",
    "ngo": "lakeuden-tuki",
    "typ": "ep-typ",
    "municipality": "seinajoki",
    "criminal_sanctions": "rise-seinajoki",
}


@transaction.atomic
def load_demo(*, now=None) -> dict:
    """Create whatever of the demo installation is missing; return the open links."""
    now = now or timezone.now()
    organisations = _organisations()
    people = _people(organisations)
    campaigns = _campaigns(organisations, today=timezone.localdate(now))
    _observations(organisations, people, campaigns, now=now)
    demo_loaded.send(sender=load_demo, organisations=organisations, people=people, now=now)
    return {key: campaign.link_token for key, campaign in campaigns.items()}


def _organisations() -> dict[str, Organisation]:
    result = {}
    for code, type_code, fi, sv, en in ORGANISATIONS:
        result[code], _ = Organisation.objects.get_or_create(
            code=code,
            defaults={
                "type": OrganisationType.objects.get(code=type_code),
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
            },
        )
    # Partners share their observations with the county's social services analysts.
    for code in ("ep-terveys", "lakeuden-tuki", "ep-typ", "seinajoki", "rise-seinajoki"):
        result[code].shares_with.add(result["ep-sosiaali"])
    Team.objects.get_or_create(organisation=result["ep-sosiaali"], name="Aikuissosiaalityö")
    Team.objects.get_or_create(organisation=result["ep-sosiaali"], name="Lastensuojelu")
    return result


def _people(organisations) -> dict[str, User]:
    result = {}
    for username, org_code, role, profession, first_name, is_super in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                email=f"{username}@sora.example",
                first_name=first_name,
                last_name="Demo",
                is_staff=is_super,
                is_superuser=is_super,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            user=user,
            organisation=organisations[org_code],
            defaults={"role": role, "profession": Profession.objects.get(code=profession)},
        )
        result[username] = user
    return result


def _campaigns(organisations, *, today) -> dict[str, Campaign]:
    county = organisations["ep-sosiaali"]
    open_campaign, _ = Campaign.objects.get_or_create(
        title_fi="Sosiaalisen raportoinnin avoin lomake",
        defaults={
            "kind": Campaign.Kind.OPEN,
            "title_sv": "Öppet formulär för social rapportering",
            "title_en": "Open social reporting form",
            "description_fi": "Kerro, mitä havaitset asiakastyössä: toistuvat ongelmat, uudet "
            "tarpeet, palveluaukot ja hyvät kehityskulut.",
            "description_sv": "Berätta vad du ser i klientarbetet: återkommande problem, nya "
            "behov, luckor i servicen och goda utvecklingar.",
            "description_en": "Tell what you see in client work: recurring problems, new needs, "
            "service gaps and good developments.",
            "owner": county,
            "starts_on": today - timedelta(days=800),
            "open_link_enabled": True,
        },
    )
    targeted, created = Campaign.objects.get_or_create(
        title_fi="Kohdennettu tiedonkeruu: nuorten mielenterveyspalvelujen saatavuus",
        defaults={
            "kind": Campaign.Kind.TARGETED,
            "title_sv": "Riktad insamling: tillgången till ungas mentalvårdstjänster",
            "title_en": "Targeted collection: access to young people's mental health services",
            "description_fi": "Keräämme syksyn aikana havaintoja nuorten mielenterveyspalvelujen "
            "jonoista ja siitä, miten nuoret ja perheet pärjäävät odottaessaan.",
            "description_sv": "Under hösten samlar vi iakttagelser om köerna till ungas "
            "mentalvårdstjänster och hur unga och familjer klarar väntan.",
            "description_en": "This autumn we collect observations on queues to young people's "
            "mental health services and how young people and families cope while waiting.",
            "owner": county,
            "starts_on": today - timedelta(days=30),
            "ends_on": today + timedelta(days=45),
            "open_link_enabled": True,
        },
    )
    if created:
        targeted.audience.set(
            [organisations[c] for c in ("ep-sosiaali", "ep-terveys", "lakeuden-tuki", "seinajoki")]
        )
        _questions(targeted)
    forum, created = Campaign.objects.get_or_create(
        title_fi="Aikuissosiaalityön klubi, syksy",
        defaults={
            "kind": Campaign.Kind.FORUM,
            "title_sv": "Klubben för vuxensocialt arbete, hösten",
            "title_en": "Adult social work club, autumn",
            "description_fi": "Klubin dialogiryhmät kirjaavat keskustelunsa keskeiset havainnot. "
            "Ryhmän kirjuri tallentaa kunkin havainnon omana tiiminä tehtynä havaintona.",
            "description_sv": "Klubbens dialoggrupper antecknar de viktigaste iakttagelserna. "
            "Gruppens sekreterare sparar varje iakttagelse som en iakttagelse gjord i team.",
            "description_en": "The club's dialogue groups record the key findings of their "
            "discussion. The group's scribe saves each finding as a team observation.",
            "owner": county,
            "starts_on": today - timedelta(days=14),
            "ends_on": today + timedelta(days=60),
            "open_link_enabled": True,
        },
    )
    if created:
        _groups(forum)
    return {"open": open_campaign, "targeted": targeted, "forum": forum}


def _questions(campaign) -> None:
    kinds = CampaignQuestion.Kind
    questions = [
        (
            kinds.SINGLE_CHOICE,
            "Kuinka kauan nuoret tyypillisesti odottavat ensikäyntiä?",
            "Hur länge väntar unga vanligen på ett första besök?",
            "How long do young people usually wait for a first appointment?",
            "Alle 2 viikkoa\n2–4 viikkoa\n1–3 kuukautta\nYli 3 kuukautta",
            "Under 2 veckor\n2–4 veckor\n1–3 månader\nÖver 3 månader",
            "Under 2 weeks\n2–4 weeks\n1–3 months\nOver 3 months",
        ),
        (
            kinds.MULTIPLE_CHOICE,
            "Mikä tuki auttaa odotusaikana?",
            "Vilket stöd hjälper under väntetiden?",
            "What support helps while waiting?",
            "Koulukuraattori\nNuorisotyö\nJärjestöjen ryhmät\nVerkkopalvelut",
            "Skolkurator\nUngdomsarbete\nOrganisationernas grupper\nNättjänster",
            "School social worker\nYouth work\nNGO groups\nOnline services",
        ),
        (
            kinds.SCALE,
            "Kuinka hyvin nykyiset palvelut vastaavat tarpeeseen (1 = huonosti, 5 = hyvin)?",
            "Hur väl svarar tjänsterna mot behovet (1 = dåligt, 5 = väl)?",
            "How well do the services meet the need (1 = poorly, 5 = well)?",
            "",
            "",
            "",
        ),
        (
            kinds.LONG_TEXT,
            "Mitä muuta haluat kertoa?",
            "Vad mer vill du berätta?",
            "What else would you like to tell?",
            "",
            "",
            "",
        ),
    ]
    for order, (kind, fi, sv, en, cfi, csv_, cen) in enumerate(questions):
        CampaignQuestion.objects.create(
            campaign=campaign,
            order=order,
            kind=kind,
            text_fi=fi,
            text_sv=sv,
            text_en=en,
            choices_fi=cfi,
            choices_sv=csv_,
            choices_en=cen,
        )


def _groups(forum) -> None:
    groups = [
        (
            "Ryhmä 1: Toimeentulo",
            "Grupp 1: Utkomst",
            "Group 1: Livelihood",
            "Mikä toimeentulossa huolestuttaa juuri nyt?",
            "Vad oroar i utkomsten just nu?",
            "What worries you about livelihood right now?",
        ),
        (
            "Ryhmä 2: Asuminen",
            "Grupp 2: Boende",
            "Group 2: Housing",
            "Missä asumisen tuki ei tavoita asiakkaita?",
            "Var når boendestödet inte klienterna?",
            "Where does housing support fail to reach clients?",
        ),
        (
            "Ryhmä 3: Palvelupolut",
            "Grupp 3: Servicekedjor",
            "Group 3: Service paths",
            "Mikä yhteistyössä toimii ja mikä ei?",
            "Vad fungerar i samarbetet och vad inte?",
            "What works in cooperation and what does not?",
        ),
    ]
    for order, (fi, sv, en, qfi, qsv, qen) in enumerate(groups):
        ForumGroup.objects.create(
            campaign=forum,
            order=order,
            name_fi=fi,
            name_sv=sv,
            name_en=en,
            question_fi=qfi,
            question_sv=qsv,
            question_en=qen,
        )


def _observations(organisations, people, campaigns, *, now) -> int:
    items = json.loads(TEXTS.read_text(encoding="utf-8"))
    rng = random.Random(2026)  # noqa: S311  (repeatable demo data, not a secret)
    municipalities = list(Municipality.objects.all())
    seinajoki = Municipality.objects.get(code="743")
    themes = {t.code: t for t in Theme.objects.all()}
    groups = {t.code: t for t in TargetGroup.objects.all()}
    professions = {p.code: p for p in Profession.objects.all()}
    reporters = {m.organisation.code: m.user for m in Membership.objects.filter(role=Role.REPORTER)}
    forum_groups = list(campaigns["forum"].groups.all())
    existing = set(
        Observation.objects.filter(external_id__startswith="demo-").values_list(
            "external_id", flat=True
        )
    )
    created = 0
    for number, item in enumerate(items):
        external_id = f"demo-{number:04d}"
        # Draw every random number even for rows that exist, so reruns stay identical.
        age = timedelta(days=rng.triangular(0, 730, 120), minutes=rng.randint(0, 600))
        chosen_places = rng.sample(municipalities, rng.choice([1, 1, 1, 2, 3]))
        whole_county = rng.random() < 0.12
        if "livelihood" in item["themes"] and number % 2 == 0:
            # A recent rise in Seinäjoki, so the demo's signals dashboard has one to show.
            age = timedelta(days=rng.uniform(0, 50))
            chosen_places, whole_county = [seinajoki], False
        channel_roll = rng.random()
        if external_id in existing:
            continue
        if guard.check_texts(
            {"text": item["text"], "suggestion": item.get("suggestion", "")},
            language=item["language"],
            confirmed=set(),
        ):
            continue  # the demo holds only text the guard accepts
        org = organisations[ORG_FOR_TYPE[item["org_type"]]]
        forum_finding = number % 40 == 7 and forum_groups
        observation = Observation.objects.create(
            external_id=external_id,
            channel=Channel.FORUM
            if forum_finding
            else (Channel.OPEN_LINK if channel_roll < 0.3 else Channel.FORM),
            organisation=org,
            profession=professions[item["profession"]],
            reporter=None if channel_roll < 0.3 else reporters.get(org.code),
            campaign=campaigns["forum"]
            if forum_finding
            else (campaigns["open"] if channel_roll < 0.3 else None),
            forum_group=forum_groups[number % len(forum_groups)] if forum_finding else None,
            text=item["text"],
            suggestion=item.get("suggestion", ""),
            signal=item["signal"],
            novelty=item["novelty"],
            whole_county=whole_county,
            reach=item["reach"],
            duration=item["duration"],
            answered_as=AnsweredAs.TEAM if forum_finding else AnsweredAs.ALONE,
            team_size=6 if forum_finding else None,
            language=item["language"],
            submitted_at=(now - timedelta(days=14) + timedelta(hours=number % 9))
            if forum_finding
            else now - age,
        )
        observation.themes.set(themes[c] for c in item["themes"])
        observation.target_groups.set(groups[c] for c in item["target_groups"])
        if not whole_county:
            observation.municipalities.set(chosen_places)
        created += 1
    return created
