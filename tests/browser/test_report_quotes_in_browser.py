"""In a real browser: an analyst chooses a shortened quote for a report, a name is refused,
and the second analyst sees the quote with its phenomenon before approving."""

from accounts.tests.factories import MembershipFactory
from analysis.models import PhenomenonLink
from analysis.tests.factories import PhenomenonFactory
from reports import outputs
from reports.models import Report
from reports.tests.conftest import observe
from reports.tests.factories import make_report
from tests.browser.conftest import LIVE, sign_in

pytestmark = LIVE

TEXT = "Asumisneuvontaa ei ole saatavilla iltaisin, vaikka häätöuhat ovat lisääntyneet."
SHORTENED = "Asumisneuvontaa ei ole saatavilla iltaisin"
NAMED = "Matti Virtanen kertoi, että asunnon saaminen kestää kuukausia."


def test_the_approver_sees_the_chosen_quotes_before_approving(
    new_page, org_a, analyst, monkeypatch
):
    monkeypatch.setitem(outputs.RENDERERS, "pdf", lambda content: b"%PDF-1.7 test")
    MembershipFactory(organisation=org_a, role="analyst", user__username="approver")
    phenomenon = PhenomenonFactory(organisation=org_a, name="Häätöjen uhka")
    quoted = observe(org_a, text=TEXT)
    named = observe(
        org_a,
        text=NAMED,
        privacy_confirmations=[{"field": "text", "kind": "name", "text": "Matti Virtanen"}],
    )
    for observation in [
        quoted,
        named,
        *(observe(org_a, text="Jonot ovat pitkiä.") for _ in range(4)),
    ]:
        PhenomenonLink.objects.create(phenomenon=phenomenon, observation=observation)
    report = make_report(org_a, author=analyst)

    author = new_page("fi")
    sign_in(author, "analyst")
    author.goto(f"/reports/{report.pk}/quotes/")
    card = author.locator(f"#excerpt-{phenomenon.pk}-{named.pk}")
    assert "Ei läpäise lainaustarkistusta" in card.inner_text()
    card.get_by_role("button", name="Valitse tämä lainaus").click()
    author.wait_for_selector("#error-summary")
    assert "Lainauksessa on nimi." in author.inner_text("#error-summary")
    assert author.input_value(f"#id_quote-{phenomenon.pk}-{named.pk}-text") == NAMED

    card = author.locator(f"#excerpt-{phenomenon.pk}-{quoted.pk}")
    card.locator("textarea").fill(SHORTENED)
    card.get_by_role("button", name="Valitse tämä lainaus").click()
    author.wait_for_selector(".message--success")
    author.goto(f"/reports/{report.pk}/")
    author.get_by_role("button", name="Muodosta raportti").click()
    author.wait_for_selector(".message--success")

    approver = new_page("fi")
    sign_in(approver, "approver")
    approver.goto(f"/reports/{report.pk}/")
    approval = approver.locator("section.report-actions")
    listed = approval.locator("dl.quote-chosen-list")
    assert listed.locator("dt").all_inner_texts() == ["Häätöjen uhka"]
    assert listed.locator("dd").all_inner_texts() == [SHORTENED]
    section_text = approval.inner_text()
    assert section_text.index(SHORTENED) < section_text.index("Hyväksy raportti")
    approval.get_by_role("button", name="Hyväksy raportti").click()
    approver.wait_for_selector(".message--success")
    report.refresh_from_db()
    assert report.state == Report.State.APPROVED
    assert report.approved_run == report.runs.get()
    assert [q["text"] for q in _quotes(report.approved_run.content)] == [SHORTENED]


def _quotes(content):
    return [
        quote
        for section in content["sections"]
        for item in section["items"]
        for quote in item["quotes"]
    ]
