"""A reporter's follow-up of their own observations: each with its status and what became of
it, news first if they like, a page at a time.

What became of an observation (the phenomenon it joined, the proposal prepared from it, the
answer) is told by the apps further along the chain. Reporting knows none of them: such an
app registers a source here (``register_chain_source``) when it starts, and the page shows
what the source gives with the template the source names.

News is a step of the chain dated after the reporter last opened the observation (or, never
opened, after they sent it); opening it reads the news (``services.mark_read``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.paginator import Paginator

from reporting.models import Observation

PER_PAGE = 10


class Sort:
    NEWEST = "newest"
    OLDEST = "oldest"
    NEWS = "news"
    CHOICES = (NEWEST, OLDEST, NEWS)


@dataclass
class ChainInfo:
    """What an app further along the chain tells about one observation."""

    chain: object  # rendered by the source's template as ``chain``
    latest_at: dt.datetime | None  # the latest dated step, if any


# observations -> {observation id: ChainInfo}
ChainSource = Callable[[list[Observation]], dict[int, ChainInfo]]


@dataclass(frozen=True)
class _Registered:
    source: ChainSource
    template: str


_SOURCES: list[_Registered] = []


def register_chain_source(source: ChainSource, *, template: str) -> None:
    entry = _Registered(source, template)
    if entry not in _SOURCES:
        _SOURCES.append(entry)


@dataclass
class Followed:
    observation: Observation
    chain: object = None
    template: str = ""
    latest_at: dt.datetime | None = None

    @property
    def read_until(self) -> dt.datetime:
        return self.observation.reporter_seen_at or self.observation.submitted_at

    @property
    def has_news(self) -> bool:
        return self.latest_at is not None and self.latest_at > self.read_until

    @property
    def sort_time(self) -> dt.datetime:
        """For "latest news first": the latest step, or the sending when nothing happened."""
        return max(t for t in (self.latest_at, self.observation.submitted_at) if t)


def followed(observations: Iterable[Observation]) -> list[Followed]:
    """Every observation with what the registered sources tell about it."""
    rows = [Followed(observation) for observation in observations]
    sent = [row.observation for row in rows]
    for entry in _SOURCES:
        told = entry.source(sent)
        for row in rows:
            info = told.get(row.observation.pk)
            if info is None:
                continue
            row.chain, row.template = info.chain, entry.template
            if info.latest_at and (row.latest_at is None or info.latest_at > row.latest_at):
                row.latest_at = info.latest_at
    return rows


def arrange(rows: list[Followed], *, sort: str, news_only: bool) -> list[Followed]:
    """Filtered to the observations with news if asked, then sorted."""
    if news_only:
        rows = [row for row in rows if row.has_news]
    if sort == Sort.OLDEST:
        key, reverse = (lambda r: (r.observation.submitted_at, r.observation.pk)), False
    elif sort == Sort.NEWS:
        key, reverse = (lambda r: (r.has_news, r.sort_time, r.observation.pk)), True
    else:
        key, reverse = (lambda r: (r.observation.submitted_at, r.observation.pk)), True
    return sorted(rows, key=key, reverse=reverse)


def page_of(rows: list[Followed], number) -> object:
    return Paginator(rows, PER_PAGE).get_page(number)
