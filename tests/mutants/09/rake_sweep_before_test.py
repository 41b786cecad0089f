# A sweep first, then the test: steps is never 0, even for weights that already fit.
EXPECT = {"check": "rake/already-fitted", "says": "a sweep made before testing", "passes": ["rake/sweep-order"]}


def rake(weights, region, age_band, region_totals, age_totals, tol=1e-8, max_steps=100):
    w = np.array(weights, dtype=float)
    margins = ((region, np.asarray(region_totals, float)), (age_band, np.asarray(age_totals, float)))
    if not np.isclose(margins[0][1].sum(), margins[1][1].sum()) or any(
            np.any((t > 0) & (np.bincount(c[w > 0], minlength=len(t)) == 0)) for c, t in margins):
        raise ValueError("infeasible targets")
    for step in range(1, max_steps + 1):
        for codes, totals in margins:
            w = w * (totals / np.bincount(codes, weights=w, minlength=len(totals)))[codes]
        if max(np.abs(np.bincount(c, weights=w, minlength=len(t)) - t).max() for c, t in margins) <= tol:
            break
    return w, step
