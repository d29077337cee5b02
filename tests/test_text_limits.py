"""Every free text is bounded before anything reads it: a crafted, over-long text costs a length
check, never a run of the personal-data guard, and the person keeps what they typed."""

import importlib
import inspect
import io
import time
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse

from lib.forms import BoundedTextField
from privacy import enforcement
from privacy.guard import TextTooLong, scan
from reporting.models import CampaignAnswer, Observation, Theme
from reporting.tests.factories import CampaignFactory, ObservationFactory
from reporting.tests.helpers import form_data

LIMIT_FI = "Lyhennä sitä: tekstisi on tallessa alla."
# Digit pairs after a trunk prefix are the guard's most expensive input per character: each
# one is tried as the start of an international number.
CRAFTED = ("00 " * 40000)[:120000]
APPS = ("accounts", "analysis", "proposals", "reporting", "reports")


@pytest.fixture
def scanned(monkeypatch):
    """The lengths of the texts the guard was asked to read."""
    lengths: list[int] = []

    def spy(text, language):
        lengths.append(len(text))
        return scan(text, language)

    enforcement.findings_in.cache_clear()
    monkeypatch.setattr(enforcement, "scan", spy)
    return lengths


@pytest.fixture
def campaign(org_a):
    campaign = CampaignFactory(owner=org_a, link_organisation=org_a, kind="targeted")
    campaign.audience.set([org_a])
    campaign.questions.create(order=1, kind="long_text", text_fi="Kerro lisää?")
    campaign.questions.create(order=2, kind="short_text", text_fi="Lyhyesti?")
    return campaign


def _question(campaign, kind) -> str:
    return f"q_{campaign.questions.get(kind=kind).pk}"


def test_a_crafted_long_answer_on_the_open_link_is_refused_unread(client, campaign, scanned, org_a):
    data = form_data(organisation=org_a.pk, **{_question(campaign, "long_text"): CRAFTED})
    started = time.process_time()
    response = client.post(reverse("reporting:open_link", args=[campaign.link_token]), data)
    elapsed = time.process_time() - started
    content = response.content.decode()
    assert response.status_code == 400
    assert LIMIT_FI in content
    assert CRAFTED.strip() in content  # handed back whole
    assert max(scanned) <= settings.TEXT_MAX_CHARS
    assert Observation.objects.count() == 0 and CampaignAnswer.objects.count() == 0
    assert elapsed < 2, elapsed


def test_a_long_answer_on_the_signed_in_form_is_refused_and_kept(client, reporter, campaign):
    client.force_login(reporter)
    answer = "Pitkä vastaus ilman henkilötietoja. " * 200
    data = form_data(**{_question(campaign, "long_text"): answer})
    response = client.post(reverse("reporting:new_observation") + f"?campaign={campaign.pk}", data)
    assert response.status_code == 400
    assert "long_text" not in response.context["form"].cleaned_data
    error = response.context["form"].errors[_question(campaign, "long_text")][0]
    assert error.startswith("Tekstissä on")
    assert answer.strip() in response.content.decode()
    assert Observation.objects.count() == 0


def test_a_short_answer_has_its_own_limit_and_no_maxlength_attribute(client, reporter, campaign):
    client.force_login(reporter)
    url = reverse("reporting:new_observation") + f"?campaign={campaign.pk}"
    assert "maxlength" not in client.get(url).content.decode()
    answer = "Lyhyt vastaus venyy. " * 30
    response = client.post(url, form_data(**{_question(campaign, "short_text"): answer}))
    assert response.status_code == 400
    assert "500" in str(response.context["form"].errors[_question(campaign, "short_text")])
    assert answer.strip() in response.content.decode()


def test_a_draft_with_an_over_long_answer_is_not_read_by_the_guard(
    client, reporter, campaign, scanned
):
    client.force_login(reporter)
    data = form_data(action="save_draft", **{_question(campaign, "long_text"): CRAFTED})
    response = client.post(reverse("reporting:new_observation") + f"?campaign={campaign.pk}", data)
    assert response.status_code == 400
    assert LIMIT_FI in response.content.decode()
    assert max(scanned) <= settings.TEXT_MAX_CHARS
    assert reporter.drafts.count() == 0


def test_an_over_long_memo_is_refused_and_kept(client, analyst, org_a, scanned):
    observation = ObservationFactory(organisation=org_a)
    client.force_login(analyst)
    memo = "Muistiinpano jonoista. " * 300
    response = client.post(reverse("analysis:add_memo", args=[observation.pk]), {"text": memo})
    assert response.status_code == 400
    assert memo.strip() in response.content.decode()
    assert observation.memos.count() == 0
    assert all(length <= settings.TEXT_MAX_CHARS for length in scanned)


def test_a_report_narrative_has_the_long_limit(client, analyst, org_a, scanned):
    from reports.tests.factories import make_report

    report = make_report(org_a, author=analyst, summary="Ennen.")
    client.force_login(analyst)
    url = reverse("reports:narrative", args=[report.pk])
    long_enough = "Asumisen huolet kasvoivat alueella. " * 400  # 14,400 characters
    assert client.post(url, {"summary": long_enough}).status_code == 302
    too_long = "Asumisen huolet kasvoivat alueella. " * 600
    response = client.post(url, {"summary": too_long})
    assert response.status_code == 400
    assert too_long.strip() in response.content.decode()
    report.refresh_from_db()
    assert report.summary == long_enough.strip()
    assert max(scanned) <= settings.LONG_TEXT_MAX_CHARS


def test_the_guard_refuses_an_over_long_text_at_once():
    started = time.process_time()
    with pytest.raises(TextTooLong):
        scan(CRAFTED, "fi")
    with pytest.raises(TextTooLong):
        enforcement.vet(CRAFTED, language="all")
    assert time.process_time() - started < 0.1


def test_the_enforcement_point_refuses_an_over_long_answer_from_any_caller(org_a, campaign):
    observation = ObservationFactory(organisation=org_a, campaign=campaign)
    question = campaign.questions.get(kind="long_text")
    with pytest.raises(TextTooLong) as refused:
        CampaignAnswer.objects.create(observation=observation, question=question, value=CRAFTED)
    assert refused.value.field == "value"
    assert CampaignAnswer.objects.count() == 0


def test_a_text_that_reaches_the_enforcement_point_too_long_gets_a_calm_page(
    client, admin_member, monkeypatch
):
    """The last line behind the forms: the page says so and hands the text back."""
    from analysis.views import inbox

    def unchecked(**kwargs):
        raise TextTooLong(120000, settings.GUARD_MAX_CHARS, "text")

    monkeypatch.setattr(inbox.services, "add_memo", unchecked)
    observation = ObservationFactory(organisation=admin_member.memberships.get().organisation)
    client.force_login(admin_member)
    memo = "Muistiinpano, joka on pitkä mutta kelpaa lomakkeelle."
    response = client.post(reverse("analysis:add_memo", args=[observation.pk]), {"text": memo})
    assert response.status_code == 400
    assert "Ei tallennettu: teksti on liian pitkä" in response.content.decode()
    assert memo in response.content.decode()


def test_the_admin_bounds_a_long_text_before_the_guard(client, scanned, db):
    from accounts.tests.factories import UserFactory

    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    theme = Theme.objects.first()
    url = reverse("admin:reporting_theme_change", args=[theme.pk])
    page = client.get(url).content.decode()
    assert 'name="description_fi"' in page
    response = client.post(
        url,
        {
            "code": theme.code,
            "name_fi": theme.name_fi,
            "description_fi": CRAFTED,
            "order": theme.order,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "description_fi" in response.context["adminform"].form.errors
    assert all(length <= settings.TEXT_MAX_CHARS for length in scanned)
    theme.refresh_from_db()
    assert theme.description_fi != CRAFTED


def test_an_import_row_over_the_limit_is_an_error_not_a_scan(scanned, org_a):
    from reporting.transfer import ImportFailed, import_observations

    row = {
        "external_id": "x-1",
        "text": CRAFTED,
        "language": "fi",
        "submitted_at": "2026-03-01T10:00:00+02:00",
        "signal": "concern",
        "organisation": org_a.code,
    }
    with pytest.raises(ImportFailed) as failed:
        import_observations([(2, row)])
    assert any("text" in error and "20000" in error for error in failed.value.errors)
    assert not scanned or max(scanned) <= settings.LONG_TEXT_MAX_CHARS
    assert Observation.objects.count() == 0


def test_a_codebook_cell_over_its_limit_is_an_error_not_a_scan(scanned, db):
    from analysis.codebook import import_csv

    handle = io.StringIO(f"code,name_fi,description_fi\nuusi,Uusi teema,{CRAFTED}\n")
    report = import_csv(handle)
    assert any("description_fi" in error for error in report.errors)
    assert all(length <= settings.TEXT_MAX_CHARS for length in scanned)
    assert not Theme.objects.filter(code="uusi").exists()


def _form_classes():
    for app in APPS:
        for path in sorted(Path(settings.BASE_DIR, app).glob("**/*.py")):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            source = path.read_text(encoding="utf-8")
            if "forms." not in source or "class " not in source:
                continue
            module = importlib.import_module(
                ".".join(path.relative_to(settings.BASE_DIR).with_suffix("").parts)
            )
            for _name, value in inspect.getmembers(module, inspect.isclass):
                if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                    yield value


def test_every_free_text_field_of_every_form_is_bounded():
    classes = list(_form_classes())
    assert len(classes) > 20  # the walk found the project's forms
    plain = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in classes
        if not issubclass(form, AuthenticationForm)  # sign-in: a username, never stored
        for name, field in form.base_fields.items()
        if type(field) is forms.CharField and not isinstance(field.widget, forms.PasswordInput)
    ]
    assert plain == []
    bounded = [
        field
        for form in classes
        for field in form.base_fields.values()
        if isinstance(field, BoundedTextField)
    ]
    assert len(bounded) > 15
    assert not any("maxlength" in field.widget.attrs for field in bounded)
