"""The running example's table: reproducible, plausible, and different where the sessions need it."""

import numpy as np

from kit.users import AGE_BANDS, REGIONS, one_hot, user_table


def test_same_seed_same_table_and_another_seed_another():
    a, b, c = user_table(seed=3), user_table(seed=3), user_table(seed=4)
    for name in a.__dataclass_fields__:
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert not np.array_equal(a.purchases, c.purchases)


def test_counts_are_counts_and_codes_are_codes():
    users = user_table(n=3000, seed=1)
    for name in ("days_active", "purchases", "tickets"):
        column = getattr(users, name)
        assert column.dtype.kind == "i" and column.min() >= 0, name
    assert users.days_active.max() <= 365
    assert np.all(users.days_active <= users.account_age_days)
    assert set(np.unique(users.region)) == set(range(len(REGIONS)))
    assert set(np.unique(users.age_band)) == set(range(len(AGE_BANDS)))
    assert set(np.unique(users.fraud)) == {0, 1}


def test_fraud_is_rare_and_follows_its_probability():
    for seed in range(5):
        users = user_table(seed=seed)
        assert 0.01 < users.fraud.mean() < 0.06
        # Monte Carlo: the labels are draws from the stored probabilities (4000 draws, ±4 sd).
        p = users.fraud_probability
        assert abs(users.fraud.sum() - p.sum()) < 4 * np.sqrt((p * (1 - p)).sum())


def test_regions_differ_so_reweighting_matters():
    users = user_table(n=20000, seed=0)
    alaska, valley = users.in_region("Alaska"), users.in_region("Silicon Valley")
    assert users.age_band[alaska].mean() > users.age_band[valley].mean() + 0.5
    assert users.purchases[alaska].mean() < 0.6 * users.purchases[valley].mean()
    assert 0.03 < alaska.mean() < 0.07


def test_features_and_subsets_line_up():
    users = user_table(n=500, seed=2)
    X, names = users.features()
    assert X.shape == (500, len(names)) and X.dtype == float
    Z, _ = users.features(standardise=True)
    assert np.allclose(Z.mean(axis=0), 0) and np.allclose(Z.std(axis=0), 1)
    small = users.subset(users.in_region("Alaska"))
    assert len(small) == users.in_region("Alaska").sum() and np.all(small.region == REGIONS.index("Alaska"))
    assert np.array_equal(one_hot(np.array([0, 2]), 3), [[1, 0, 0], [0, 0, 1]])
