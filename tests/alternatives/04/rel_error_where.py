# Python float result via .item(), the floor written with np.where, and a list round trip.
def rel_error(a, b):
    a = np.array(a, dtype=float, copy=True)
    b = np.array(b, dtype=float, copy=True)
    den = np.abs(a) + np.abs(b)
    den = np.where(den > 1e-8, den, 1e-8)
    return (np.abs(a - b) / den).max().item()
