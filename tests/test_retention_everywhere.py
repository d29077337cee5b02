"""After the retention rule, no erased text is left in any column of any table or in any
stored file: not in the observation, its answers, quotes in proposals and reports, the
stored report versions and their files, vectors, suggestions or memos."""

import datetime as dt

import pytest
from django.utils import timezone

from analysis import vectors
from analysis.models import DiscoveredGroup, Memo, PhenomenonLink, SuggestionRun
from privacy.tests.helpers import write_behind_the_guard
from proposals.models import Quote
from proposals.tests.factories import ProposalFactory
from reporting.models import CampaignAnswer
from reporting.retention import apply_retention
from reporting.tests.factories import CampaignFactory
from reports import runs, services
from reports.tests.conftest import QUOTE, county, report  # noqa: F401  (fixtures)
from tests.stored_search import places_holding

pytestmark = pytest.mark.django_db

EXCERPT = "Asumisneuvontaa ei ole saatavilla iltaisin"
ANSWER = "Iltapaivystys puuttuu kokonaan"
MEMO = "Muistiinpano kotikaynneista"
NEEDLES = ["Asumisneuvontaa", "Iltapaivystys", "Muistiinpano"]


@pytest.fixture
def copies(org_a, analyst, report, county, django_capture_on_commit_callbacks):  # noqa: F811
    from accounts.tests.factories import MembershipFactory

    link = PhenomenonLink.objects.filter(
        phenomenon=county["phenomenon"], observation__text=QUOTE
    ).first()
    source = link.observation
    campaign = CampaignFactory(owner=org_a)
    question = campaign.questions.create(kind="long_text", text_fi="Mitä muuta?")
    CampaignAnswer.objects.create(observation=source, question=question, value=ANSWER)
    Memo.objects.create(observation=source, author=analyst, text=MEMO)
    proposal = ProposalFactory(organisation=org_a)
    Quote.objects.create(proposal=proposal, observation=source, text=EXCERPT)
    orphan = Quote.objects.create(proposal=proposal, observation=None, text="iltaisin")
    write_behind_the_guard(orphan, text=EXCERPT)  # a quote whose observation link was lost
    vectors.compute([source.pk])
    run = SuggestionRun.objects.create(organisation=org_a, state="done")
    group = DiscoveredGroup.objects.create(run=run, label="asumisneuvontaa, ilta")
    group.observations.add(source)
    services.choose_quote(
        report=report,
        phenomenon_id=link.phenomenon_id,
        observation_id=source.pk,
        text=EXCERPT,
        user=analyst,
    )
    approver = MembershipFactory(organisation=org_a, role="analyst", user__username="ok").user
    with django_capture_on_commit_callbacks(execute=True):
        generated = runs.start_run(report=report, user=analyst)
    services.approve_report(report=report, user=approver, run_id=generated.pk)
    services.publish_report(report=report, user=approver)
    return source


def test_no_erased_text_is_left_anywhere(copies, settings, django_capture_on_commit_callbacks):
    assert {place.split(":")[1].strip() for place in places_holding(NEEDLES)} == set(NEEDLES)
    settings.RETENTION_TEXT_DAYS = 30
    settings.RETENTION_MEMO_DAYS = 30
    later = timezone.now() + dt.timedelta(days=3 * 365)
    with django_capture_on_commit_callbacks(execute=True):
        counts = apply_retention(now=later)
    assert counts["observation"] > 0 and counts["memo"] == 1
    assert places_holding(NEEDLES) == []
    copies.refresh_from_db()
    assert copies.text == "" and copies.text_erased_at is not None
