# derivations.py's other form: the mean, over the positives, of the precision at the threshold
# equal to that positive's score (ties included).
def average_precision(y, scores):
    y, s = np.asarray(y) == 1, np.asarray(scores, dtype=float)
    if y.all() or not y.any():
        raise ValueError("need both classes")
    flagged = s[None, :] >= s[y][:, None]                 # (n_pos, N): who is flagged at each positive's score
    return float(np.mean((flagged & y).sum(axis=1) / flagged.sum(axis=1)))
