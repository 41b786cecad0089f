# Raking with explicit loops over categories and masks instead of np.bincount.
def rake(weights, region, age_band, region_totals, age_totals, tol=1e-8, max_steps=100):
    w = np.array(weights, dtype=float)
    margins = [(np.asarray(region), list(region_totals)), (np.asarray(age_band), list(age_totals))]
    if abs(sum(region_totals) - sum(age_totals)) > 1e-9 * max(1.0, abs(sum(age_totals))):
        raise ValueError("the two margins must have the same total")
    for codes, totals in margins:
        for k, target in enumerate(totals):
            if target > 0 and not np.any((codes == k) & (w > 0)):
                raise ValueError(f"category {k} has a positive target but no weight")

    def worst(w):
        return max(abs(w[codes == k].sum() - t) for codes, totals in margins for k, t in enumerate(totals))

    steps = 0
    while steps < max_steps and worst(w) > tol:
        for codes, totals in margins:
            new = w.copy()
            for k, target in enumerate(totals):
                mask = codes == k
                current = w[mask].sum()
                if current > 0:
                    new[mask] = w[mask] * target / current
            w = new
        steps += 1
    return w, steps
