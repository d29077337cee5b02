"""Where an early signal leads: the observations it counted, a phenomenon and a proposal.

A signal is named by a token that says which day's run, which direction and which cell
(theme or phenomenon, area or target group, concern or positive) it is: the token travels
in links and forms, and ``access.get_signal_for_analyst`` reads the finding again from the
person's own stored run, so nothing but the cell's identity comes from the browser.

The observations of a signal are those of its cell in the weeks it compared: the recent
window for a rise; for a fall, where the recent weeks hold few or none, the baseline weeks
before them. They are found with the inbox's own filters (``inbox_filters``), so the inbox
shows exactly the observations the signal counted, and a phenomenon started from the signal
takes exactly those.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from analysis.models import Phenomenon
from analysis.signals import (
    FALLING,
    MUNICIPALITY,
    RISING,
    TARGET_GROUP,
    THEME,
    CellKey,
    Finding,
    Names,
    SignalParams,
)
from reporting.models import Signal, Theme

TOKEN = re.compile(
    r"(?P<as_of>\d{4}-\d{2}-\d{2})\.(?P<direction>rising|falling)\.(?P<kind>theme|phenomenon)"
    r"\.(?P<subject>\d{1,18})\.(?P<municipality>\d{0,18})\.(?P<target_group>\d{0,18})"
    r"\.(?P<signal>[a-z_]{1,20})"
)


@dataclass(frozen=True)
class SignalRef:
    """Which signal: the day of its run, its direction and its cell."""

    as_of: datetime.date
    direction: str
    key: CellKey

    @property
    def token(self) -> str:
        key = self.key
        parts = [
            self.as_of.isoformat(),
            self.direction,
            key.kind,
            key.subject_id,
            key.municipality_id or "",
            key.target_group_id or "",
            key.signal,
        ]
        return ".".join(str(part) for part in parts)

    @classmethod
    def parse(cls, token: str) -> SignalRef | None:
        """The reference a token names, or None for anything else."""
        match = TOKEN.fullmatch(token or "")
        if match is None or match["signal"] not in Signal.values:
            return None
        try:
            as_of = datetime.date.fromisoformat(match["as_of"])
        except ValueError:
            return None
        key = CellKey(
            kind=match["kind"],
            subject_id=int(match["subject"]),
            municipality_id=int(match["municipality"]) if match["municipality"] else None,
            signal=match["signal"],
            target_group_id=int(match["target_group"]) if match["target_group"] else None,
        )
        if key.municipality_id is not None and key.target_group_id is not None:
            return None
        return cls(as_of, match["direction"], key)


@dataclass(frozen=True)
class LinkedSignal:
    """One finding of a run with what it refers to, and where it leads."""

    as_of: datetime.date
    finding: Finding
    names: Names

    @property
    def key(self) -> CellKey:
        return self.finding.key

    @property
    def subject(self) -> Theme | Phenomenon:
        return self.names.subject(self.key)

    @property
    def token(self) -> str:
        return SignalRef(self.as_of, self.finding.direction, self.key).token

    @property
    def falling(self) -> bool:
        return self.finding.direction == FALLING

    @property
    def is_theme(self) -> bool:
        return self.key.kind == THEME

    @property
    def usable(self) -> bool:
        """Whether its theme or phenomenon is still in use: the inbox filters by active
        themes and phenomena only, and a stored run may be older than a merge."""
        if self.is_theme:
            return self.subject.is_active
        return self.subject.status == Phenomenon.Status.ACTIVE

    @property
    def count(self) -> int:
        """How many observations the signal counted in its weeks (see ``period``)."""
        return self.finding.baseline if self.falling else self.finding.recent

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The first and last day of the weeks whose observations the signal leads to: the
        recent window of a rise, the baseline weeks of a fall."""
        ranges = SignalParams(as_of=self.as_of).week_ranges()
        window = self.finding.window_weeks
        if not self.falling:
            return ranges[-window][0], ranges[-1][1]
        weeks = window + self.finding.baseline_weeks
        return ranges[-weeks][0], ranges[-window - 1][1]

    def inbox_filters(self) -> dict[str, str]:
        """The inbox's filter values that select exactly the signal's observations."""
        start, end = self.period()
        filters = {
            "start": start.isoformat(),
            "end": end.isoformat(),
            self.key.kind: str(self.key.subject_id),
            "signal": self.key.signal,
        }
        if self.key.level == MUNICIPALITY:
            # An observation about the whole county counts county-wide only, even where it
            # also names municipalities.
            filters |= {"municipality": str(self.key.municipality_id), "whole_county": "no"}
        elif self.key.level == TARGET_GROUP:
            filters["target_group"] = str(self.key.target_group_id)
        return filters

    def inbox_url(self) -> str:
        return reverse("analysis:inbox") + "?" + urlencode(self.inbox_filters())

    def area(self) -> str:
        # The dashboard's own words; imported here, as the dashboard imports this module.
        from analysis.views.signals import area_name

        return area_name(self.key, self.names)

    def name_proposal(self) -> str:
        """A name for a phenomenon started from the signal: its subject and area."""
        return _("%(subject)s, %(area)s") % {"subject": self.subject.name, "area": self.area()}

    def reference_text(self) -> str:
        """The signal and its evidence in a few sentences, for a phenomenon's description or
        a proposal's rationale."""
        from analysis.views.signals import baseline_text, evidence_text

        values = {
            "as_of": date_format(self.as_of, "SHORT_DATE_FORMAT"),
            "subject": self.subject.name,
            "area": self.area(),
            "signal": Signal(self.key.signal).label,
        }
        if self.finding.direction == RISING:
            lead = _("Rising early signal up to %(as_of)s: %(subject)s, %(area)s (%(signal)s).")
        else:
            lead = _("Falling early signal up to %(as_of)s: %(subject)s, %(area)s (%(signal)s).")
        return " ".join([lead % values, evidence_text(self.finding), baseline_text(self.finding)])
