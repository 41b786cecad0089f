# np.histogram's last bin is closed, [0.9, 1.0], so p = 1.0 is counted; weights give the sums.
def reliability_bins(p, y, n_bins):
    p, y = np.asarray(p, dtype=float), np.asarray(y)
    if n_bins < 1 or p.min(initial=0) < 0 or p.max(initial=0) > 1 or not np.isin(y, [0, 1]).all():
        raise ValueError("bad input")
    counts, _ = np.histogram(p, bins=n_bins, range=(0, 1))
    sum_p, _ = np.histogram(p, bins=n_bins, range=(0, 1), weights=p)
    sum_y, _ = np.histogram(p, bins=n_bins, range=(0, 1), weights=y)
    confidence = np.divide(sum_p, counts, out=np.zeros(n_bins), where=counts > 0)
    frequency = np.divide(sum_y, counts, out=np.zeros(n_bins), where=counts > 0)
    return counts, confidence, frequency
