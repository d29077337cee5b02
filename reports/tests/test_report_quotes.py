"""Quotes chosen by analysts: suggested excerpts, the strict check, the limits, quotes that
no longer hold, and approval that sees and depends on them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.tests.factories import MembershipFactory
from analysis.models import PhenomenonLink
from privacy.tests.helpers import write_behind_the_guard
from reports import runs, services
from reports.build import build_content
from reports.definition import Definition
from reports.models import Report, ReportQuote, ReportRun
from reports.tests.conftest import QUOTE, observe

pytestmark = pytest.mark.django_db

IDENTITY_CODE_WITH_A_SPACE = "Asiakas 131052 -308T kertoi, että asunto on ollut kylmä koko talven."


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    from reports import outputs

    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")


@pytest.fixture
def approver(org_a):
    return MembershipFactory(organisation=org_a, role="analyst", user__username="approver").user


@pytest.fixture
def source(county):
    """An observation of the period under the large phenomenon, with a clean text."""
    link = PhenomenonLink.objects.filter(
        phenomenon=county["phenomenon"], observation__text=QUOTE
    ).first()
    return link.observation


def _choose(client, user, report, phenomenon, observation, text, language="en"):
    client.force_login(user)
    return client.post(
        reverse("reports:quotes", args=[report.pk]),
        {"phenomenon": phenomenon.pk, "observation": observation.pk, "text": text},
        headers={"accept-language": language},
    )


def _quotes_in(report) -> list:
    content = build_content(Definition.from_report(report))
    return [
        (item.title, q.text, q.observation)
        for section in content.sections
        if section.key == "phenomena"
        for item in section.items
        for q in item.quotes
    ]


def _linked(org, phenomenon, text):
    observation = observe(org, text=text)
    PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    return observation


def test_the_page_suggests_excerpts_marked_by_the_quote_check(client, analyst, report, county):
    client.force_login(analyst)
    response = client.get(
        reverse("reports:quotes", args=[report.pk]), headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Häätöjen uhka" in page and "Pieni ilmiö" not in page
    assert QUOTE in page and "Passes the quote check" in page
    named = page.index("Matti Virtanen kertoi")
    card = page.rfind('<li class="card', 0, named)
    assert page.rfind("Does not pass the quote check", 0, named) > card
    assert "The quote has a name." in page
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW_OBSERVATION, target=f"report:{report.pk}:quotes"
    ).exists()


def test_a_chosen_excerpt_is_quoted_and_makes_a_new_revision(
    client, analyst, report, county, source
):
    response = _choose(client, analyst, report, county["phenomenon"], source, QUOTE)
    assert response.status_code == 302
    quote = ReportQuote.objects.get()
    assert (quote.observation, quote.text, quote.chosen_by) == (source, QUOTE, analyst)
    report.refresh_from_db()
    assert report.revision == 2
    assert _quotes_in(report) == [("Häätöjen uhka", QUOTE, source.pk)]


def test_nothing_is_quoted_without_a_choice(report, county):
    assert _quotes_in(report) == []


def test_an_identity_code_written_with_a_space_cannot_be_chosen(
    client, analyst, report, county, org_a
):
    # Stored before the guard knew this way of writing a code.
    observation = _linked(org_a, county["phenomenon"], "Asunto on ollut kylmä koko talven.")
    write_behind_the_guard(observation, text=IDENTITY_CODE_WITH_A_SPACE)
    response = _choose(
        client, analyst, report, county["phenomenon"], observation, IDENTITY_CODE_WITH_A_SPACE
    )
    assert response.status_code == 400
    assert "six or more digits" in response.content.decode()
    assert not ReportQuote.objects.exists()
    report.refresh_from_db()
    assert report.revision == 1


def test_a_refused_excerpt_keeps_what_was_typed_with_a_translated_message(
    client, analyst, report, county
):
    named = county["phenomenon"].observations.get(text__startswith="Matti")
    typed = "Matti Virtanen kertoi, että asunnon saaminen kestää"
    response = _choose(client, analyst, report, county["phenomenon"], named, typed, "fi")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Lainauksessa on nimi." in page
    assert f"\n{typed}</textarea>" in page
    assert 'id="error-summary"' in page and f"#id_quote-{county['phenomenon'].pk}-" in page


def test_the_analyst_may_shorten_an_excerpt_but_not_change_its_words(
    client, analyst, report, county, source
):
    phenomenon = county["phenomenon"]
    edited = _choose(client, analyst, report, phenomenon, source, "ei ole saatavilla aamuisin")
    assert edited.status_code == 400
    assert "the observation&#x27;s own words" in edited.content.decode()
    shortened = "… ei ole saatavilla iltaisin, vaikka häätöuhat ovat lisääntyneet."
    assert _choose(client, analyst, report, phenomenon, source, shortened).status_code == 302
    assert list(ReportQuote.objects.values_list("text", flat=True)) == [shortened]


def test_a_phenomenon_has_at_most_two_quotes(client, analyst, report, county, source):
    phenomenon = county["phenomenon"]
    for text in ["Asumisneuvontaa ei ole saatavilla", "vaikka häätöuhat ovat lisääntyneet"]:
        assert _choose(client, analyst, report, phenomenon, source, text).status_code == 302
    third = _choose(client, analyst, report, phenomenon, source, "ei ole saatavilla")
    assert third.status_code == 400
    assert "at most 2 quotes" in third.content.decode()
    assert ReportQuote.objects.count() == 2


def test_choosing_twice_keeps_one_quote(client, analyst, report, county, source):
    for _ in range(2):
        _choose(client, analyst, report, county["phenomenon"], source, QUOTE)
    assert ReportQuote.objects.count() == 1
    report.refresh_from_db()
    assert report.revision == 2


def test_a_small_phenomenon_or_an_observation_outside_it_cannot_be_quoted(
    client, analyst, report, county, source, org_a
):
    small = _choose(client, analyst, report, county["small"], source, QUOTE)
    assert small.status_code == 400 and "main phenomena" in small.content.decode()
    unlinked = observe(org_a, text="Jonot ovat pitkiä kaikkialla.")
    outside = _choose(client, analyst, report, county["phenomenon"], unlinked, "Jonot ovat pitkiä")
    assert outside.status_code == 400
    assert not ReportQuote.objects.exists()


def test_removing_a_quote_makes_a_new_revision(client, analyst, report, county, source):
    _choose(client, analyst, report, county["phenomenon"], source, QUOTE)
    quote = ReportQuote.objects.get()
    response = client.post(reverse("reports:quote_remove", args=[report.pk, quote.pk]))
    assert response.status_code == 302
    assert not ReportQuote.objects.exists()
    report.refresh_from_db()
    assert report.revision == 3
    client.post(reverse("reports:quote_remove", args=[report.pk, quote.pk]))
    report.refresh_from_db()
    assert report.revision == 3


def test_a_quote_whose_text_was_erased_is_left_out_and_flagged(
    client, analyst, report, county, source
):
    _choose(client, analyst, report, county["phenomenon"], source, QUOTE)
    source.text, source.text_erased_at = "", timezone.now()
    source.save()
    report.refresh_from_db()
    assert _quotes_in(report) == []
    page = client.get(
        reverse("reports:detail", args=[report.pk]), headers={"accept-language": "en"}
    ).content.decode()
    assert "Left out of the report:" in page and "has changed or been erased" in page


def test_a_quote_that_no_longer_passes_the_check_is_left_out(report, county, source, analyst):
    # Stored before a rule became stricter, say: the check runs again at every generation.
    ReportQuote.objects.create(
        report=report,
        phenomenon=county["phenomenon"],
        observation=source,
        text="Asumisneuvontaa ei ole saatavilla",
        chosen_by=analyst,
    )
    stale = ReportQuote.objects.create(
        report=report,
        phenomenon=county["phenomenon"],
        observation=county["phenomenon"].observations.get(text__startswith="Matti"),
        text="kertoi",
        chosen_by=analyst,
    )
    write_behind_the_guard(stale, text="Matti Virtanen kertoi")
    assert [text for _title, text, _source in _quotes_in(report)] == [
        "Asumisneuvontaa ei ole saatavilla"
    ]


def test_a_quote_outside_a_changed_period_is_left_out_and_flagged(
    client, analyst, report, county, source
):
    _choose(client, analyst, report, county["phenomenon"], source, QUOTE)
    report.refresh_from_db()
    services.update_definition(
        report=report,
        fields={"first_day": datetime.date(2026, 4, 1), "last_day": datetime.date(2026, 6, 30)},
    )
    report.refresh_from_db()
    assert _quotes_in(report) == []
    page = client.get(
        reverse("reports:quotes", args=[report.pk]), headers={"accept-language": "en"}
    ).content.decode()
    assert "Quotes of other phenomena" in page and "Left out of the report:" in page


def test_a_quote_chosen_after_approval_withdraws_the_approval(
    client, analyst, approver, report, county, source, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.start_run(report=report, user=analyst)
    services.approve_report(report=report, user=approver, run_id=run.pk)
    _choose(client, analyst, report, county["phenomenon"], source, QUOTE)
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT
    assert (report.approved_by, report.approved_run) == (None, None)
    client.force_login(analyst)
    client.post(reverse("reports:publish", args=[report.pk]), {"confirmed": "yes"})
    report.refresh_from_db()
    assert report.published_run is None


def test_the_approver_sees_each_quote_with_its_phenomenon_before_the_button(
    client, analyst, approver, report, county, source, django_capture_on_commit_callbacks
):
    _choose(client, analyst, report, county["phenomenon"], source, QUOTE)
    with django_capture_on_commit_callbacks(execute=True):
        runs.start_run(report=report, user=analyst)
    client.force_login(approver)
    page = client.get(
        reverse("reports:detail", args=[report.pk]), headers={"accept-language": "en"}
    ).content.decode()
    listed = page.index("Quotes in this version")
    button = page.index("Approve the report")
    assert listed < page.index("Häätöjen uhka", listed) < page.index(QUOTE, listed) < button


def test_a_quote_is_shown_in_its_observations_language(
    client, analyst, approver, report, county, source, django_capture_on_commit_callbacks
):
    source.language = "sv"
    source.save(update_fields=["language"])
    _choose(client, analyst, report, county["phenomenon"], source, QUOTE)
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.start_run(report=report, user=analyst)
    run.refresh_from_db()
    quoted = [q for s in run.content["sections"] for i in s["items"] for q in i["quotes"]]
    assert [q["language"] for q in quoted] == ["sv"]
    client.force_login(approver)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    # Before approving, in the chosen quotes and in the generated report.
    assert page.count(f'<blockquote class="report-quote" lang="sv"><p>{QUOTE}') == 3


def test_a_version_with_a_quote_that_no_longer_holds_cannot_be_approved(
    client, analyst, approver, report, county, source, django_capture_on_commit_callbacks
):
    _choose(client, analyst, report, county["phenomenon"], source, QUOTE)
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.start_run(report=report, user=analyst)
    source.text = "Teksti muutettiin."
    source.save()
    with pytest.raises(services.StateError):
        services.approve_report(report=report, user=approver, run_id=run.pk)
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT


def test_a_version_with_quotes_nobody_chose_cannot_be_approved(approver, report, county):
    # A version generated when quotes were still taken automatically.
    content = build_content(Definition.from_report(report)).as_json()
    content["sections"][-1]["items"] = [{"title": "Ilmiö", "paragraphs": [], "quotes": [QUOTE]}]
    run = ReportRun.objects.create(
        report=report, revision=report.revision, state="done", content=content
    )
    with pytest.raises(services.StateError):
        services.approve_report(report=report, user=approver, run_id=run.pk)


def test_a_withdrawn_observation_is_neither_offered_nor_quoted(
    client, analyst, report, county, source
):
    _choose(client, analyst, report, county["phenomenon"], source, QUOTE)
    source.withdrawn_at = timezone.now()
    source.save(update_fields=["withdrawn_at"])
    report.refresh_from_db()
    assert _quotes_in(report) == []
    page = client.get(
        reverse("reports:detail", args=[report.pk]), headers={"accept-language": "en"}
    ).content.decode()
    assert "has withdrawn the observation" in page
    ReportQuote.objects.all().delete()
    refused = _choose(client, analyst, report, county["phenomenon"], source, QUOTE)
    assert refused.status_code == 400
    assert not ReportQuote.objects.exists()
