"""Hidden tests for session 05: the quadratic bowl, its optimal step, and three optimizer steps.

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
The learner's step functions are pure (state in, new state out), and each call's inputs are fixed
before the learner runs, so "over several steps" means: the kit runs the reference recurrence
along a trajectory, then asks the learner for one step at several points of it (t = 1, 2, 5, 50).
gd_to_tolerance is judged as an iterative solver (kit.kinds.iterative) and against the reference path.
"""

import numpy as np

from kit import compare, probes
from kit.declare import Declare, against_forward, unchanged, with_options
from kit.kinds.iterative import Solver, converges

ALONG = (2, 5, 50)                      # the steps of a run the learner is asked to reproduce
INPLACE_STEP = ("`w -= lr * grad` (or `m *= beta1`) writes into the caller's array, and the caller still "
                "needs its old state; build new arrays: w_new = w - lr * grad")
DEFAULTS_ADVICE = ("this call passes only w, grad, m, v, t, lr: the signature's defaults must be Kingma & Ba's, "
                   "beta1=0.9, beta2=0.999, eps=1e-8 (if your answer with explicit betas passes, check the defaults)")
INPLACE_W0 = ("`w = w0` names the caller's array, so `w -= lr * grad` changes w0 too; start from a copy: "
              "w = w0.copy() (or np.array(w0, dtype=float))")
STEP = "derivations.py, step 4{}: "    # Adam's advice names the derivation's step, not the answer


def spd(rng, d, kappa):
    """A = Q diag(eigenvalues) Q.T, symmetric positive definite, smallest eigenvalue mu, largest kappa * mu."""
    mu = float(np.round(rng.uniform(0.5, 2.0), 2))
    eigenvalues = np.concatenate([[mu], np.sort(rng.uniform(mu, kappa * mu, size=d - 2)), [kappa * mu]])
    q = np.linalg.qr(rng.normal(size=(d, d)))[0]
    A = q @ np.diag(eigenvalues) @ q.T
    return (A + A.T) / 2


def extremes(A):
    """(L, mu): the largest and smallest eigenvalue (a NumPy routine, independent of the learner)."""
    return float(np.linalg.eigvalsh(A)[-1]), float(np.linalg.eigvalsh(A)[0])


def gradient_map(grad, A, b):
    """w -> grad(A, b, w) for any w: a quadratic's gradient is affine in w, so it is read off the reference
    at 0 and at the unit vectors (the same for every learner; kit release records them) and applied to w."""
    at_zero = grad(A, b, np.zeros(len(b)))
    columns = np.column_stack([grad(A, b, e) - at_zero for e in np.eye(len(b))])
    return lambda w: columns @ w + at_zero


def exercises(refs, rng):
    d = Declare(refs, rng, "sessions/05-optimization/derivations.py")
    grad, lr_opt = refs["quadratic_gradient"], lambda A: float(refs["optimal_step"](*extremes(A)))

    def problem(dim, kappa):
        return spd(rng, dim, kappa), probes.ordinary(rng, (dim,)), probes.ordinary(rng, (dim,))

    def descend(A, b, w0, tol, max_steps, lr=None):
        """(w_K, K, gradient norms): reference gradient descent (lr = 2/(L+mu) unless given), stopped as the
        docstring says: at the first K with ||grad(w_K)|| <= tol, or at K = max_steps. One stored value
        however many steps it takes (the plan cache, the learner edition's recording)."""
        return d.expected(walk, (A, b, w0, tol, max_steps, lr))

    def walk(A, b, w0, tol, max_steps, lr):
        w, norms, lr = np.array(w0, dtype=float), [], lr_opt(A) if lr is None else lr
        for k in range(max_steps + 1):
            g = grad(A, b, w)
            norms.append(float(np.linalg.norm(g)))
            if k == max_steps or norms[-1] <= tol or not np.isfinite(norms[-1]):
                return w, np.asarray(float(k)), norms
            w = refs["sgd_step"](w, g, lr)

    def run(step, A, b, w, state, args):
        """The arguments of steps 1 .. max(ALONG) of a reference run: args(t, w, grad, state) -> a call's arguments."""
        at = {}
        for t in range(1, max(ALONG) + 1):
            at[t] = args(t, w, grad(A, b, w), state)
            w, *state = step(*at[t])
        return at

    # ── quadratic_loss(A, b, w) and quadratic_gradient(A, b, w) ──────────────────────────────────
    bowls = [("a 3-D bowl (kappa = 5)", problem(3, 5.0)), ("a 5-D bowl (kappa = 20)", problem(5, 20.0))]
    loss, grads = d.cases("quadratic_loss", *bowls), d.cases("quadratic_gradient", *bowls)
    loss_style = d.style("quadratic_loss", ("A", "b", "w"), elementwise=False, mistakes=lambda A, b, w: [
        ("the 1/2 is missing", w @ A @ w - b @ w, "f = 1/2 w.T A w - b.T w"),
        ("the sign of b.T w is flipped", 0.5 * w @ A @ w + b @ w, "f = ... - b @ w")])
    grad_style = d.style("quadratic_gradient", ("A", "b", "w"), elementwise=False, mistakes=lambda A, b, w: [
        ("the 1/2 kept: 0.5 * A @ w - b", 0.5 * A @ w - b, "w appears twice in w.T A w, so its derivative is 2 * (1/2) A w = A w"),
        ("A @ w + b: the sign of b is flipped", A @ w + b, "d/dw (-b.T w) = -b"),
        ("A @ w without - b", A @ w, "the linear term -b.T w contributes -b")])

    # ── optimal_step_size(A) ─────────────────────────────────────────────────────────────────────
    def step_mistakes(A):
        (L, mu), e, pair = extremes(A), np.diag(A), lambda L, mu: (2 / (L + mu), (L - mu) / (L + mu))
        return [("lr = 1 / L", (1 / L, None), "1/L is safe but slow: the best fixed step balances |1 - lr*mu| = |1 - lr*L|, giving 2 / (L + mu)"),
                ("lr = 2 / L, the edge of divergence", (2 / L, None),
                 "at lr = 2/L the error along L's eigenvector flips sign without shrinking; 2 / (L + mu) is the optimum"),
                ("L and mu read from the diagonal of A", pair(e.max(), e.min()),
                 "diagonal entries are the eigenvalues only when A is diagonal: use np.linalg.eigvalsh(A)"),
                ("L and mu read from A[-1, -1] and A[0, 0]", pair(e[-1], e[0]),
                 "the eigenvalues are not in order on the diagonal: use the largest and smallest of np.linalg.eigvalsh(A)"),
                ("L and mu swapped in the rate", (None, (mu - L) / (L + mu)), "np.linalg.eigvalsh sorts ascending: mu = eigenvalues[0], L = eigenvalues[-1]"),
                ("rate = 1 - mu / L, the rate of lr = 1/L", (None, 1 - mu / L), "with lr = 2 / (L + mu) the rate is 1 - lr * mu = (L - mu) / (L + mu)"),
                ("rate = (sqrt(kappa) - 1) / (sqrt(kappa) + 1), momentum's rate", (None, (np.sqrt(L / mu) - 1) / (np.sqrt(L / mu) + 1)),
                 "that is Polyak's heavy ball with tuned momentum; plain GD gets (kappa - 1) / (kappa + 1)")]

    mu2 = float(np.round(rng.uniform(0.5, 1.5), 2))
    steps = d.cases(lambda A: (refs["optimal_step"](*extremes(A)), refs["convergence_factor"](*extremes(A))),
                    ("A = diag(mu, L), 2x2", np.diag([mu2, float(np.round(mu2 * rng.uniform(8, 12), 2))])),
                    ("a diagonal 3x3 A, entries not sorted", np.diag(np.round([rng.uniform(3, 4), rng.uniform(0.5, 1), rng.uniform(6, 9)], 2))),
                    ("a non-diagonal 4x4 A (kappa = 30)", spd(rng, 4, 30.0)))
    step_style = d.style(("optimal_step", "convergence_factor"), ("A",), elementwise=False, outputs=("lr", "rate"), mistakes=step_mistakes)

    # ── sgd_step(w, grad, lr) ────────────────────────────────────────────────────────────────────
    sgd = d.cases("sgd_step", *[(label, (probes.ordinary(rng, shape), probes.ordinary(rng, shape), float(np.round(rng.uniform(0.01, 0.5), 3))))
                                for label, shape in [("a 1-D parameter vector", (6,)), ("a 2-D weight matrix", (3, 4)), ("a 0-d parameter", ()),
                                                     ("a 3-D tensor", (2, 3, 2)), ("an empty parameter", (0,))]])
    sgd_style = d.style("sgd_step", ("w", "grad", "lr"), mistakes=lambda w, g, lr: [
        ("w + lr * grad: a step uphill", w + lr * g, "descent moves against the gradient: w - lr * grad"),
        ("lr left out: w - grad", w - g, "the step is lr * grad"), ("lr / grad instead of lr * grad", w - lr / g, "the step is lr * grad")])

    # ── momentum_step(w, grad, velocity, lr, beta) along a heavy-ball run ────────────────────────
    A_m, b_m, w_m = problem(4, 20.0)
    lr_m = float(np.round(1 / extremes(A_m)[0], 3))
    heavy = run(refs["momentum_step"], A_m, b_m, w_m, [np.zeros(4)], lambda t, w, g, state: (w, g, *state, lr_m, 0.9))
    mom = d.cases("momentum_step", ("step 1 of a run (velocity = 0)", heavy[1]),
                  ("a 2-D weight matrix with some velocity", (*(probes.ordinary(rng, (3, 2)) for _ in range(3)), 0.05, 0.8)),
                  *[(f"step {k} of a run (lr = {lr_m:g}, beta = 0.9)", heavy[k]) for k in ALONG])

    def momentum_mistakes(w, g, vel, lr, beta):
        vel_new, ema, cs231n = beta * vel + g, beta * vel + (1 - beta) * g, beta * vel - lr * g
        return [("w moved with the old velocity", (w - lr * vel, vel_new), "update the velocity first, then w_new = w - lr * velocity_new"),
                ("velocity as an average: beta * velocity + (1 - beta) * grad", (w - lr * ema, ema),
                 "that is Adam's first moment; the heavy ball adds the whole gradient: beta * velocity + grad"),
                ("the CS231n convention (velocity = beta * velocity - lr * grad; w + velocity)", (w + cs231n, cs231n),
                 "the same path with velocity scaled by -lr; this exercise stores velocity_new = beta * velocity + grad"),
                ("the old velocity returned (the velocity is never updated)", (w - lr * vel_new, vel),
                 "return velocity_new: the caller passes it back in on the next step")]

    mom_style = d.style("momentum_step", ("w", "grad", "velocity", "lr", "beta"), outputs=("w_new", "velocity_new"), mistakes=momentum_mistakes)

    # ── adam_step(w, grad, m, v, t, lr, beta1, beta2, eps) along an Adam run ─────────────────────
    bowl = problem(5, 50.0)
    while abs(np.sign(grad(*bowl)).sum()) == 5:     # both signs at t = 1, so "v from grad" and "t - 1" look different
        bowl = problem(5, 50.0)
    adam_run = run(refs["adam_step"], *bowl, [np.zeros(5)] * 2, lambda t, w, g, state: (w, g, *state, t, 0.05, 0.9, 0.999, 1e-8))
    w3, g3 = probes.ordinary(rng, (3, 2)), probes.ordinary(rng, (3, 2))
    g3[0] = np.abs(g3[0]) * [-1, 1]                # both signs in the first row, for the same reason
    adam = d.cases("adam_step", ("step t = 1 of a run (m = v = 0)", adam_run[1]), ("t = 1 on a 2-D weight matrix, beta1 = 0.8, beta2 = 0.99",
                   (w3, g3, np.zeros((3, 2)), np.zeros((3, 2)), 1, 0.01, 0.8, 0.99, 1e-8)),
                   *[(f"step t = {k} of a run (lr = 0.05, default betas)", adam_run[k]) for k in ALONG])
    defaults = [d.case(lambda *a: refs["adam_step"](*adam_run[5]), "step t = 5 of a run, called without beta1, beta2, eps", *adam_run[5][:6])]

    def adam_mistakes(w, g, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        step = lambda t=t: refs["adam_step"](w, g, m, v, t, lr, beta1, beta2, eps)
        (w_new, m_new, v_new), bias1, bias2 = step(), 1 - beta1 ** t, 1 - beta2 ** t
        m_swap, v_swap = (1 - beta1) * m + beta1 * g, (1 - beta2) * v + beta2 * g ** 2
        with np.errstate(all="ignore"):    # v from grad (not grad**2) may go negative: its square root is nan there
            v_lin = beta2 * v + (1 - beta2) * g
            v_lin_move = w - lr * (m_new / bias1) / (np.sqrt(v_lin / bias2) + eps)
        return [("the bias correction uses t + 1 (the step counted twice)", step(t + 1),
                 STEP.format("c") + "t is the number of this step, 1 on the first call, already counted by the caller; use it as given"),
                ("the bias correction uses t - 1 (the count starts at 0)", step(t - 1), STEP.format("b") +
                 "unrolled from 0, the average after t updates is too small by a factor that depends on t, and the first update is t = 1"),
                ("no bias correction", (w - lr * m_new / (np.sqrt(v_new) + eps), m_new, v_new), "derivations.py, steps 4b and 4c: from m = v = 0 "
                 "both averages start too small; unroll them with a constant gradient to find by how much, and divide that out"),
                ("only m bias-corrected, v left as it is", (w - lr * m_new / bias1 / (np.sqrt(v_new) + eps), m_new, v_new),
                 STEP.format("b") + "v starts at 0 too, so it is too small by its own factor (with beta2) and needs its own correction"),
                ("the moving averages weight the new gradient by beta (1 - beta on the old value)",
                 (w - lr * (m_swap / bias1) / (np.sqrt(v_swap / bias2) + eps), m_swap, v_swap),
                 STEP.format("a") + "the decay rate beta is the weight kept on the OLD average; the new gradient gets 1 - beta"),
                ("no square root: divided by the mean square, not the root mean square", (w - lr * (m_new / bias1) / (v_new / bias2 + eps), m_new, v_new),
                 STEP.format("d") + "v averages grad**2; its square root has grad's units, so the move is about lr per entry whatever grad's scale"),
                ("v updated with grad instead of grad**2", (v_lin_move, m_new, v_lin),
                 STEP.format("a") + "v is the moving average of the squared gradient, entry by entry"),
                ("the old m and v returned (stale moments)", (w_new, m, v),
                 STEP.format("a") + "the state for the next call is the averages updated with this grad"),
                ("the bias-corrected moments returned instead of m_new, v_new", (w_new, m_new / bias1, v_new / bias2), STEP.format("c") +
                 "the corrections only scale this step's move and are recomputed from t every step; the state carried to the "
                 "next call is the uncorrected averages")]

    def adam_nan(case, outcome):
        """The two mistakes that give nan instead of wrong numbers."""
        value = outcome["value"]
        got = compare.received(value["items"][0] if value.get("items") else value)[0]
        finite = np.isfinite(got.astype(float)) if got is not None else np.ones(1, bool)
        (w, g, m, v, t), beta2 = case.args[:5], case.args[7] if len(case.args) > 7 else 0.999
        if not finite.all() and np.array_equal(~finite, beta2 * v + (1 - beta2) * g < 0):
            return ("v updated with grad instead of grad**2: v went negative where grad < 0, and its square root is nan; "
                    + STEP.format("a") + "v is the moving average of the squared gradient")
        if t == 1 and not finite.any():
            return ("the bias correction uses t - 1 (the count starts at 0): at t = 1 the correction divides by 1 - beta1**0 = 0; "
                    + STEP.format("b") + "the first update is t = 1")
        return ""

    adam_style = d.style("adam_step", ("w", "grad", "m", "v", "t", "lr", "beta1", "beta2", "eps"), outputs=("w_new", "m_new", "v_new"),
                         mistakes=adam_mistakes)

    # ── gd_to_tolerance(A, b, w0, tol, max_steps) ────────────────────────────────────────────────
    def gd_case(label, dim, kappa, tol, max_steps, at_minimiser=False):
        A, b, w0 = problem(dim, kappa)
        w0 = refs["quadratic_minimiser"](A, b) if at_minimiser else w0
        norms = d.expected(lambda *args: descend(*args)[2], (A, b, w0, tol / 2, max_steps))   # a little past the stop
        while any(abs(n - tol) <= 1e-6 * tol for n in norms):   # no norm near tol, so `<` vs `<=` cannot change the count
            tol *= 1.01
        return d.case(lambda *args: descend(*args)[:2], label, A, b, w0, tol, max_steps)

    def slower(A, b, w0, tol, max_steps):
        (L, mu), factor = extremes(A), float(refs["convergence_factor"](*extremes(A)))
        return [("lr = 1 / L", int(descend(A, b, w0, tol, 20 * max_steps, 1 / L)[1]), f"the derived optimum 2 / (L + mu) contracts by "
                 f"(kappa - 1) / (kappa + 1) = {factor:.4g} per step, 1/L only by 1 - 1/kappa = {1 - mu / L:.4g}")]

    def gd_mistakes(A, b, w0, tol, max_steps):
        w, k, _ = descend(A, b, w0, tol, max_steps)
        return [("lr = 1 / L", descend(A, b, w0, tol, max_steps, 1 / extremes(A)[0])[:2],
                 "a safe step, but slower than the derived optimum lr = 2 / (L + mu)"),
                ("steps counts one more than the updates applied", (w, k + 1),
                 "steps is the number of updates w = w - lr * grad; (w0, 0) if w0 already meets tol"),
                ("steps counts one fewer than the updates applied", (w, k - 1), "steps is the number of updates w = w - lr * grad"),
                ("one update too many after the tolerance was met", (refs["sgd_step"](w, grad(A, b, w), lr_opt(A)), k + 1),
                 "test the gradient norm before each update and stop as soon as it is <= tol"),
                ("max_steps ignored", descend(A, b, w0, tol, 20 * max_steps + 1000)[:2],
                 "stop after max_steps updates even if ||grad|| > tol, and return (w, max_steps)"),
                ("steps = 0: the minimiser solved for directly, not reached by gradient descent", (None, np.asarray(0.0)),
                 "run the iteration w = w - lr * grad and count its updates; np.linalg.solve skips what this exercise is about")]

    gd = [gd_case("a 3-D bowl, kappa = 4", 3, 4.0, 1e-8, 400), gd_case("a 4-D bowl, kappa = 100", 4, 100.0, 1e-6, 3000),
          gd_case("a 3-D bowl, kappa = 20, max_steps = 7", 3, 20.0, 1e-10, 7), gd_case("a 3-D bowl started at its minimiser", 3, 10.0, 1e-8, 50, True)]
    gd_style = d.style(None, ("A", "b", "w0", "tol", "max_steps"), elementwise=False, outputs=("w", "steps"), mistakes=gd_mistakes,
                       formula="lr = 2 / (L + mu);  w = w - lr * (A @ w - b) until ||A @ w - b|| <= tol;  " + refs.formulas["steps_bound"])
    solver = Solver(residual=lambda w, A, b, *_: np.linalg.norm(gradient_map(grad, A, b)(w)), exact=lambda A, b, *_: refs["quadratic_minimiser"](A, b),
                    radius=lambda A, b, w0, tol, _: tol / extremes(A)[1], start=2, tol=3, max_steps=4, slower=slower,   # ||A e|| <= tol: ||e|| <= tol / mu
                    bound=lambda A, b, w0, tol, _: refs["steps_bound"](*extremes(A), np.linalg.norm(grad(A, b, w0)), tol),
                    facts=lambda A, *_: [f"  eigenvalues mu = {extremes(A)[1]:.4g}, L = {extremes(A)[0]:.4g}:  2/(L+mu) = {lr_opt(A):.4g}, "
                                         f"2/L = {2 / extremes(A)[0]:.4g}"], exact_name="the minimiser solving A @ w = b",
                    method="gradient descent with lr = 2/(L+mu)", advice="The step sets the contraction along each eigenvector: at 2/L or "
                    "more the error along L's does not shrink, far below 2/(L+mu) it shrinks slowly; use lr = 2/(L+mu) from the eigenvalues of A")

    return [d.exercise("quadratic_loss", loss_style, {"values": loss, "inputs-unchanged": unchanged(loss)}),
            d.exercise("quadratic_gradient", grad_style, {
                "values": grads, "matches-loss": against_forward("quadratic_loss", grads[:1], lambda A, b, w: (A, b, w), wrt=(2,), dout_of=lambda *a: 1.0),
                "inputs-unchanged": unchanged(grads)}),
            d.exercise("optimal_step_size", step_style, {"diagonal": steps[:2], "rotated": steps[::2]}),
            d.exercise("sgd_step", sgd_style, {"values": sgd[:2], "shapes": sgd[:1] + sgd[2:], "inputs-unchanged": unchanged(sgd[:2], INPLACE_STEP)}),
            d.exercise("momentum_step", mom_style, {"first-step": mom[:2], "along-a-run": mom[2:], "inputs-unchanged": unchanged(mom[:3], INPLACE_STEP)}),
            d.exercise("adam_step", adam_style, {
                "first-step": with_options(adam[:2], explain=adam_nan), "along-a-run": with_options(adam[2:], explain=adam_nan),
                "default-hyperparameters": with_options(defaults, line=("hint", DEFAULTS_ADVICE)),
                "inputs-unchanged": unchanged(adam[:3], INPLACE_STEP)}),
            d.exercise("gd_to_tolerance", gd_style, {
                **{key: converges(f"gd_to_tolerance/{key}", "gd_to_tolerance", gd[:2], gd_style, solver, bound=bound)
                   for key, bound in (("reaches-tolerance", False), ("within-bound", True))},
                "same-path-as-gd": gd[:1] + gd[2:], "inputs-unchanged": unchanged(gd[:1], INPLACE_W0)})]
