"""Reading the evidence of a proposal: what a phenomenon brings to a new draft, and the newest
statistics of the linked indicators."""

from accounts.access import shared_scope
from analysis.access import get_phenomenon_for_user
from analysis.models import Indicator, IndicatorValue
from analysis.signal_links import LinkedSignal
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


def initial_from_signal(signal: LinkedSignal, user) -> dict:
    """A new draft prefilled from an early signal: its phenomenon as ``initial_from_phenomenon``
    brings it, or its theme with the signal's municipality or target group and the theme's
    statistics; and the signal's evidence as the rationale."""
    if signal.is_theme:
        theme = signal.subject
        initial = {
            "title": signal.name_proposal(),
            "themes": [theme.pk],
            "municipalities": [signal.key.municipality_id] if signal.key.municipality_id else [],
            "target_groups": [signal.key.target_group_id] if signal.key.target_group_id else [],
            "indicators": list(theme.indicators.values_list("pk", flat=True)),
        }
    else:
        phenomenon = get_phenomenon_for_user(user, signal.key.subject_id)
        initial = initial_from_phenomenon(phenomenon)
    return initial | {"rationale": signal.reference_text()}


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


def indicators_by_theme(proposal) -> list[tuple]:
    """Each theme of the proposal beside the linked indicators that belong to it."""
    linked = list(proposal.indicators.prefetch_related("themes"))
    return [
        (theme, [indicator for indicator in linked if theme in indicator.themes.all()])
        for theme in proposal.themes.all()
    ]
