"""The reports' stored texts, declared to the personal-data guard (``privacy.stored``).

The narrative is the analysts' free text; a chosen quote is a copy of an observation's words,
and the runs and files made from it hold it too: ``forget_quotes`` takes it out of all of
them when the observation's text is erased or redacted.
"""

from privacy import stored
from reports.models import Report, ReportFile, ReportQuote, ReportRun


def forget_quotes(observation_ids: list[int], replace=None) -> int:
    from reports.services import forget_observation_texts

    return len(forget_observation_texts(observation_ids, replace))


stored.free_text(Report, "title", "summary", "conclusions", "recommendations", "return_note")
stored.free_text(
    ReportQuote, "text", confirmations=None, follows="observation", forget=forget_quotes
)
stored.not_text(ReportRun, "error", why="Sora's own error message")
stored.not_text(
    ReportRun, "figures", why="counts, their keys and sums: what a version covers, no text"
)
stored.derived(ReportRun, "content", why="the report's figures and the quotes chosen for it")
stored.derived(ReportFile, "data", why="a format rendered from a run's content")
