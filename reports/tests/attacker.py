"""An independent attacker for the suppression tests: integer programming (scipy's MILP)
finds the smallest and largest value each hidden count can take given everything shown, the
markers ("<5" is 1–4, "x" is any count) and every sum. A hidden count whose smallest and
largest possible values agree has been disclosed; so has one hidden without the "<5" marker
whose values all lie in 1–4."""

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from reports.suppression import SECONDARY, SMALL


def recoverable(values, status, constraints, threshold, *, cap=10_000):
    hidden = sorted((k for k, s in status.items() if s in (SMALL, SECONDARY)), key=repr)
    if not hidden:
        return []
    equations = []
    for constraint in constraints:
        terms, known = {}, 0
        for key, sign in [(constraint.total, -1), *[(p, 1) for p in constraint.parts]]:
            if key in hidden:
                terms[key] = terms.get(key, 0) + sign
            else:
                known += sign * values[key]
        equations.append((terms, -known))
    bounds = {key: (1, threshold - 1) if status[key] == SMALL else (0, cap) for key in hidden}
    found = ranges(bounds, equations, hidden)
    return [
        key
        for key in hidden
        if found[key][0] == found[key][1]
        or (status[key] != SMALL and 1 <= found[key][0] and found[key][1] < threshold)
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
