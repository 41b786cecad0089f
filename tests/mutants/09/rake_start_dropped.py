# Every user starts at weight 1: the design weights passed in are lost.
EXPECT = {"check": "rake/sweep-order", "says": "the start weights dropped", "also": ["rake/meets-margins"]}


def rake(weights, region, age_band, region_totals, age_totals, tol=1e-8, max_steps=100):
    w = np.ones(len(weights))
    margins = ((region, np.asarray(region_totals, float)), (age_band, np.asarray(age_totals, float)))
    if not np.isclose(margins[0][1].sum(), margins[1][1].sum()):
        raise ValueError("infeasible targets")
    steps = 0
    while steps < max_steps and max(np.abs(np.bincount(c, weights=w, minlength=len(t)) - t).max() for c, t in margins) > tol:
        for codes, totals in margins:
            w = w * (totals / np.bincount(codes, weights=w, minlength=len(totals)))[codes]
        steps += 1
    return w, steps
