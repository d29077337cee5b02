"""Quotes in a report: which phenomena may have them, the excerpts suggested to the analyst,
and whether a chosen quote may still be shown.

Nothing is quoted automatically. An analyst chooses each quote from the suggested excerpts
(and may shorten it); it is checked when chosen and again every time the report is
generated, since the observation, the phenomenon's links or the period's counts may have
changed meanwhile. A chosen quote that no longer holds is left out and flagged on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analysis.models import Phenomenon, PhenomenonLink
from lib.excerpts import is_excerpt_of, shorten
from privacy.quotes import problem_messages, quote_problems
from reporting.models import Observation
from reports import access
from reports.facts import CURRENT, Facts
from reports.models import ReportQuote

NOT_SHARED = gettext_lazy(
    "The observation's organisation no longer shares its observations with yours: the quote's "
    "words are not shown, and the report leaves it out."
)

MAIN_PHENOMENA = 5
QUOTES_PER_PHENOMENON = 2
SUGGESTIONS_PER_PHENOMENON = 20
QUOTE_MAX_CHARS = 300


def main_phenomena(facts: Facts) -> list[int]:
    """The phenomena with the most observations in the period, most first."""
    return [pk for pk, _n in facts.phenomena(CURRENT).most_common(MAIN_PHENOMENA)]


def quotable_phenomena(facts: Facts) -> list[Phenomenon]:
    """The main phenomena with enough observations in the period to be quoted from: a
    smaller one could point at the few people behind it."""
    counts = facts.phenomena(CURRENT)
    wanted = [pk for pk in main_phenomena(facts) if counts[pk] >= facts.threshold]
    found = Phenomenon.objects.in_bulk(wanted)
    return [found[pk] for pk in wanted]


def source_observations(facts: Facts, phenomenon_id: int) -> QuerySet[Observation]:
    """The observations a quote under the phenomenon may come from: in the report's scope
    and period, linked to the phenomenon, their text neither erased nor withdrawn by the
    reporter."""
    linked = PhenomenonLink.objects.filter(phenomenon_id=phenomenon_id).values("observation_id")
    return facts.rows(CURRENT).filter(
        pk__in=linked, text_erased_at__isnull=True, withdrawn_at__isnull=True
    )


@dataclass
class Suggestion:
    observation: Observation
    text: str
    problems: list[str]
    chosen: bool = False

    @property
    def passes(self) -> bool:
        return not self.problems


@dataclass
class Checked:
    """A chosen quote and why it is left out of the report (nothing when it is shown);
    ``withheld`` when its words may not be shown at all, since the observation's organisation
    no longer shares with the report's."""

    quote: ReportQuote
    problems: list[str] = field(default_factory=list)
    withheld: bool = False

    @property
    def shown(self) -> bool:
        return not self.problems


@dataclass
class PhenomenonQuotes:
    """One quotable phenomenon on the page for choosing quotes."""

    phenomenon: Phenomenon
    count: int
    chosen: list[Checked]
    suggestions: list[Suggestion]

    @property
    def full(self) -> bool:
        return len(self.chosen) >= QUOTES_PER_PHENOMENON


def for_choosing(facts: Facts, report_id: int) -> tuple[list[PhenomenonQuotes], list[Checked]]:
    """Per quotable phenomenon, the chosen quotes and the suggested excerpts; and apart, the
    chosen quotes of phenomena that can no longer be quoted from."""
    checked = checked_quotes(facts, report_id)
    counts = facts.phenomena(CURRENT)
    blocks = []
    for phenomenon in quotable_phenomena(facts):
        chosen = checked.pop(phenomenon.pk, [])
        found = suggestions(facts, phenomenon.pk, [c.quote for c in chosen])
        blocks.append(PhenomenonQuotes(phenomenon, counts[phenomenon.pk], chosen, found))
    return blocks, [c for group in checked.values() for c in group]


def suggestions(facts: Facts, phenomenon_id: int, chosen: list[ReportQuote]) -> list[Suggestion]:
    """The newest observations under the phenomenon, shortened, each with what the quote
    check finds in it."""
    taken = {(q.observation_id, q.text) for q in chosen}
    rows = source_observations(facts, phenomenon_id).order_by("-submitted_at", "-pk")
    found = []
    for observation in rows[:SUGGESTIONS_PER_PHENOMENON]:
        text = shorten(observation.text, QUOTE_MAX_CHARS)
        if not text:
            continue
        problems = problem_messages(quote_problems(text, observation.language))
        found.append(Suggestion(observation, text, problems, (observation.pk, text) in taken))
    return found


def checked_quotes(facts: Facts, report_id: int) -> dict[int, list[Checked]]:
    """Every chosen quote of the report by phenomenon, each with the reasons, if any, why
    it cannot be shown in a report generated now."""
    chosen = list(
        ReportQuote.objects.filter(report_id=report_id).select_related("observation", "phenomenon")
    )
    if not chosen:
        return {}
    quotable = {p.pk for p in quotable_phenomena(facts)}
    withheld = access.withheld_observations(
        [q.observation_id for q in chosen], facts.definition.owner_ids or ()
    )
    in_scope = set(
        PhenomenonLink.objects.filter(
            observation_id__in=facts.rows(CURRENT).values("pk"),
            phenomenon_id__in=[q.phenomenon_id for q in chosen],
        ).values_list("phenomenon_id", "observation_id")
    )
    checked: dict[int, list[Checked]] = {}
    for quote in chosen:
        if quote.observation_id in withheld:
            found = Checked(quote, [NOT_SHARED], withheld=True)
        else:
            found = Checked(quote, _problems(quote, quotable, in_scope, facts.definition.language))
        checked.setdefault(quote.phenomenon_id, []).append(found)
    return checked


def version_quotes(facts: Facts, report_id: int, content: dict) -> list[tuple[str, str, list, str]]:
    """Each quote of a generated version as (phenomenon, text, problems, language): a version
    may be approved only when every quote in it is a chosen one that still holds. The text
    is empty where the words may no longer be shown."""
    checked = {
        (c.quote.observation_id, c.quote.text): c.problems
        for group in checked_quotes(facts, report_id).values()
        for c in group
    }
    quoted = [
        (item["title"], *_text_and_source(quote), _language(quote))
        for section in content.get("sections", [])
        for item in section.get("items", [])
        for quote in item.get("quotes", [])
    ]
    withheld = access.withheld_observations(
        [source for _title, _text, source, _language in quoted], facts.definition.owner_ids or ()
    )
    found = []
    for title, text, source, language in quoted:
        if source in withheld:
            found.append((title, "", [NOT_SHARED], ""))
            continue
        problems = checked.get((source, text))
        if problems is None:
            problems = [_("Nobody chose this quote. Generate the report again.")]
        found.append((title, text, problems, language))
    return found


def _language(quote) -> str:
    # Versions generated before quotes kept their observation's language have none.
    return "" if isinstance(quote, str) else quote.get("language", "")


def _text_and_source(quote) -> tuple[str, int | None]:
    # Versions generated before quotes were chosen stored each quote as a bare text.
    if isinstance(quote, str):
        return quote, None
    return quote["text"], quote.get("observation")


def shown(checked: list[Checked]) -> list[ReportQuote]:
    """The chosen quotes a report shows under one phenomenon, at most the allowed number."""
    return [c.quote for c in checked if c.shown][:QUOTES_PER_PHENOMENON]


def _problems(quote: ReportQuote, quotable: set, in_scope: set, language: str) -> list[str]:
    if quote.phenomenon_id not in quotable:
        return [
            _(
                "The phenomenon is no longer among the main phenomena of the period with "
                "enough observations to be quoted from."
            )
        ]
    observation = quote.observation
    if observation is None:
        return [_("The observation has been deleted.")]
    if (quote.phenomenon_id, observation.pk) not in in_scope:
        return [
            _(
                "The observation is no longer in the report's period or scope, or no longer "
                "linked to the phenomenon."
            )
        ]
    if observation.withdrawn_at is not None:
        return [_("The reporter has withdrawn the observation: its words are no longer quoted.")]
    if observation.text_erased_at is not None or not is_excerpt_of(quote.text, observation.text):
        return [_("The observation's text has changed or been erased since the quote was chosen.")]
    return problem_messages(quote_problems(quote.text, observation.language or language))
