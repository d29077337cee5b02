"""Early signals: themes and phenomena whose observations rise or fall, by area.

``counts`` counts observations per week in the database, ``stats`` holds the exact tests, the
seasonal factor and the false-discovery-rate control, ``detect`` decides what is listed.
"""

from analysis.signals.counts import (
    COUNTY,
    MUNICIPALITY,
    PHENOMENON,
    TARGET_GROUP,
    THEME,
    CellKey,
    count_weeks,
    history_weeks,
    week_edges,
)
from analysis.signals.detect import (
    FALLING,
    RISING,
    Detail,
    Finding,
    Names,
    SignalParams,
    as_json,
    detect_signals,
    find_signals,
)

__all__ = [
    "COUNTY",
    "FALLING",
    "MUNICIPALITY",
    "PHENOMENON",
    "RISING",
    "TARGET_GROUP",
    "THEME",
    "CellKey",
    "Detail",
    "Finding",
    "Names",
    "SignalParams",
    "as_json",
    "count_weeks",
    "detect_signals",
    "find_signals",
    "history_weeks",
    "week_edges",
]
