"""Small-count suppression: the one rule every published or exported figure goes through.

A count from 1 to ``threshold - 1`` is hidden and shown as "<5" (primary suppression). Where
counts add up to a total that is shown — concerns and positive developments to all
observations, organisation types to all observations — one hidden count could be worked out
by subtraction, so more counts are hidden (secondary suppression, shown as "x") until no
hidden count can be worked out from any total, in this table or another table of the same
report. A count is one quantity however many tables show it: a quantity keeps one key, so
it is hidden everywhere or nowhere.

The check plays the reader who knows that a "<5" is 1–4 and that an "x" could be anything,
and narrows each hidden count through every sum it takes part in (sets of integer
intervals, repeated until nothing changes). A hidden count narrowed to one value is
disclosed; the smallest shown count of one of its sums is then hidden too, and the check
runs again. When a sum has nothing left to hide and "<5" itself gives a count away (four
"<5" types under a total of "<5" must each be 1), its "<5" become "x". An "x" that the reader
can narrow to 1–4 is disclosed too: it would say what "<5" says of a count the suppression
chose to hide without a marker. Every step hides more, so it ends.

Counts another table already showed (a report published before) take part with their status
``fixed``: they cannot change, so only the new counts are hidden to protect them; what was
disclosed before the new counts came is not the new table's to mend. So does what a reader
knows without a number: a table that lists a row only when one of its counts is not zero
says that their sum is at least 1 (``NONZERO``).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass

Key = Hashable
Domain = tuple[tuple[int, int], ...]

VISIBLE = "visible"
SMALL = "small"
SECONDARY = "secondary"
HIDDEN = frozenset({SMALL, SECONDARY})
# Never shown, but the reader knows it is not zero: the sum of the counts of a row that a
# table lists only because one of them is not zero. Only ever given as ``fixed``.
NONZERO = "nonzero"

_MAX_ROUNDS = 50


@dataclass(frozen=True)
class Constraint:
    """The parts add up to the total: ``sum(parts) == total``."""

    total: Key
    parts: tuple[Key, ...]

    @property
    def keys(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


def protect(
    values: Mapping[Key, int],
    constraints: Sequence[Constraint],
    threshold: int,
    *,
    fixed: Mapping[Key, str] | None = None,
    hidden: Collection[Key] = (),
) -> dict[Key, str]:
    """The status of every count: visible, small (shown "<5") or secondary (shown "x").

    ``fixed`` gives the status of counts shown elsewhere already, which cannot change;
    ``hidden`` names counts to hide from the start whatever their value."""
    fixed = fixed or {}
    _check(values, constraints)
    status = {
        key: _first_status(key, value, threshold, fixed, hidden) for key, value in values.items()
    }
    adjustable = {key for key in values if key not in fixed}
    settled = set()
    if fixed:
        # What the fixed counts give away with every new count hidden cannot be mended here.
        nothing_new = {
            key: SECONDARY if key in adjustable else state for key, state in status.items()
        }
        settled = set(disclosed(values, nothing_new, constraints, threshold))
    for _round in range(2 * len(values) + 1):
        exposed = [k for k in disclosed(values, status, constraints, threshold) if k not in settled]
        if not exposed:
            break
        extra = _next_to_hide(exposed, values, status, constraints, adjustable)
        if extra is None:
            break
        status[extra] = SECONDARY
    return status


def _first_status(key, value: int, threshold: int, fixed: Mapping, hidden: Collection) -> str:
    if key in fixed:
        return fixed[key]
    if 0 < value < threshold:
        return SMALL
    return SECONDARY if key in hidden else VISIBLE


def disclosed(
    values: Mapping[Key, int],
    status: Mapping[Key, str],
    constraints: Sequence[Constraint],
    threshold: int,
) -> list[Key]:
    """Hidden counts a reader could work out exactly from what is shown, and counts hidden
    without the "<5" marker that a reader could narrow to 1–4."""
    domains = narrowed_domains(values, status, constraints, threshold)
    return sorted(
        (
            key
            for key, state in status.items()
            if state in HIDDEN
            and (
                _is_point(domains[key])
                or (state != SMALL and _within(domains[key], 1, threshold - 1))
            )
        ),
        key=repr,
    )


def narrowed_domains(
    values: Mapping[Key, int],
    status: Mapping[Key, str],
    constraints: Sequence[Constraint],
    threshold: int,
) -> dict[Key, Domain]:
    """What a reader can know of each count: its value if shown, else the values the marker
    and every sum still allow."""
    cap = max(values.values(), default=0)
    domains = {key: _initial(values[key], status[key], threshold, cap) for key in values}
    for _round in range(_MAX_ROUNDS):
        changed = False
        for constraint in constraints:
            changed |= _narrow(constraint, domains)
        if not changed:
            break
    return domains


def _check(values: Mapping[Key, int], constraints: Sequence[Constraint]) -> None:
    for constraint in constraints:
        missing = [key for key in constraint.keys if key not in values]
        if missing:
            raise KeyError(f"constraint refers to unknown counts: {missing!r}")
        if sum(values[key] for key in constraint.parts) != values[constraint.total]:
            raise ValueError(f"the parts do not add up to {constraint.total!r}")


def _initial(value: int, state: str, threshold: int, cap: int) -> Domain:
    if state == SMALL:
        return ((1, threshold - 1),)
    if state == SECONDARY:
        return ((0, cap),)
    if state == NONZERO:
        return ((1, cap),)
    return ((value, value),)


def _narrow(constraint: Constraint, domains: dict[Key, Domain]) -> bool:
    """Narrow each member of one sum by what the others allow; True if any domain shrank."""
    changed = False
    for key in constraint.keys:
        if _is_point(domains[key]):
            continue
        others_parts = [domains[part] for part in constraint.parts if part != key]
        parts_sum = _sum(others_parts)
        if key == constraint.total:
            allowed = parts_sum
        else:
            allowed = _add(domains[constraint.total], _negate(parts_sum))
        narrowed = _intersect(domains[key], allowed)
        if narrowed and narrowed != domains[key]:
            domains[key] = narrowed
            changed = True
    return changed


def _next_to_hide(
    exposed: list[Key],
    values: Mapping[Key, int],
    status: Mapping[Key, str],
    constraints: Sequence[Constraint],
    adjustable: Collection[Key],
) -> Key | None:
    """The count to hide next: in a sum holding a disclosed count, the smallest shown part
    above zero, else the total, else a shown zero, else a "<5" that becomes an "x"; failing
    all, the smallest count shown in any sum. Only counts that may change are chosen."""
    exposed_set = set(exposed)
    touching = [c for c in constraints if exposed_set & set(c.keys)]
    first = {id(c) for c in touching}
    touching += [c for c in constraints if id(c) not in first and _has_hidden(c, status)]
    for constraint in touching:
        shown = [key for key in constraint.parts if status[key] == VISIBLE and key in adjustable]
        positive = [key for key in shown if values[key] > 0]
        if positive:
            return min(positive, key=lambda key: (values[key], repr(key)))
        if status[constraint.total] == VISIBLE and constraint.total in adjustable:
            return constraint.total
        if shown:
            return min(shown, key=repr)
    for constraint in touching:
        small = [key for key in constraint.keys if status[key] == SMALL and key in adjustable]
        if small:
            return min(small, key=repr)
    summed = {key for constraint in constraints for key in constraint.keys}
    shown = [key for key in summed if status[key] == VISIBLE and key in adjustable]
    if shown:
        return min(shown, key=lambda key: (values[key] == 0, values[key], repr(key)))
    small = [key for key in summed if status[key] == SMALL and key in adjustable]
    return min(small, key=repr) if small else None


def _has_hidden(constraint: Constraint, status: Mapping[Key, str]) -> bool:
    return any(status[key] in HIDDEN for key in constraint.keys)


def _is_point(domain: Domain) -> bool:
    return len(domain) == 1 and domain[0][0] == domain[0][1]


def _within(domain: Domain, low: int, high: int) -> bool:
    return bool(domain) and domain[0][0] >= low and domain[-1][1] <= high


def _merge(intervals: list[tuple[int, int]]) -> Domain:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(intervals):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


def _add(first: Domain, second: Domain) -> Domain:
    return _merge([(a + c, b + d) for a, b in first for c, d in second])


def _sum(domains: list[Domain]) -> Domain:
    total: Domain = ((0, 0),)
    for domain in domains:
        total = _add(total, domain)
    return total


def _negate(domain: Domain) -> Domain:
    return _merge([(-high, -low) for low, high in domain])


def _intersect(first: Domain, second: Domain) -> Domain:
    return _merge(
        [(max(a, c), min(b, d)) for a, b in first for c, d in second if max(a, c) <= min(b, d)]
    )
