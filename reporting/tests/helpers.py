"""Building valid form posts for the observation form."""

import uuid

from reporting.models import Municipality, TargetGroup


def form_data(**overrides) -> dict:
    data = {
        "submission_key": str(uuid.uuid4()),
        "text": "Nuorten mielenterveyspalvelujen jonot ovat pidentyneet koko syksyn ajan.",
        "signal": "concern",
        "novelty": "growing",
        "target_groups": [TargetGroup.objects.get(code="children_families").pk],
        "municipalities": [Municipality.objects.get(code="743").pk],
        "reach": "6_20",
        "duration": "1_6m",
        "suggestion": "Matalan kynnyksen keskusteluapua kouluille.",
        "answered_as": "alone",
        "language": "fi",
        "action": "submit",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
