"""The reports' stored texts, declared to the personal-data guard (``privacy.stored``)."""

from privacy import stored
from reports.models import Report, ReportFile, ReportRun

stored.free_text(Report, "title", "summary", "conclusions", "recommendations")
stored.not_text(ReportRun, "error", why="Sora's own error message")
stored.derived(ReportRun, "content", why="the report's figures and the quotes chosen for it")
stored.derived(ReportFile, "data", why="a format rendered from a run's content")
