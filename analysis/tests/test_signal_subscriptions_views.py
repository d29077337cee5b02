"""Following signals over HTTP: the subscription page, the notices, and the dashboard's marks
of what is new since the person's last visit."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from analysis import signal_notices, signal_runs
from analysis.models import SignalNotice, SignalPreference, SignalSighting, SignalSubscription
from analysis.tests.test_signal_notices import DAY, finding, follow, run_for
from analysis.tests.test_signals import AS_OF, plant, rise
from notices.models import NoticePreference
from reporting.models import Municipality, Theme

pytestmark = pytest.mark.django_db

PAGE = reverse("analysis:signal_subscriptions")


def test_an_analyst_follows_signals_and_stops(client, analyst):
    client.force_login(analyst)
    response = client.post(PAGE, {"theme": Theme.objects.get(code="housing").pk, "area": "743"})
    assert response.status_code == 302
    subscription = SignalSubscription.objects.get(user=analyst)
    assert subscription.municipality.code == "743" and not subscription.whole_county
    page = client.get(PAGE).content.decode()
    assert "Asuminen ja asunnottomuus" in page and "Seinäjoki" in page
    assert len(re.findall(r"<h1[ >]", page)) == 1
    client.post(PAGE, {"area": "county"})
    assert SignalSubscription.objects.get(theme=None).whole_county
    delete = reverse("analysis:signal_subscription_delete", args=[subscription.pk])
    assert client.post(delete).status_code == 302
    assert list(SignalSubscription.objects.values_list("whole_county", flat=True)) == [True]


def test_the_same_subscription_twice_is_explained(client, analyst):
    client.force_login(analyst)
    client.post(PAGE, {"area": "county"})
    response = client.post(PAGE, {"area": "county"})
    assert response.status_code == 400
    assert "Seuraat jo näitä signaaleja." in response.content.decode()
    assert SignalSubscription.objects.count() == 1


def test_an_unknown_area_is_refused(client, analyst):
    client.force_login(analyst)
    response = client.post(PAGE, {"area": "999"})
    assert response.status_code == 400
    assert 'href="#id_area"' in response.content.decode()
    assert not SignalSubscription.objects.exists()


def test_another_persons_subscription_answers_404(client, analyst, admin_member):
    subscription = follow(admin_member)
    client.force_login(analyst)
    delete = reverse("analysis:signal_subscription_delete", args=[subscription.pk])
    assert client.post(delete).status_code == 404
    assert SignalSubscription.objects.filter(pk=subscription.pk).exists()


def test_the_page_shows_the_notice_choice_and_links_to_it(client, analyst):
    NoticePreference.objects.create(user=analyst, kind="new_signal", frequency="weekly")
    client.force_login(analyst)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(PAGE).content.decode()
    assert "Your choice for new signals: In a weekly e-mail." in page
    assert reverse("notices:settings") in page


def test_the_notice_settings_offer_new_signals_to_analysts_only(client, analyst, reporter):
    client.force_login(analyst)
    form = client.get(reverse("notices:settings")).context["form"]
    assert "new_signal" in form.fields
    response = client.post(
        reverse("notices:settings"),
        {name: "immediate" for name in form.fields if name != "language"}
        | {"new_signal": "daily", "language": "fi"},
    )
    assert response.status_code == 302
    assert NoticePreference.objects.get(user=analyst, kind="new_signal").frequency == "daily"
    client.force_login(reporter)
    assert "new_signal" not in client.get(reverse("notices:settings")).context["form"].fields


@pytest.mark.parametrize("persona", ["reporter", "reader"])
def test_other_roles_get_403(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(PAGE).status_code == 403
    assert client.get(reverse("analysis:signal_notices")).status_code == 403
    assert client.post(PAGE, {"area": "county"}).status_code == 403
    assert not SignalSubscription.objects.exists()


def test_notices_are_listed_and_read(client, analyst):
    follow(analyst)
    run_for(analyst, AS_OF)
    run_for(analyst, AS_OF + DAY, finding(municipality="743"))
    client.force_login(analyst)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("analysis:signal_notices")).content.decode()
    assert "Housing and homelessness" in page and "Seinäjoki" in page and "Unread" in page
    assert SignalNotice.objects.get().read_at is not None
    assert "Unread" not in client.get(reverse("analysis:signal_notices")).content.decode()


def _dashboard(client, user, language="en"):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("analysis:signals"), {"as_of": AS_OF.isoformat()}).content.decode()


def test_the_dashboard_links_the_subscriptions_and_counts_unread_notices(client, analyst):
    follow(analyst)
    run_for(analyst, AS_OF - DAY)
    run_for(analyst, AS_OF, finding())
    page = _dashboard(client, analyst)
    assert PAGE in page
    assert reverse("analysis:signal_notices") in page
    assert "1 unread" in page


def test_the_dashboard_marks_what_is_new_since_the_last_visit(client, analyst, org_a):
    plant(org_a, rise(baseline_every=4, recent_per_week=2), municipalities=["743"])
    scope = signal_runs.scope_of(analyst)
    signal_runs.compute(scope.new_run(AS_OF).pk)  # the scope's first run: known, not new
    assert "New" not in _dashboard(client, analyst)  # a first visit marks nothing
    preference = SignalPreference.objects.get(user=analyst)
    long_ago = timezone.now() - datetime.timedelta(days=3)
    preference.visited_at = long_ago
    preference.save()
    assert '<span class="tag--new">' not in _dashboard(client, analyst)  # known before
    # The signal appeared (for the scope) after that visit.
    [sighting] = SignalSighting.objects.filter(cell__contains=f":{_seinajoki()}:")
    sighting.first_seen_at = long_ago + datetime.timedelta(days=1)
    sighting.save()
    preference.visited_at, preference.previous_visit_at = long_ago, None
    preference.save()
    page = _dashboard(client, analyst)
    assert re.search(
        r'<h3 id="signal-rising-1-heading">[^<]+ <span class="tag--new">New'
        r'<span class="visually-hidden"> since your last visit</span></span></h3>',
        page,
    )
    # Reloading within the visit keeps the mark; the visit after drops it.
    assert "since your last visit</span>" in _dashboard(client, analyst)
    assert signal_notices.note_visit(
        analyst, now=timezone.now() + datetime.timedelta(hours=1)
    ) > sighting.first_seen_at  # fmt: skip
    assert "since your last visit</span>" not in _dashboard(client, analyst)


def _seinajoki() -> int:
    return Municipality.objects.get(code="743").pk


def test_an_empty_choice_follows_every_signal(client, analyst):
    client.force_login(analyst)
    assert client.post(PAGE, {}).status_code == 302
    subscription = SignalSubscription.objects.get(user=analyst)
    assert (subscription.theme, subscription.municipality, subscription.target_group) == (
        None,
        None,
        None,
    )
    assert not subscription.whole_county
