"""A campaign's results: how many answered, from which kinds of organisation and when, and
what each question was answered, as tables with a chart beside each.

Analysts of the owner organisation see exact counts and the text answers that pass the strict
quote check (``privacy.quotes``), without withdrawn or erased observations. The version to
share goes beyond the analysts, so it is suppressed as published reports are: a count from 1
to ``threshold - 1`` shows as "<5" and is not drawn; when a table hides one count, the next
smallest is hidden too and the table's total is left out, so that no hidden count can be
worked out by subtraction; and no free text is listed.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from privacy.quotes import quote_problems
from reporting.models import SCALE_TOP, Campaign, CampaignAnswer, CampaignQuestion
from reports.charts import bar_chart
from reports.content import Cell, Row, Table

# Up to this many weeks the responses are counted per week, beyond it per month.
WEEKLY_UP_TO = 12


def threshold() -> int:
    """The smallest count shown as a number in the version to share; the reports' setting."""
    return max(2, settings.REPORT_SUPPRESSION_THRESHOLD)


@dataclass
class CountRow:
    label: str
    count: int
    hidden: bool = False

    @property
    def shown(self) -> str:
        return f"<{threshold()}" if self.hidden else str(self.count)


@dataclass
class CountTable:
    id: str
    caption: str
    rows: list[CountRow]
    total: int
    total_label: str
    row_header: str = ""
    chart: SafeString = SafeString("")

    @property
    def total_shown(self) -> str | None:
        """The total, unless a hidden count could be worked out from it."""
        if any(row.hidden for row in self.rows):
            return None
        return str(self.total)


@dataclass
class TextAnswers:
    question: CampaignQuestion
    texts: list[str]
    left_out: int


@dataclass
class Results:
    campaign: Campaign
    shared: bool
    responses: CountRow
    by_type: CountTable
    over_time: CountTable
    questions: list[CountTable | TextAnswers] = field(default_factory=list)

    @property
    def limit(self) -> int:
        return threshold()

    def tables(self) -> list[CountTable]:
        found = [self.by_type, self.over_time]
        return found + [item for item in self.questions if isinstance(item, CountTable)]

    def texts(self) -> list[TextAnswers]:
        return [item for item in self.questions if isinstance(item, TextAnswers)]


def build(campaign: Campaign, observations, *, shared: bool) -> Results:
    """The results of the given observations of the campaign, as one audience may see them."""
    rows = list(observations.select_related("organisation__type").order_by("submitted_at"))
    count = len(rows)
    answers = list(
        CampaignAnswer.objects.filter(observation__in=[o.pk for o in rows]).select_related(
            "observation"
        )
    )
    by_question: dict[int, list[CampaignAnswer]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    questions = [
        _question_result(question, by_question.get(question.pk, []), shared)
        for question in campaign.questions.order_by("order", "pk")
    ]
    return Results(
        campaign=campaign,
        shared=shared,
        responses=CountRow(_("Observations"), count, shared and 0 < count < threshold()),
        by_type=_table(
            "by-type",
            _("Observations by organisation type"),
            Counter(str(o.organisation.type) for o in rows).most_common(),
            count,
            shared,
            _("Organisation type"),
        ),
        over_time=_table(
            "over-time",
            _("Observations over time"),
            _periods([o.submitted_at for o in rows]),
            count,
            shared,
            _("Period"),
        ),
        questions=[item for item in questions if item is not None],
    )


def _table(table_id, caption, counts, total, shared, row_header, total_label="") -> CountTable:
    rows = [CountRow(label, number) for label, number in counts]
    if shared:
        _suppress(rows)
    table = CountTable(table_id, caption, rows, total, total_label or _("Total"), row_header)
    table.chart = _chart(table)
    return table


def _suppress(rows: list[CountRow]) -> None:
    """Hide small counts, and one more when a single hidden count could be derived."""
    for row in rows:
        row.hidden = 0 < row.count < threshold()
    hidden = [row for row in rows if row.hidden]
    if len(hidden) == 1:
        others = sorted((row for row in rows if row.count and not row.hidden), key=_size)
        if others:
            others[0].hidden = True


def _size(row: CountRow) -> int:
    return row.count


def _chart(table: CountTable) -> SafeString:
    cells = [
        Row(row.label, [Cell(row.shown, None if row.hidden else row.count, "count")])
        for row in table.rows
    ]
    shape = Table(
        id=table.id,
        caption=table.caption,
        columns=[_("Observations")],
        rows=cells,
        chart_title=table.caption,
        chart_column=0,
    )
    return bar_chart(shape, f"chart-{table.id}")


def _periods(times: list[datetime.datetime]) -> list[tuple[str, int]]:
    if not times:
        return []
    days = [timezone.localtime(moment).date() for moment in times]
    weekly = (max(days) - min(days)).days <= WEEKLY_UP_TO * 7
    counts = Counter(_period_of(day, weekly) for day in days)
    keys, current, last = [], min(counts), max(counts)
    while current <= last:
        keys.append(current)
        current = _next_period(current, weekly)
    return [(_period_label(key, weekly), counts.get(key, 0)) for key in keys]


def _period_of(day: datetime.date, weekly: bool) -> datetime.date:
    if weekly:
        return day - datetime.timedelta(days=day.weekday())
    return day.replace(day=1)


def _next_period(start: datetime.date, weekly: bool) -> datetime.date:
    if weekly:
        return start + datetime.timedelta(days=7)
    return (start + datetime.timedelta(days=32)).replace(day=1)


def _period_label(start: datetime.date, weekly: bool) -> str:
    if weekly:
        year, week, _day = start.isocalendar()
        return _("Week %(week)s/%(year)s") % {"week": week, "year": year}
    return f"{start.month}/{start.year}"


def _question_result(question, answers, shared):
    if question.is_text:
        return None if shared else _text_answers(question, answers)
    answered = [a for a in answers if a.value not in (None, "", [])]
    counts: Counter = Counter()
    for answer in answered:
        values = answer.value if isinstance(answer.value, list) else [answer.value]
        counts.update(str(value) for value in values)
    if question.kind == CampaignQuestion.Kind.SCALE:
        options = [(str(n), f"{n} / {SCALE_TOP}") for n in range(1, SCALE_TOP + 1)]
    else:
        options = question.choice_list()
    known = {value for value, _label in options}
    options += [(value, value) for value in sorted(counts) if value not in known]
    return _table(
        f"question-{question.pk}",
        question.text,
        [(label, counts.get(value, 0)) for value, label in options],
        len(answered),
        shared,
        _("Answer"),
        total_label=_("Answered the question"),
    )


def _text_answers(question, answers) -> TextAnswers:
    """The answers fit to be read beside the figures: not withdrawn, not erased, and passing
    the strict quote check; the others are counted, not shown."""
    texts, left_out = [], 0
    for answer in answers:
        text = answer.value if isinstance(answer.value, str) else ""
        if not text.strip():
            continue
        observation = answer.observation
        if (
            observation.is_withdrawn
            or observation.text_erased_at
            or quote_problems(text, observation.language)
        ):
            left_out += 1
            continue
        texts.append(text)
    return TextAnswers(question, texts, left_out)
