"""The proposals' stored free texts, offered to the personal-data guard for re-scanning."""

from proposals.models import ActionProposal, Quote

PROPOSAL_TEXTS = (
    "title",
    "problem",
    "proposed_action",
    "rationale",
    "expected_effect",
    "response_text",
    "public_summary",
)


def proposal_texts():
    rows = ActionProposal.objects.values_list("pk", *PROPOSAL_TEXTS)
    for pk, *texts in rows.iterator():
        yield f"proposal:{pk}", "\n".join(t for t in texts if t), "fi"


def quote_texts():
    rows = Quote.objects.values_list("pk", "text", "observation__language")
    for pk, text, language in rows.iterator():
        yield f"quote:{pk}", text, language or "fi"
