"""Who may see and change reports, built on the primitives of ``accounts.access``.

* Analysts and administrators of the report's organisation write, generate and publish it;
  a second analyst or an administrator, never the author, approves it.
* A published internal report is read by every member of the organisations in its scope.
* A published public report is read by anyone, without signing in.
* A published version stays published while a new revision is written; changing what the
  report covers (period, scope, audience) withdraws it.

What a report shows across organisations: it counts the observations of its organisation
and of the partners that share with it (``data_scope``), shows only its own organisation's
phenomena and proposals (``work_scope``), and quotes a partner's words only while the partner
shares (``withheld_observations``, ``shown_content``).

Another organisation's report answers 404; a member of the report's organisation whose role
may not act on it gets 403.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.access import ANALYSIS_ROLES, memberships_of, organisation_ids, shared_scope
from accounts.models import Organisation, User
from reporting.models import Observation
from reports.content import Content, content_from_json
from reports.models import Report, ReportRun


def data_scope(report: Report) -> set[int]:
    """The organisations whose observations the report counts: its organisation and the
    partners that share with it, narrowed to the chosen ones for an organisations report."""
    scope = county_scope(report.organisation)
    if report.scope == Report.Scope.ORGANISATIONS:
        scope &= set(report.organisations.values_list("pk", flat=True))
    return scope


def work_scope(report: Report) -> set[int]:
    """The organisations whose own work (phenomena, action proposals) the report shows: only
    its own. A partner shares its observations with the report's organisation, never its
    analysis."""
    return {report.organisation_id}


def withheld_observations(observation_ids: Iterable[int | None], owners: Iterable[int]) -> set:
    """Of the observations, those whose words the reports of ``owners`` may not show now:
    observations of an organisation that does not (or no longer) share with them, and
    observations that are gone. A partner that stops sharing takes its words out of every
    page and file of the report at once; they come back if it shares again."""
    ids = {pk for pk in observation_ids if pk is not None}
    if not ids:
        return set()
    shown = Observation.objects.filter(pk__in=ids, organisation_id__in=shared_scope(owners))
    return ids - set(shown.values_list("pk", flat=True))


def shown_content(report: Report, run: ReportRun) -> tuple[Content, int]:
    """The version's content as it may be shown now, and how many of its quotes are left
    out: those of observations no longer shared with the report's organisation. Every page
    and every download shows a version through this."""
    content = content_from_json(run.content)
    items = [item for section in content.sections for item in section.items]
    quoted = [quote.observation for item in items for quote in item.quotes]
    withheld = withheld_observations(quoted, work_scope(report))
    if not withheld:
        return content, 0
    left_out = 0
    for item in items:
        kept = [quote for quote in item.quotes if quote.observation not in withheld]
        left_out += len(item.quotes) - len(kept)
        item.quotes = kept
    return content, left_out


def county_scope(owner: Organisation) -> set[int]:
    """The organisations a report of ``owner`` on the whole county counts: the owner and the
    partners that share with it now."""
    return shared_scope({owner.pk})


def scope_choices(organisation: Organisation) -> QuerySet[Organisation]:
    """The organisations an organisation's report may be narrowed to."""
    return Organisation.objects.filter(pk__in=shared_scope({organisation.pk}))


def editing_organisations(user: User) -> set[int]:
    return organisation_ids(user, ANALYSIS_ROLES)


def require_editor(user: User) -> Organisation:
    """The organisation a new report belongs to: the first where the person is an analyst or
    an administrator; 403 for every other role."""
    for membership in memberships_of(user):
        if membership.role in ANALYSIS_ROLES:
            return membership.organisation
    raise PermissionDenied


def editable_reports(user: User) -> QuerySet[Report]:
    return Report.objects.filter(organisation_id__in=editing_organisations(user))


def readable_published(user: User) -> list[Report]:
    """Published reports whose scope includes one of the person's organisations."""
    own = organisation_ids(user)
    if not own:
        return []
    published = Report.objects.filter(published_run__isnull=False).select_related("organisation")
    return [report for report in published if own & data_scope(report)]


def get_report_for_editor(user: User, pk: int) -> Report:
    report = Report.objects.filter(pk=pk).select_related("organisation").first()
    if report is None:
        raise Http404
    if report.organisation_id in editing_organisations(user):
        return report
    if report.organisation_id in organisation_ids(user):
        raise PermissionDenied
    raise Http404


def get_report_for_reader(user: User, pk: int) -> tuple[Report, bool]:
    """The report and whether the person may edit it. Readers see only published reports
    whose scope covers their organisation."""
    report = Report.objects.filter(pk=pk).select_related("organisation").first()
    if report is None:
        raise Http404
    if report.organisation_id in editing_organisations(user):
        return report, True
    own = organisation_ids(user)
    if report.published_run_id is not None and own & data_scope(report):
        return report, False
    if report.organisation_id in own:
        raise PermissionDenied
    raise Http404


def may_approve(user: User, report: Report) -> bool:
    return report.organisation_id in editing_organisations(user) and report.created_by_id != user.pk


def approvers(report: Report) -> QuerySet[User]:
    """The active analysts and administrators of the report's organisation, its author
    excepted: the people who may approve it."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=report.organisation_id,
            memberships__role__in=ANALYSIS_ROLES,
        )
        .exclude(pk=report.created_by_id)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def get_public_report(pk: int) -> Report:
    report = Report.objects.filter(
        pk=pk, audience=Report.Audience.PUBLIC, published_run__isnull=False
    ).first()
    if report is None:
        raise Http404
    return report
