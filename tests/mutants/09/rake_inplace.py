# w = np.asarray(weights) is the caller's array; w *= factor rakes it in place.
EXPECT = {"check": "rake/inputs-unchanged", "says": "modified its argument `weights` in place",
          "passes": ["rake/sweep-order"]}


def rake(weights, region, age_band, region_totals, age_totals, tol=1e-8, max_steps=100):
    w = np.asarray(weights, dtype=float)
    margins = ((region, np.asarray(region_totals, float)), (age_band, np.asarray(age_totals, float)))
    if not np.isclose(margins[0][1].sum(), margins[1][1].sum()) or any(
            np.any((t > 0) & (np.bincount(c[w > 0], minlength=len(t)) == 0)) for c, t in margins):
        raise ValueError("infeasible targets")
    steps = 0
    while steps < max_steps and max(np.abs(np.bincount(c, weights=w, minlength=len(t)) - t).max() for c, t in margins) > tol:
        for codes, totals in margins:
            w *= (totals / np.bincount(codes, weights=w, minlength=len(totals)))[codes]
        steps += 1
    return w, steps
