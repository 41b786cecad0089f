# Ignores the `mean` argument: right for the training users, wrong for new ones.
EXPECT = {"check": "project/values", "says": "X's own mean used instead of the `mean` argument"}


def project(X, mean, components):
    return (X - X.mean(axis=0)) @ components.T
