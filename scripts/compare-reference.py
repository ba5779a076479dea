"""Reference values for tests/unit/shared/compare-statistics-match-scipy.test.ts (scipy 1.17).

Run: python3 scripts/compare-reference.py — the test checks these numbers in as literals.
"""
import numpy as np
from scipy import stats, special

exact_x = [1.1, 2.3, 3.5, 4.2, 5.0]
exact_y = [2.8, 3.9, 6.1, 7.4, 8.8, 9.0]
ties_x = [1, 2, 2, 3, 3, 3, 4, 5, 5, 6]
ties_y = [2, 3, 4, 4, 5, 6, 6, 7, 8, 8, 9]
# Deterministic "latencies" the test rebuilds the same way.
big_x = [10 + ((i * 7919) % 1000) / 100 for i in range(500)]
big_y = [10.2 + ((i * 104729) % 1000) / 100 for i in range(600)]
small_exact_x = [3.0, 1.0, 2.0]
small_exact_y = [4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0]

for name, x, y in [("exact", exact_x, exact_y), ("ties", ties_x, ties_y), ("big", big_x, big_y), ("smallExact", small_exact_x, small_exact_y)]:
    r = stats.mannwhitneyu(x, y)
    print(f"mannwhitneyu {name}: U={r.statistic!r} p={r.pvalue!r}")
for name, x, y in [("ties", ties_x, ties_y), ("big", big_x, big_y)]:
    r = stats.ttest_ind(x, y, equal_var=False)
    print(f"welch {name}: t={r.statistic!r} df={r.df!r} p={r.pvalue!r}")
ratios = [1.52, 1.61, 1.58, 1.70]
r = stats.ttest_1samp(np.log(ratios), 0)
ci = r.confidence_interval()
print(f"paired log ratios: p={r.pvalue!r} geomean={np.exp(np.mean(np.log(ratios)))!r} ci=({np.exp(ci.low)!r}, {np.exp(ci.high)!r})")
print(f"t two-sided t=2.1 df=2.5: {2 * stats.t.sf(2.1, 2.5)!r}")
print(f"t quantile 0.975 df=3: {stats.t.ppf(0.975, 3)!r}; df=30.7: {stats.t.ppf(0.975, 30.7)!r}")
print(f"normal sf 3.2: {stats.norm.sf(3.2)!r}; 0.4: {stats.norm.sf(0.4)!r}; 8: {stats.norm.sf(8)!r}")
print(f"betainc(0.3; 2.5, 7): {special.betainc(2.5, 7, 0.3)!r}; (0.9; 50, 0.5): {special.betainc(50, 0.5, 0.9)!r}")
print(f"gammaln(0.5): {special.gammaln(0.5)!r}; (123.4): {special.gammaln(123.4)!r}")
