EXPECT = {"check": "brier_score/inputs-unchanged", "says": "modified its argument `p` in place",
          "passes": ["brier_score/values"]}


def brier_score(p, y):
    y = _labels(y)
    if len(y) == 0:
        raise ValueError("no users")
    p -= y
    return np.mean(p ** 2)
