"""The course's running example: one synthetic table of users, the same on every machine.

Sessions 06–12 share it, so a group sees one fraud model fitted (07), calibrated (07), evaluated (08),
reweighted toward a region (09), constrained (10), embedded next to PCA (11) and modelled (12) over the
weeks. It is generated from a seed, never downloaded; docs/USERS.md documents every column.

    from kit.users import user_table
    users = user_table()            # 4000 users, seed 0: the table the slides show
    X, names = users.features()     # float matrix for a model, one row per user
    users.fraud.mean()              # ≈ 0.03

How it is drawn, so that the sessions' questions have answers:
- a region and an age band per user; regions differ in size and in behaviour (Alaska's users are
  older and buy less), so reweighting toward a region changes what a model sees (09);
- counts are Poisson or negative-binomial draws, never negative; days active is at most 365;
- fraud is drawn from a known logistic model of the features (`fraud_probability` keeps the truth),
  with a base rate of about 3 %, so calibration (07) and metrics (08) can be compared with the truth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

REGIONS = ("Silicon Valley", "New York", "Midwest", "Texas", "Alaska")
REGION_SHARE = (0.22, 0.26, 0.24, 0.23, 0.05)           # Alaska is a small region on purpose
AGE_BANDS = ("18-24", "25-34", "35-49", "50-64", "65+")
# Per region: how the age bands are spread (rows sum to 1), and a multiplier on purchases.
AGE_BY_REGION = np.array([
    [0.20, 0.40, 0.25, 0.10, 0.05],     # Silicon Valley: young
    [0.18, 0.34, 0.26, 0.14, 0.08],
    [0.12, 0.24, 0.30, 0.22, 0.12],
    [0.15, 0.28, 0.29, 0.18, 0.10],
    [0.08, 0.16, 0.30, 0.28, 0.18],     # Alaska: older
])
PURCHASE_RATE_BY_REGION = np.array([1.4, 1.2, 0.9, 1.0, 0.6])

# The true fraud model: logit P(fraud) = INTERCEPT + Σ coefficient · term (terms below).
FRAUD_INTERCEPT = -3.4
FRAUD_COEFFICIENTS = {
    "new_account": 2.6,          # account younger than 30 days
    "tickets": 0.8,              # support tickets filed
    "log_purchases": -0.55,      # log(1 + purchases): real customers buy
    "days_active_fraction": -1.6,
    "young": 0.4,                # age band 18-24
}

FEATURES = ("days_active", "purchases", "tickets", "sessions_per_week", "account_age_days",
            "age_band")


@dataclass(frozen=True)
class Users:
    """One row per user; every column is a 1-D array of the same length."""

    days_active: np.ndarray         # int, 0..365: days with a login in the last year
    purchases: np.ndarray           # int ≥ 0, last year
    tickets: np.ndarray             # int ≥ 0, support tickets last year
    sessions_per_week: np.ndarray   # float ≥ 0
    account_age_days: np.ndarray    # int ≥ 1
    region: np.ndarray              # int code into REGIONS
    age_band: np.ndarray            # int code into AGE_BANDS (ordered, so usable as a number)
    fraud: np.ndarray               # int 0/1, drawn from fraud_probability
    fraud_probability: np.ndarray   # float in (0, 1): the true P(fraud | user), for comparison only

    def __len__(self) -> int:
        return len(self.fraud)

    def features(self, standardise: bool = False) -> tuple[np.ndarray, tuple[str, ...]]:
        """The numeric features as an (n, 6) float matrix, and their names (region left out: it is
        categorical; use `one_hot(users.region, len(REGIONS))` where a model needs it)."""
        X = np.column_stack([np.asarray(getattr(self, name), dtype=float) for name in FEATURES])
        if standardise:
            X = (X - X.mean(axis=0)) / X.std(axis=0)
        return X, FEATURES

    def in_region(self, name: str) -> np.ndarray:
        """A boolean mask of the users in one region."""
        return self.region == REGIONS.index(name)

    def subset(self, mask: np.ndarray) -> "Users":
        return Users(**{name: getattr(self, name)[mask] for name in self.__dataclass_fields__})


def one_hot(codes: np.ndarray, k: int) -> np.ndarray:
    return (np.asarray(codes)[:, None] == np.arange(k)).astype(float)


def fraud_logit(days_active, purchases, tickets, account_age_days, age_band) -> np.ndarray:
    """The true model's log-odds of fraud, term by term as in FRAUD_COEFFICIENTS."""
    terms = {
        "new_account": (np.asarray(account_age_days) < 30).astype(float),
        "tickets": np.asarray(tickets, dtype=float),
        "log_purchases": np.log1p(purchases),
        "days_active_fraction": np.asarray(days_active) / 365.0,
        "young": (np.asarray(age_band) == 0).astype(float),
    }
    return FRAUD_INTERCEPT + sum(FRAUD_COEFFICIENTS[name] * term for name, term in terms.items())


def user_table(n: int = 4000, seed: int = 0) -> Users:
    """Draw n users from the seed: the same table on every machine for the same (n, seed)."""
    rng = np.random.default_rng(seed)
    region = rng.choice(len(REGIONS), size=n, p=REGION_SHARE)
    cumulative = AGE_BY_REGION[region].cumsum(axis=1)
    age_band = (rng.uniform(size=(n, 1)) > cumulative).sum(axis=1)
    account_age_days = 1 + rng.geometric(1 / 500, size=n)
    engagement = rng.beta(2.0, 3.0, size=n)                # how much a user uses the product
    # Days active cannot exceed the account's age, nor a year.
    days_active = rng.binomial(np.minimum(account_age_days, 365), engagement)
    sessions_per_week = np.round(rng.gamma(2.0, 1.0 + 4.0 * engagement), 1)
    rate = PURCHASE_RATE_BY_REGION[region] * (1.0 + 6.0 * engagement) * (1.2 - 0.1 * age_band)
    purchases = rng.negative_binomial(2, 2 / (2 + rate))   # mean `rate`, over-dispersed
    tickets = rng.poisson(0.3 + 0.4 * (account_age_days < 30) + 0.02 * purchases)
    probability = 1 / (1 + np.exp(-fraud_logit(days_active, purchases, tickets, account_age_days, age_band)))
    fraud = (rng.uniform(size=n) < probability).astype(int)
    return Users(days_active=days_active, purchases=purchases, tickets=tickets,
                 sessions_per_week=sessions_per_week, account_age_days=account_age_days,
                 region=region, age_band=age_band, fraud=fraud, fraud_probability=probability)
