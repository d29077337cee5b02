from django.urls import reverse
from django.utils import timezone


def act(client, user, proposal, action, *, seen_status=None):
    """Press a life-cycle button on the proposal page as ``user``."""
    client.force_login(user)
    return client.post(
        reverse("proposals:step", args=[proposal.pk]),
        {"action": action, "seen_status": seen_status or proposal.status},
    )


def answer(client, user, proposal, *, decision="accepted", text="Ehdotus hyväksytään."):
    client.force_login(user)
    return client.post(
        reverse("proposals:answer", args=[proposal.pk]),
        {
            "seen_status": "submitted",
            "decision": decision,
            "response_text": text,
            "response_date": timezone.localdate().isoformat(),
        },
    )
