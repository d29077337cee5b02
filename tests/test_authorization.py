"""Every URL × every role × own, a partner's or another organisation's object.

Besides the roles of organisation A and the ``outsider`` (an analyst of B, which owns objects
of its own), three analysts test the organisation boundaries: of a ``partner`` that shares
its observations with A, of a ``former_partner`` that has stopped sharing with A, and of an
``unrelated`` organisation. Every row is requested as every persona, and every answer is
searched for the words of the organisations whose material the persona may not see.
"""

import datetime
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse

from accounts.models import Team
from accounts.tests.factories import MembershipFactory
from analysis import signal_runs
from analysis.models import (
    AssignmentSuggestion,
    DiscoveredGroup,
    Memo,
    PhenomenonLink,
    SignalNotice,
    SignalRun,
    SignalSighting,
    SignalSubscription,
    SuggestionRun,
)
from analysis.signal_links import SignalRef
from analysis.signals import PHENOMENON, RISING, THEME, CellKey, Finding, SignalParams
from analysis.tests.factories import PhenomenonFactory
from api import tokens
from notices.models import Kind, Notice
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory
from reporting.models import CampaignQuestion, Draft, ForumGroup, ForumSession, Theme
from reporting.tests.factories import CampaignFactory, ObservationFactory
from reports.tests.factories import make_report, published_report

SIGNAL_DAY = datetime.date(2025, 3, 30)
ROLES = [
    "anonymous",
    "reporter",
    "analyst",
    "reader",
    "admin_member",
    "outsider",
    "partner",
    "former_partner",
    "unrelated",
]
# Members of organisations other than A: a row's ``others`` is what each of them gets,
# unless the row names one of them.
OTHERS = frozenset({"outsider", "partner", "former_partner", "unrelated"})

# Words of each organisation's material and the personas that may see them anywhere.
A_OBSERVATION = "Kotihoidon käynnit lyhenevät kiireen vuoksi."
A_PHENOMENON = "Kiireen kierre"
A_MEMO = "Kunnan muistio kotihoidosta."
PARTNER_OBSERVATION = "Ruoka-avun jonot pitenevät kuun lopussa."
PARTNER_PHENOMENON = "Jakelun ruuhkautuminen"
PARTNER_MEMO = "Järjestön muistio jakelusta."
PARTNER_NAME = "Pirkko Kumppani"
FORMER_OBSERVATION = "Nuorten iltatoiminnan kävijät vähenevät syksyllä."
B_OBSERVATION = "Päihdepalvelujen odotusajat pitenevät talvella."
A_ANALYSTS = {"analyst", "admin_member"}
SEEN_BY = {
    A_OBSERVATION: A_ANALYSTS | {"reporter"},
    A_PHENOMENON: A_ANALYSTS,
    A_MEMO: A_ANALYSTS,
    PARTNER_OBSERVATION: A_ANALYSTS | {"partner"},
    PARTNER_PHENOMENON: {"partner"},
    PARTNER_MEMO: A_ANALYSTS | {"partner"},
    PARTNER_NAME: {"partner"},
    FORMER_OBSERVATION: {"former_partner"},
    B_OBSERVATION: {"outsider"},
}


@pytest.fixture
def world(
    org_a,
    org_b,
    reporter,
    analyst,
    reader,
    admin_member,
    outsider,
    partner,
    former_partner,
    unrelated,
):
    own_campaign = CampaignFactory(owner=org_a)
    own_campaign.audience.set([org_a])
    own_question = CampaignQuestion.objects.create(
        campaign=own_campaign, kind="short_text", text_fi="Mitä muuta?"
    )
    own_forum = CampaignFactory(owner=org_a, kind="forum")
    own_group = ForumGroup.objects.create(
        campaign=own_forum, name_fi="Ryhmä", question_fi="Mikä toimii?"
    )
    other_campaign = CampaignFactory(owner=org_b)
    other_campaign.audience.set([org_b])
    forum = CampaignFactory(owner=org_a, kind="forum", link_organisation=org_a)
    group = forum.groups.create(name_fi="Ryhmä", question_fi="Mikä huolettaa?")
    session = {"campaign": forum, "forum_group": group, "organisation": org_a, "team_size": 5}
    open_session = ForumSession.objects.create(**session)
    scribes_session = ForumSession.objects.create(scribe=reporter, **session)
    observation = ObservationFactory(organisation=org_a, reporter=reporter, text=A_OBSERVATION)
    other_observation = ObservationFactory(
        organisation=org_b, reporter=outsider, text=B_OBSERVATION
    )
    draft = Draft.objects.create(user=reporter, data={"text": ["luonnos"]})
    phenomenon = PhenomenonFactory(organisation=org_a, name=A_PHENOMENON)
    other_phenomenon = PhenomenonFactory(organisation=org_b)
    proposal = ProposalFactory(organisation=org_a, recipient=RecipientBodyFactory())
    own_body = RecipientBodyFactory(organisation=org_a)
    body_member = MembershipFactory(organisation=org_a, role="reader").user
    own_body.members.add(body_member)
    other_body = RecipientBodyFactory(organisation=org_b)
    other_body.members.add(MembershipFactory(organisation=org_b, role="reader").user)
    partner_org = partner.memberships.get().organisation
    partner.first_name, partner.last_name = PARTNER_NAME.split()
    partner.save()
    shared = ObservationFactory(organisation=partner_org, text=PARTNER_OBSERVATION)
    stopped = ObservationFactory(
        organisation=former_partner.memberships.get().organisation, text=FORMER_OBSERVATION
    )
    partner_phenomenon = PhenomenonFactory(organisation=partner_org, name=PARTNER_PHENOMENON)
    for linked_to, linked in ((phenomenon, shared), (phenomenon, stopped)):
        PhenomenonLink.objects.create(phenomenon=linked_to, observation=linked)
    PhenomenonLink.objects.create(phenomenon=partner_phenomenon, observation=shared)
    Memo.objects.create(observation=shared, author=analyst, organisation=org_a, text=A_MEMO)
    Memo.objects.create(
        observation=shared, author=partner, organisation=partner_org, text=PARTNER_MEMO
    )
    # A's suggestions, computed while the former partner still shared.
    run = SuggestionRun.objects.create(organisation=org_a, state="done")
    AssignmentSuggestion.objects.create(
        run=run, observation=stopped, phenomenon=phenomenon, rank=1, score=0.5
    )
    group = DiscoveredGroup.objects.create(run=run, label="kotihoito kiire")
    group.observations.set([observation])
    partner_run = SuggestionRun.objects.create(organisation=partner_org, state="done")
    AssignmentSuggestion.objects.create(
        run=partner_run, observation=shared, phenomenon=partner_phenomenon, rank=1, score=0.5
    )
    # Each analyst hears of a new signal of their own organisation's phenomenon.
    _notice_of(analyst, phenomenon)
    _notice_of(partner, partner_phenomenon)
    return {
        "notice": Notice.objects.create(
            key="assigned", user=analyst, kind=Kind.ASSIGNED, object_id=observation.pk, email="off"
        ),
        "subscription": SignalSubscription.objects.create(user=analyst, whole_county=True),
        "own_body": own_body,
        "body_member": body_member,
        "other_body": other_body,
        "org_a": org_a,
        "org_b": org_b,
        "membership": reporter.memberships.get(),
        "other_membership": outsider.memberships.get(),
        "team": Team.objects.create(organisation=org_a, name="Tiimi A"),
        "other_team": Team.objects.create(organisation=org_b, name="Tiimi B"),
        "proposal": proposal,
        "signal": _signal_of(analyst),
        "report": make_report(org_a, author=analyst),
        "internal_report": published_report(org_a),
        "public_report": published_report(org_b, audience="public"),
        "phenomenon": phenomenon,
        "other_phenomenon": other_phenomenon,
        "partner_phenomenon": partner_phenomenon,
        "group": group,
        "users": {
            "reporter": reporter,
            "analyst": analyst,
            "reader": reader,
            "admin_member": admin_member,
            "outsider": outsider,
            "partner": partner,
            "former_partner": former_partner,
            "unrelated": unrelated,
        },
        "own_campaign": own_campaign,
        "own_question": own_question,
        "own_forum": own_forum,
        "own_group": own_group,
        "other_campaign": other_campaign,
        "forum": forum,
        "open_session": open_session,
        "scribes_session": scribes_session,
        "observation": observation,
        "other_observation": other_observation,
        "shared_observation": shared,
        "stopped_observation": stopped,
        "draft": draft,
        "api_token": tokens.create(user=analyst, name="BI", scopes=["observations:read"], days=30)[
            0
        ],
    }


def _notice_of(user, phenomenon) -> SignalNotice:
    """A notice to ``user`` of a rise of the phenomenon, as a run of their scope makes it."""
    scope_key = signal_runs.scope_of(user).key
    finding = Finding(
        key=CellKey(PHENOMENON, phenomenon.pk, None, "concern"),
        direction=RISING,
        window_weeks=4,
        baseline_weeks=78,
        recent=9,
        baseline=10,
        expected=2.0,
        p_value=0.001,
        q_value=0.01,
        weekly=(1,) * 82,
    )
    sighting = SignalSighting.objects.create(
        scope_key=scope_key,
        cell=f"phenomenon:{phenomenon.pk}",
        first_seen_on="2025-03-30",
        last_seen_on="2025-03-30",
    )
    return SignalNotice.objects.create(
        key=f"signal:{sighting.pk}:user:{user.pk}",
        user=user,
        sighting=sighting,
        scope_key=scope_key,
        as_of="2025-03-30",
        finding=finding.as_record(),
        delivery="off",
    )


def expected(**by_role):
    """The status per role in ROLES order: the role's own, else ``others`` for members of
    other organisations, else ``default``."""

    def status(role):
        if role in by_role:
            return by_role[role]
        if role in OTHERS and "others" in by_role:
            return by_role["others"]
        return by_role.get("default")

    return [status(role) for role in ROLES]


# name, how to build the URL, method, expected status per role (in ROLES order)
CASES = [
    ("home", lambda w: reverse("reporting:home"), "get", expected(default=200)),
    (
        "form",
        lambda w: reverse("reporting:new_observation"),
        "get",
        expected(anonymous=302, reader=403, default=200),
    ),
    (
        "form with own campaign",
        lambda w: reverse("reporting:new_observation") + f"?campaign={w['own_campaign'].pk}",
        "get",
        expected(anonymous=302, reader=403, others=404, default=200),
    ),
    (
        "form with other organisation's campaign",
        lambda w: reverse("reporting:new_observation") + f"?campaign={w['other_campaign'].pk}",
        "get",
        expected(anonymous=302, reader=403, outsider=200, default=404),
    ),
    (
        "my observations",
        lambda w: reverse("reporting:my_observations"),
        "get",
        expected(anonymous=302, default=200),
    ),
    (
        "own organisation's observation",
        lambda w: reverse("reporting:observation_detail", args=[w["observation"].pk]),
        "get",
        expected(anonymous=302, reader=403, others=404, default=200),
    ),
    (
        "other organisation's observation",
        lambda w: reverse("reporting:observation_detail", args=[w["other_observation"].pk]),
        "get",
        expected(anonymous=302, outsider=200, default=404),
    ),
    (
        "mark the news of one's observations read",
        lambda w: reverse("reporting:mark_all_read"),
        "post",
        expected(anonymous=302, default=302),
    ),
    (
        "supplement one's own observation",
        lambda w: reverse("reporting:add_supplement", args=[w["observation"].pk]),
        "get",
        expected(anonymous=302, reporter=200, default=404),
    ),
    (
        "supplement another person's observation",
        lambda w: reverse("reporting:add_supplement", args=[w["other_observation"].pk]),
        "post",
        expected(anonymous=302, outsider=400, default=404),
    ),
    (
        "withdraw one's own observation",
        lambda w: reverse("reporting:withdraw_observation", args=[w["observation"].pk]),
        "get",
        expected(anonymous=302, reporter=200, default=404),
    ),
    (
        "withdraw another person's observation",
        lambda w: reverse("reporting:withdraw_observation", args=[w["other_observation"].pk]),
        "post",
        expected(anonymous=302, outsider=302, default=404),
    ),
    (
        "delete a draft",
        lambda w: reverse("reporting:delete_draft", args=[w["draft"].pk]),
        "post",
        expected(anonymous=302, reporter=302, default=404),
    ),
    (
        "receipt",
        lambda w: reverse("reporting:receipt", args=[w["observation"].receipt_code]),
        "get",
        expected(default=200),
    ),
    (
        # Anyone with the code may ask for it by e-mail; an empty post names no address.
        "receipt by e-mail",
        lambda w: reverse("reporting:email_receipt", args=[w["observation"].receipt_code]),
        "post",
        expected(default=400),
    ),
    (
        "follow-up",
        lambda w: reverse("reporting:follow_up", args=[w["observation"].receipt_code]),
        "get",
        expected(default=200),
    ),
    (
        "follow-up lookup",
        lambda w: reverse("reporting:follow_up_lookup"),
        "get",
        expected(default=200),
    ),
    (
        "open link",
        lambda w: reverse("reporting:open_link", args=[w["own_campaign"].link_token]),
        "get",
        expected(default=200),
    ),
    (
        "forum session start",
        lambda w: reverse("reporting:forum_start", args=[w["forum"].link_token]),
        "get",
        expected(default=200),
    ),
    (
        "forum session start, not a forum",
        lambda w: reverse("reporting:forum_start", args=[w["own_campaign"].link_token]),
        "get",
        expected(default=404),
    ),
    (
        # The token is the key: anyone holding it records for a session begun without signing in.
        "forum session",
        lambda w: reverse("reporting:forum_session", args=[w["open_session"].token]),
        "get",
        expected(default=200),
    ),
    (
        "forum session of a signed-in scribe",
        lambda w: reverse("reporting:forum_session", args=[w["scribes_session"].token]),
        "get",
        expected(reporter=200, default=404),
    ),
    (
        "forum receipt",
        lambda w: reverse("reporting:forum_receipt", args=[w["open_session"].receipt_code]),
        "get",
        expected(default=200),
    ),
    (
        "forum receipt by e-mail",
        lambda w: reverse("reporting:forum_email_receipt", args=[w["open_session"].receipt_code]),
        "post",
        expected(default=400),
    ),
    ("sign-in", lambda w: reverse("accounts:login"), "get", expected(anonymous=200, default=302)),
    ("password reset", lambda w: reverse("accounts:password_reset"), "get", expected(default=200)),
    # Two-factor sign-in: everyone may set up an app; without one there is no code to ask
    # for, no recovery codes to renew and nothing to remove (accounts/tests/test_two_factor.py
    # tests them with an app and with the roles' requirement on).
    (
        "two-factor: set up an app",
        lambda w: reverse("accounts:two_factor"),
        "get",
        expected(anonymous=302, default=200),
    ),
    (
        "two-factor: the code step without an app",
        lambda w: reverse("accounts:two_factor_verify"),
        "get",
        expected(default=302),
    ),
    (
        "two-factor: new recovery codes without an app",
        lambda w: reverse("accounts:two_factor_recovery_codes"),
        "post",
        expected(default=302),
    ),
    (
        "two-factor: turn off without an app",
        lambda w: reverse("accounts:two_factor_remove"),
        "get",
        expected(default=302),
    ),
    ("admin site", lambda w: reverse("admin:index"), "get", expected(default=302)),
    (
        "audit log",
        lambda w: reverse("accounts:audit_log"),
        "get",
        expected(anonymous=302, admin_member=200, default=403),
    ),
    (
        "organisation pages",
        lambda w: reverse("accounts:organisation"),
        "get",
        expected(anonymous=302, admin_member=302, default=403),
    ),
    (
        "members of own organisation",
        lambda w: reverse("accounts:members", args=[w["org_a"].pk]),
        "get",
        expected(anonymous=302, admin_member=200, default=403),
    ),
    (
        "members of another organisation",
        lambda w: reverse("accounts:members", args=[w["org_b"].pk]),
        "get",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "add a person: the page",
        lambda w: reverse("accounts:member_add", args=[w["org_a"].pk]),
        "get",
        expected(anonymous=302, admin_member=200, default=403),
    ),
    (
        "add a person without one",
        lambda w: reverse("accounts:member_add", args=[w["org_a"].pk]),
        "post",
        expected(anonymous=302, admin_member=400, default=403),
    ),
    (
        "add a person to another organisation",
        lambda w: reverse("accounts:member_add", args=[w["org_b"].pk]),
        "post",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "create an account: the page",
        lambda w: reverse("accounts:member_create", args=[w["org_a"].pk]),
        "get",
        expected(anonymous=302, admin_member=200, default=403),
    ),
    (
        "create an account without details",
        lambda w: reverse("accounts:member_create", args=[w["org_a"].pk]),
        "post",
        expected(anonymous=302, admin_member=400, default=403),
    ),
    (
        "create an account in another organisation",
        lambda w: reverse("accounts:member_create", args=[w["org_b"].pk]),
        "post",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "a member of own organisation",
        lambda w: reverse("accounts:member_edit", args=[w["org_a"].pk, w["membership"].pk]),
        "get",
        expected(anonymous=302, admin_member=200, default=403),
    ),
    (
        "change a member without data",
        lambda w: reverse("accounts:member_edit", args=[w["org_a"].pk, w["membership"].pk]),
        "post",
        expected(anonymous=302, admin_member=400, default=403),
    ),
    (
        "change another organisation's member",
        lambda w: reverse("accounts:member_edit", args=[w["org_b"].pk, w["other_membership"].pk]),
        "post",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "another organisation's member through own organisation",
        lambda w: reverse("accounts:member_edit", args=[w["org_a"].pk, w["other_membership"].pk]),
        "get",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "remove a member: the confirmation",
        lambda w: reverse("accounts:member_remove", args=[w["org_a"].pk, w["membership"].pk]),
        "get",
        expected(anonymous=302, admin_member=200, default=403),
    ),
    (
        "remove a member",
        lambda w: reverse("accounts:member_remove", args=[w["org_a"].pk, w["membership"].pk]),
        "post",
        expected(anonymous=302, admin_member=302, default=403),
    ),
    (
        "remove another organisation's member",
        lambda w: reverse("accounts:member_remove", args=[w["org_b"].pk, w["other_membership"].pk]),
        "post",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "teams",
        lambda w: reverse("accounts:teams", args=[w["org_a"].pk]),
        "get",
        expected(anonymous=302, admin_member=200, default=403),
    ),
    (
        "add a team without a name",
        lambda w: reverse("accounts:teams", args=[w["org_a"].pk]),
        "post",
        expected(anonymous=302, admin_member=400, default=403),
    ),
    (
        "teams of another organisation",
        lambda w: reverse("accounts:teams", args=[w["org_b"].pk]),
        "get",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "a team of own organisation",
        lambda w: reverse("accounts:team_edit", args=[w["org_a"].pk, w["team"].pk]),
        "get",
        expected(anonymous=302, admin_member=200, default=403),
    ),
    (
        "another organisation's team through own organisation",
        lambda w: reverse("accounts:team_edit", args=[w["org_a"].pk, w["other_team"].pk]),
        "post",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "delete a team",
        lambda w: reverse("accounts:team_delete", args=[w["org_a"].pk, w["team"].pk]),
        "post",
        expected(anonymous=302, admin_member=302, default=403),
    ),
    (
        "delete a team with GET",
        lambda w: reverse("accounts:team_delete", args=[w["org_a"].pk, w["team"].pk]),
        "get",
        expected(anonymous=302, default=405),
    ),
    (
        "delete another organisation's team",
        lambda w: reverse("accounts:team_delete", args=[w["org_b"].pk, w["other_team"].pk]),
        "post",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "continue the session",
        lambda w: reverse("accounts:extend_session"),
        "post",
        expected(anonymous=401, default=200),
    ),
    (
        "download my data",
        lambda w: reverse("reporting:my_data"),
        "get",
        expected(anonymous=302, default=200),
    ),
    (
        "delete my account: the confirmation page",
        lambda w: reverse("reporting:delete_account"),
        "get",
        expected(anonymous=302, default=200),
    ),
    (
        "delete my account without the password",
        lambda w: reverse("reporting:delete_account"),
        "post",
        expected(anonymous=302, default=400),
    ),
    (
        "inbox",
        lambda w: reverse("analysis:inbox"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "analysis of own organisation's observation",
        lambda w: reverse("analysis:observation", args=[w["observation"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=200),
    ),
    (
        "analysis of other organisation's observation",
        lambda w: reverse("analysis:observation", args=[w["other_observation"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, outsider=200, default=404),
    ),
    (
        "triage",
        lambda w: reverse("analysis:triage", args=[w["observation"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=400),
    ),
    (
        "redact",
        lambda w: reverse("analysis:redact", args=[w["observation"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=400),
    ),
    (
        "assign an observation to nobody",
        lambda w: reverse("analysis:assign", args=[w["observation"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "assign an observation with GET",
        lambda w: reverse("analysis:assign", args=[w["observation"].pk]),
        "get",
        expected(anonymous=302, default=405),
    ),
    (
        "bulk action on the inbox without a choice",
        lambda w: reverse("analysis:bulk"),
        "post",
        expected(anonymous=302, reporter=403, reader=403, default=400),
    ),
    (
        "export the inbox's list as CSV",
        lambda w: reverse("analysis:export", args=["csv"]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "export the inbox's list as XLSX",
        lambda w: reverse("analysis:export", args=["xlsx"]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "add observations to a phenomenon, none ticked",
        lambda w: reverse("analysis:phenomenon_add", args=[w["phenomenon"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "phenomena",
        lambda w: reverse("analysis:phenomena"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "own organisation's phenomenon",
        lambda w: reverse("analysis:phenomenon", args=[w["phenomenon"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=200),
    ),
    (
        "other organisation's phenomenon",
        lambda w: reverse("analysis:phenomenon", args=[w["other_phenomenon"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, outsider=200, default=404),
    ),
    (
        "merge phenomena",
        lambda w: reverse("analysis:phenomenon_merge", args=[w["phenomenon"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "signals",
        lambda w: reverse("analysis:signals"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "start a phenomenon from a signal, without one",
        lambda w: reverse("analysis:signal_phenomenon"),
        "post",
        expected(anonymous=302, reporter=403, reader=403, default=404),
    ),
    (
        "start a phenomenon from a signal with GET",
        lambda w: reverse("analysis:signal_phenomenon"),
        "get",
        expected(anonymous=302, default=405),
    ),
    (
        "a draft proposal from a signal of A's analysts",
        lambda w: reverse("proposals:create") + f"?signal={w['signal']}",
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=200),
    ),
    (
        "signal subscriptions",
        lambda w: reverse("analysis:signal_subscriptions"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "follow signals (any theme, area and target group)",
        lambda w: reverse("analysis:signal_subscriptions"),
        "post",
        expected(anonymous=302, reporter=403, reader=403, default=302),
    ),
    (
        "stop following: the analyst's own subscription",
        lambda w: reverse("analysis:signal_subscription_delete", args=[w["subscription"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, analyst=302, default=404),
    ),
    (
        "notices of new signals",
        lambda w: reverse("analysis:signal_notices"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "codebook",
        lambda w: reverse("analysis:codebook"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "codebook export",
        lambda w: reverse("analysis:codebook_export"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "codebook import (installation administrators only)",
        lambda w: reverse("analysis:codebook_import"),
        "post",
        expected(anonymous=302, default=403),
    ),
    (
        "proposals",
        lambda w: reverse("proposals:list"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "new proposal",
        lambda w: reverse("proposals:create"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "own organisation's proposal",
        lambda w: reverse("proposals:detail", args=[w["proposal"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=200),
    ),
    (
        "edit a proposal",
        lambda w: reverse("proposals:edit", args=[w["proposal"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=200),
    ),
    (
        "submit a proposal",
        lambda w: reverse("proposals:step", args=[w["proposal"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "confirm sending a proposal: the page (a draft not ready to send)",
        lambda w: reverse("proposals:submit", args=[w["proposal"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "confirm sending a proposal (a draft not ready to send)",
        lambda w: reverse("proposals:submit", args=[w["proposal"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "withdraw a proposal: the page (a draft is not submitted)",
        lambda w: reverse("proposals:withdraw", args=[w["proposal"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "withdraw a proposal without a reason",
        lambda w: reverse("proposals:withdraw", args=[w["proposal"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=400),
    ),
    (
        "send a proposal to another body: the page (a draft is not submitted)",
        lambda w: reverse("proposals:readdress", args=[w["proposal"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "send a proposal to another body without choosing one",
        lambda w: reverse("proposals:readdress", args=[w["proposal"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=400),
    ),
    (
        "answer a proposal",
        lambda w: reverse("proposals:answer", args=[w["proposal"].pk]),
        "post",
        expected(anonymous=302, default=403),
    ),
    (
        "add a quote",
        lambda w: reverse("proposals:quote_add", args=[w["proposal"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=400),
    ),
    (
        "add a milestone",
        lambda w: reverse("proposals:milestone_add", args=[w["proposal"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=400),
    ),
    (
        "a proposal's observations in anonymised form",
        lambda w: reverse("proposals:evidence_texts", args=[w["proposal"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=200),
    ),
    (
        "a proposal's milestones as a CSV template",
        lambda w: reverse("proposals:milestone_template", args=[w["proposal"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=200),
    ),
    (
        "update milestones from a CSV: the page (a draft has no milestones)",
        lambda w: reverse("proposals:milestone_import", args=[w["proposal"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "publish a proposal",
        lambda w: reverse("proposals:publish", args=[w["proposal"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=200),
    ),
    (
        "proposals to answer",
        lambda w: reverse("proposals:decisions"),
        "get",
        expected(anonymous=302, default=403),
    ),
    (
        "welfare report export",
        lambda w: reverse("proposals:welfare_report"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "what happened to my observations (moved to my observations)",
        lambda w: reverse("proposals:my_chain"),
        "get",
        expected(default=301),
    ),
    (
        "notification settings (moved)",
        lambda w: reverse("proposals:notification_settings"),
        "get",
        expected(default=301),
    ),
    ("public proposals", lambda w: reverse("proposals:public_list"), "get", expected(default=200)),
    (
        "unpublished proposal on the public page",
        lambda w: reverse("proposals:public_detail", args=[w["proposal"].pk]),
        "get",
        expected(default=404),
    ),
    ("reports", lambda w: reverse("reports:list"), "get", expected(anonymous=302, default=200)),
    (
        "recipient bodies",
        lambda w: reverse("proposals:bodies"),
        "get",
        expected(anonymous=302, admin_member=200, default=403),
    ),
    (
        "own organisation's recipient body",
        lambda w: reverse("proposals:body", args=[w["own_body"].pk]),
        "get",
        expected(anonymous=302, admin_member=200, default=403),
    ),
    (
        "another organisation's recipient body",
        lambda w: reverse("proposals:body", args=[w["other_body"].pk]),
        "get",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "recipient body of the whole installation",
        lambda w: reverse("proposals:body", args=[w["proposal"].recipient_id]),
        "get",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "add a body member without one",
        lambda w: reverse("proposals:body_member_add", args=[w["own_body"].pk]),
        "post",
        expected(anonymous=302, admin_member=400, default=403),
    ),
    (
        "add a member to another organisation's body",
        lambda w: reverse("proposals:body_member_add", args=[w["other_body"].pk]),
        "post",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "remove a body member",
        lambda w: reverse(
            "proposals:body_member_remove", args=[w["own_body"].pk, w["body_member"].pk]
        ),
        "post",
        expected(anonymous=302, admin_member=302, default=403),
    ),
    (
        "remove a member of another organisation's body",
        lambda w: reverse(
            "proposals:body_member_remove",
            args=[w["other_body"].pk, w["other_body"].members.get().pk],
        ),
        "post",
        expected(anonymous=302, admin_member=404, default=403),
    ),
    (
        "new report",
        lambda w: reverse("reports:create"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "own organisation's draft report",
        lambda w: reverse("reports:detail", args=[w["report"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=200),
    ),
    (
        "edit a report",
        lambda w: reverse("reports:edit", args=[w["report"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=200),
    ),
    (
        "choose the quotes of a report",
        lambda w: reverse("reports:quotes", args=[w["report"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=200),
    ),
    (
        "choose a quote without one",
        lambda w: reverse("reports:quotes", args=[w["report"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=400),
    ),
    (
        "remove a report quote",
        lambda w: reverse("reports:quote_remove", args=[w["report"].pk, 1]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "generate a report",
        lambda w: reverse("reports:generate", args=[w["report"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "approve a report",
        lambda w: reverse("reports:approve", args=[w["report"].pk]),
        "post",
        expected(anonymous=302, admin_member=302, others=404, default=403),
    ),
    (
        "send a report for approval",
        lambda w: reverse("reports:request_approval", args=[w["report"].pk]),
        "post",
        expected(anonymous=302, analyst=400, admin_member=400, others=404, default=403),
    ),
    (
        "return a report to its author",
        lambda w: reverse("reports:return", args=[w["report"].pk]),
        "post",
        expected(anonymous=302, admin_member=400, others=404, default=403),
    ),
    (
        "notices",
        lambda w: reverse("notices:list"),
        "get",
        expected(anonymous=302, default=200),
    ),
    (
        "follow the analyst's notice",
        lambda w: reverse("notices:open", args=[w["notice"].pk]),
        "get",
        expected(anonymous=302, analyst=302, default=404),
    ),
    (
        "mark the notices read",
        lambda w: reverse("notices:mark_read"),
        "post",
        expected(anonymous=302, default=302),
    ),
    (
        "how notices are told",
        lambda w: reverse("notices:settings"),
        "get",
        expected(anonymous=302, default=200),
    ),
    (
        "publish a report",
        lambda w: reverse("reports:publish", args=[w["report"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "confirm publishing a report",
        lambda w: reverse("reports:publish_confirm", args=[w["report"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "published internal report",
        lambda w: reverse("reports:detail", args=[w["internal_report"].pk]),
        "get",
        expected(anonymous=302, others=404, partner=200, default=200),
    ),
    (
        "download a published internal report",
        lambda w: reverse("reports:download", args=[w["internal_report"].pk, "pdf"]),
        "get",
        expected(anonymous=302, others=404, partner=200, default=200),
    ),
    ("public reports", lambda w: reverse("reports:public_list"), "get", expected(default=200)),
    (
        "public page of an internal report",
        lambda w: reverse("reports:public_detail", args=[w["internal_report"].pk]),
        "get",
        expected(default=404),
    ),
    (
        "public report",
        lambda w: reverse("reports:public_detail", args=[w["public_report"].pk]),
        "get",
        expected(default=200),
    ),
    (
        "public report download",
        lambda w: reverse("reports:public_download", args=[w["public_report"].pk, "pdf"]),
        "get",
        expected(default=200),
    ),
]

# Campaign management: analysts and administrators of the owner organisation; other
# organisations' analysts manage their own campaigns and get 404 for A's.
MANAGERS = expected(anonymous=302, reporter=403, reader=403, others=404, default=200)
MANAGERS_ACT = expected(anonymous=302, reporter=403, reader=403, others=404, default=302)


def _campaign_url(name, *extra):
    return lambda w: reverse(f"campaigns:{name}", args=[w["own_campaign"].pk, *extra])


def _question_url(name):
    return lambda w: reverse(f"campaigns:{name}", args=[w["own_campaign"].pk, w["own_question"].pk])


def _group_url(name):
    return lambda w: reverse(f"campaigns:{name}", args=[w["own_forum"].pk, w["own_group"].pk])


CAMPAIGN_CASES = [
    (
        "campaign list",
        lambda w: reverse("campaigns:list"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "new campaign",
        lambda w: reverse("campaigns:create"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    ("campaign page", _campaign_url("detail"), "get", MANAGERS),
    (
        "another organisation's campaign",
        lambda w: reverse("campaigns:detail", args=[w["other_campaign"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, outsider=200, default=404),
    ),
    ("edit campaign", _campaign_url("edit"), "get", MANAGERS),
    ("close campaign", _campaign_url("state"), "post", MANAGERS_ACT),
    ("invite to campaign", _campaign_url("invite"), "post", MANAGERS_ACT),
    ("new question", _campaign_url("question_create"), "get", MANAGERS),
    ("edit question", _question_url("question_edit"), "get", MANAGERS),
    ("remove question", _question_url("question_remove"), "post", MANAGERS_ACT),
    ("move question", _question_url("question_move"), "post", MANAGERS_ACT),
    (
        "new group",
        lambda w: reverse("campaigns:group_create", args=[w["own_forum"].pk]),
        "get",
        MANAGERS,
    ),
    ("edit group", _group_url("group_edit"), "get", MANAGERS),
    ("remove group", _group_url("group_remove"), "post", MANAGERS_ACT),
    ("move group", _group_url("group_move"), "post", MANAGERS_ACT),
    ("share campaign", _campaign_url("share"), "get", MANAGERS),
    ("campaign QR code", _campaign_url("qr", "svg"), "get", MANAGERS),
    ("campaign poster", _campaign_url("poster"), "get", MANAGERS),
    ("campaign results", _campaign_url("results"), "get", MANAGERS),
    ("campaign results export", _campaign_url("results_export", "csv"), "get", MANAGERS),
]
CASES += CAMPAIGN_CASES


# Across organisation boundaries, and the pages that complete the list of every URL.
CASES += [
    (
        "sign out",
        lambda w: reverse("accounts:logout"),
        "post",
        expected(default=302),
    ),
    (
        "sign out with GET",
        lambda w: reverse("accounts:logout"),
        "get",
        expected(default=405),
    ),
    (
        "password reset sent",
        lambda w: reverse("accounts:password_reset_done"),
        "get",
        expected(default=200),
    ),
    (
        "password reset link that is not valid",
        lambda w: reverse("accounts:password_reset_confirm", args=["MQ", "set-password"]),
        "get",
        expected(default=200),
    ),
    (
        "password reset done",
        lambda w: reverse("accounts:password_reset_complete"),
        "get",
        expected(default=200),
    ),
    (
        "accessibility statement",
        lambda w: reverse("pages:accessibility"),
        "get",
        expected(default=200),
    ),
    ("privacy notice", lambda w: reverse("pages:privacy"), "get", expected(default=200)),
    ("help page", lambda w: reverse("pages:help"), "get", expected(default=200)),
    (
        "choose the language",
        lambda w: reverse("set_language"),
        "post",
        expected(default=302),
    ),
    ("health check", lambda w: reverse("healthz"), "get", expected(default=200)),
    (
        "shared observation of a partner",
        lambda w: reverse("reporting:observation_detail", args=[w["shared_observation"].pk]),
        "get",
        expected(anonymous=302, analyst=200, admin_member=200, partner=200, default=404),
    ),
    (
        "observation of a partner that stopped sharing",
        lambda w: reverse("reporting:observation_detail", args=[w["stopped_observation"].pk]),
        "get",
        expected(anonymous=302, former_partner=200, default=404),
    ),
    (
        "analysis of a partner's shared observation",
        lambda w: reverse("analysis:observation", args=[w["shared_observation"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, partner=200, others=404, default=200),
    ),
    (
        "analysis of an observation of a partner that stopped sharing",
        lambda w: reverse("analysis:observation", args=[w["stopped_observation"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, former_partner=200, default=404),
    ),
    (
        "a memo without text",
        lambda w: reverse("analysis:add_memo", args=[w["observation"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=400),
    ),
    (
        "a memo on a partner's shared observation, without text",
        lambda w: reverse("analysis:add_memo", args=[w["shared_observation"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, partner=400, others=404, default=400),
    ),
    (
        "a memo on an observation of a partner that stopped sharing",
        lambda w: reverse("analysis:add_memo", args=[w["stopped_observation"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, former_partner=400, default=404),
    ),
    (
        "link an observation without a phenomenon",
        lambda w: reverse("analysis:link", args=[w["observation"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=400),
    ),
    (
        "suggested phenomena",
        lambda w: reverse("analysis:suggestions"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "compute new suggestions",
        lambda w: reverse("analysis:suggestions_refresh"),
        "post",
        expected(anonymous=302, reporter=403, reader=403, default=302),
    ),
    (
        "accept a suggested group without a name",
        lambda w: reverse("analysis:group_accept", args=[w["group"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=400),
    ),
    (
        "new phenomenon",
        lambda w: reverse("analysis:phenomenon_create"),
        "get",
        expected(anonymous=302, reporter=403, reader=403, default=200),
    ),
    (
        "edit a phenomenon",
        lambda w: reverse("analysis:phenomenon_edit", args=[w["phenomenon"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=200),
    ),
    (
        "a partner's phenomenon",
        lambda w: reverse("analysis:phenomenon", args=[w["partner_phenomenon"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, partner=200, default=404),
    ),
    (
        "edit a partner's phenomenon",
        lambda w: reverse("analysis:phenomenon_edit", args=[w["partner_phenomenon"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, partner=200, default=404),
    ),
    (
        "remove a partner's shared observation from a phenomenon",
        lambda w: reverse(
            "analysis:phenomenon_unlink", args=[w["phenomenon"].pk, w["shared_observation"].pk]
        ),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "remove from a phenomenon an observation no longer shared",
        lambda w: reverse(
            "analysis:phenomenon_unlink", args=[w["phenomenon"].pk, w["stopped_observation"].pk]
        ),
        "post",
        expected(anonymous=302, reporter=403, reader=403, default=404),
    ),
    (
        "merge themes without choosing",
        lambda w: reverse("analysis:theme_merge"),
        "post",
        expected(anonymous=302, default=403),
    ),
    (
        "link an observation to a proposal without one",
        lambda w: reverse("proposals:observation_link", args=[w["proposal"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=400),
    ),
    (
        "remove a proposal's quote",
        lambda w: reverse("proposals:quote_remove", args=[w["proposal"].pk, 1]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "progress of a milestone without a number",
        lambda w: reverse("proposals:milestone_progress", args=[w["proposal"].pk, 1]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    (
        "a draft proposal from a partner's phenomenon",
        lambda w: reverse("proposals:create") + f"?phenomenon={w['partner_phenomenon'].pk}",
        "get",
        expected(anonymous=302, reporter=403, reader=403, partner=200, default=404),
    ),
    (
        "the narrative of a report",
        lambda w: reverse("reports:narrative", args=[w["report"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, others=404, default=302),
    ),
    # The API answers keys only (api/tests/test_api_matrix.py): a signed-in page session
    # is no key.
    ("API: observations", lambda w: reverse("api:observations"), "get", expected(default=401)),
    (
        "API: send an observation",
        lambda w: reverse("api:observations"),
        "post",
        expected(default=401),
    ),
    (
        "API: one observation",
        lambda w: reverse("api:observation", args=[w["observation"].pk]),
        "get",
        expected(default=401),
    ),
    ("API: reference data", lambda w: reverse("api:reference"), "get", expected(default=401)),
    ("API: phenomena", lambda w: reverse("api:phenomena"), "get", expected(default=401)),
    ("API: proposals", lambda w: reverse("api:proposals"), "get", expected(default=401)),
    (
        "API: a proposal",
        lambda w: reverse("api:proposal", args=[w["proposal"].pk]),
        "get",
        expected(default=401),
    ),
    ("API: the schema", lambda w: reverse("api:schema"), "get", expected(default=200)),
    ("API: any other address", lambda w: "/api/v1/nothing/", "get", expected(default=404)),
    ("API keys", lambda w: reverse("api_pages:keys"), "get", expected(anonymous=302, default=200)),
    (
        "API keys: an empty new key",
        lambda w: reverse("api_pages:keys"),
        "post",
        expected(anonymous=302, default=400),
    ),
    (
        "API keys: revoke the analyst's key",
        lambda w: reverse("api_pages:revoke", args=[w["api_token"].pk]),
        "post",
        expected(anonymous=302, analyst=302, default=404),
    ),
    (
        "API disclosures",
        lambda w: reverse("api_pages:disclosures"),
        "get",
        expected(anonymous=302, admin_member=200, default=403),
    ),
    (
        "API disclosures as CSV",
        lambda w: reverse("api_pages:disclosures_csv"),
        "get",
        expected(anonymous=302, admin_member=200, default=403),
    ),
]


def _signal_of(user) -> str:
    """The token of a signal in a stored run of the user's scope (a finding written as the
    worker stores it, without counting)."""
    key = CellKey(THEME, Theme.objects.get(code="housing").pk, None, "concern")
    weeks = SignalParams(as_of=SIGNAL_DAY).total_weeks
    finding = Finding(key, RISING, 2, 13, 3, 0, 0.2, 0.001, 0.01, (0,) * (weeks - 2) + (1, 2))
    run = signal_runs.scope_of(user).new_run(SIGNAL_DAY)
    run.state, run.findings = SignalRun.State.DONE, [finding.as_record()]
    run.save()
    return SignalRef(SIGNAL_DAY, RISING, key).token


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize(
    ("name", "make_url", "method", "statuses"), CASES, ids=[c[0] for c in CASES]
)
def test_access(world, name, make_url, method, statuses):
    """The row as every persona, each in a savepoint that is rolled back, so that one
    persona's change does not meet the next: the status, and no words of material the
    persona may not see."""
    wrong = []
    for role, status in zip(ROLES, statuses, strict=True):
        with transaction.atomic():
            client = Client()
            if role != "anonymous":
                client.force_login(world["users"][role])
            response = getattr(client, method)(make_url(world))
            transaction.set_rollback(True)
        if response.status_code != status:
            wrong.append(f"{role}: {response.status_code}, not {status}")
        body = _body(response)
        leaked = [
            words for words, seen_by in SEEN_BY.items() if role not in seen_by and words in body
        ]
        if leaked:
            wrong.append(f"{role} sees {leaked}")
    assert not wrong, f"{name}: " + "; ".join(wrong)


def test_the_words_show_where_they_are_shared(client, world):
    """The words the matrix looks for are on the pages where they belong, so that their
    absence elsewhere means something."""

    def page(role, url):
        client.force_login(world["users"][role])
        return client.get(url).content.decode()

    shared = reverse("analysis:observation", args=[world["shared_observation"].pk])
    county = page("analyst", shared)
    assert all(words in county for words in (PARTNER_OBSERVATION, A_MEMO, PARTNER_MEMO))
    assert A_PHENOMENON in county
    partners = page("partner", shared)
    assert all(words in partners for words in (PARTNER_PHENOMENON, PARTNER_NAME, PARTNER_MEMO))
    stopped = reverse("analysis:observation", args=[world["stopped_observation"].pk])
    assert FORMER_OBSERVATION in page("former_partner", stopped)
    assert A_OBSERVATION in page("reporter", reverse("reporting:my_observations"))
    assert A_PHENOMENON in page("analyst", reverse("analysis:signal_notices"))
    assert PARTNER_PHENOMENON in page("partner", reverse("analysis:signal_notices"))
    other = reverse("reporting:observation_detail", args=[world["other_observation"].pk])
    assert B_OBSERVATION in page("outsider", other)


def _routes(patterns, prefix=""):
    """Every URL pattern as (route, name); the Django admin's own patterns stay out (they
    answer only installation administrators: the "admin site" row and sora/tests)."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.app_name != "admin":
                yield from _routes(pattern.url_patterns, route)
        else:
            yield route, pattern.name


def test_every_url_has_a_row(world):
    """No URL pattern, page or download, without a row: a new one fails here until its row
    decides who may open it."""
    covered = {resolve(urlsplit(make_url(world)).path).route for _, make_url, *_ in CASES}
    routes = dict(_routes(get_resolver().url_patterns))
    missing = sorted(f"{route} ({name})" for route, name in routes.items() if route not in covered)
    assert not missing, "URL patterns without a row: " + ", ".join(missing)


def test_every_persona_has_a_status_in_every_row():
    assert all(len(statuses) == len(ROLES) and None not in statuses for *_, statuses in CASES)
