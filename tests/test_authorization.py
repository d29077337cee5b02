"""Every URL × every role × own or another organisation's object."""

from urllib.parse import urlsplit

import pytest
from django.urls import URLResolver, get_resolver, resolve, reverse

from accounts.models import Team
from accounts.tests.factories import MembershipFactory
from analysis.tests.factories import PhenomenonFactory
from proposals.tests.factories import ProposalFactory, RecipientBodyFactory
from reporting.models import Draft
from reporting.tests.factories import CampaignFactory, ObservationFactory
from reports.tests.factories import make_report, published_report

ROLES = ["anonymous", "reporter", "analyst", "reader", "admin_member", "outsider"]


@pytest.fixture
def world(org_a, org_b, reporter, analyst, reader, admin_member, outsider):
    own_campaign = CampaignFactory(owner=org_a)
    own_campaign.audience.set([org_a])
    other_campaign = CampaignFactory(owner=org_b)
    other_campaign.audience.set([org_b])
    observation = ObservationFactory(organisation=org_a, reporter=reporter)
    other_observation = ObservationFactory(organisation=org_b, reporter=outsider)
    draft = Draft.objects.create(user=reporter, data={"text": ["luonnos"]})
    phenomenon = PhenomenonFactory(organisation=org_a)
    other_phenomenon = PhenomenonFactory(organisation=org_b)
    proposal = ProposalFactory(organisation=org_a, recipient=RecipientBodyFactory())
    own_body = RecipientBodyFactory(organisation=org_a)
    body_member = MembershipFactory(organisation=org_a, role="reader").user
    own_body.members.add(body_member)
    other_body = RecipientBodyFactory(organisation=org_b)
    other_body.members.add(MembershipFactory(organisation=org_b, role="reader").user)
    return {
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
        "report": make_report(org_a, author=analyst),
        "internal_report": published_report(org_a),
        "public_report": published_report(org_b, audience="public"),
        "phenomenon": phenomenon,
        "other_phenomenon": other_phenomenon,
        "users": {
            "reporter": reporter,
            "analyst": analyst,
            "reader": reader,
            "admin_member": admin_member,
            "outsider": outsider,
        },
        "own_campaign": own_campaign,
        "other_campaign": other_campaign,
        "observation": observation,
        "other_observation": other_observation,
        "draft": draft,
    }


def expected(**by_role):
    return [by_role.get(role, by_role.get("default")) for role in ROLES]


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
        expected(anonymous=302, reader=403, outsider=404, default=200),
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
        expected(anonymous=302, reader=403, outsider=404, default=200),
    ),
    (
        "other organisation's observation",
        lambda w: reverse("reporting:observation_detail", args=[w["other_observation"].pk]),
        "get",
        expected(anonymous=302, outsider=200, default=404),
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
    ("sign-in", lambda w: reverse("accounts:login"), "get", expected(anonymous=200, default=302)),
    ("password reset", lambda w: reverse("accounts:password_reset"), "get", expected(default=200)),
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
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=200),
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
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=400),
    ),
    (
        "redact",
        lambda w: reverse("analysis:redact", args=[w["observation"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=400),
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
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=200),
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
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=302),
    ),
    (
        "signals",
        lambda w: reverse("analysis:signals"),
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
        "theme merge (installation administrators only)",
        lambda w: reverse("analysis:theme_merge"),
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
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=200),
    ),
    (
        "edit a proposal",
        lambda w: reverse("proposals:edit", args=[w["proposal"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=200),
    ),
    (
        "submit a proposal",
        lambda w: reverse("proposals:step", args=[w["proposal"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=302),
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
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=400),
    ),
    (
        "add a milestone",
        lambda w: reverse("proposals:milestone_add", args=[w["proposal"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=400),
    ),
    (
        "publish a proposal",
        lambda w: reverse("proposals:publish", args=[w["proposal"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=200),
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
        "what happened to my observations",
        lambda w: reverse("proposals:my_chain"),
        "get",
        expected(anonymous=302, default=200),
    ),
    (
        "notification settings",
        lambda w: reverse("proposals:notification_settings"),
        "get",
        expected(anonymous=302, default=200),
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
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=200),
    ),
    (
        "edit a report",
        lambda w: reverse("reports:edit", args=[w["report"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=200),
    ),
    (
        "choose the quotes of a report",
        lambda w: reverse("reports:quotes", args=[w["report"].pk]),
        "get",
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=200),
    ),
    (
        "choose a quote without one",
        lambda w: reverse("reports:quotes", args=[w["report"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=400),
    ),
    (
        "remove a report quote",
        lambda w: reverse("reports:quote_remove", args=[w["report"].pk, 1]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=302),
    ),
    (
        "generate a report",
        lambda w: reverse("reports:generate", args=[w["report"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=302),
    ),
    (
        "approve a report",
        lambda w: reverse("reports:approve", args=[w["report"].pk]),
        "post",
        expected(anonymous=302, admin_member=302, outsider=404, default=403),
    ),
    (
        "publish a report",
        lambda w: reverse("reports:publish", args=[w["report"].pk]),
        "post",
        expected(anonymous=302, reporter=403, reader=403, outsider=404, default=302),
    ),
    (
        "published internal report",
        lambda w: reverse("reports:detail", args=[w["internal_report"].pk]),
        "get",
        expected(anonymous=302, outsider=404, default=200),
    ),
    (
        "download a published internal report",
        lambda w: reverse("reports:download", args=[w["internal_report"].pk, "pdf"]),
        "get",
        expected(anonymous=302, outsider=404, default=200),
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


@pytest.mark.parametrize(
    ("name", "make_url", "method", "statuses"), CASES, ids=[c[0] for c in CASES]
)
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_access(client, world, name, make_url, method, statuses, role_index):
    role = ROLES[role_index]
    if role != "anonymous":
        client.force_login(world["users"][role])
    response = getattr(client, method)(make_url(world))
    assert response.status_code == statuses[role_index], f"{name} as {role}"


# Pages that have no row yet. Every other URL must have one, so that no page is added without
# deciding who may open it; give these rows and take them off the list.
WITHOUT_A_ROW = {
    "accounts:logout",
    "accounts:password_reset_complete",
    "accounts:password_reset_confirm",
    "accounts:password_reset_done",
    "analysis:add_memo",
    "analysis:group_accept",
    "analysis:link",
    "analysis:phenomenon_create",
    "analysis:phenomenon_edit",
    "analysis:phenomenon_unlink",
    "analysis:suggestions",
    "analysis:suggestions_refresh",
    "healthz",
    "proposals:milestone_progress",
    "proposals:observation_link",
    "proposals:quote_remove",
    "reports:narrative",
    "set_language",
}


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            yield from _url_names(pattern.url_patterns, inner)
        elif pattern.name:
            yield ":".join(filter(None, [namespace, pattern.name]))


def test_every_url_has_a_row(world):
    covered = {resolve(urlsplit(make_url(world)).path).view_name for _, make_url, *_ in CASES}
    names = {n for n in _url_names(get_resolver().url_patterns) if not n.startswith("admin:")}
    missing = names - covered - WITHOUT_A_ROW
    assert not missing, " ".join(sorted(missing))
    assert covered & WITHOUT_A_ROW == set()
