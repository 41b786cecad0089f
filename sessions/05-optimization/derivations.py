"""Session 05 derivations: gradient descent on a quadratic, its best fixed step, momentum and Adam.

Run it to see each derivation:  python sessions/05-optimization/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it (the organizer's copy;
the learner edition holds no REFERENCES, only the values kit release recorded from them).

The model problem is the quadratic bowl  f(w) = 1/2 w.T A w - b.T w  with A symmetric positive
definite, eigenvalues mu = lambda_min and L = lambda_max, condition number kappa = L / mu.
Layout: w and b are vectors of shape (D,), A is (D, D); the gradient has w's shape.
"""

import sympy as sp

from kit.symbolic import Reference, Source, show

# ── 1. the gradient of the quadratic, on small explicit matrices ─────────────────────────────
# A symmetric n x n matrix of symbols, a vector w, a vector b; f = 1/2 w.T A w - b.T w.


def symmetric(n):
    return sp.Matrix(n, n, lambda i, j: sp.Symbol(f"a{min(i, j)}{max(i, j)}", real=True))


def column(name, n):
    return sp.Matrix(n, 1, lambda i, _: sp.Symbol(f"{name}{i}", real=True))


def quadratic(A, b, w):
    return (w.T * A * w)[0] / 2 - (b.T * w)[0]


loss_proved, gradient_proved, minimiser_proved = [], [], []
for n in (2, 3):
    A, b, w = symmetric(n), column("b", n), column("w", n)
    f = quadratic(A, b, w)
    # What `0.5 * w @ A @ w - b @ w` computes: the double sum, entry by entry.
    double_sum = sum(A[i, j] * w[i] * w[j] for i in range(n) for j in range(n)) / 2 - sum(b[i] * w[i] for i in range(n))
    loss_proved.append(sp.expand(f - double_sum) == 0)
    grad = sp.Matrix([f]).jacobian(w).T                     # df/dw_i, one entry per coordinate: shape (n, 1)
    gradient_proved.append(sp.expand(grad - (A * w - b)) == sp.zeros(n, 1))   # = A w - b, since A = A.T
    # Stationarity: grad = 0 is the linear system A w = b; its solution is the minimiser.
    (stationary,) = sp.linsolve(list(grad), list(w))
    w_star = sp.Matrix(stationary)
    minimiser_proved.append((w_star - A.inv() * b).applyfunc(sp.cancel) == sp.zeros(n, 1))
    if n == 2:
        A2, b2, w2, f2, grad2, w_star2 = A, b, w, f, grad, w_star
hessian2 = grad2.jacobian(w2)                                # the Hessian is A itself: the curvature

# Without symmetry the gradient is 1/2 (A + A.T) w - b: only the symmetric part of A matters.
A_any = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"c{i}{j}", real=True))
grad_any = sp.Matrix([quadratic(A_any, b2, w2)]).jacobian(w2).T
assert sp.expand(grad_any - ((A_any + A_any.T) / 2 * w2 - b2)) == sp.zeros(2, 1)

# ── 2. one gradient step, coordinate by coordinate, on A = diag(mu, L) ──────────────────────
lr, mu, L, kappa = sp.symbols("lr mu L kappa", positive=True)
w0, w1, b0, b1 = sp.symbols("w0 w1 b0 b1", real=True)
wd, bd = sp.Matrix([w0, w1]), sp.Matrix([b0, b1])
fd = quadratic(sp.diag(mu, L), bd, wd)
gd = sp.Matrix([fd]).jacobian(wd).T
wd_star = sp.Matrix([b0 / mu, b1 / L])                       # where gd = 0
wd_next = wd - lr * gd                                       # w_new = w - lr * grad
# The error e = w - w* is multiplied by (1 - lr * lambda) in each eigen-direction:
contraction = [sp.simplify((wd_next[i] - wd_star[i]) / (wd[i] - wd_star[i])) for i in range(2)]
# |1 - lr*lambda| is convex in lambda, so over [mu, L] the worst case is at an end: mu or L.
# Stable iff |1 - lr*L| < 1:
stable_steps = sp.solve_univariate_inequality(sp.Abs(contraction[1]) < 1, lr, relational=False)
# The best fixed step balances the two ends: the slow direction (mu) shrinks by 1 - lr*mu,
# the fast one (L) by -(1 - lr*L) (it overshoots). Equal magnitudes:
lr_opt = sp.solve(sp.Eq(contraction[0], -contraction[1]), lr)[0]                      # 2 / (L + mu)
rate = sp.simplify(contraction[0].subs(lr, lr_opt))                                   # (L - mu) / (L + mu)
rate_kappa = sp.simplify(rate.subs(L, kappa * mu))                                    # (kappa - 1) / (kappa + 1)
assert sp.simplify(contraction[1].subs(lr, lr_opt) + rate) == 0                       # both ends: |.| = rate
rate_one_over_L = sp.simplify(contraction[0].subs(lr, 1 / L).subs(L, kappa * mu))     # 1 - 1/kappa, slower

# Steps to a tolerance: the gradient is A e, so ||grad_k|| <= rate**k * ||grad_0||  (A is symmetric,
# I - lr A shares its eigenvectors). The first k with rate**k * g0 <= tol:
k, g0, tol = sp.symbols("k g0 tol", positive=True)
# Take logs (both sides positive): k * log(rate) + log(g0) = log(tol), linear in k.
k_needed = sp.solve(sp.Eq(k * sp.log(rate) + sp.log(g0), sp.log(tol)), k)[0]         # log(tol/g0) / log(rate)
steps_bound = sp.Max(0, sp.ceiling(k_needed))

# ── 3. momentum (heavy ball): the error obeys a two-term recurrence ─────────────────────────
lam, beta, z = sp.symbols("lam beta z", positive=True)
e_k, e_prev = sp.symbols("e_k e_prev", real=True)
e_next = e_k - lr * lam * e_k + beta * (e_k - e_prev)       # w_{k+1} = w_k - lr g_k + beta (w_k - w_{k-1})
heavy_ball = sp.Matrix([e_next, e_k]).jacobian([e_k, e_prev])                         # (e_{k+1}, e_k) = T (e_k, e_{k-1})
heavy_ball_poly = sp.collect(sp.expand((z * sp.eye(2) - heavy_ball).det()), z)       # det(z I - T)
# With Polyak's choice the two roots coincide (a double root, modulus sqrt(beta)) at both ends of the spectrum:
lr_polyak = 4 / (sp.sqrt(L) + sp.sqrt(mu)) ** 2
beta_polyak = ((sp.sqrt(L) - sp.sqrt(mu)) / (sp.sqrt(L) + sp.sqrt(mu))) ** 2
polyak_double_root = [sp.simplify(sp.discriminant(heavy_ball_poly, z).subs({lr: lr_polyak, beta: beta_polyak, lam: end}))
                      for end in (mu, L)]
assert polyak_double_root == [0, 0]
rate_polyak = (sp.sqrt(kappa) - 1) / (sp.sqrt(kappa) + 1)          # = sqrt(beta) for kappa >= 1, checked by squaring:
assert sp.simplify(rate_polyak ** 2 - beta_polyak.subs(L, kappa * mu)) == 0

# ── 4. the update rules, in symbols (elementwise: every entry of w has its own state) ─────────
w, g, velocity, m, v, eps = sp.symbols("w grad velocity m v eps", real=True)
beta1, beta2 = sp.symbols("beta1 beta2", positive=True)
t = sp.Symbol("t", integer=True, positive=True)              # 1-based: t = 1 on the first update

sgd_w = w - lr * g
velocity_new = beta * velocity + g                            # heavy ball, PyTorch's convention
momentum_w = w - lr * velocity_new

# Adam, derived in four steps. The exercise adam_step asks for the result; its feedback points
# back to these steps.
# Step 4a. The state: two exponential moving averages that start at 0. One update of an average
# with decay rate `decay` keeps that weight on the old value and gives the rest to the new one.
decay, x, a_prev = sp.symbols("decay x a_prev", real=True)
moving_average = decay * a_prev + (1 - decay) * x            # a_t = decay * a_(t-1) + (1 - decay) * x_t
m_new = moving_average.subs({a_prev: m, x: g, decay: beta1}, simultaneous=True)        # of grad
v_new = moving_average.subs({a_prev: v, x: g ** 2, decay: beta2}, simultaneous=True)   # of grad**2

# Step 4b. The bias: unroll the average from a_0 = 0 with the same x every step.
b_, x_ = sp.symbols("b x_", positive=True)
i = sp.Symbol("i", integer=True, positive=True)
a_t = sp.factor(sp.simplify(sp.Sum((1 - b_) * b_ ** (t - i) * x_, (i, 1, t)).doit()))
assert sp.simplify(moving_average.subs({decay: b_, x: x_, a_prev: a_t.subs(t, t - 1)}) - a_t) == 0   # solves 4a
shrink = sp.simplify(a_t / x_)                              # the factor it is too small by: 1 - b**t
assert shrink.subs(t, 1) == 1 - b_                           # after one update: (1 - b) x, not x

# Step 4c. Undo the bias: divide each average by its own factor, so a constant gradient gives back
# exactly grad and grad**2 at every t. The first update is t = 1 (at t = 0 the factor is 0).
m_hat = m_new / shrink.subs(b_, beta1)
v_hat = v_new / shrink.subs(b_, beta2)
m_steady = a_t.subs({b_: beta1, x_: g})                      # m after t updates with a constant grad
assert sp.simplify(m_hat.subs(m, m_steady.subs(t, t - 1)) - g) == 0
assert shrink.subs(t, 0) == 0                                # t = 0 would divide by zero

# Step 4d. The move: lr times the corrected mean over the corrected root mean square, eps after the
# square root (Kingma & Ba, Algorithm 1). The ratio is about +-1 per entry, whatever grad's scale.
adam_w = w - lr * m_hat / (sp.sqrt(v_hat) + eps)
first_move = sp.simplify((w - adam_w).subs({m: 0, v: 0, t: 1, eps: 0}))
assert sp.simplify(first_move - lr * g / sp.Abs(g)) == 0     # step 1 moves by lr * sign(grad)
m_t_constant = m_steady                                      # shown by __main__

# >>> course-only: the graded references, answers to the exercises (kit release leaves them out)
REFERENCES = [
    Source("quadratic_loss", "def quadratic_loss(A, b, w):\n    return 0.5 * w @ A @ w - b @ w\n",
           verified=all(loss_proved), formula="f = 0.5 * w @ A @ w - b @ w"),
    Source("quadratic_gradient", "def quadratic_gradient(A, b, w):\n    return A @ w - b\n",
           verified=all(gradient_proved), formula="grad = A @ w - b   (A symmetric; shape of w)"),
    Source("quadratic_minimiser", "def quadratic_minimiser(A, b):\n    return np.linalg.solve(A, b)\n",
           verified=all(minimiser_proved), formula="w* solves A @ w = b  (grad = 0)"),
    Reference("optimal_step", (L, mu), lr_opt, formula="lr = 2 / (L + mu),  L, mu = largest, smallest eigenvalue of A"),
    Reference("convergence_factor", (L, mu), rate, formula="rate = (L - mu) / (L + mu) = (kappa - 1) / (kappa + 1)"),
    Reference("steps_bound", (L, mu, g0, tol), steps_bound,
              formula="steps <= ceil(log(tol / ||grad_0||) / log(rate))"),
    Reference("sgd_step", (w, g, lr), sgd_w, formula="w_new = w - lr * grad"),
    Reference("momentum_step", (w, g, velocity, lr, beta), (momentum_w, velocity_new),
              formula="velocity_new = beta * velocity + grad;  w_new = w - lr * velocity_new"),
    Reference("adam_step", (w, g, m, v, t, lr, beta1, beta2, eps), (adam_w, m_new, v_new),
              formula=("section 4, step by step: (4a) m, v are moving averages of grad and "
                       "grad**2 from 0; (4b) unrolled from 0 they are too small by a factor that depends on t; "
                       "(4c) divide that out, t = 1 first; (4d) the move, eps after the square root")),
]
# <<< course-only

if __name__ == "__main__":
    sp.init_printing(use_unicode=True)
    print("f(w) on a symmetric 2x2 A:", sp.expand(f2))
    print("grad f =", list(grad2), " = A w - b:", all(gradient_proved), " (checked on 2x2 and 3x3)")
    print("Hessian =", hessian2.tolist(), " (A itself)")
    print("minimiser (grad = 0):", list(w_star2), " = A^-1 b:", all(minimiser_proved))
    print("without symmetry: grad = 1/2 (A + A.T) w - b\n")
    print("on A = diag(mu, L), one step multiplies the error by", contraction, "per coordinate")
    print("stable step sizes (|1 - lr L| < 1):", stable_steps)
    print("best fixed step: lr* =", lr_opt, "  rate =", rate, "=", rate_kappa, "  (lr = 1/L gives", rate_one_over_L, ")")
    print("steps to tolerance: k >=", k_needed, "\n")
    print("heavy ball, per eigenvalue: T =", heavy_ball.tolist(), " char. poly:", heavy_ball_poly)
    print("Polyak's lr, beta give a double root at mu and at L; rate =", rate_polyak, "\n")
    print("Adam, step 4b: a moving average unrolled from 0 with a constant x is", a_t,
          "  (too small by", shrink, ")")
    print("Adam, step 4c: divided by that factor, a constant grad gives back grad; step 4d: the first move is",
          first_move, "\n")
    # >>> course-only: the references, printed for the organizer
    show(REFERENCES)
    # <<< course-only
