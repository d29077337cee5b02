"""Quotes of a proposal: the excerpts suggested from its evidence observations, and whether a
chosen quote may still go to the recipient.

A quote leaves the organisation with the proposal, so it passes the strict quote check of
``privacy.quotes`` when it is added and again when the proposal is submitted, and it must
be the observation's own words (the analyst may shorten an excerpt, not rewrite it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lib.excerpts import is_excerpt_of, shorten
from lib.i18n import current_language
from privacy.quotes import problem_messages, quote_problems
from proposals import access
from proposals.models import ActionProposal, Quote
from reporting.models import Observation

SUGGESTIONS = 20
QUOTE_MAX_CHARS = 300


NOT_SHARED = gettext_lazy(
    "The observation's organisation no longer shares its observations with the proposal's: "
    "the quote's words are not shown, and it cannot go to the recipient."
)

WITHDRAWN = gettext_lazy(
    "The reporter has withdrawn the observation: its words are no longer quoted. Remove the quote."
)


def source_observations(proposal: ActionProposal) -> QuerySet[Observation]:
    """The evidence observations a quote may come from: linked directly or through the
    proposal's phenomena, shared with the proposal's organisation, their text not erased and
    not withdrawn by the reporter."""
    return access.evidence_observations(proposal).filter(
        text_erased_at__isnull=True, withdrawn_at__isnull=True
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


def suggestions(proposal: ActionProposal, chosen: list[Quote]) -> list[Suggestion]:
    """The newest evidence observations, shortened, each with what the quote check finds."""
    taken = {(q.observation_id, q.text) for q in chosen}
    rows = source_observations(proposal).order_by("-submitted_at", "-pk")[:SUGGESTIONS]
    found = []
    for observation in rows:
        text = shorten(observation.text, QUOTE_MAX_CHARS)
        if text:
            problems = problem_messages(quote_problems(text, observation.language))
            found.append(Suggestion(observation, text, problems, (observation.pk, text) in taken))
    return found


def excerpt_problems(text: str, observation: Observation) -> list[str]:
    """Why ``text`` cannot be quoted from the observation: translated, empty when it can."""
    if observation.text_erased_at is not None or not is_excerpt_of(text, observation.text):
        return [
            _(
                "A quote must be the observation's own words. You may shorten the excerpt "
                "from either end, but not change or join its words."
            )
        ]
    return problem_messages(quote_problems(text, observation.language))


def chosen_problems(quote: Quote, shown: bool) -> list[str]:
    """Why a chosen quote may not go to the recipient (any more); ``shown`` says whether its
    words may be shown (``access.chosen_quotes``)."""
    if not shown:
        return [str(NOT_SHARED)]
    if quote.observation is None:
        problems = problem_messages(quote_problems(quote.text, current_language()))
        return [_("The quote is not linked to an observation."), *problems]
    if quote.observation.withdrawn_at is not None:
        return [str(WITHDRAWN)]
    return excerpt_problems(quote.text, quote.observation)


# Shown to readers and decision-makers: at most this many observations, the newest first.
READABLE = 100


@dataclass
class Readable:
    """An evidence observation as a reader of the proposal sees it: its text only when the
    strict quote check lets all of it through."""

    observation: Observation
    text: str

    @property
    def withheld(self) -> bool:
        return not self.text


def readable_texts(observations: QuerySet[Observation]) -> list[Readable]:
    """The newest observations, each with its text when nothing in it could identify anyone
    (``privacy.quotes``): an erased text or one that fails the check is withheld whole."""
    rows = observations.order_by("-submitted_at", "-pk")[:READABLE]
    found = []
    for observation in rows:
        text = "" if observation.text_erased_at is not None else observation.text
        passes = bool(text) and not quote_problems(text, observation.language)
        found.append(Readable(observation, text if passes else ""))
    return found
