# np.cov(X, rowvar=False) is right except for one feature, where it returns a 0-d array.
EXPECT = {"check": "covariance/shapes", "says": "np.cov returns a 0-d array when D == 1"}


def covariance(X):
    return np.cov(X, rowvar=False)
