"""Session 06 derivations: covariance, PCA as maximal projected variance, projection,
reconstruction and explained variance, each proved by SymPy on small explicit matrices.

Run it to see each derivation:  python sessions/06-pca-svd/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it (the organizer's copy;
the learner edition holds no REFERENCES, only the values kit release recorded from them).

Layout, everywhere: X is (N, D), one user (sample) per row, one feature per column.
Components are returned as a (k, D) array V, one unit-length component per ROW, so a user's
coordinates are z = V @ (x - mean) and, for all users at once, Z = (X - mean) @ V.T, shape (N, k).
The covariance divides by N - 1, like np.cov; explained-variance RATIOS do not depend on that choice.
"""

import sympy as sp

from kit.symbolic import Source, show

N, D = 3, 2                                          # small enough to read, big enough to be general
X = sp.Matrix(N, D, lambda n, j: sp.Symbol(f"x{n}{j}", real=True))
ones = sp.ones(N, 1)

# ── the mean and the centred data: mean_j = (1/N) sum_n x_nj,  Xc = X - 1 mean^T
mean = (ones.T * X / N).T                            # (D, 1)
Xc = X - ones * mean.T                               # (N, D); every column now sums to 0

# ── covariance, entry by entry from its definition: the average product of deviations, over N - 1
S_def = sp.Matrix(D, D, lambda i, j: sum((X[n, i] - mean[i]) * (X[n, j] - mean[j]) for n in range(N)) / (N - 1))
S_general = Xc.T * Xc / (N - 1)                      # the whole matrix in one product: (D, N) @ (N, D)
covariance_proved = sp.simplify(S_def - S_general) == sp.zeros(D, D)

# Forgetting to centre is not a small error: X^T X / (N-1) = S + N/(N-1) mean mean^T, a rank-one extra.
uncentred_gap = sp.simplify(X.T * X / (N - 1) - S_general - sp.Rational(N, N - 1) * mean * mean.T)
uncentred_proved = uncentred_gap == sp.zeros(D, D)

# ── the variance of the data projected on a direction w is w^T S w
w = sp.Matrix(D, 1, lambda i, _: sp.Symbol(f"w{i}", real=True))
projected = Xc * w                                   # (N, 1): each user's coordinate along w
var_along_w = sum(p**2 for p in projected) / (N - 1)  # the sample variance of those coordinates (mean 0)
variance_is_quadratic_form = sp.expand(var_along_w - (w.T * S_general * w)[0]) == 0

# ── PCA: maximise w^T S w subject to w^T w = 1.  Lagrangian L(w, λ) = w^T S w - λ (w^T w - 1)
lam = sp.Symbol("lambda", real=True)


def symmetric(d):
    """A d x d symmetric matrix of symbols s_ij = s_ji."""
    return sp.Matrix(d, d, lambda i, j: sp.Symbol(f"s{min(i, j)}{max(i, j)}", real=True))


def stationarity(d):
    """∂L/∂w (by SymPy), ∂L/∂λ, and the proof that ∂L/∂w = 0 says S w = λ w."""
    S, v = symmetric(d), sp.Matrix(d, 1, lambda i, _: sp.Symbol(f"w{i}", real=True))
    L = (v.T * S * v)[0] - lam * ((v.T * v)[0] - 1)
    dL_dw = sp.Matrix([sp.diff(L, vi) for vi in v])  # one equation per entry of w
    dL_dlam = sp.diff(L, lam)                        # = -(w^T w - 1): the constraint comes back
    proved = sp.expand(dL_dw - 2 * (S * v - lam * v)) == sp.zeros(d, 1)
    return S, v, L, dL_dw, dL_dlam, proved


S2, w2, L2, dL_dw2, dL_dlam2, eigen_2x2 = stationarity(2)
S3, w3, L3, dL_dw3, dL_dlam3, eigen_3x3 = stationarity(3)
# At a stationary point S w = λ w and w^T w = 1, so the variance there is w^T S w = λ w^T w = λ:
# the best direction is the eigenvector with the LARGEST eigenvalue, the next best the next largest.
value_at_stationary = sp.factor((w2.T * (lam * w2))[0]).subs((w2.T * w2)[0], 1)   # λ (w^T w) with w^T w = 1

# ── the second component: maximise w^T S w over unit w ORTHOGONAL to the first, w1^T w = 0.
# A second multiplier gamma for the new constraint: L2 = w^T S w - λ (w^T w - 1) - gamma w1^T w, so
#   ∂L2/∂w = 2 S w - 2 λ w - gamma w1 = 0.
# Multiply by w1^T: 2 w1^T S w - 2 λ w1^T w - gamma w1^T w1 = 0. S is symmetric, so w1^T S w = (S w1)^T w
# = λ1 w1^T w = 0; with w1^T w = 0 and w1^T w1 = 1 this leaves gamma = 0, and again S w = λ w.
# SymPy checks it in S's eigenbasis (an orthogonal change of coordinates keeps lengths and angles),
# where S = diag(l1, l2, l3) and the first component is e1: every stationary point of L2.
lam1, lam2, lam3 = sp.symbols("l1 l2 l3", positive=True)
gamma = sp.Symbol("gamma", real=True)
w_second = sp.Matrix(3, 1, lambda i, _: sp.Symbol(f"w{i}", real=True))
first_axis = sp.Matrix([1, 0, 0])
L_second = ((w_second.T * sp.diag(lam1, lam2, lam3) * w_second)[0] - lam * ((w_second.T * w_second)[0] - 1)
            - gamma * (first_axis.T * w_second)[0])
second_stationary = sp.solve([sp.diff(L_second, q) for q in (*w_second, lam, gamma)], [*w_second, lam, gamma],
                             dict=True)
# Every solution: gamma = 0 and w = ±e2 (λ = l2) or ±e3 (λ = l3), an eigenvector orthogonal to e1 whose
# variance is its eigenvalue; with l1 > l2 > l3 the best is the second largest.
second_is_next_eigenvector = (
    len(second_stationary) == 4
    and all(sol[gamma] == 0 for sol in second_stationary)
    and {sol[lam] for sol in second_stationary} == {lam2, lam3}
    and all(sp.Matrix([sol[q] for q in w_second]) in (sp.Matrix([0, 1, 0]), sp.Matrix([0, -1, 0]),
                                                      sp.Matrix([0, 0, 1]), sp.Matrix([0, 0, -1]))
            for sol in second_stationary)
    and all(sp.simplify((w_second.T * sp.diag(lam1, lam2, lam3) * w_second)[0].subs(sol) - sol[lam]) == 0
            for sol in second_stationary))
# The 2x2 eigenvalues are real (the discriminant is a sum of squares): S is symmetric.
charpoly = (S2 - lam * sp.eye(2)).det()
s00, s01, s11 = S2[0, 0], S2[0, 1], S2[1, 1]
discriminant = sp.discriminant(charpoly, lam)
real_eigenvalues = sp.expand(discriminant - ((s00 - s11) ** 2 + 4 * s01**2)) == 0

# ── projection: the coordinates z minimising ||x - mean - V^T z||^2 (V: k x D, rows = components)
k = 2
V = sp.Matrix(k, 3, lambda i, j: sp.Symbol(f"v{i}{j}", real=True))
x3 = sp.Matrix(3, 1, lambda i, _: sp.Symbol(f"x{i}", real=True))
mu3 = sp.Matrix(3, 1, lambda i, _: sp.Symbol(f"mu{i}", real=True))
z = sp.Matrix(k, 1, lambda i, _: sp.Symbol(f"z{i}", real=True))
residual = x3 - mu3 - V.T * z
loss = (residual.T * residual)[0]
dloss_dz = sp.Matrix([sp.diff(loss, zi) for zi in z])
# ∂/∂z = -2 V (x - mean - V^T z) = 0  ⇔  V V^T z = V (x - mean)  ⇔  z = V (x - mean)  when V V^T = I
normal_equations = sp.expand(dloss_dz + 2 * V * residual) == sp.zeros(k, 1)
# One orthonormal direction in 2-D, solved outright: the coordinate is the dot product w · (x - mean).
t = sp.Symbol("t", real=True)
u = sp.Matrix([[sp.cos(t), sp.sin(t)]])              # (1, 2): one unit component, as a row
xa, ma, za = sp.Matrix(sp.symbols("xa0 xa1", real=True)), sp.Matrix(sp.symbols("m0 m1", real=True)), sp.Symbol("z", real=True)
r2 = xa - ma - u.T * za
z_best = sp.solve(sp.trigsimp(sp.expand(sp.diff((r2.T * r2)[0], za))), za)[0]   # cos² + sin² = 1 first
dot_product_proved = sp.simplify(z_best - (u * (xa - ma))[0]) == 0

# In rows, for all users at once: Z = (X - mean) @ V.T, (N, D) @ (D, k) -> (N, k). Row n is V (x_n - mean).
Zrows = sp.Matrix(N, k, lambda n, i: sp.Symbol(f"z{n}{i}", real=True))
Vd = sp.Matrix(k, D, lambda i, j: sp.Symbol(f"v{i}{j}", real=True))
project_layout = all(sp.expand((Xc * Vd.T)[n, :].T - Vd * (X[n, :].T - mean)) == sp.zeros(k, 1) for n in range(N))

# ── reconstruction: x_hat = mean + V^T z; in rows X_hat = Z @ V + mean, (N, k) @ (k, D) -> (N, D)
Xhat = Zrows * Vd + ones * mean.T
reconstruct_layout = all(sp.expand(Xhat[n, :].T - (mean + Vd.T * Zrows[n, :].T)) == sp.zeros(D, 1) for n in range(N))
# The mean squared residual of keeping the top component is the discarded eigenvalue.
# Any 2x2 covariance is R(t) diag(l1, l2) R(t)^T; its top component (l1 > l2) is the first column of R(t).
l1, l2 = sp.symbols("l1 l2", positive=True)
R = sp.Matrix([[sp.cos(t), -sp.sin(t)], [sp.sin(t), sp.cos(t)]])
S_rot = R * sp.diag(l1, l2) * R.T
top = R[:, 0]
lost_variance = sp.trigsimp(S_rot.trace() - (top.T * S_rot * top)[0])   # total - kept
reconstruction_error_proved = sp.simplify(lost_variance - l2) == 0

# ── explained variance ratio, step by step (the exercise explained_variance_ratio asks for the result;
# its feedback points back to these steps).
# Step 1. The variance along component i is its eigenvalue λ_i: value_at_stationary above.
# Step 2. The total variance of the data is the sum of the D features' own variances: the diagonal of S.
feature_variances = [sum((X[n, j] - mean[j]) ** 2 for n in range(N)) / (N - 1) for j in range(D)]
total_is_trace = sp.simplify(sum(feature_variances) - S_general.trace()) == 0
# Step 3. That trace is the sum of ALL D eigenvalues, kept or not: the trace does not change under the
# rotation S = W Λ W^T (here R diag(l1, l2) R^T), and SymPy's eigenvalues of a symmetric 2x2 add up to it.
trace_is_sum = (sp.simplify(sum(e * m for e, m in S2.eigenvals().items()) - S2.trace()) == 0
                and sp.simplify(sp.trigsimp(S_rot.trace()) - (l1 + l2)) == 0)
# Step 4. Dividing by N instead of N - 1 scales every eigenvalue and the trace alike: the ratio is unchanged.
c = sp.Symbol("c", positive=True)                    # c = (N - 1) / N
ratio_unaffected = sp.simplify((c * l1) / (c * (l1 + l2)) - l1 / (l1 + l2)) == 0

# >>> course-only: the NumPy answers, admitted by the proofs above (kit release leaves them out)
covariance_code = '''
def covariance(X):
    N = np.shape(X)[0]
    Xc = np.asarray(X, dtype=float) - np.mean(X, axis=0)   # centre each feature (column)
    return (Xc.T @ Xc) / (N - 1)                            # (D, N) @ (N, D) / (N - 1), like np.cov
'''
pca_code = '''
def pca(X, k):
    lam, W = np.linalg.eigh(covariance(X))       # S w = λ w; eigh: real, ascending, orthonormal columns
    top = np.argsort(lam)[::-1][:k]              # largest variance first
    return W[:, top].T, lam[top]                 # components as rows (k, D), variances (k,)
'''
project_code = '''
def project(X, mean, components):
    return (np.asarray(X, dtype=float) - mean) @ components.T   # (N, D) @ (D, k) -> (N, k)
'''
reconstruct_code = '''
def reconstruct(Z, mean, components):
    return np.asarray(Z, dtype=float) @ components + mean      # (N, k) @ (k, D) -> (N, D), mean back
'''
ratio_code = '''
def explained_variance_ratio(X, k):
    return pca(X, k)[1] / np.trace(covariance(X))              # λ_i / sum of all eigenvalues
'''
pca_2d_code = '''
def pca_2d(X):
    X = np.asarray(X, dtype=float)
    return project(X, X.mean(axis=0), pca(X, 2)[0])            # each user's first two coordinates
'''

REFERENCES = [
    Source("covariance", covariance_code, verified=covariance_proved,
           formula="S = Xc.T @ Xc / (N - 1),  Xc = X - X.mean(axis=0)   (X is (N, D), S is (D, D))"),
    Source("pca", pca_code, verified=covariance_proved and eigen_2x2 and eigen_3x3 and variance_is_quadratic_form
           and second_is_next_eigenvector,
           formula="S w = λ w: components = eigenvectors of S with the k largest λ, as ROWS (k, D); "
                   "explained_variance = those λ, descending"),
    Source("project", project_code, verified=normal_equations and dot_product_proved and project_layout,
           formula="Z = (X - mean) @ components.T   (N, D) @ (D, k) -> (N, k)"),
    Source("reconstruct", reconstruct_code, verified=reconstruct_layout,
           formula="X_hat = Z @ components + mean   (N, k) @ (k, D) -> (N, D)"),
    Source("explained_variance_ratio", ratio_code,
           verified=total_is_trace and trace_is_sum and ratio_unaffected and covariance_proved,
           formula=("the explained variance, step by step: (1) the variance along component i; (2) the total "
                    "variance of the D features, from S; (3) that total in terms of the eigenvalues; (4) N or N - 1")),
    Source("pca_2d", pca_2d_code, verified=eigen_2x2 and eigen_3x3 and project_layout,
           formula="Z = (X - X.mean(axis=0)) @ components.T with the top 2 components; each column's sign is free"),
]
# <<< course-only

if __name__ == "__main__":
    pretty = sp.pretty
    print("Layout: X is (N, D), users in rows; here N = 3, D = 2.\n")
    print("covariance from its definition, entry (0, 1):\n", pretty(sp.factor(S_def[0, 1])), "\n", sep="")
    print("equals Xc.T @ Xc / (N - 1) for every entry:", covariance_proved)
    print("forgetting to centre adds N/(N-1) · mean mean^T:", uncentred_proved, "\n")
    print("variance of the projections Xc @ w equals w^T S w:", variance_is_quadratic_form, "\n")
    print("Lagrangian L(w, λ) on a symmetric 2x2 S:\n", pretty(sp.expand(L2)), "\n", sep="")
    print("∂L/∂w (SymPy):\n", pretty(dL_dw2), "\n", sep="")
    print("∂L/∂w = 2 (S w - λ w), so ∂L/∂w = 0 is S w = λ w:  2x2", eigen_2x2, "  3x3", eigen_3x3)
    print("∂L/∂λ =", dL_dlam2, "  (= 0 gives back w^T w = 1)")
    print("variance at a stationary point, w^T S w =", value_at_stationary, " → take the largest eigenvalues")
    print("second component, a multiplier gamma for w1^T w = 0; stationary points in the eigenbasis:")
    for sol in second_stationary:
        print("   ", {str(key): val for key, val in sol.items()})
    print("gamma = 0 every time: the next component is the next eigenvector:", second_is_next_eigenvector)
    print("discriminant of det(S - λI) =", sp.factor(discriminant), "≥ 0: real eigenvalues", real_eigenvalues, "\n")
    print("∂/∂z ||x - mean - V^T z||^2 = -2 V (x - mean - V^T z):", normal_equations)
    print("one unit direction (cos t, sin t): z =", z_best, " = w · (x - mean):", dot_product_proved)
    print("rows: Z = (X - mean) @ V.T:", project_layout, "   X_hat = Z @ V + mean:", reconstruct_layout)
    print("keeping the top component of R diag(l1, l2) R^T loses", lost_variance, ":", reconstruction_error_proved)
    print("explained variance: (2) total variance = sum of feature variances = trace(S):", total_is_trace)
    print("(3) trace(S) = sum of ALL eigenvalues:", trace_is_sum, "   (4) ratios unchanged by N vs N - 1:",
          ratio_unaffected, "\n")
    # >>> course-only: the NumPy answers, printed for the organizer
    show(REFERENCES)
    # <<< course-only
