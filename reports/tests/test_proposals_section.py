"""The section on action proposals: counts by status under the suppression, and the list
of proposals, only the published ones in a public report."""

import pytest

from reporting.models import Municipality
from reports.build import build_content
from reports.content import SMALL_TEXT
from reports.definition import Definition
from reports.periods import parse_period

pytestmark = pytest.mark.django_db


def _content(organisation=None, **fields):
    """The report of ``organisation`` (by default every organisation, as on the command
    line)."""
    if organisation is not None:
        fields["organisation_ids"] = frozenset({organisation.pk})
    return build_content(Definition(period=parse_period("2026Q3"), language="en", **fields))


def _section(content):
    return next(s for s in content.sections if s.key == "proposals")


def _table(content, table_id):
    return next(t for t in content.tables() if t.id == table_id)


def _figures(content):
    return {row.label: [c.text for c in row.cells] for row in _table(content, "proposals").rows}


def test_the_section_comes_between_phenomena_and_participation(county, action_proposals):
    keys = [s.key for s in _content().sections]
    assert keys.index("phenomena") + 1 == keys.index("proposals")
    assert keys.index("proposals") + 1 == keys.index("participation")
    assert _section(_content()).title == "Action proposals and their status"


def test_proposals_are_counted_by_status_with_small_counts_hidden(org_a, action_proposals):
    figures = _figures(_content(org_a))
    assert figures["Submitted to the recipient in the period"] == ["6", SMALL_TEXT]
    assert figures["Answered in the period"] == ["5", SMALL_TEXT]
    assert figures["– of which: accepted"] == [SMALL_TEXT, "0"]
    assert figures["– of which: rejected"] == [SMALL_TEXT, "0"]
    assert figures["– of which: partly accepted"] == ["0", SMALL_TEXT]
    assert figures["In implementation at the end of the period"] == [SMALL_TEXT, SMALL_TEXT]
    assert figures["Implemented in the period"] == [SMALL_TEXT, "0"]
    assert figures["Closed in the period"] == ["0", "0"]


def test_a_hidden_decision_cannot_be_worked_out_from_the_answered_total(org_a, action_proposals):
    from reports.tests.conftest import IN_PERIOD, propose

    # Five accepted and one rejected under a shown total of six would give the rejected away.
    propose(
        org_a,
        "Viides hyväksytty",
        [("submit", "submitted", IN_PERIOD, ""), ("answer", "answered", IN_PERIOD, "accepted")],
    )
    figures = _figures(_content(org_a))
    assert figures["Answered in the period"][0] == "6"
    assert figures["– of which: rejected"][0] == SMALL_TEXT
    assert figures["– of which: accepted"][0] == "x"


def test_an_internal_report_lists_delivered_proposals_with_their_recipient(org_a, action_proposals):
    table = _table(_content(org_a), "proposal-list")
    assert table.columns == ["Status", "Decision", "Recipient body"]
    listed = {row.label: [c.text for c in row.cells] for row in table.rows}
    assert list(listed) == [
        "Odottaa vastausta",
        "Ehdotus 2",
        "Ehdotus 3",
        "Ehdotus 4",
        "Hylätty ehdotus",
        "Iltaneuvonta asumiseen",
        "Toteutettu ehdotus",
    ]
    assert listed["Hylätty ehdotus"] == ["Answered", "Rejected", "Aluehallitus"]
    assert listed["Iltaneuvonta asumiseen"][0] == "In implementation"
    assert listed["Odottaa vastausta"][1] == ""


def test_a_public_report_lists_only_published_proposals(org_a, action_proposals):
    content = _content(org_a, public=True)
    table = _table(content, "proposal-list")
    assert table.columns == ["Status", "Decision"]
    assert [row.label for row in table.rows] == ["Iltaneuvonta asumiseen", "Toteutettu ehdotus"]
    assert [c.text for c in table.rows[1].cells] == ["Implemented", "Partly accepted"]
    # The counts still cover every proposal in scope.
    assert _figures(content)["Submitted to the recipient in the period"][0] == "6"


def test_no_observation_text_or_proposal_text_is_shown(county, action_proposals):
    from reports.tests.conftest import QUOTE

    section = _section(_content())
    texts = [
        *section.paragraphs,
        *(row.label for t in section.tables for row in t.rows),
        *(c.text for t in section.tables for row in t.rows for c in row.cells),
    ]
    problem = action_proposals[2].problem
    assert not [t for t in texts if QUOTE in t or problem in t]


def test_a_municipality_report_counts_proposals_for_it_or_the_whole_county(org_a, action_proposals):
    seinajoki = frozenset(Municipality.objects.filter(code="743").values_list("pk", flat=True))
    content = _content(org_a, municipality_ids=seinajoki)
    figures = _figures(content)
    assert figures["Submitted to the recipient in the period"][0] == "5"
    assert figures["– of which: rejected"][0] == "0"
    assert "Hylätty ehdotus" not in [r.label for r in _table(content, "proposal-list").rows]


def test_an_organisation_report_counts_only_its_proposals(org_b, action_proposals):
    content = _content(org_b)
    figures = _figures(content)
    assert figures["Submitted to the recipient in the period"][0] == SMALL_TEXT
    assert [r.label for r in _table(content, "proposal-list").rows] == [
        "Toisen organisaation ehdotus"
    ]


def test_without_proposals_there_is_no_section(county):
    assert "proposals" not in [s.key for s in _content().sections]


def test_a_target_group_report_counts_proposals_for_it_or_every_group(org_a, action_proposals):
    from reporting.models import TargetGroup

    older, working_age = (TargetGroup.objects.get(code=c) for c in ("older_people", "working_age"))
    action_proposals[6].target_groups.set([older])
    action_proposals[2].target_groups.set([working_age])
    content = _content(org_a, target_group_id=working_age.pk)
    listed = [r.label for r in _table(content, "proposal-list").rows]
    assert "Odottaa vastausta" not in listed
    assert "Ehdotus 2" in listed and "Ehdotus 3" in listed
    assert _figures(content)["Submitted to the recipient in the period"][0] == "5"
