from io import StringIO

from django.core.management import call_command

from privacy.tests.helpers import write_behind_the_guard


def test_stored_proposal_texts_can_be_scanned_again(proposal):
    quote = proposal.quotes.create(text="Soita toimistoon.")
    write_behind_the_guard(quote, text="Soita numeroon 040 123 4567.")
    out = StringIO()
    call_command("scan_pii", "--stored", stdout=out)
    hits = [line.split("\t")[:3] for line in out.getvalue().splitlines()[:-1]]
    assert ["quote", f"quote:{quote.pk}:text", "phone"] in hits
    assert "040 123 4567" not in out.getvalue()
