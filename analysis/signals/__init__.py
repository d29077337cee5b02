"""Early signals: themes and phenomena whose observations rise or fall, by area.

``counts`` counts observations per week in the database, ``stats`` holds the exact binomial
test and the false-discovery-rate step-up, ``detect`` decides what is listed.
"""

from analysis.signals.counts import PHENOMENON, THEME, CellKey, count_weeks, week_edges
from analysis.signals.detect import (
    FALLING,
    RISING,
    Finding,
    Names,
    SignalParams,
    as_json,
    cached_signals,
    detect_signals,
    find_signals,
)

__all__ = [
    "FALLING",
    "PHENOMENON",
    "RISING",
    "THEME",
    "CellKey",
    "Finding",
    "Names",
    "SignalParams",
    "as_json",
    "cached_signals",
    "count_weeks",
    "detect_signals",
    "find_signals",
    "week_edges",
]
