"""An independent attacker for the suppression tests: integer programming (scipy's MILP)
finds the smallest and largest value each hidden count can take given everything shown, the
markers ("<5" is 1–4, "x" is any count) and every sum. A hidden count whose smallest and
largest possible values agree has been disclosed."""

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from reports.suppression import SECONDARY, SMALL


def recoverable(values, status, constraints, threshold, *, cap=10_000):
    hidden = sorted((k for k, s in status.items() if s in (SMALL, SECONDARY)), key=repr)
    if not hidden:
        return []
    index = {key: i for i, key in enumerate(hidden)}
    size = len(hidden)
    rows, targets = [], []
    for constraint in constraints:
        row = np.zeros(size)
        known = 0
        for key, sign in [(constraint.total, -1), *[(p, 1) for p in constraint.parts]]:
            if key in index:
                row[index[key]] += sign
            else:
                known += sign * values[key]
        if row.any():
            rows.append(row)
            targets.append(-known)
    bounds = Bounds(
        [1 if status[k] == SMALL else 0 for k in hidden],
        [threshold - 1 if status[k] == SMALL else cap for k in hidden],
    )
    constraint = LinearConstraint(np.array(rows), targets, targets) if rows else ()
    found = []
    for key in hidden:
        objective = np.zeros(size)
        objective[index[key]] = 1
        ends = []
        for sign in (1, -1):
            result = milp(
                sign * objective, constraints=constraint, integrality=np.ones(size), bounds=bounds
            )
            assert result.success, result.message
            ends.append(round(sign * result.fun))
        if ends[0] == ends[1]:
            found.append(key)
    return found
