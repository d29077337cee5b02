"""A set of non-overlapping text spans with fast overlap tests (long texts have many)."""

import bisect


class SpanSet:
    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self._starts, end)
        # The span starting last before ``end`` is the only one that can reach into it, since
        # the spans in the set never overlap each other.
        return index > 0 and self._ends[index - 1] > start

    def bounds(self) -> tuple[list[int], list[int]]:
        """The starts and ends of the spans, in order."""
        return self._starts, self._ends

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none already in the set."""
        index = bisect.bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)
