"""New signals told to the analysts who follow them: what counts as new, whom a subscription
matches, whose scope it stays in, and the e-mail at once or weekly in the person's language."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from analysis import signal_mail, signal_notices, signal_runs
from analysis.models import SignalNotice, SignalSubscription
from analysis.signals import FALLING, PHENOMENON, RISING, Detail, Finding
from analysis.tests.factories import PhenomenonFactory
from analysis.tests.test_signals import AS_OF, cell, plant, rise, steady
from notices import tasks as notice_tasks
from notices.models import NoticePreference
from reporting.models import Municipality, TargetGroup, Theme

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def finding(
    theme="housing",
    municipality=None,
    *,
    target_group=None,
    direction=RISING,
    details=(),
    kind="theme",
) -> Finding:
    return Finding(
        key=cell(theme, municipality, kind=kind, target_group=target_group),
        direction=direction,
        window_weeks=4,
        baseline_weeks=78,
        recent=9,
        baseline=10,
        expected=2.0,
        p_value=0.0001,
        q_value=0.01,
        weekly=(1,) * 82,
        details=tuple(details),
    )


def run_for(user, day, *findings) -> list[SignalNotice]:
    """A finished run of the person's scope as of ``day``, recorded as ``compute`` does."""
    run = signal_runs.scope_of(user).new_run(day)
    run.findings = [f.as_record() for f in findings]
    run.state = "done"
    run.finished_at = timezone.now()
    run.save()
    return signal_notices.record_run(run)


def follow(user, **choices) -> SignalSubscription:
    return SignalSubscription.objects.create(user=user, **choices)


def prefer(user, frequency="immediate", language="fi") -> None:
    NoticePreference.objects.create(user=user, kind="new_signal", frequency=frequency)
    user.language = language  # every e-mail of the person is in their account's language
    user.save(update_fields=["language"])


def told(user) -> list[str]:
    return sorted(n.sighting.cell for n in SignalNotice.objects.filter(user=user))


def test_a_new_signal_is_told_once_and_one_that_stays_never_again(analyst):
    follow(analyst)
    housing, livelihood = finding(), finding("livelihood")
    assert run_for(analyst, AS_OF, housing) == []  # the scope's first run: what it has is known
    [notice] = run_for(analyst, AS_OF + DAY, housing, livelihood)
    assert notice.sighting.cell == signal_notices.cell_of(livelihood)
    assert run_for(analyst, AS_OF + 2 * DAY, housing, livelihood) == []
    assert told(analyst) == [signal_notices.cell_of(livelihood)]


def test_each_direction_and_place_is_its_own_signal(analyst):
    follow(analyst)
    run_for(analyst, AS_OF)
    notices = run_for(
        analyst,
        AS_OF + DAY,
        finding(),
        finding(direction=FALLING),
        finding(municipality="743"),
        finding(target_group="older_people"),
    )
    assert len(notices) == 4


def test_a_signal_back_within_two_weeks_is_not_new_again_but_after_them_it_is(analyst):
    follow(analyst)
    signal = finding()
    run_for(analyst, AS_OF)
    assert len(run_for(analyst, AS_OF + DAY, signal)) == 1
    run_for(analyst, AS_OF + 3 * DAY)  # it drops out
    assert run_for(analyst, AS_OF + 10 * DAY, signal) == []  # back after 9 days: the same
    run_for(analyst, AS_OF + 20 * DAY)
    run_for(analyst, AS_OF + 30 * DAY)
    assert len(run_for(analyst, AS_OF + 25 * DAY, signal)) == 0  # an older day: not compared
    assert len(run_for(analyst, AS_OF + 31 * DAY, signal)) == 1  # 21 days away: new again
    assert SignalNotice.objects.count() == 2


def test_the_first_run_after_a_long_pause_announces_nothing(analyst):
    follow(analyst)
    run_for(analyst, AS_OF)
    assert run_for(analyst, AS_OF + 40 * DAY, finding()) == []
    assert len(run_for(analyst, AS_OF + 41 * DAY, finding(), finding("livelihood"))) == 1


def test_a_run_recorded_again_or_a_rerun_of_the_day_never_tells_twice(analyst):
    follow(analyst)
    run_for(analyst, AS_OF)
    signal = finding()
    run = signal_runs.scope_of(analyst).new_run(AS_OF + DAY)
    run.findings, run.state = [signal.as_record()], "done"
    run.save()
    assert len(signal_notices.record_run(run)) == 1
    assert signal_notices.record_run(run) == []  # a retried task
    run.compared = False  # even a run that forgot it was compared
    signal_notices.record_run(run)
    assert run_for(analyst, AS_OF + DAY, signal) == []  # the day computed again
    assert SignalNotice.objects.count() == 1


def test_several_matching_subscriptions_give_one_notice(analyst):
    follow(analyst)
    follow(analyst, theme=Theme.objects.get(code="housing"))
    run_for(analyst, AS_OF)
    assert len(run_for(analyst, AS_OF + DAY, finding())) == 1


def build(spec: dict) -> Finding:
    """A finding from a plain description, so parameters need no database to be written."""
    spec = dict(spec)
    spec["details"] = [_detail(**detail) for detail in spec.get("details", [])]
    return finding(**spec)


def _detail(municipality=None, target_group=None, flagged=True) -> Detail:
    place = Municipality.objects.get(code=municipality).pk if municipality else None
    group = TargetGroup.objects.get(code=target_group).pk if target_group else None
    return Detail(place, group, recent=5, expected=1.0, flagged=flagged)


SEINAJOKI = {"municipality": "743"}
OLDER = {"target_group": "older_people"}
PHENOMENON_ONE = {"theme": "1", "kind": PHENOMENON}


@pytest.mark.parametrize(
    ("choice", "hears", "misses"),
    [
        (
            {"theme": "housing"},
            [{}, {"theme": "eviction"}, SEINAJOKI],
            [{"theme": "livelihood"}, PHENOMENON_ONE],
        ),
        ({"whole_county": True}, [{}, OLDER], [SEINAJOKI]),
        (
            SEINAJOKI,
            [SEINAJOKI, {"details": [SEINAJOKI]}],
            [
                {"municipality": "005"},
                {"theme": "livelihood"},
                {"theme": "family", "details": [SEINAJOKI | {"flagged": False}]},
            ],
        ),
        (
            OLDER,
            [OLDER, {"details": [OLDER]}],
            [{"target_group": "working_age"}, SEINAJOKI, {"theme": "livelihood"}],
        ),
        (
            {"theme": "housing"} | SEINAJOKI | OLDER,
            [{"details": [SEINAJOKI, OLDER]}],
            [{"theme": "eviction", "details": [SEINAJOKI]}, {"theme": "livelihood"} | SEINAJOKI],
        ),
        ({}, [{}, PHENOMENON_ONE, {"theme": "livelihood", "municipality": "005"}], []),
    ],
    ids=["theme", "whole county", "municipality", "target group", "all three", "anything"],
)
def test_subscriptions_filter_by_theme_area_and_target_group(analyst, choice, hears, misses):
    """Each finding of a run is another cell; a theme covers its sub-themes."""
    housing = Theme.objects.get(code="housing")
    Theme.objects.create(code="eviction", name_fi="Häädöt", parent=housing)
    PhenomenonFactory(pk=1, organisation=analyst.memberships.get().organisation)
    follow(
        analyst,
        theme=Theme.objects.filter(code=choice.get("theme")).first(),
        whole_county=choice.get("whole_county", False),
        municipality=Municipality.objects.filter(code=choice.get("municipality")).first(),
        target_group=TargetGroup.objects.filter(code=choice.get("target_group")).first(),
    )
    run_for(analyst, AS_OF)
    heard = run_for(analyst, AS_OF + DAY, *map(build, hears), *map(build, misses))
    assert {n.sighting.cell for n in heard} == {signal_notices.cell_of(build(f)) for f in hears}


# Scope -------------------------------------------------------------------------------------


def test_an_analyst_hears_only_of_signals_of_their_own_scope(analyst, outsider, partner):
    for person in (analyst, outsider, partner):
        follow(person)
    run_for(analyst, AS_OF)
    run_for(partner, AS_OF)
    # A's run counts the partner's shared observations; only A's analysts hear of it.
    assert [n.user for n in run_for(analyst, AS_OF + DAY, finding())] == [analyst]
    # The partner's own phenomenon never reaches A's analysts.
    partner_org = partner.memberships.get().organisation
    theirs = PhenomenonFactory(organisation=partner_org, name="Jakelun ruuhka")
    heard = run_for(partner, AS_OF + DAY, finding(str(theirs.pk), kind=PHENOMENON))
    assert [n.user for n in heard] == [partner]
    assert told(outsider) == []


def test_notices_of_a_scope_the_person_left_are_neither_shown_nor_sent(
    analyst, partner_org, org_a, django_capture_on_commit_callbacks
):
    follow(analyst)
    prefer(analyst, frequency="weekly")
    run_for(analyst, AS_OF)
    run_for(analyst, AS_OF + DAY, finding())
    assert signal_notices.unread_count(analyst) == 1
    partner_org.shares_with.remove(org_a)  # a new scope
    analyst = type(analyst).objects.get(pk=analyst.pk)  # a new request
    assert signal_notices.unread_count(analyst) == 0
    assert signal_mail.OUTBOX.send_digests("weekly") == 0
    assert mail.outbox == []


def test_a_member_who_is_no_analyst_hears_nothing(org_a):
    reporter = MembershipFactory(organisation=org_a, role="reporter").user
    analyst = MembershipFactory(organisation=org_a, role="analyst").user
    follow(reporter)
    follow(analyst)
    run_for(analyst, AS_OF)
    assert [n.user for n in run_for(analyst, AS_OF + DAY, finding())] == [analyst]


# E-mail ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "theme_name"),
    [("fi", "Asuminen ja asunnottomuus"), ("sv", "Boende och bostadslöshet"), ("en", "Housing")],
)
def test_the_e_mail_goes_at_once_after_the_commit_in_the_recipients_language(
    analyst, language, theme_name, django_capture_on_commit_callbacks
):
    follow(analyst)
    prefer(analyst, language=language)
    run_for(analyst, AS_OF)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run_for(analyst, AS_OF + DAY, finding(municipality="743"))
    assert mail.outbox == []  # nothing leaves before the run commits
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == [analyst.email]
    assert theme_name in message.subject
    assert theme_name in message.body and "Seinäjoki" in message.body
    assert "/analysis/signals/notices/" in message.body
    assert SignalNotice.objects.get().sent_at is not None
    assert signal_mail.OUTBOX.retry_failed() == 0
    assert len(mail.outbox) == 1


def test_the_weekly_digest_gathers_the_weeks_new_signals_in_one_message(
    analyst, django_capture_on_commit_callbacks
):
    follow(analyst)
    prefer(analyst, frequency="weekly", language="en")
    run_for(analyst, AS_OF)
    with django_capture_on_commit_callbacks(execute=True):
        run_for(analyst, AS_OF + DAY, finding())
        run_for(analyst, AS_OF + 2 * DAY, finding(), finding("livelihood", direction=FALLING))
    assert mail.outbox == []
    assert signal_mail.OUTBOX.send_digests("weekly") == 1
    [message] = mail.outbox
    assert "2 new signals" in message.subject
    assert "Housing and homelessness" in message.body
    assert "Livelihood and debt" in message.body
    assert signal_mail.OUTBOX.send_digests("weekly") == 0


def test_the_daily_digest_goes_with_the_other_notices_digests(
    analyst, django_capture_on_commit_callbacks
):
    follow(analyst)
    prefer(analyst, frequency="daily", language="sv")
    run_for(analyst, AS_OF)
    with django_capture_on_commit_callbacks(execute=True):
        run_for(analyst, AS_OF + DAY, finding())
    assert mail.outbox == []
    assert notice_tasks.send_weekly_notices.call() == 0  # not chosen weekly
    assert notice_tasks.send_daily_notices.call() == 1
    [message] = mail.outbox
    assert "Boende och bostadslöshet" in message.body
    assert "/notices/settings/" in message.body
    assert notice_tasks.send_daily_notices.call() == 0


def test_no_e_mail_address_means_only_in_sora(analyst, django_capture_on_commit_callbacks):
    follow(analyst)
    analyst.email = ""
    analyst.save(update_fields=["email"])
    run_for(analyst, AS_OF)
    with django_capture_on_commit_callbacks(execute=True):
        [notice] = run_for(analyst, AS_OF + DAY, finding())
    assert notice.delivery == "off"
    assert mail.outbox == []


def test_only_in_sora_sends_nothing(analyst, django_capture_on_commit_callbacks):
    follow(analyst)
    prefer(analyst, frequency="off")
    run_for(analyst, AS_OF)
    with django_capture_on_commit_callbacks(execute=True):
        [notice] = run_for(analyst, AS_OF + DAY, finding())
    assert notice.delivery == "off"
    assert signal_mail.OUTBOX.retry_failed() == 0 and signal_mail.OUTBOX.send_digests("weekly") == 0
    assert mail.outbox == []
    assert signal_notices.unread_count(analyst) == 1


def test_a_failed_e_mail_stays_in_the_outbox_and_goes_later(
    analyst, django_capture_on_commit_callbacks
):
    follow(analyst)
    run_for(analyst, AS_OF)
    with (
        mock.patch("analysis.signal_mail.send_mail", side_effect=OSError("mail server down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run_for(analyst, AS_OF + DAY, finding())
    notice = SignalNotice.objects.get()
    assert notice.sent_at is None and "mail server down" in notice.last_error
    assert signal_mail.OUTBOX.retry_failed() == 1
    assert len(mail.outbox) == 1


# The whole way, from observations ---------------------------------------------------------


def test_a_rise_found_by_the_refresh_is_told_to_its_subscriber(
    analyst, org_a, django_capture_on_commit_callbacks
):
    follow(analyst, municipality=Municipality.objects.get(code="743"))
    plant(org_a, steady(1), municipalities=["743"])
    with django_capture_on_commit_callbacks(execute=True):
        signal_runs.refresh_all(today=AS_OF)
    assert SignalNotice.objects.count() == 0
    plant(org_a, rise(baseline_every=4, recent_per_week=2), municipalities=["743"])
    with django_capture_on_commit_callbacks(execute=True):
        signal_runs.refresh_all(today=AS_OF)
    [notice] = SignalNotice.objects.all()
    assert notice.user == analyst and notice.finding["direction"] == RISING
    assert len(mail.outbox) == 1
    plant(org_a, steady(1), municipalities=["005"])  # other data: computed again, nothing new
    with django_capture_on_commit_callbacks(execute=True):
        signal_runs.refresh_all(today=AS_OF)
    assert SignalNotice.objects.count() == 1 and len(mail.outbox) == 1
