"""Reading the evidence of a proposal: what a phenomenon brings to a new draft, and the newest
statistics of the linked indicators."""

from accounts.access import shared_scope
from analysis.models import Indicator, IndicatorValue
from reporting.models import Municipality, TargetGroup, Theme


def initial_from_phenomenon(phenomenon) -> dict:
    """A new draft prefilled from a phenomenon: its name and description, and the themes,
    target groups, municipalities and statistics of its observations that are shared with
    its organisation now."""
    through = {
        "observations__phenomenon_links__phenomenon": phenomenon,
        "observations__organisation_id__in": shared_scope({phenomenon.organisation_id}),
    }
    themes = list(Theme.objects.filter(**through).distinct())
    return {
        "title": phenomenon.name,
        "problem": phenomenon.description,
        "phenomena": [phenomenon.pk],
        "themes": [t.pk for t in themes],
        "target_groups": list(
            TargetGroup.objects.filter(**through).distinct().values_list("pk", flat=True)
        ),
        "municipalities": list(
            Municipality.objects.filter(**through).distinct().values_list("pk", flat=True)
        ),
        "indicators": list(
            Indicator.objects.filter(themes__in=themes).distinct().values_list("pk", flat=True)
        ),
    }


def latest_values(proposal) -> list[IndicatorValue]:
    """The newest value of each linked indicator in each region."""
    values = (
        IndicatorValue.objects.filter(indicator__proposals=proposal)
        .select_related("indicator")
        .order_by("indicator__name_fi", "region", "-year")
    )
    latest: dict = {}
    for value in values:
        latest.setdefault((value.indicator_id, value.region), value)
    return list(latest.values())
