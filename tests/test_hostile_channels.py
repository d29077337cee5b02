"""Sora stores no client data, whatever the channel and however the identifier is written.

Every way a text enters Sora is used as its users use it: the forms over HTTP, signed in with
the role the page needs (or on the open link without an account), and the import command.
Each channel is sent identity codes, phone numbers, e-mail addresses, account numbers and
names, in their plain form and in the writing forms that try to slip past the guard
(``tests.hostile_texts``); then every column of every table and every stored file is searched
for them: none may be anywhere. ``tests.submissions`` says what else each submission must
get right.

Names are sent only where people write free text: what administrators write about the
service (the codebook, campaigns, organisations, an import's ids) may name staff and
institutions (``privacy.stored``), so there only codes, numbers and addresses are refused.
"""

from __future__ import annotations

import csv
import io
import json
import uuid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import privacy
from accounts.tests.factories import MembershipFactory, OrganisationFactory
from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from privacy.tests.helpers import write_behind_the_guard
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory
from reporting import transfer
from reporting.models import Theme
from reporting.tests.factories import CampaignFactory, ObservationFactory
from reporting.tests.helpers import form_data
from reports.models import Report
from reports.periods import make_period
from tests.hostile_texts import CODE_KINDS, NAME, WRITINGS, hostile_texts
from tests.submissions import CLEAN, Attempt, Run

pytestmark = pytest.mark.django_db

ANONYMOUS = None  # the open link is used without an account
OBSERVATION_TEXTS = ("text", "suggestion")

# Every part of every channel types the identifiers of a person of its own.
PARTS = (
    "form",
    "form draft",
    "form draft extras",
    "form extras",
    "open link",
    "open link extras",
    "campaign form",
    "campaign draft",
    "campaign open link",
    "forum form",
    "forum draft",
    "forum open link",
    "import jsonl",
    "import csv",
    "import jsonl external_id",
    "import csv external_id",
    "import jsonl file name",
    "import csv file name",
    "memo",
    "phenomenon create",
    "phenomenon edit",
    "proposal create",
    "proposal edit",
    "proposal answer",
    "proposal milestone",
    "proposal summary",
    "proposal quote",
    "report create",
    "report edit",
    "report narrative",
    "report quote",
    "codebook texts",
    "codebook code",
    "admin theme",
    "admin campaign",
    "admin organisation",
)


class World:
    """The organisation, its people in every role, and its collections."""

    def __init__(self, org_a, org_b, reporter, analyst, admin_member):
        self.organisation = org_a
        self.reporter = reporter
        self.analyst = analyst
        # The Django admin is for organisation administrators with staff status.
        self.admin = admin_member
        self.admin.is_staff = self.admin.is_superuser = True
        self.admin.save()
        self.decision_maker = MembershipFactory(
            organisation=org_b, role="reader", user__username="decision_maker"
        ).user
        self.body = RecipientBodyFactory(code="board", name_fi="Aluehallitus")
        self.body.members.add(self.decision_maker)
        self.open_campaign = self._campaign("open")
        self.targeted = self._campaign("targeted")
        self.targeted.questions.create(order=1, kind="short_text", text_fi="Lyhyesti?")
        self.targeted.questions.create(order=2, kind="long_text", text_fi="Mitä muuta?")
        self.forum = self._campaign("forum")
        for order, name in enumerate(("Ryhmä 1", "Ryhmä 2")):
            self.forum.groups.create(order=order, name_fi=name, question_fi="Mikä huolettaa?")

    def _campaign(self, kind: str):
        campaign = CampaignFactory(owner=self.organisation, kind=kind, open_link_enabled=True)
        campaign.audience.set([self.organisation])
        return campaign


@pytest.fixture
def world(org_a, org_b, reporter, analyst, admin_member, settings):
    settings.OPEN_LINK_MAX_PER_IP = 10_000  # every attempt comes from the same address
    return World(org_a, org_b, reporter, analyst, admin_member)


@pytest.fixture
def run(client, django_capture_on_commit_callbacks, request, tmp_path, monkeypatch):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    writing = request.node.callspec.params["writing"]
    return Run(client, django_capture_on_commit_callbacks, writing, PARTS, tmp_path, monkeypatch)


# The observation form in every channel ----------------------------------------------------

NEW = reverse("reporting:new_observation")


def signed_in_form(run: Run, world: World) -> None:
    user = world.reporter
    run.control("form", user, NEW, form_data(text=CLEAN))
    for attempt in run.attempts("form", OBSERVATION_TEXTS):
        run.refused(attempt, user, NEW, form_data(**attempt.texts))
    run.control("form draft", user, NEW, form_data(text=CLEAN, action="save_draft"))
    for attempt in run.attempts("form draft", OBSERVATION_TEXTS):
        run.refused(attempt, user, NEW, form_data(**attempt.texts, action="save_draft"))
        filler = " Jonot pitenevät." * (settings.TEXT_MAX_CHARS // 16)
        too_long = attempt.hostile.sentence + filler
        data = form_data(text=too_long, action="save_draft")
        run.refused(attempt, user, NEW, data, kept=[too_long])
    for attempt in run.attempts("form draft extras"):
        for extras in (_stray_fields(attempt), _invalid_choices(attempt)):
            run.sent(attempt, user, NEW, form_data(text=CLEAN, action="save_draft", **extras))
    for attempt in run.attempts("form extras"):
        run.sent(attempt, user, NEW, form_data(text=CLEAN, **_stray_fields(attempt)))
        data = form_data(text=CLEAN, **_invalid_choices(attempt))
        run.refused(attempt, user, NEW, data, kept=[CLEAN])


def _stray_fields(attempt: Attempt) -> dict:
    """Fields the form does not have, and confirmations of words the text does not hold."""
    hostile = attempt.hostile
    return {
        "notes": hostile.sentence,
        "external_id": hostile.text,
        "reporter": hostile.text,
        "q_99999": hostile.sentence,
        "confirm": [f"{hostile.kind}:{hostile.text.casefold()}", hostile.sentence],
    }


def _invalid_choices(attempt: Attempt) -> dict:
    single = ("signal", "novelty", "reach", "duration", "answered_as", "team_size", "language")
    many = ("target_groups", "municipalities", "themes", "team_professions")
    text = attempt.hostile.text
    return dict.fromkeys(single, text) | {name: [text] for name in many}


def open_link(run: Run, world: World) -> None:
    url = _link(world.open_campaign)
    run.control("open link", ANONYMOUS, url, _open_data(text=CLEAN))
    for attempt in run.attempts("open link", OBSERVATION_TEXTS):
        run.refused(attempt, ANONYMOUS, url, _open_data(attempt, **attempt.texts))
    for attempt in run.attempts("open link extras"):
        run.sent(attempt, ANONYMOUS, url, _open_data(text=CLEAN, **_stray_fields(attempt)))
        hostile = attempt.hostile
        for extras in (
            {"website": hostile.sentence},
            {"organisation": hostile.text, "profession": hostile.text},
            _invalid_choices(attempt),
        ):
            data = _open_data(text=CLEAN, **extras)
            run.refused(attempt, ANONYMOUS, url, data, kept=[CLEAN])


def _link(campaign) -> str:
    return reverse("reporting:open_link", args=[campaign.link_token])


def _open_data(attempt: Attempt | None = None, **values) -> dict:
    """A submission on the open link; with a name, the writer's "this is not a name" for the
    whole name and for whatever the guard finds in it, which nobody without an account may
    give for a full name."""
    data = form_data(**values)
    if attempt is not None and attempt.hostile.kind == NAME:
        hostile = attempt.hostile
        found = [f for f in privacy.scan(hostile.sentence, "fi") if f.kind == NAME]
        whole = f"name:{' '.join(hostile.text.split()).casefold()}"
        data["confirm"] = [whole, *(privacy.confirmation_key(f) for f in found)]
    return data


def campaign_answers(run: Run, world: World) -> None:
    """The short-text and long-text questions of a targeted collection."""
    campaign = world.targeted
    url, link = f"{NEW}?campaign={campaign.pk}", _link(campaign)
    questions = tuple(f"q_{question.pk}" for question in campaign.questions.all())
    clean = dict.fromkeys(questions, CLEAN)
    run.control("campaign form", world.reporter, url, form_data(**clean))
    run.control("campaign open link", ANONYMOUS, link, _open_data(**clean))
    for part, action in (("campaign form", "submit"), ("campaign draft", "save_draft")):
        for attempt in run.attempts(part, questions):
            run.refused(attempt, world.reporter, url, form_data(action=action, **attempt.texts))
    for attempt in run.attempts("campaign open link", questions):
        run.refused(attempt, ANONYMOUS, link, _open_data(attempt, **attempt.texts))


def forum_reports(run: Run, world: World) -> None:
    """Findings of a forum's dialogue group, recorded as a team."""
    campaign = world.forum
    url, link = f"{NEW}?campaign={campaign.pk}", _link(campaign)
    team = {"answered_as": "team", "team_size": "6", "forum_group": campaign.groups.first().pk}
    run.control("forum form", world.reporter, url, form_data(text=CLEAN, **team))
    run.control("forum open link", ANONYMOUS, link, _open_data(text=CLEAN, **team))
    for part, action in (("forum form", "submit"), ("forum draft", "save_draft")):
        for attempt in run.attempts(part, OBSERVATION_TEXTS):
            data = form_data(action=action, **attempt.texts, **team)
            run.refused(attempt, world.reporter, url, data)
    for attempt in run.attempts("forum open link", OBSERVATION_TEXTS):
        run.refused(attempt, ANONYMOUS, link, _open_data(attempt, **attempt.texts, **team))


def imports(run: Run, world: World) -> None:
    for suffix in ("jsonl", "csv"):
        part = f"import {suffix}"
        control = _import_file(run, suffix, _import_row(world, f"control-{suffix}"))
        out = io.StringIO()
        call_command("import_observations", control, stdout=out)
        assert "imported 1" in out.getvalue(), f"{part}: the clean file was not imported"
        for number, attempt in enumerate(run.attempts(part, OBSERVATION_TEXTS)):
            row = _import_row(world, f"{suffix}-{number}", **attempt.texts)
            run.command(attempt, "import_observations", _import_file(run, suffix, row))
        for attempt in run.attempts(f"{part} external_id", kinds=CODE_KINDS):
            row = _import_row(world, attempt.hostile.text)
            run.command(attempt, "import_observations", _import_file(run, suffix, row))
        for number, attempt in enumerate(run.attempts(f"{part} file name")):
            # A clean file named after a client, as a case system might export it.
            row = _import_row(world, f"{suffix}-named-{number}")
            path = _import_file(run, suffix, row, name=attempt.hostile.text)
            run.ran(attempt, "import_observations", path)


def _import_row(world: World, external_id: str, text=CLEAN, suggestion=CLEAN) -> dict:
    return {
        "external_id": external_id,
        "text": text,
        "language": "fi",
        "submitted_at": timezone.now().isoformat(),
        "municipality_codes": ["743"],
        "target_groups": ["working_age"],
        "themes": ["housing"],
        "signal": "concern",
        "suggestion": suggestion,
        "organisation": world.organisation.code,
    }


def _import_file(run: Run, suffix: str, row: dict, name: str = "") -> str:
    path = run.tmp_path / uuid.uuid4().hex / f"{name or 'rows'}.{suffix}"
    path.parent.mkdir(parents=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        if suffix == "jsonl":
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(handle, fieldnames=transfer.FIELDS)
            writer.writeheader()
            writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
    return str(path)


# Analysis -------------------------------------------------------------------------------


def memos(run: Run, world: World) -> None:
    observation = ObservationFactory(organisation=world.organisation)
    url = reverse("analysis:add_memo", args=[observation.pk])
    run.control("memo", world.analyst, url, {"text": CLEAN})
    for attempt in run.attempts("memo", ("text",)):
        run.refused(attempt, world.analyst, url, attempt.texts)


def phenomena(run: Run, world: World) -> None:
    phenomenon = PhenomenonFactory(organisation=world.organisation, name="Odotusajat")
    for part, url in (
        ("phenomenon create", reverse("analysis:phenomenon_create")),
        ("phenomenon edit", reverse("analysis:phenomenon_edit", args=[phenomenon.pk])),
    ):
        run.control(part, world.analyst, url, {"name": f"{part}: {CLEAN}", "description": CLEAN})
        for attempt in run.attempts(part, ("name", "description")):
            run.refused(attempt, world.analyst, url, attempt.texts)


# Proposals ------------------------------------------------------------------------------

PROPOSAL_TEXTS = ("title", "problem", "proposed_action", "rationale", "expected_effect")


def proposals(run: Run, world: World) -> None:
    analyst = world.analyst
    draft = _proposal(world, "draft")
    for part, url in (
        ("proposal create", reverse("proposals:create")),
        ("proposal edit", reverse("proposals:edit", args=[draft.pk])),
    ):
        run.control(part, analyst, url, _proposal_data(dict.fromkeys(PROPOSAL_TEXTS, CLEAN)))
        for attempt in run.attempts(part, PROPOSAL_TEXTS):
            run.refused(attempt, analyst, url, _proposal_data(attempt.texts))
    _proposal_answers(run, world)
    answered = _proposal(world, "answered")
    url = reverse("proposals:milestone_add", args=[answered.pk])
    today = timezone.localdate().isoformat()
    run.control("proposal milestone", analyst, url, {"title": CLEAN, "due_on": today})
    for attempt in run.attempts("proposal milestone", ("title",)):
        run.refused(attempt, analyst, url, {**attempt.texts, "due_on": today})
    url = reverse("proposals:publish", args=[answered.pk])
    run.control("proposal summary", analyst, url, {"public_summary": CLEAN})
    for attempt in run.attempts("proposal summary", ("public_summary",)):
        run.refused(attempt, analyst, url, attempt.texts)
    _proposal_quotes(run, world, draft)


def _proposal(world: World, status: str):
    return ProposalFactory(
        organisation=world.organisation, owner=world.analyst, recipient=world.body, status=status
    )


def _proposal_data(texts: dict) -> dict:
    return {"creation_key": str(uuid.uuid4()), **texts}


def _proposal_answers(run: Run, world: World) -> None:
    """The official answer of the recipient body; each to a proposal of its own, waiting
    for one."""

    def answer(texts: dict) -> tuple[str, dict]:
        url = reverse("proposals:answer", args=[_proposal(world, "submitted").pk])
        today = timezone.localdate().isoformat()
        data = {"seen_status": "submitted", "decision": "accepted", "response_date": today}
        return url, data | texts

    run.control("proposal answer", world.decision_maker, *answer({"response_text": CLEAN}))
    for attempt in run.attempts("proposal answer", ("response_text",)):
        run.refused(attempt, world.decision_maker, *answer(attempt.texts))


def _proposal_quotes(run: Run, world: World, draft) -> None:
    """An observation stored before the guard knew a writing form is quoted word for word:
    the strict quote check must keep the identifier out of the proposal."""
    url = reverse("proposals:quote_add", args=[draft.pk])
    clean = _source(world, CLEAN)
    draft.observations.add(clean)
    run.control("proposal quote", world.analyst, url, {"observation": clean.pk, "text": CLEAN})
    sources = []
    for attempt in run.attempts("proposal quote", ("text",)):
        source = _source(world, attempt.hostile.sentence)
        draft.observations.add(source)
        sources.append(source)
        run.refused(attempt, world.analyst, url, {"observation": source.pk, **attempt.texts})
    _erase(sources)


def _source(world: World, text: str):
    observation = ObservationFactory(organisation=world.organisation)
    write_behind_the_guard(observation, text=text)
    observation.refresh_from_db()
    return observation


def _erase(sources) -> None:
    """The sources hold the identifiers on purpose: only copies of them are searched for."""
    for source in sources:
        write_behind_the_guard(source, text="")


# Reports --------------------------------------------------------------------------------

NARRATIVE = ("summary", "conclusions", "recommendations")


def reports(run: Run, world: World) -> None:
    analyst = world.analyst
    report = _report(world)
    for part, url in (
        ("report create", reverse("reports:create")),
        ("report edit", reverse("reports:edit", args=[report.pk])),
    ):
        run.control(part, analyst, url, _report_data({"title": CLEAN}))
        for attempt in run.attempts(part, ("title",)):
            run.refused(attempt, analyst, url, _report_data(attempt.texts))
    url = reverse("reports:narrative", args=[report.pk])
    run.control("report narrative", analyst, url, dict.fromkeys(NARRATIVE, CLEAN))
    for attempt in run.attempts("report narrative", NARRATIVE):
        run.refused(attempt, analyst, url, attempt.texts)
    _report_quotes(run, world, report)


def _report(world: World) -> Report:
    period = make_period("quarter", timezone.localdate(), None)
    return Report.objects.create(
        organisation=world.organisation,
        created_by=world.analyst,
        period_kind="quarter",
        first_day=period.first_day,
        last_day=period.last_day,
    )


def _report_data(texts: dict) -> dict:
    today = timezone.localdate().isoformat()
    return {
        "period_kind": "quarter",
        "first_day": today,
        "scope": "county",
        "audience": "internal",
        "language": "fi",
        **texts,
    }


def _report_quotes(run: Run, world: World, report) -> None:
    """As for proposals: identifiers stored before a rule existed must not be quoted."""
    from reports import quotes

    run.monkeypatch.setattr(quotes, "QUOTES_PER_PHENOMENON", 1000)  # room for every attempt
    phenomenon = PhenomenonFactory(organisation=world.organisation, name="Kotikäynnit")
    clean = [_source(world, CLEAN) for _ in range(settings.REPORT_SUPPRESSION_THRESHOLD)]
    attempts = run.attempts("report quote", ("text",))
    sources = [_source(world, attempt.hostile.sentence) for attempt in attempts]
    for observation in clean + sources:
        PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    url = reverse("reports:quotes", args=[report.pk])
    chosen = {"phenomenon": phenomenon.pk, "observation": clean[0].pk, "text": CLEAN}
    run.control("report quote", world.analyst, url, chosen)
    for attempt, source in zip(attempts, sources, strict=True):
        data = chosen | {"observation": source.pk, **attempt.texts}
        run.refused(attempt, world.analyst, url, data)
    _erase(sources)


# What administrators write --------------------------------------------------------------

CODEBOOK_TEXTS = ("name_fi", "name_sv", "name_en", "description_fi", "description_sv")


def codebook_import(run: Run, world: World) -> None:
    url = reverse("analysis:codebook_import")
    clean = dict.fromkeys(CODEBOOK_TEXTS, CLEAN)
    run.control("codebook texts", world.admin, url, {}, files=_codebook("uusi", clean))
    for attempt in run.attempts("codebook texts", CODEBOOK_TEXTS, kinds=CODE_KINDS):
        files = _codebook("uusi", attempt.texts)
        run.refused(attempt, world.admin, url, {}, files=files, kept=())
    for attempt in run.attempts("codebook code", kinds=CODE_KINDS):
        files = _codebook(attempt.hostile.text, clean)
        run.refused(attempt, world.admin, url, {}, files=files, kept=())


def _codebook(code: str, texts: dict) -> dict:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["code", *texts])
    writer.writeheader()
    writer.writerow({"code": code, **texts})
    return {"file": SimpleUploadedFile("codebook.csv", out.getvalue().encode("utf-8"))}


THEME_TEXTS = ("name_sv", "name_en", "description_fi", "description_en")
CAMPAIGN_TEXTS = ("title_fi", "description_fi", "question")
ORGANISATION_TEXTS = ("name_fi", "team")


def admin_forms(run: Run, world: World) -> None:
    """The Django admin: a theme, a campaign with a question, an organisation with a team."""
    theme = Theme.objects.get(code="housing")
    campaign = CampaignFactory(owner=world.organisation, title_fi="Syksyn keräys")
    organisation = OrganisationFactory(code="partner", name_fi="Kumppani")
    for part, instance, texts, build in (
        ("admin theme", theme, THEME_TEXTS, _theme_data),
        ("admin campaign", campaign, CAMPAIGN_TEXTS, _campaign_data),
        ("admin organisation", organisation, ORGANISATION_TEXTS, _organisation_data),
    ):
        meta = instance._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk])
        clean = dict.fromkeys(texts, f"{part}: {CLEAN}")
        run.control(part, world.admin, url, build(instance, clean))
        for attempt in run.attempts(part, texts, kinds=CODE_KINDS):
            run.refused(attempt, world.admin, url, build(instance, attempt.texts))


def _theme_data(theme, texts: dict) -> dict:
    kept = {"code": theme.code, "name_fi": theme.name_fi, "order": theme.order}
    return {**kept, "is_active": "on", **texts}


def _campaign_data(campaign, texts: dict) -> dict:
    question = {"order": 1, "kind": "short_text", "text_fi": texts["question"]}
    return {
        "kind": campaign.kind,
        "title_fi": texts["title_fi"],
        "description_fi": texts["description_fi"],
        "owner": campaign.owner_id,
        "starts_on": campaign.starts_on.isoformat(),
        "open_link_enabled": "on",
        **_inline("questions", question),
        **_inline("groups"),
    }


def _organisation_data(organisation, texts: dict) -> dict:
    return {
        "code": organisation.code,
        "name_fi": texts["name_fi"],
        "type": organisation.type_id,
        "is_active": "on",
        **_inline("teams", {"name": texts["team"]}),
    }


def _inline(prefix: str, *forms: dict) -> dict:
    """An admin inline's management form with new rows ``forms``."""
    data = {
        f"{prefix}-TOTAL_FORMS": len(forms),
        f"{prefix}-INITIAL_FORMS": 0,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for number, values in enumerate(forms):
        data |= {f"{prefix}-{number}-{name}": value for name, value in values.items()}
    return data


# The test -------------------------------------------------------------------------------

CHANNELS = {
    "signed-in form": signed_in_form,
    "open link": open_link,
    "campaign answers": campaign_answers,
    "forum reports": forum_reports,
    "import": imports,
    "memos": memos,
    "phenomena": phenomena,
    "proposals": proposals,
    "reports": reports,
    "codebook import": codebook_import,
    "admin forms": admin_forms,
}


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("writing", WRITINGS)
def test_no_identifier_is_stored_whatever_the_channel(run, world, channel, writing):
    CHANNELS[channel](run, world)
    found = run.verdict()
    assert not found, f"{channel}, {writing} writing forms:\n" + "\n".join(found)


def test_every_part_of_a_channel_types_identifiers_of_its_own():
    """So that an identifier found stored names the part of the channel that let it in."""
    owners: dict[str, str] = {}
    for number, part in enumerate(PARTS):
        for writing in WRITINGS:
            for hostile in hostile_texts(number, writing):
                for needle in hostile.needles:
                    assert owners.setdefault(needle, part) == part, needle
