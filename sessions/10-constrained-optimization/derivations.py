"""Session 10 derivations: Lagrangians and KKT conditions, ridge as norm-constrained least squares,
the Euclidean projections onto the probability simplex and onto an l2 ball, projected gradient
descent, and the KKT linear system of an equality-constrained quadratic program.

Run it to see each derivation:  python sessions/10-constrained-optimization/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it (the organizer's copy;
the learner edition holds no REFERENCES, only the values kit release recorded from them).

Layout: X is (N, D), one user per row; y, w, x, v, c are 1-D; A is (m, n), one constraint per row.
Conventions pinned here (the exercises' docstrings repeat them):
- ridge minimises the SUM of squares  ||X @ w + b - y||**2 + lam * ||w||**2;  b is not penalised.
- a Lagrangian ADDS each constraint times its multiplier:  L = f + nu @ (A @ x - b)  for A x = b,
  L = f + mu * g  with mu >= 0 for g(x) <= 0.
"""

import sympy as sp


def column(name, n):
    return sp.Matrix(n, 1, lambda i, _: sp.Symbol(f"{name}{i}", real=True))


# ── 1. KKT on two small problems, solved by SymPy ─────────────────────────────────────────────
# (a) an equality: minimise x^2 + 2 y^2 subject to x + y = 1.  L = f + nu (x + y - 1).
x, y, nu, mu = sp.symbols("x y nu mu", real=True)
f_eq = x**2 + 2 * y**2
L_eq = f_eq + nu * (x + y - 1)
eq_solution = sp.solve([sp.diff(L_eq, q) for q in (x, y, nu)], [x, y, nu], dict=True)   # grad L = 0, all three
# x = 2/3, y = 1/3, nu = -4/3: the multiplier is minus the slope of the optimal value in the constraint's level.
s = sp.Symbol("s", real=True)                       # the constraint x + y = s
best_at_s = sp.solve([sp.diff(f_eq + nu * (x + y - s), q) for q in (x, y, nu)], [x, y, nu], dict=True)[0]
value_at_s = f_eq.subs(best_at_s)
sensitivity = sp.simplify(sp.diff(value_at_s, s).subs(s, 1) + eq_solution[0][nu]) == 0   # dp*/ds = -nu

# (b) an inequality: minimise (x - 2)^2 + (y - 1)^2 subject to x + y <= 1.  L = f + mu (x + y - 1), mu >= 0.
# KKT: stationarity, primal feasibility, mu >= 0, complementary slackness mu (x + y - 1) = 0.
f_in, g_in = (x - 2) ** 2 + (y - 1) ** 2, x + y - 1
L_in = f_in + mu * g_in
kkt_points = [sol for sol in sp.solve([sp.diff(L_in, x), sp.diff(L_in, y), mu * g_in], [x, y, mu], dict=True)
              if sol[mu] >= 0 and g_in.subs(sol) <= 0]
# One survivor: x = 1, y = 0, mu = 2 (the constraint is active). The inactive branch mu = 0 gives
# (2, 1), which breaks x + y <= 1.
kkt_unique = len(kkt_points) == 1 and kkt_points[0] == {x: 1, y: 0, mu: 2}

# ── 2. ridge: ||X w + b 1 - y||^2 + lam ||w||^2, intercept b not penalised ───────────────────
N, D = 3, 2
X = sp.Matrix(N, D, lambda n, j: sp.Symbol(f"x{n}{j}", real=True))
yv, w = column("y", N), column("w", D)
b, lam = sp.Symbol("b", real=True), sp.Symbol("lambda", positive=True)
ones = sp.ones(N, 1)
residual = X * w + ones * b - yv
J = (residual.T * residual)[0] + lam * (w.T * w)[0]
dJ_db = sp.diff(J, b)
b_star = sp.solve(dJ_db, b)[0]                      # b = mean(y) - mean(X) @ w: the intercept absorbs the means
xbar, ybar = (ones.T * X / N).T, (ones.T * yv / N)[0]
intercept_proved = sp.simplify(b_star - (ybar - (xbar.T * w)[0])) == 0
Xc, yc = X - ones * xbar.T, yv - ones * ybar        # centred data
dJ_dw = sp.Matrix([J]).jacobian(w).T.subs(b, b_star)   # SymPy's gradient, with the best b put in
# dJ/dw = 2 (Xc^T Xc + lam I) w - 2 Xc^T yc: zero is the ridge normal equations on centred data.
ridge_proved = sp.expand(dJ_dw - 2 * ((Xc.T * Xc + lam * sp.eye(D)) * w - Xc.T * yc)) == sp.zeros(D, 1)
# Penalising b too gives (Xa^T Xa + lam I) [w; b] = Xa^T y with Xa = [X, 1]: a different b, pulled to 0.
# A MEAN loss (1/N)||.||^2 + lam ||w||^2 has the same minimiser as the sum loss with N * lam:
J_mean = (residual.T * residual)[0] / N + lam * (w.T * w)[0]
mean_is_scaled_sum = sp.expand(N * J_mean - J.subs(lam, N * lam)) == 0

# Ridge as norm-constrained least squares, D = 1 on centred data: minimise sxx w^2 - 2 sxy w
# (= ||xc w - yc||^2 up to a constant) subject to w^2 <= t.  L = f + m (w^2 - t), m >= 0.
sxx, t, m = sp.symbols("sxx t m", positive=True)
sxy, w1 = sp.symbols("sxy w", real=True)
f_ls = sxx * w1**2 - 2 * sxy * w1
L_ls = f_ls + m * (w1**2 - t)
w_of_m = sp.solve(sp.diff(L_ls, w1), w1)[0]         # sxy / (sxx + m): ridge's answer with lam = m
ridge_1d = sp.solve(sp.diff(f_ls + lam * w1**2, w1), w1)[0]
penalty_is_multiplier = sp.simplify(w_of_m.subs(m, lam) - ridge_1d) == 0
# Active constraint (the LS answer sxy/sxx lies outside): w^2 = t fixes the multiplier; for sxy > 0 the
# root with m >= 0 is m = sxy/sqrt(t) - sxx, positive exactly when sqrt(t) < sxy/sxx (the LS answer is outside).
m_of_t = sp.solve(sp.Eq(w_of_m**2, t), m)
radius_sets_penalty = any(sp.simplify(sol - (sxy / sp.sqrt(t) - sxx)) == 0 for sol in m_of_t)

# ── 3. projection onto an l2 ball: minimise 1/2 ||x - v||^2 subject to ||x||^2 <= r^2 ────────
r = sp.Symbol("r", positive=True)
vb, xb = column("v", 2), column("x", 2)
L_ball = ((xb - vb).T * (xb - vb))[0] / 2 + mu / 2 * ((xb.T * xb)[0] - r**2)
# Step 1: stationarity in x.
ball_x = sp.solve(list(sp.Matrix([L_ball]).jacobian(xb)), list(xb), dict=True)[0]
ball_step1 = sp.simplify(sp.Matrix([ball_x[q] for q in xb]) - vb / (1 + mu)) == sp.zeros(2, 1)
# Step 2: mu = 0 (inside, x = v) or the constraint is active, ||x|| = r.
# Step 3: active: ||v|| / (1 + mu) = r fixes mu = ||v|| / r - 1, which is >= 0 exactly when ||v|| >= r.
vnorm = sp.Symbol("vnorm", positive=True)
mu_active = sp.solve(sp.Eq(vnorm / (1 + mu), r), mu)[0]
ball_step3 = sp.simplify(mu_active - (vnorm / r - 1)) == 0
# Step 4: put mu back: x = v / (1 + mu) = r v / ||v||; it has length r.
x_active = (vb / (1 + mu_active)).subs(vnorm, sp.sqrt((vb.T * vb)[0]))
ball_step4 = sp.simplify((x_active.T * x_active)[0] - r**2) == 0

# ── 4. projection onto the simplex {x >= 0, sum(x) = r}: minimise 1/2 ||x - v||^2 ──────────────
# L = 1/2 ||x - v||^2 + theta (sum(x) - r) - alpha @ x, alpha >= 0, alpha_i x_i = 0.
# Stationarity: x_i = v_i - theta + alpha_i. Where x_i > 0, alpha_i = 0 and x_i = v_i - theta;
# where x_i = 0, alpha_i = theta - v_i >= 0. Both: x_i = max(v_i - theta, 0), and theta solves
#   g(theta) = sum_i max(v_i - theta, 0) = r        (g is continuous and decreasing).
# Sort u = v descending; if the top rho entries are the positive ones, theta = (u_1 + ... + u_rho - r) / rho.
# Which rho? With theta_j = (cumsum(u)_j - r) / j  (j counted FROM 1):
#   j (u_j - theta_j) = r - sum_{i <= j} (u_i - u_j) = r - g(u_j)          (proved below for j = 1..4)
# so u_j - theta_j > 0  <=>  g(u_j) < r  <=>  theta* < u_j (g decreases)  <=>  entry j is in the support.
# The condition holds for j = 1..rho and fails after: rho is the LAST j where it holds.
u = [sp.Symbol(f"u{i}", real=True) for i in range(1, 5)]


threshold_identity = all(
    sp.expand(j * (u[j - 1] - (sum(u[:j]) - r) / j) - (r - sum(u[i] - u[j - 1] for i in range(j)))) == 0
    for j in range(1, 5))
# Dividing by the 0-based index instead (j - 1) breaks it: for j = 2, (u_2 - theta) * 1 is not r - g(u_2).
off_by_one_breaks = sp.expand(1 * (u[1] - (u[0] + u[1] - r) / 1) - (r - (u[0] - u[1]))) != 0
# A worked case by SymPy's KKT solve: v = (1/2, 1/5, -1), r = 1, support {1, 2}: theta = (1/2 + 1/5 - 1)/2.
vs = [sp.Rational(1, 2), sp.Rational(1, 5), -1]
xs, al, th = sp.symbols("s0:3", real=True), sp.symbols("a0:3", real=True), sp.Symbol("theta", real=True)
L_simplex = sum((xs[i] - vs[i]) ** 2 for i in range(3)) / 2 + th * (sum(xs) - 1) - sum(al[i] * xs[i] for i in range(3))
kkt_eqs = [sp.diff(L_simplex, q) for q in xs] + [sum(xs) - 1] + [al[i] * xs[i] for i in range(3)]
simplex_kkt = [sol for sol in sp.solve(kkt_eqs, [*xs, *al, th], dict=True)
               if all(sol[q] >= 0 for q in (*xs, *al))]
simplex_case = (len(simplex_kkt) == 1 and simplex_kkt[0][th] == (vs[0] + vs[1] - 1) / 2
                and [simplex_kkt[0][q] for q in xs] == [max(vi - simplex_kkt[0][th], 0) for vi in vs])

# ── 5. equality-constrained QP: minimise 1/2 x^T Q x + c^T x subject to A x = b ─────────────────
# L = 1/2 x^T Q x + c^T x + nu^T (A x - b);  dL/dx = Q x + c + A^T nu = 0,  dL/dnu = A x - b = 0:
#   [[Q, A^T], [A, 0]] [x; nu] = [-c; b]
n, mc = 3, 2
Q = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"q{min(i, j)}{max(i, j)}", real=True))
cq, xq, nuq, bq = column("c", n), column("x", n), column("nu", mc), column("b", mc)
Aq = sp.Matrix(mc, n, lambda i, j: sp.Symbol(f"a{i}{j}", real=True))
L_qp = (xq.T * Q * xq)[0] / 2 + (cq.T * xq)[0] + (nuq.T * (Aq * xq - bq))[0]
grad_x, grad_nu = sp.Matrix([L_qp]).jacobian(xq).T, sp.Matrix([L_qp]).jacobian(nuq).T
K = sp.Matrix(sp.BlockMatrix([[Q, Aq.T], [Aq, sp.zeros(mc, mc)]]))
kkt_system = (sp.expand(sp.Matrix.vstack(grad_x, grad_nu) - (K * sp.Matrix.vstack(xq, nuq) - sp.Matrix.vstack(-cq, bq)))
              == sp.zeros(n + mc, 1))
# A numeric case, solved both ways: SymPy's solve of grad L = 0, and the block system.
Qn, cn, An, bn = sp.Matrix([[2, 0, 1], [0, 1, 0], [1, 0, 3]]), sp.Matrix([1, -1, 0]), sp.Matrix([[1, 1, 1]]), sp.Matrix([1])
nu1 = column("nu", 1)
L_num = (xq.T * Qn * xq)[0] / 2 + (cn.T * xq)[0] + (nu1.T * (An * xq - bn))[0]
by_solve = sp.solve(list(sp.Matrix([L_num]).jacobian(sp.Matrix.vstack(xq, nu1))), [*xq, *nu1], dict=True)[0]
by_block = sp.Matrix(sp.BlockMatrix([[Qn, An.T], [An, sp.zeros(1, 1)]])).solve(sp.Matrix.vstack(-cn, bn))
qp_case = sp.Matrix([by_solve[q] for q in (*xq, *nu1)]) == by_block
# The other sign convention, L = f - nu^T (A x - b), gives the same x and -nu: the sign is a convention, pinned.
L_minus = (xq.T * Qn * xq)[0] / 2 + (cn.T * xq)[0] - (nu1.T * (An * xq - bn))[0]
by_minus = sp.solve(list(sp.Matrix([L_minus]).jacobian(sp.Matrix.vstack(xq, nu1))), [*xq, *nu1], dict=True)[0]
sign_is_convention = all(by_minus[q] == by_solve[q] for q in xq) and by_minus[nu1[0]] == -by_solve[nu1[0]]

# ── 6. projected gradient descent on f(x) = 1/2 ||A x - b||^2 over the ball ||x|| <= radius ────
Ap, bp, xp = sp.Matrix(2, 3, lambda i, j: sp.Symbol(f"p{i}{j}", real=True)), column("b", 2), column("x", 3)
f_pgd = ((Ap * xp - bp).T * (Ap * xp - bp))[0] / 2
pgd_gradient = sp.expand(sp.Matrix([f_pgd]).jacobian(xp).T - Ap.T * (Ap * xp - bp)) == sp.zeros(3, 1)

# >>> course-only: the NumPy answers, each admitted by the derivation above (kit release leaves them out)
from kit.symbolic import Source, show

ridge_code = '''
def ridge(X, y, lam):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if lam < 0:
        raise ValueError("lam must be >= 0")
    xbar, ybar = X.mean(axis=0), y.mean()
    Xc, yc = X - xbar, y - ybar                                   # the intercept absorbs the means
    w = np.linalg.solve(Xc.T @ Xc + lam * np.eye(X.shape[1]), Xc.T @ yc)
    return w, ybar - xbar @ w
'''
ball_code = '''
def project_l2_ball(x, radius=1.0):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    x = np.array(x, dtype=float)                  # a new array, always
    norm = np.linalg.norm(x)
    return x if norm <= radius else x * (radius / norm)
'''
simplex_code = '''
def project_simplex(v, radius=1.0):
    v = np.asarray(v, dtype=float)
    if v.ndim != 1 or v.size == 0 or not radius > 0:
        raise ValueError("v must be a non-empty 1-D array and radius > 0")
    u = np.sort(v)[::-1]
    css = np.cumsum(u)
    j = np.arange(1, v.size + 1)                      # counted from 1
    rho = j[u - (css - radius) / j > 0][-1]
    theta = (css[rho - 1] - radius) / rho
    return np.maximum(v - theta, 0.0)
'''
pgd_code = '''
def projected_gradient_descent(A, b, radius, x0, lr, steps):
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = project_l2_ball(x - lr * (A.T @ (A @ x - b)), radius)
    return x
'''
qp_code = '''
def solve_eq_qp(Q, c, A, b):
    Q, A = np.asarray(Q, dtype=float), np.atleast_2d(np.asarray(A, dtype=float))
    n, m = Q.shape[0], A.shape[0]
    K = np.block([[Q, A.T], [A, np.zeros((m, m))]])
    if np.linalg.matrix_rank(K) < n + m:
        raise ValueError("the KKT matrix is singular")
    sol = np.linalg.solve(K, np.concatenate([-np.asarray(c, float), np.asarray(b, float).ravel()]))
    return sol[:n], sol[n:]
'''

BALL_STEPS = ("derive it: (1) set the gradient in x of L = 1/2 ||x - v||**2 + mu/2 (||x||**2 - r**2) to zero; "
              "(2) mu = 0 or the constraint is active; (3) solve ||x|| = r for mu; (4) put mu back "
              "(derivations.py, section 3)")

REFERENCES = [
    Source("ridge", ridge_code, verified=intercept_proved and ridge_proved and mean_is_scaled_sum and penalty_is_multiplier,
           formula="w = solve(Xc.T @ Xc + lam * I, Xc.T @ yc),  b = y.mean() - X.mean(axis=0) @ w   "
                   "(Xc, yc centred; loss ||X @ w + b - y||**2 + lam * ||w||**2, a SUM, b not penalised)"),
    Source("project_l2_ball", ball_code, verified=ball_step1 and ball_step3 and ball_step4, formula=BALL_STEPS),
    Source("project_simplex", simplex_code, verified=threshold_identity and simplex_case,
           formula="u = sort(v)[::-1]; css = cumsum(u); j = 1..D; rho = last j with u_j - (css_j - r) / j > 0; "
                   "theta = (css_rho - r) / rho; x = maximum(v - theta, 0)"),
    Source("projected_gradient_descent", pgd_code + ball_code, verified=pgd_gradient and ball_step4,
           formula="repeat `steps` times:  x = project_l2_ball(x - lr * A.T @ (A @ x - b), radius)   (x starts at x0)"),
    Source("solve_eq_qp", qp_code, verified=kkt_system and qp_case and sign_is_convention,
           formula="[[Q, A.T], [A, 0]] @ [x; nu] = [-c; b]   (L = 1/2 x.T Q x + c.T x + nu.T (A x - b))"),
]
# <<< course-only

if __name__ == "__main__":
    pretty = sp.pretty
    print("(a) min x^2 + 2y^2 s.t. x + y = 1:", eq_solution, "  d p*/ds = -nu:", sensitivity)
    print("(b) min (x-2)^2 + (y-1)^2 s.t. x + y <= 1, KKT points with mu >= 0:", kkt_points, kkt_unique, "\n")
    print("ridge, dJ/db = 0 gives b =", sp.simplify(b_star), "\n  = mean(y) - mean(X) @ w:", intercept_proved)
    print("  dJ/dw = 2 (Xc^T Xc + lam I) w - 2 Xc^T yc:", ridge_proved, "   mean loss = sum loss with N lam:", mean_is_scaled_sum)
    print("  norm-constrained LS, w(m) =", w_of_m, "= ridge with lam = m:", penalty_is_multiplier,
          "  active: m =", m_of_t, radius_sets_penalty, "\n")
    print("ball: (1) x = v / (1 + mu):", ball_step1, " (3) mu =", mu_active, ball_step3, " (4) ||x|| = r:", ball_step4)
    print("simplex: j (u_j - theta_j) = r - g(u_j) for j = 1..4:", threshold_identity, "  0-based breaks it:", off_by_one_breaks)
    print("  worked case v = (1/2, 1/5, -1):", simplex_kkt, simplex_case, "\n")
    print("QP: grad L = K [x; nu] - [-c; b]:", kkt_system, "  numeric case:", by_solve, qp_case,
          "  other sign gives -nu:", sign_is_convention)
    print("K =\n", pretty(K), sep="")
    print("PGD gradient A^T (A x - b):", pgd_gradient, "\n")
    # >>> course-only: the references above, printed (kit release leaves them out)
    show(REFERENCES)
    # <<< course-only
