"""Early signals: themes and phenomena whose observations rise or fall, by area.

``counts`` counts observations per week in the database, ``stats`` holds the exact tests, the
seasonal factor and the false-discovery-rate control, ``detect`` decides what is listed,
``names`` fetches what findings refer to.
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
    SignalParams,
    detect_signals,
    find_signals,
)
from analysis.signals.names import Names, as_json

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
