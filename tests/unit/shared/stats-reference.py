"""Independent reference for tests/unit/shared/stats-order-statistic-intervals.test.ts.

Recomputes, with scipy, the ranks of the distribution-free order-statistic 95 % interval for a
quantile and MLPerf LoadGen's early-stopping figures, straight from their definitions:
  lower rank l = max{l >= 1 : P(B <= l-1) <= 0.025}, upper rank u = min{u <= n : P(B >= u) <= 0.025},
  B ~ Binomial(n, q); coverage = 1 - P(B <= l-1) - P(B >= u).
  LoadGen (loadgen/early_stopping.cc): odds(h, t, p) = BetaRegularized[p, h, 1 + t]; the run passes
  when odds < 1 - 0.99; min samples = min passing h for t = 1, plus 1; the estimate is the t-th
  largest latency for the largest t with odds(n - t, t, p) < 0.01.
Run: python3 tests/unit/shared/stats-reference.py
"""
import numpy as np
from scipy.stats import binom
from scipy.special import betainc


def ci_ranks(n, q, conf=0.95):
    tail = (1 - conf) / 2
    ranks = np.arange(1, n + 1)
    ls = ranks[binom.cdf(ranks - 1, n, q) <= tail]
    us = ranks[binom.sf(ranks - 1, n, q) <= tail]  # sf(u - 1) = P(B >= u)
    if ls.size == 0 or us.size == 0:
        return None
    l, u = int(ls.max()), int(us.min())
    return l, u, float(1 - binom.cdf(l - 1, n, q) - binom.sf(u - 1, n, q))


def odds(h, t, p):
    return betainc(h, 1 + t, p)  # regularized incomplete beta I_p(h, 1 + t)


def min_samples(p, c=0.99):
    h = 1
    while not odds(h, 1, p) < 1 - c:
        h += 1
    return h + 1


def min_queries_with_over(t, p, c=0.99):
    h = 1
    while not odds(h, t, p) < 1 - c:
        h += 1
    return h + t


def loadgen_t(n, p, c=0.99):
    t = 0
    while t + 1 < n and odds(n - (t + 1), t + 1, p) < 1 - c:
        t += 1
    return t


if __name__ == "__main__":
    print("min samples", [min_samples(p) for p in (0.5, 0.9, 0.95, 0.99, 0.999)])
    for n, q in [(3, 0.5), (8, 0.5), (300, 0.99), (299, 0.99), (20, 0.5), (100, 0.5), (100, 0.9), (1000, 0.99), (2001, 0.99), (5000, 0.99), (20000, 0.99), (100000, 0.99), (100000, 0.5), (100000, 0.9)]:
        print(n, q, ci_ranks(n, q))
    # A low quantile, a tie at the tail (Binomial(5, 1/2) is exact in binary) and a low confidence.
    for n, q, conf in [(100, 0.01, 0.95), (367, 0.01, 0.95), (368, 0.01, 0.95), (5, 0.5, 0.9375), (3, 0.6, 0.28), (3, 0.4, 0.28)]:
        print(n, q, conf, ci_ranks(n, q, conf))
    for n, p in [(662, 0.99), (1000, 0.99), (5000, 0.99), (100000, 0.99), (64, 0.9), (1000, 0.9), (100000, 0.5)]:
        print("loadgen t", n, p, loadgen_t(n, p))
    print("min queries with 1, 3, 6 over at p99", [min_queries_with_over(t, 0.99) for t in (1, 3, 6)])
