"""Checks for session 10: ridge, the projections onto an l2 ball and onto the simplex, projected
gradient descent, and an equality-constrained QP solved through its KKT system.

Expected values come from derivations.py (via kit.derive), never from solutions/. Beyond the values:
a projection lands in its set, satisfies the variational inequality and leaves a feasible point
where it is, as a new array (kit.kinds.projection); a QP answer has a small KKT residual
(kit.kinds.kkt); bad input raises ValueError (kit.kinds.refuses). Every edge case is built, not drawn:
the simplex probes keep 2 .. D-1 entries (where the threshold's index matters), ridge's data sit far
from the origin (where a penalised intercept shows) with N != 1 (where a mean loss shows).
"""

import numpy as np

from kit import probes
from kit.compare import received
from kit.declare import Declare, unchanged, with_options
from kit.judges import Case
from kit.kinds.kkt import residual
from kit.kinds.projection import fresh, helpers, idempotent, nearest
from kit.kinds.refuses import refuses
from kit.users import user_table

HELPERS = helpers("project_l2_ball") + helpers("project_simplex")
COPY = "x = np.array(x, dtype=float) makes a new array; x *= ... or x[...] = ... writes into the caller's"
BALL = "derivations.py, projection onto a ball, step "
B = "dJ/db = 0 gives b = y.mean() - X.mean(axis=0) @ w: the intercept absorbs the means"
ZERO = "0 / 0 at the zero vector: the zero vector is inside the ball, so it comes back unchanged (step 2: mu = 0)"


def exercises(refs, rng):
    d = Declare(refs, rng, "sessions/10-constrained-optimization/derivations.py")
    ridge_ref, ball, simplex, pgd, qp = (refs[n] for n in ("ridge", "project_l2_ball", "project_simplex", "projected_gradient_descent", "solve_eq_qp"))
    bad = lambda label, *args: Case(args, label, None)  # noqa: E731

    # ── ridge(X, y, lam): a SUM loss, intercept not penalised ─────────────────────────────────────
    def data(n, dims, offset):
        X = np.round(rng.normal(loc=rng.uniform(3, 9, dims) * rng.choice([-1, 1], dims), scale=2.0, size=(n, dims)), 2)
        return X, np.round(X @ rng.uniform(-2, 2, dims) + offset + rng.normal(size=n), 2)

    def ridge_mistakes(X, y, lam):
        n, Xa, w = len(y), np.column_stack([X, np.ones(len(y))]), ridge_ref(X, y, lam)[0]
        both = np.linalg.solve(Xa.T @ Xa + lam * np.eye(Xa.shape[1]), Xa.T @ y)
        return [("the intercept penalised too (a column of ones inside the penalty)", (both[:-1], both[-1]), "derivations.py, section 2: b is not in the penalty; " + B),
                ("no intercept: X and y not centred, b = 0", (np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y), 0.0), "centre X and y first; " + B),
                ("lam on a MEAN loss's scale (the same as N * lam on the sum)", ridge_ref(X, y, n * lam),
                 "the loss is the SUM ||X @ w + b - y||**2 + lam * ||w||**2; dividing the squares by N multiplies lam by N"),
                ("1/2 on the squares (the same as 2 * lam)", ridge_ref(X, y, 2 * lam), "J = ||X @ w + b - y||**2 + lam * ||w||**2, no 1/2"),
                ("b = y.mean(), without - X.mean(axis=0) @ w", (w, np.mean(y)), B)]

    ridge_style = d.style("ridge", ("X", "y", "lam"), elementwise=False, outputs=("w", "b"), mistakes=ridge_mistakes)
    r_ord = d.cases("ridge", ("12 users × 3 features, lam = 4", (*data(12, 3, 25.0), 4.0)), ("20 users × 2 features, lam = 10", (*data(20, 2, -40.0), 10.0)))
    u = user_table(n=30, seed=int(rng.integers(10**6)))
    table = np.column_stack([u.days_active, u.sessions_per_week, u.tickets, u.purchases]).astype(float)
    r_scale = d.cases("ridge", ("30 users (kit.users) → purchases, lam = 500", (table[:, :3], table[:, 3], 500.0)),
                      ("8 users × 2 features, lam = 50", (*data(8, 2, 60.0), 50.0)))
    r_edge = d.cases("ridge", ("one feature (D = 1), y far from 0, lam = 2", (*data(9, 1, 100.0), 2.0)), ("lam = 0: least squares", (*data(10, 3, 30.0), 0.0)))
    ridge_ex = d.exercise("ridge", ridge_style, {
        "values": r_ord, "lambda-scale": r_ord[:1] + r_scale, "intercept": r_ord[:1] + r_edge,
        "negative-lambda": refuses("ridge/negative-lambda", r_ord[:1], [bad("lam = -1", *r_ord[0].args[:2], -1.0)], ridge_style,
                                   why="a negative lam rewards large weights, so J has no minimum"),
        "inputs-unchanged": unchanged(r_ord, "Xc = X - X.mean(axis=0) builds a new array; X -= ... centres the caller's")})

    # ── project_l2_ball(x, radius): derive it yourself ────────────────────────────────────────────
    def outside(dims, radius):
        return np.round((x := probes.ordinary(rng, (dims,))) * (radius * rng.uniform(1.5, 3.0) / np.linalg.norm(x)), 2), radius

    def ball_mistakes(x, r):
        nx = np.linalg.norm(x)
        with np.errstate(all="ignore"):
            return [("scaled onto the sphere even from inside the ball", r * x / nx,
                     BALL + "2: inside the ball the constraint is slack, mu = 0, and nothing moves"),
                    ("divided by ||x|| without multiplying by the radius", x / nx if nx > r else x, BALL + "3: the active constraint is ||p|| = radius"),
                    ("each entry clipped to [-radius, radius] (the box, not the ball)", np.clip(x, -r, r),
                     "clipping projects onto the l-infinity ball; the l2 ball shrinks x along its own direction (step 1: p = x / (1 + mu))")]

    ball_style = d.style("project_l2_ball", ("x", "radius"), elementwise=False, mistakes=ball_mistakes)
    b_ord = d.cases("project_l2_ball", ("a 3-D point outside the unit ball", outside(3, 1.0)), ("a 5-D point outside a ball of radius 2.5", outside(5, 2.5)))
    inner = probes.ordinary(rng, (4,))
    b_in = d.cases("project_l2_ball", ("a point inside the ball (radius 2)", (np.round(inner / np.linalg.norm(inner), 2), 2.0)),
                   ("the zero vector (inside)", (np.zeros(3), 1.0)), ("a point exactly on the sphere, (0.6, 0, 0.8)", (np.array([0.6, 0.0, 0.8]), 1.0)))
    in_ball = lambda p, x, r: "" if np.linalg.norm(p) <= r * (1 + 1e-9) else f"has norm {np.linalg.norm(p):.6g} > radius {r:g}"  # noqa: E731
    zero_nan = lambda case, o: ZERO if not np.any(case.args[0]) and np.isnan(np.sum(received(o["value"])[0], dtype=float)) else ""  # noqa: E731
    ball_ex = d.exercise("project_l2_ball", ball_style, {
        "values": b_ord, "feasible-input": with_options(b_ord[:1] + b_in, explain=zero_nan),
        "variational-inequality": nearest("project_l2_ball/variational-inequality", b_ord, ball_style, in_ball, lambda x, r: [0 * x, r * np.eye(len(x))[0]]),
        "idempotent": idempotent("project_l2_ball/idempotent", b_ord, ball_style, b_in[:1]),
        "fresh-array": fresh("project_l2_ball/fresh-array", b_ord[:1] + b_in[::2], ball_style),
        "negative-radius": refuses("project_l2_ball/negative-radius", b_ord[:1], [bad("radius = -1", b_ord[0].args[0], -1.0)], ball_style,
                                   why="no point has a negative norm, so the ball is empty"),
        "inputs-unchanged": unchanged(b_ord, COPY)})

    # ── project_simplex(v, radius) ────────────────────────────────────────────────────────────────
    def kept(dims, keep, radius=1.0):
        """A v whose projection keeps exactly `keep` entries, with a threshold theta away from 0."""
        share, theta = np.round(radius * (w := rng.uniform(1, 3, keep)) / w.sum(), 2), np.round(rng.uniform(0.1, 0.3) * rng.choice([-1, 1]), 2)
        share[-1] = np.round(radius - share[:-1].sum(), 2)
        low = theta - rng.uniform(0.1, 1.0, dims - keep)
        return rng.permutation(np.round(np.concatenate([share + theta, low]), 2)), radius

    def variant(v, r, div_from=1, first=False):
        """The sort-based algorithm, theta divided by the 0-based index + div_from, rho the first or last passing."""
        css = np.cumsum(np.sort(v)[::-1])
        at = np.nonzero(np.sort(v)[::-1] - (css - r) / np.arange(1, v.size + 1) > 0)[0][0 if first else -1]
        return np.maximum(v - (css[at] - r) / (at + div_from), 0)

    def simplex_mistakes(v, r=1.0):
        u, theta = np.sort(v)[::-1], np.max(v) - simplex(v, r).max()
        with np.errstate(all="ignore"):
            return [("theta divided by the 0-based index rho, not rho + 1 (the count of kept entries)", variant(v, r, div_from=0),
                     "derivations.py, section 4: theta = (u_1 + ... + u_rho - r) / rho with rho the NUMBER of entries kept; a 0-based index is one less"),
                    ("the FIRST position passing the test, not the last", variant(v, r, first=True), "every position of the support passes the test (u_1 always does): rho is the LAST that passes"),
                    ("radius ignored (the sum is 1)", simplex(v, 1.0), "the answer sums to radius: use it in theta"),
                    ("negative entries clipped to 0, then rescaled to sum to radius", np.maximum(v, 0) * r / np.maximum(v, 0).sum(),
                     "rescaling is not the nearest point: the KKT conditions give a common SHIFT, x = maximum(v - theta, 0)"),
                    ("shifted but not clipped (the hyperplane sum(x) = r only)", v - (v.sum() - r) / v.size, "x >= 0 too: x = maximum(v - theta, 0)"),
                    ("the answer in sorted order, not v's", np.maximum(u - theta, 0), "subtract theta from v itself, not from the sorted copy")]

    simplex_style = d.style("project_simplex", ("v", "radius"), elementwise=False, mistakes=simplex_mistakes)
    s_ord = d.cases("project_simplex", ("6 entries, 3 kept", kept(6, 3)), ("8 entries, 4 kept", kept(8, 4)), ("5 entries, 2 kept", kept(5, 2)))
    s_radius = d.cases("project_simplex", ("6 entries, 3 kept, radius 2.5", kept(6, 3, 2.5)), ("4 entries, 2 kept, radius 0.4", kept(4, 2, 0.4)))
    s_edge = d.cases("project_simplex", ("ties: (0.8, 0.8, 0.2, -0.5)", (np.array([0.8, 0.8, 0.2, -0.5]), 1.0)), ("D = 1 (its one entry kept)", (np.array([-2.0]), 1.0)),
                     ("every entry kept (rho = D)", (np.round(rng.uniform(0.3, 0.5, 4), 2), 1.0)), ("one entry dominates (a vertex)", (np.array([-0.4, 3.0, 0.5, 1.2]), 1.0)))
    s_feas = d.cases("project_simplex", ("v already on the simplex, with zeros", (np.array([0.0, 0.25, 0.0, 0.75]), 1.0)), ("a vertex, radius 2", (np.array([0.0, 2.0, 0.0]), 2.0)))
    on_simplex = lambda p, v, r: (f"has a negative entry {p.min():.4g}" if p.min() < -1e-9 else  # noqa: E731
                                  f"sums to {p.sum():.6g}, not radius = {r:g}" if abs(p.sum() - r) > 1e-9 * (1 + r) else "")
    v0 = s_ord[0].args[0]
    simplex_ex = d.exercise("project_simplex", simplex_style, {
        "values": s_ord, "radius": s_ord[:1] + s_radius, "ties-and-extremes": s_ord[:1] + s_edge,
        "variational-inequality": nearest("project_simplex/variational-inequality", s_ord + s_radius[:1], simplex_style, on_simplex, lambda v, r: r * np.eye(len(v))),
        "idempotent": idempotent("project_simplex/idempotent", s_ord, simplex_style, s_feas),
        "fresh-array": fresh("project_simplex/fresh-array", s_ord[:1] + s_feas, simplex_style),
        "bad-input": refuses("project_simplex/bad-input", s_ord[:1], [bad("a 2-D v", np.full((2, 3), 0.2), 1.0), bad("radius = 0", v0, 0.0),
                             bad("radius = -1", v0, -1.0)], simplex_style, why="the simplex needs a 1-D v and radius > 0 (radius 0 leaves only x = 0)"),
        "inputs-unchanged": unchanged(s_ord, COPY)})

    # ── projected_gradient_descent(A, b, radius, x0, lr, steps) ───────────────────────────────────
    def problem(n, dims, steps, inside=False, x0_scale=0.3):
        A, b = probes.ordinary(rng, (n, dims)), probes.ordinary(rng, (n,)) * 3          # radius: half (or twice) the LS answer's norm
        radius = float(np.round(np.linalg.norm(np.linalg.lstsq(A, b, rcond=None)[0]) * (2.0 if inside else 0.5), 2))
        return A, b, radius, np.round(probes.ordinary(rng, (dims,)) * x0_scale, 2), float(np.round(1 / np.linalg.eigvalsh(A.T @ A)[-1], 3)), steps

    def pgd_mistakes(A, b, r, x0, lr, steps):
        run, free = (lambda k: pgd(A, b, r, x0, lr, k) if k >= 0 else None), np.array(x0, float)
        for _ in range(steps):
            free = free - lr * A.T @ (A @ free - b)
        return [("no projection: plain gradient descent", free, "project after EVERY step: x = project_l2_ball(x - lr * grad, radius)"),
                ("projected once, after the last step", ball(free, r), "project after every step, not only at the end"),
                ("one step too many", run(steps + 1), "take exactly `steps` steps (steps = 0 returns x0)"),
                ("one step too few", run(steps - 1), "take exactly `steps` steps"),
                ("gradient divided by N (a mean loss)", pgd(A / np.sqrt(len(b)), b / np.sqrt(len(b)), r, x0, lr, steps), "f = 1/2 ||A @ x - b||**2, a sum: grad_f = A.T @ (A @ x - b)"),
                ("x0 projected before the first step", pgd(A, b, r, ball(x0, r), lr, steps) if steps else ball(x0, r), "x0 is used as given; the first step's projection brings it into the ball")]

    pgd_style = d.style("projected_gradient_descent", ("A", "b", "radius", "x0", "lr", "steps"), elementwise=False, mistakes=pgd_mistakes)
    p_one = d.cases("projected_gradient_descent", ("one step, 6 × 3, x0 outside the ball", problem(6, 3, 1, x0_scale=20.0)), ("two steps, 8 × 4", problem(8, 4, 2)))
    p_few = d.cases("projected_gradient_descent", ("5 steps, 6 × 3", problem(6, 3, 5)), ("8 steps, x0 outside", problem(7, 2, 8, x0_scale=20.0)))
    p_long = d.cases("projected_gradient_descent", ("300 steps: the constrained minimiser", problem(6, 3, 300)),
                     ("300 steps, the LS answer inside the ball (the constraint is slack)", problem(6, 3, 300, inside=True)),
                     ("steps = 0: x0 comes back", problem(5, 3, 0, x0_scale=20.0)))
    pgd_ex = d.exercise("projected_gradient_descent", pgd_style, {
        "first-steps": p_one, "few-steps": p_few, "converges": p_one[:1] + p_long,
        "negative-radius": refuses("projected_gradient_descent/negative-radius", p_one[:1], [bad("radius = -1", *p_one[0].args[:2], -1.0, *p_one[0].args[3:])],
                                   pgd_style, why="no ball has a negative radius"),
        "inputs-unchanged": unchanged(p_few, "x = x0 names the caller's array; start from x = np.array(x0, dtype=float)")})

    # ── solve_eq_qp(Q, c, A, b) ───────────────────────────────────────────────────────────────────
    def qp_case(n, m, rank=None):
        G = probes.ordinary(rng, (n, rank or n))
        return G @ G.T + (0.0 if rank else 0.5) * np.eye(n), probes.ordinary(rng, (n,)), probes.ordinary(rng, (m, n)), probes.ordinary(rng, (m,))

    def qp_mistakes(Q, c, A, b):
        (x, nu), flipped, free = qp(Q, c, A, b), qp(Q, -c, A, b), np.linalg.lstsq(Q, -c, rcond=None)[0]
        return [("nu with the other sign (L = f - nu @ (A x - b))", (x, -nu), "the docstring's L ADDS nu @ (A x - b): stationarity is Q @ x + c + A.T @ nu = 0"),
                ("+c on the right-hand side instead of -c", flipped, "Q @ x + c + A.T @ nu = 0 puts -c on the right: [-c; b]"),
                ("the constraints ignored: x = solve(Q, -c)", (free, None), "the constraint A @ x = b enters through the block row [A, 0]")]

    qp_style = d.style("solve_eq_qp", ("Q", "c", "A", "b"), elementwise=False, outputs=("x", "nu"), mistakes=qp_mistakes)
    q_ord = d.cases("solve_eq_qp", ("n = 4, m = 2", qp_case(4, 2)), ("n = 5, m = 1", qp_case(5, 1)))
    q_sing = d.cases("solve_eq_qp", ("Q singular (rank 2 of 4), m = 2: only the KKT system is solvable", qp_case(4, 2, rank=2)))
    Qd, cd, Ad, bd = q_ord[0].args
    qp_conditions = lambda out, Q, c, A, b: [  # noqa: E731
        ("stationarity  Q @ x + c + A.T @ nu = 0", Q @ out[0] + c + A.T @ out[1], "if Q @ x + c - A.T @ nu is zero instead, nu has the other sign: the docstring's L ADDS nu @ (A @ x - b)"),
        ("primal feasibility  A @ x = b", A @ out[0] - b, "the last m rows of the KKT system are [A, 0] @ [x; nu] = b")]
    return [ridge_ex, ball_ex, simplex_ex, pgd_ex, d.exercise("solve_eq_qp", qp_style, {
        "values": q_ord, "kkt-residual": residual("solve_eq_qp/kkt-residual", q_ord + q_sing, qp_style, qp_conditions), "singular-Q": q_ord[:1] + q_sing,
        "dependent-constraints": refuses("solve_eq_qp/dependent-constraints", q_ord[:1], [bad("A's second row = 2 × its first (b consistent)", Qd, cd,
                                         np.outer([1, 2], Ad[0]), bd[0] * np.array([1.0, 2.0]))], qp_style,
                                         why="dependent constraints make the KKT matrix singular: the multipliers are not unique"),
        "inputs-unchanged": unchanged(q_ord)})]
