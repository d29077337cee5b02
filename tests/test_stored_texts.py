"""Every text column of every model is declared to the guard, and every declared free or
reference text refuses personal data however it is written: a save, a create, a bulk
create, a bulk update or a queryset update."""

import datetime as dt
import uuid
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction

from accounts.models import Organisation, OrganisationType, Profession, Team
from accounts.tests.factories import OrganisationFactory, UserFactory
from analysis.models import Indicator, IndicatorValue, Memo, Phenomenon
from analysis.tests.factories import PhenomenonFactory
from api import tokens
from api.models import ApiToken
from lib.text import clean_text
from pages.models import InfoPage
from privacy import stored
from privacy.enforcement import PersonalDataRefused
from privacy.tests.helpers import write_behind_the_guard
from proposals.models import ActionProposal, Milestone, Quote, RecipientBody, Transition
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory
from reporting.models import (
    Campaign,
    CampaignAnswer,
    CampaignQuestion,
    Draft,
    ForumGroup,
    Municipality,
    Observation,
    Supplement,
    TargetGroup,
    Theme,
)
from reporting.tests.factories import CampaignFactory, ObservationFactory
from reports.models import Report, ReportQuote

SORA_APPS = (
    "accounts",
    "reporting",
    "analysis",
    "proposals",
    "reports",
    "notices",
    "api",
    "pages",
    "campaigns",
)
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.BinaryField)
HOSTILE = "Asiakas 131052-308T soitti."


def _text_columns():
    for app in SORA_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, TEXT_FIELDS) and not field.choices:
                    yield model, field.name


def _confirmation_fields() -> set[tuple[type, str]]:
    return {(d.model, d.confirmations) for d in stored.declarations() if d.confirmations}


def test_every_text_column_is_declared():
    confirmations = _confirmation_fields()
    missing = [
        f"{model.__name__}.{name}"
        for model, name in _text_columns()
        if stored.declaration_for(model, name) is None and (model, name) not in confirmations
    ]
    assert missing == []


def test_declarations_name_real_fields_settings_and_sources(settings):
    for declaration in stored.declarations():
        for name in declaration.fields:
            declaration.model._meta.get_field(name)
        if declaration.age:
            declaration.model._meta.get_field(declaration.age.date_field)
            assert isinstance(getattr(settings, declaration.age.setting), int)
        if declaration.follows:
            assert declaration.model._meta.get_field(declaration.follows).is_relation
        if not declaration.guarded:
            assert declaration.why


def _builders():
    """One saved row of every model with guarded texts; a new model needs a builder here."""
    organisation = OrganisationFactory(code="org-stored")
    user = UserFactory(username="stored-writer")
    campaign = CampaignFactory(owner=organisation)
    question = CampaignQuestion.objects.create(campaign=campaign, kind="long_text", text_fi="K")
    observation = ObservationFactory(organisation=organisation)
    proposal = ProposalFactory(organisation=organisation, owner=user)
    indicator = Indicator.objects.create(code="sotkanet-1", name_fi="Indikaattori")
    report = Report.objects.create(
        organisation=organisation, first_day=dt.date(2026, 1, 1), last_day=dt.date(2026, 3, 31)
    )
    return {
        OrganisationType: lambda: OrganisationType.objects.first(),
        Profession: lambda: Profession.objects.first(),
        Organisation: lambda: organisation,
        Team: lambda: Team.objects.create(organisation=organisation, name="Tiimi"),
        Municipality: lambda: Municipality.objects.first(),
        TargetGroup: lambda: TargetGroup.objects.first(),
        Theme: lambda: Theme.objects.first(),
        Campaign: lambda: campaign,
        CampaignQuestion: lambda: question,
        ForumGroup: lambda: ForumGroup.objects.create(
            campaign=campaign, name_fi="Ryhmä", question_fi="Mitä?"
        ),
        Observation: lambda: observation,
        CampaignAnswer: lambda: CampaignAnswer.objects.create(
            observation=observation, question=question, value="Vastaus"
        ),
        Draft: lambda: Draft.objects.create(user=user, data={"text": ["Luonnos"]}),
        Supplement: lambda: Supplement.objects.create(
            observation=observation, text="Lisäys", language="fi", creation_key=uuid.uuid4()
        ),
        Phenomenon: lambda: PhenomenonFactory(organisation=organisation),
        Memo: lambda: Memo.objects.create(observation=observation, author=user, text="Muistio"),
        Indicator: lambda: indicator,
        IndicatorValue: lambda: IndicatorValue.objects.create(
            indicator=indicator, region="Seinäjoki", year=2025, value=1
        ),
        RecipientBody: lambda: RecipientBodyFactory(),
        ActionProposal: lambda: proposal,
        Quote: lambda: Quote.objects.create(proposal=proposal, observation=observation, text="Q"),
        Milestone: lambda: Milestone.objects.create(
            proposal=proposal, title="Vaihe", due_on=dt.date(2027, 1, 1)
        ),
        Transition: lambda: Transition.objects.create(
            proposal=proposal, action="withdraw", to_status="preparation", reason="Syy"
        ),
        Report: lambda: report,
        InfoPage: lambda: InfoPage.objects.get(slug="help"),
        ApiToken: lambda: tokens.create(user=user, name="Avain", scopes=[], days=1)[0],
        ReportQuote: lambda: ReportQuote.objects.create(
            report=report,
            phenomenon=PhenomenonFactory(organisation=organisation),
            observation=observation,
            text="Lainaus",
        ),
    }


def _hostile_value(model, name):
    if isinstance(model._meta.get_field(name), models.JSONField):
        return {"text": [HOSTILE]}
    return HOSTILE


def _guarded_fields():
    return [(d.model, name) for d in stored.declarations() if d.guarded for name in d.fields]


@pytest.mark.django_db
def test_every_guarded_text_refuses_personal_data_on_every_write():
    builders = _builders()
    assert {model for model, _name in _guarded_fields()} <= set(builders)
    for model, name in _guarded_fields():
        pk = builders[model]().pk
        before = model.objects.filter(pk=pk).values_list(name, flat=True).get()
        for attempt in (_save, _save_field, _bulk_update, _update, _bulk_create):
            row = model.objects.get(pk=pk)
            setattr(row, name, _hostile_value(model, name))
            with pytest.raises(PersonalDataRefused), transaction.atomic():
                attempt(row, name)
        after = model.objects.filter(pk=pk).values_list(name, flat=True).get()
        assert after == before, f"{model.__name__}.{name}"


def _save(row, name):
    row.save()


def _save_field(row, name):
    row.save(update_fields=[name])


def _bulk_update(row, name):
    type(row).objects.bulk_update([row], [name])


def _update(row, name):
    type(row).objects.filter(pk=row.pk).update(**{name: getattr(row, name)})


def _bulk_create(row, name):
    row.pk = None
    type(row).objects.bulk_create([row])


@pytest.mark.django_db
def test_control_characters_are_removed_on_every_save(org_a):
    observation = ObservationFactory(organisation=org_a, text="Alku\x00\x07\x1b[31m\r\nloppu\x0c.")
    observation.refresh_from_db()
    assert observation.text == "Alku[31m\nloppu."
    assert clean_text("sarake\tja rivi\nsäilyvät") == "sarake\tja rivi\nsäilyvät"


@pytest.mark.django_db
def test_a_confirmed_name_is_stored_and_an_unconfirmed_one_is_not(org_a):
    text = "Asukasyhdistyksen Toivo Kujala kertoi kerhosta."
    with pytest.raises(PersonalDataRefused):
        ObservationFactory(organisation=org_a, text=text)
    record = {"field": "text", "kind": "name", "text": "Toivo Kujala"}
    observation = ObservationFactory(organisation=org_a, text=text, privacy_confirmations=[record])
    assert observation.pk
    # A confirmation of another field does not vouch for this one.
    wrong_field = {**record, "field": "suggestion"}
    with pytest.raises(PersonalDataRefused):
        ObservationFactory(organisation=org_a, text=text, privacy_confirmations=[wrong_field])


@pytest.mark.django_db
def test_analysts_texts_are_read_with_every_language(org_a):
    # The page may be in Finnish while the memo is in Swedish, or the other way round.
    observation = ObservationFactory(organisation=org_a)
    author = UserFactory(username="memo-writer")
    with pytest.raises(PersonalDataRefused):
        Memo.objects.create(
            observation=observation, author=author, text="Ring henne på 040 123 4567."
        )


@pytest.mark.django_db
def test_scan_stored_reads_every_declared_text(org_a):
    observation = ObservationFactory(organisation=org_a, text="Puhelin ei vastaa.")
    write_behind_the_guard(observation, text="Soita numeroon 040 123 4567.")
    out = StringIO()
    call_command("scan_pii", "--stored", stdout=out)
    lines = out.getvalue().splitlines()
    assert ["observation", f"observation:{observation.pk}:text", "phone"] in [
        line.split("\t")[:3] for line in lines[:-1]
    ]
    assert "040 123 4567" not in out.getvalue()
    labels = {label for label, *_rest in stored.stored_texts()}
    assert "observation" in labels


def test_a_text_field_declared_twice_is_refused():
    with pytest.raises(ValueError, match="declared twice"):
        stored.not_text(Observation, "text", why="no")
