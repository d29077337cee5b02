from io import StringIO

from django.core.management import call_command


def test_stored_proposal_texts_can_be_scanned_again(proposal):
    proposal.quotes.create(text="Soita numeroon 040 123 4567.")
    proposal.response_text = "Vastaus."
    proposal.save()
    out = StringIO()
    call_command("scan_pii", "--stored", stdout=out)
    hits = [line.split("\t")[:3] for line in out.getvalue().splitlines()[:-1]]
    assert ["quotes", f"quote:{proposal.quotes.get().pk}", "phone"] in hits
    assert "040 123 4567" not in out.getvalue()
