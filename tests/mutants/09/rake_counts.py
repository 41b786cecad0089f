# Each factor divides by the number of users in the category, not by their current total weight.
EXPECT = {"check": "rake/meets-margins", "says": "max |total - target|",
          "also": ["rake/sweep-order", "rake/inputs-unchanged"]}


def rake(weights, region, age_band, region_totals, age_totals, tol=1e-8, max_steps=100):
    w = np.array(weights, dtype=float)
    margins = ((region, np.asarray(region_totals)), (age_band, np.asarray(age_totals)))
    residual = lambda w: max(np.abs(np.bincount(c, weights=w, minlength=len(t)) - t).max() for c, t in margins)
    steps = 0
    while steps < max_steps and residual(w) > tol:
        for codes, totals in margins:
            w = w * (totals / np.bincount(codes, minlength=len(totals)))[codes]
        steps += 1
    return w, steps
