# No feasibility checks: mismatched totals oscillate for max_steps sweeps, an empty region divides by 0.
EXPECT = {"check": "rake/infeasible-targets", "says": "ValueError", "passes": ["rake/sweep-order", "rake/meets-margins"]}


def rake(weights, region, age_band, region_totals, age_totals, tol=1e-8, max_steps=100):
    w = np.array(weights, dtype=float)
    margins = ((region, np.asarray(region_totals, float)), (age_band, np.asarray(age_totals, float)))
    steps = 0
    while steps < max_steps and max(np.abs(np.bincount(c, weights=w, minlength=len(t)) - t).max() for c, t in margins) > tol:
        for codes, totals in margins:
            w = w * (totals / np.bincount(codes, weights=w, minlength=len(totals)))[codes]
        steps += 1
    return w, steps
