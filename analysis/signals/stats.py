"""Exact binomial tails and the Benjamini–Hochberg step-up, in plain Python.

Signal counts are often tiny (0, 1, 3 observations in eight weeks), where normal
approximations and chi-square tests mislead, so every cell is tested exactly. scipy is not a
dependency; these few functions are all the statistics the signals need.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# Summing stops once a term adds less than this share of the running total: far below the
# precision that a p-value threshold needs, and reached after a few standard deviations.
_RELATIVE_EPSILON = 1e-17


def binomial_log_pmf(k: int, n: int, p: float) -> float:
    """log P(X = k) for X ~ Binomial(n, p), through lgamma so large n does not overflow."""
    if p <= 0.0:
        return 0.0 if k == 0 else -math.inf
    if p >= 1.0:
        return 0.0 if k == n else -math.inf
    return (
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
    )


def _tail_from(k: int, n: int, p: float, step: int) -> float:
    """Sum P(X = j) for j = k, k + step, … while the terms still matter.

    Called only in the direction where terms shrink (away from the mode), so the first term is
    the largest and the sum can stop early: a few hundred terms even for n in the tens of
    thousands.
    """
    term = math.exp(binomial_log_pmf(k, n, p))
    total = 0.0
    odds = p / (1.0 - p)
    j = k
    while 0 <= j <= n and term > 0.0:
        total += term
        if term < total * _RELATIVE_EPSILON:
            break
        # Ratio of consecutive probabilities: P(j+1)/P(j) = (n-j)/(j+1) * p/(1-p).
        term *= (n - j) / (j + 1) * odds if step > 0 else j / (n - j + 1) / odds
        j += step
    return min(total, 1.0)


def binomial_sf(k: int, n: int, p: float) -> float:
    """P(X >= k): the chance of at least ``k`` of ``n`` observations in the recent window."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    if p <= 0.0 or p >= 1.0:
        return 1.0 if p >= 1.0 else 0.0
    mode = math.floor((n + 1) * p)
    if k > mode:
        return _tail_from(k, n, p, +1)
    return max(0.0, 1.0 - _tail_from(k - 1, n, p, -1))


def binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k): the chance of at most ``k`` of ``n`` observations in the recent window."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    return binomial_sf(n - k, n, 1.0 - p)


def min_attainable_p(n: int, p: float) -> float:
    """The smallest two-sided p-value a cell with ``n`` observations could ever reach.

    A discrete test on one observation cannot be significant wherever it falls; leaving such
    cells out of the multiple-comparison count (Tarone 1990; Gilbert 2005) keeps thousands of
    near-empty cells from hiding the real signals, and it does not look at where the
    observations fell, so it costs no error control.
    """
    if n <= 0:
        return 1.0
    return min(1.0, 2.0 * min(p**n, (1.0 - p) ** n))


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Adjusted p-values (q-values) of the Benjamini–Hochberg step-up, in the input order.

    Rejecting every hypothesis with q <= alpha keeps the expected share of false signals
    among those listed at most alpha.
    """
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        index = order[rank - 1]
        running = min(running, p_values[index] * m / rank)
        adjusted[index] = min(1.0, running)
    return adjusted
