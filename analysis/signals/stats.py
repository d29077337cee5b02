"""The statistics behind the signals, on scipy: exact conditional tests of counts, a seasonal
factor shrunk toward what the data support, and false-discovery control for discrete tests.

Signal counts are often tiny (0, 1, 3 observations in a month), where normal approximations
mislead, so every test is exact. The tests compare a window with its baseline *conditionally*:
given the n observations of both together, a steady rate puts each one in the window with a
known probability, so the window's count is Binomial(n, π). That needs no estimate of the rate,
so the baseline's own noise is accounted for (a plug-in Poisson test is overconfident when the
baseline holds only a few observations), and it is the exact test of a Poisson rate ratio.
"""

from __future__ import annotations

import numpy as np
from scipy import stats


def window_share(window_weeks: float, baseline_weeks: float, factor: np.ndarray | float = 1.0):
    """π: the share of a steady series' observations that falls in the window, when the window's
    weeks are ``factor`` times as busy as the baseline's average week (the season)."""
    weighted = np.asarray(factor, dtype=float) * window_weeks
    return weighted / (weighted + baseline_weeks)


def rate_ratio_tails(
    recent: np.ndarray, baseline: np.ndarray, share: np.ndarray | float
) -> tuple[np.ndarray, np.ndarray]:
    """One-sided exact p-values of a rise and of a fall, elementwise.

    P(X >= recent) and P(X <= recent) for X ~ Binomial(recent + baseline, share): the same as
    ``scipy.stats.binomtest(recent, n, share, alternative="greater"/"less").pvalue``, computed
    for every cell at once.
    """
    recent = np.asarray(recent)
    total = recent + np.asarray(baseline)
    rise = stats.binom.sf(recent - 1, total, share)
    fall = stats.binom.cdf(recent, total, share)
    return np.minimum(rise, 1.0), np.minimum(fall, 1.0)


def smallest_tails(total: np.ndarray, share: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """The smallest p-values the rise and the fall test could reach with ``total`` observations:
    all of them in the window, or none. A cell that cannot reach significance whatever happens
    is left out of the multiple-testing family (Tarone 1990), which costs no error control."""
    total = np.asarray(total, dtype=float)
    share = np.asarray(share, dtype=float)
    return share**total, (1.0 - share) ** total


def simes(p_values: np.ndarray) -> np.ndarray:
    """Simes' combination along the last axis: one p-value for "some window changed".

    Valid for positively dependent tests such as nested windows of one series; NaN entries
    (windows without enough history) are left out.
    """
    p = np.sort(np.asarray(p_values, dtype=float), axis=-1)  # NaN sorts last
    present = np.sum(~np.isnan(p), axis=-1, keepdims=True)
    rank = np.arange(1, p.shape[-1] + 1)
    combined = np.nanmin(np.where(np.isnan(p), np.inf, p * present / rank), axis=-1)
    return np.minimum(combined, 1.0)


def tarone_family(smallest: np.ndarray, q: float) -> np.ndarray:
    """Which hypotheses form the multiple-testing family: Tarone's filter as Gilbert (2005)
    combined it with Benjamini–Hochberg. K is the smallest number such that at most K
    hypotheses could reach q / K at all; only those are tested, so thousands of near-empty
    cells do not dilute the few that could show a change. The filter looks only at what each
    test could reach, never at where the observations fell, so it costs no error control."""
    smallest = np.asarray(smallest, dtype=float)
    ordered = np.sort(smallest)
    k = 1
    while k < ordered.size and np.searchsorted(ordered, q / k, side="right") > k:
        k += 1
    return smallest <= q / k


def fdr_adjusted(p_values: np.ndarray, smallest: np.ndarray, q: float) -> np.ndarray:
    """Benjamini–Hochberg q-values (``scipy.stats.false_discovery_control``) within the
    Tarone family for level ``q``, and 1 outside it: q-value <= q is a discovery."""
    p_values = np.asarray(p_values, dtype=float)
    out = np.ones(p_values.shape)
    if p_values.size == 0:
        return out
    family = tarone_family(smallest, q)
    if family.any():
        out[family] = stats.false_discovery_control(p_values[family], method="bh")
    return out


def shrunk_factors(observed: np.ndarray, expected: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Seasonal factors observed / expected, shrunk by empirical Bayes.

    ``observed`` counts fell in last year's weeks of the season, where ``expected`` would have
    at the year's average rate, one entry per series. The pooled factor F (all series together)
    is kept only as far as it differs from 1 by more than its noise; each series' own factor is
    pulled toward F by the share of its spread that noise explains (a method-of-moments
    estimate of the true spread τ²). With no season in the data, every factor stays near 1;
    with a strong one, the busy series follow their own season and the sparse ones the pooled.
    Returns the factors, F and τ².
    """
    observed = np.asarray(observed, dtype=float)
    expected = np.asarray(expected, dtype=float)
    usable = expected > 0
    if not usable.any():
        return np.ones(observed.shape), 1.0, 0.0
    pooled_raw = observed[usable].sum() / expected[usable].sum()
    pooled_noise = 1.0 / expected[usable].sum()
    deviation = (pooled_raw - 1.0) ** 2
    pooled = 1.0 + (pooled_raw - 1.0) * max(
        0.0, 1.0 - pooled_noise / deviation if deviation else 0.0
    )
    own = np.where(usable, observed / np.where(usable, expected, 1.0), pooled)
    noise = np.where(usable, pooled / np.where(usable, expected, 1.0), np.inf)
    spread = float(np.mean((own[usable] - pooled) ** 2 - noise[usable]))
    tau2 = max(0.0, spread)
    weight = np.where(usable, tau2 / (tau2 + noise), 0.0)
    return pooled + weight * (own - pooled), float(pooled), tau2
