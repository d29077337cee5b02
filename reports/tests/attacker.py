"""An independent attacker for the suppression tests: integer programming (scipy's MILP)
finds the smallest and largest value each hidden count can take given everything shown, the
markers ("<5" is 1–4, "x" is any count) and every sum. A hidden count whose smallest and
largest possible values agree has been disclosed; so has one hidden without the "<5" marker
whose values all lie in 1–4.

``disclosures`` plays the reader who holds several published reports: a count two reports
name alike is the same quantity where they cover the same observations, and where one covers
part of what the other covers (the county without Seinäjoki and the county, July and the
quarter), the larger count is the smaller one plus the count of the rest, an unknown that
must not be given away either."""

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from reports.suppression import NONZERO, SECONDARY, SMALL


def recoverable(values, status, constraints, threshold, *, cap=10_000):
    hidden = sorted((k for k, s in status.items() if s in (SMALL, SECONDARY)), key=repr)
    if not hidden:
        return []
    # What is known only to be at least 1 (a listed row's counts) is unknown too.
    unknown = {*hidden, *(k for k, s in status.items() if s == NONZERO)}
    equations = []
    for constraint in constraints:
        terms, known = {}, 0
        for key, sign in [(constraint.total, -1), *[(p, 1) for p in constraint.parts]]:
            if key in unknown:
                terms[key] = terms.get(key, 0) + sign
            else:
                known += sign * values[key]
        equations.append((terms, -known))
    low = {SMALL: 1, SECONDARY: 0, NONZERO: 1}
    bounds = {
        key: (low[status[key]], threshold - 1 if status[key] == SMALL else cap) for key in unknown
    }
    found = ranges(bounds, equations, hidden)
    return [
        key
        for key in hidden
        if found[key][0] == found[key][1]
        or (status[key] != SMALL and found[key][0] >= 1 and found[key][1] < threshold)
    ]


def ranges(bounds, equations, wanted):
    """The smallest and largest value of each wanted unknown. ``bounds`` gives each unknown's
    range; each equation is ({unknown: coefficient}, constant): the sum equals the constant."""
    names = sorted(bounds, key=repr)
    index = {key: i for i, key in enumerate(names)}
    rows, targets = [], []
    for terms, constant in equations:
        row = np.zeros(len(names))
        for key, coefficient in terms.items():
            row[index[key]] += coefficient
        if row.any():
            rows.append(row)
            targets.append(constant)
        else:
            assert constant == 0, "the shown figures contradict each other"
    lower = [bounds[k][0] for k in names]
    upper = [bounds[k][1] for k in names]
    constraint = LinearConstraint(np.array(rows), targets, targets) if rows else ()
    found = {}
    for key in wanted:
        objective = np.zeros(len(names))
        objective[index[key]] = 1
        ends = []
        for sign in (1, -1):
            result = milp(
                sign * objective,
                constraints=constraint,
                integrality=np.ones(len(names)),
                bounds=Bounds(lower, upper),
            )
            assert result.success, result.message
            ends.append(round(sign * result.fun))
        found[key] = tuple(ends)
    return found


# Differencing: several published reports at once.


@dataclass
class View:
    """What a reader holds of one published report, with the truth behind it for the test:
    what the report covers (organisations; municipalities, None for all; target group, None
    for all), the days of each period it shows by the code its keys name it with, each
    count as shown (a number, or the "<5" or "x" marker) with its true value, and its sums.
    Keys end with the period's code."""

    name: str
    organisations: frozenset
    municipalities: frozenset | None
    target_group: int | None
    periods: dict
    shown: dict
    truth: dict
    sums: list = field(default_factory=list)
    nonzero: list = field(default_factory=list)  # groups of counts not all zero


def _contains(outer: View, outer_code: str, inner: View, inner_code: str) -> bool:
    first, last = outer.periods[outer_code]
    inner_first, inner_last = inner.periods[inner_code]
    return (
        inner.organisations <= outer.organisations
        and (
            outer.municipalities is None
            or (inner.municipalities is not None and inner.municipalities <= outer.municipalities)
        )
        and outer.target_group in (None, inner.target_group)
        and first <= inner_first
        and inner_last <= last
    )


def _additive(measure: tuple, same_period: bool) -> bool:
    """Counts of disjoint populations add up, except the number of different organisations
    or professions, and a state at the end of a period (for the same period they do)."""
    if measure[0] == "distinct":
        return False
    return same_period or measure[:2] != ("proposal", "implementation")


def disclosures(views, threshold, *, cap=100_000):
    """Every hidden count of 1 to threshold - 1 that a reader holding all ``views`` can pin
    down or bound to 1 to threshold - 1 (a "<5" only by pinning it): counts the reports hide,
    and the counts of what one report covers and another does not (the county without
    Seinäjoki), worked out by subtracting one report from another."""
    bounds, equations, truth, marked = {}, [], {}, {}

    def term(index, key):
        view = views[index]
        state = view.shown[key]
        if state not in (SMALL, SECONDARY):
            return None, state
        name = (index, key)
        bounds[name] = (1, threshold - 1) if state == SMALL else (0, cap)
        truth[name], marked[name] = view.truth[key], state
        return name, 0

    def equation(signed):
        terms, constant = {}, 0
        for sign, index, key in signed:
            name, value = term(index, key) if isinstance(index, int) else (key, 0)
            if name is None:
                constant -= sign * value
            else:
                terms[name] = terms.get(name, 0) + sign
        equations.append((terms, constant))

    for index, view in enumerate(views):
        for total, parts in view.sums:
            equation([(-1, index, total), *[(1, index, part) for part in parts]])
        for number, group in enumerate(view.nonzero):
            listed = ("listed", index, number)
            bounds[listed], truth[listed], marked[listed] = (1, cap), 0, SECONDARY
            equation([(-1, None, listed), *[(1, index, key) for key in group]])
    for i, first in enumerate(views):
        for j, second in enumerate(views):
            if j <= i:
                continue
            for key in first.shown:
                for other in second.shown:
                    if key[:-1] != other[:-1]:
                        continue
                    _relate(views, (i, key), (j, other), equation, bounds, truth, marked, cap)
    wanted = [n for n in bounds if 1 <= truth[n] < threshold]
    found = ranges(bounds, equations, wanted)
    return sorted(
        (
            name
            for name in wanted
            if found[name][0] == found[name][1]
            or (marked[name] != SMALL and found[name][0] >= 1 and found[name][1] < threshold)
        ),
        key=repr,
    )


def _relate(views, first, second, equation, bounds, truth, marked, cap):
    (i, key), (j, other) = first, second
    a, b = views[i], views[j]
    same_period = a.periods[key[-1]] == b.periods[other[-1]]
    if _contains(a, key[-1], b, other[-1]) and _contains(b, other[-1], a, key[-1]):
        equation([(1, i, key), (-1, j, other)])
        return
    for (outer, outer_key), (inner, inner_key) in (((i, key), (j, other)), ((j, other), (i, key))):
        if not _contains(views[outer], outer_key[-1], views[inner], inner_key[-1]):
            continue
        if not _additive(key[:-1], same_period):
            return
        rest = ("rest", outer, outer_key, inner, inner_key)
        bounds[rest] = (0, cap)
        truth[rest] = views[outer].truth[outer_key] - views[inner].truth[inner_key]
        marked[rest] = SECONDARY
        equation([(1, outer, outer_key), (-1, inner, inner_key), (-1, None, rest)])
        return
