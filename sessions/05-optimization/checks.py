"""Hidden tests for session 05: the quadratic bowl, its optimal step, and three optimizer steps.

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
The learner's step functions are pure (state in, new state out), and each call's inputs are fixed
before the learner runs, so "over several steps" means: the kit runs the reference recurrence
along a trajectory, then asks the learner for one step at several points of it (t = 1, 2, 5, 50).
"""

import numpy as np

from kit import compare, feedback, probes
from kit.judges import Case, Style, against_own_forward, values
from kit.spec import Call, Check, Exercise, Verdict

SOURCE = "sessions/05-optimization/derivations.py"
ALONG = (2, 5, 50)                      # the steps of a run the learner is asked to reproduce
INPLACE_STEP = ("`w -= lr * grad` (or `m *= beta1`) writes into the caller's array, and the caller still "
                "needs its old state; build new arrays: w_new = w - lr * grad")
DEFAULTS_ADVICE = ("this call passes only w, grad, m, v, t, lr: the signature's defaults must be Kingma & Ba's, "
                   "beta1=0.9, beta2=0.999, eps=1e-8 (if your answer with explicit betas passes, check the defaults)")
INPLACE_W0 = ("`w = w0` names the caller's array, so `w -= lr * grad` changes w0 too; start from a copy: "
              "w = w0.copy() (or np.array(w0, dtype=float))")


# ── problems: symmetric positive definite A with a chosen condition number ─────────────────────

def spd(rng, d, kappa, mu=None):
    """A = Q diag(eigenvalues) Q.T, with smallest eigenvalue mu and largest kappa * mu."""
    mu = float(np.round(rng.uniform(0.5, 2.0), 2)) if mu is None else mu
    inner = np.sort(rng.uniform(mu, kappa * mu, size=d - 2))
    eigenvalues = np.concatenate([[mu], inner, [kappa * mu]])
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    A = q @ np.diag(eigenvalues) @ q.T
    return (A + A.T) / 2


def extremes(A):
    """(L, mu): the largest and smallest eigenvalue (a NumPy routine, independent of the learner)."""
    eigenvalues = np.linalg.eigvalsh(A)
    return float(eigenvalues[-1]), float(eigenvalues[0])


def gd_path(refs, A, b, w0, tol, max_steps, lr, keep=False):
    """(w_K, K, gradient norms, iterates if `keep`): reference gradient descent, stopped as the
    docstring says: at the first K with ||grad(w_K)|| <= tol, or at K = max_steps."""
    grad, step = refs["quadratic_gradient"], refs["sgd_step"]
    w, norms, kept = np.array(w0, dtype=float), [], []
    for k in range(max_steps + 1):
        g = grad(A, b, w)
        norms.append(float(np.linalg.norm(g)))
        if keep:
            kept.append(w)
        if k == max_steps or norms[-1] <= tol or not np.isfinite(norms[-1]):
            return w, k, norms, kept
        w = step(w, g, lr)


def safe_tol(norms, tol):
    """A tolerance no gradient norm of the path lies within 1e-6 of, so `<` vs `<=` or a different
    norm formula cannot change the step count."""
    while any(abs(n - tol) <= 1e-6 * tol for n in norms):
        tol *= 1.01
    return tol


def explained(check, cases, hint, label="looks like"):
    """Add a line to a failed check's message when `hint(case, outcome)` has something to say
    (e.g. naming a mistake the generic comparison cannot name: nan from a division by zero)."""
    inner = check.judge

    def judge(outcomes):
        verdict = inner(outcomes)
        if verdict.passed:
            return verdict
        for case, outcome in zip(cases, outcomes):
            said = hint(case, outcome)
            if said:
                lines = verdict.message.split("\n")
                at = next((i for i, line in enumerate(lines) if line.startswith("  formula")), len(lines))
                return Verdict(False, "\n".join(lines[:at] + [f"  {label} {said}"] + lines[at:]))
        return verdict

    check.judge = judge
    return check


def first_output(outcome):
    """The learner's first returned array (of a tuple), or None."""
    value = outcome.get("value", {})
    if value.get("kind") in ("tuple", "list") and value.get("items"):
        value = value["items"][0]
    got, _ = compare.received(value)
    return None if got is None else got.astype(float)


def exercises(refs, rng):
    grad_ref, loss_ref, solve_ref = refs["quadratic_gradient"], refs["quadratic_loss"], refs["quadratic_minimiser"]

    def problem(d, kappa):
        A = spd(rng, d, kappa)
        return A, probes.ordinary(rng, (d,)), probes.ordinary(rng, (d,))

    # ── quadratic_loss(A, b, w) ───────────────────────────────────────────────────────────────
    small, medium = problem(3, 5.0), problem(5, 20.0)
    loss_style = Style(("A", "b", "w"), refs.formulas["quadratic_loss"], SOURCE, elementwise=False,
                       mistakes=lambda A, b, w: [
                           ("the 1/2 is missing", w @ A @ w - b @ w, "f = 1/2 w.T A w - b.T w"),
                           ("the sign of b.T w is flipped", 0.5 * w @ A @ w + b @ w, "f = ... - b @ w")])
    loss_cases = [Case(small, "a 3-D bowl (kappa = 5)", loss_ref(*small)),
                  Case(medium, "a 5-D bowl (kappa = 20)", loss_ref(*medium))]
    loss_ex = Exercise("quadratic_loss", [
        values("quadratic_loss/values", "quadratic_loss", loss_cases, loss_style),
        values("quadratic_loss/inputs-unchanged", "quadratic_loss", loss_cases, loss_style, unchanged=True),
    ])

    # ── quadratic_gradient(A, b, w) ───────────────────────────────────────────────────────────
    grad_style = Style(("A", "b", "w"), refs.formulas["quadratic_gradient"], SOURCE, elementwise=False,
                       mistakes=lambda A, b, w: [
                           ("the 1/2 kept: 0.5 * A @ w - b", 0.5 * A @ w - b,
                            "w appears twice in w.T A w, so its derivative is 2 * (1/2) A w = A w"),
                           ("A @ w + b: the sign of b is flipped", A @ w + b, "d/dw (-b.T w) = -b"),
                           ("A @ w without - b", A @ w, "the linear term -b.T w contributes -b")])
    grad_cases = [Case(small, "a 3-D bowl (kappa = 5)", grad_ref(*small)),
                  Case(medium, "a 5-D bowl (kappa = 20)", grad_ref(*medium))]
    grad_ex = Exercise("quadratic_gradient", [
        values("quadratic_gradient/values", "quadratic_gradient", grad_cases, grad_style),
        against_own_forward("quadratic_gradient/matches-loss", "quadratic_gradient", "quadratic_loss", grad_cases[:1],
                            grad_style, forward_args=lambda A, b, w: (A, b, w), wrt=(2,), dout_of=lambda *a: 1.0),
        values("quadratic_gradient/inputs-unchanged", "quadratic_gradient", grad_cases, grad_style, unchanged=True),
    ])

    # ── optimal_step_size(A) ──────────────────────────────────────────────────────────────────
    def step_case(label, A):
        L, mu = extremes(A)
        return Case((A,), label, (refs["optimal_step"](L, mu), refs["convergence_factor"](L, mu)))

    def step_mistakes(A):
        L, mu = extremes(A)
        d = np.diag(A)
        return [("lr = 1 / L", (1 / L, None),
                 "1/L is safe but slow: the best fixed step balances |1 - lr*mu| = |1 - lr*L|, giving 2 / (L + mu)"),
                ("lr = 2 / L, the edge of divergence", (2 / L, None),
                 "at lr = 2/L the error along L's eigenvector flips sign without shrinking; 2 / (L + mu) is the optimum"),
                ("L and mu read from the diagonal of A", (2 / (d.max() + d.min()), (d.max() - d.min()) / (d.max() + d.min())),
                 "diagonal entries are the eigenvalues only when A is diagonal: use np.linalg.eigvalsh(A)"),
                ("L and mu read from A[-1, -1] and A[0, 0]", (2 / (d[-1] + d[0]), (d[-1] - d[0]) / (d[-1] + d[0])),
                 "the eigenvalues are not in order on the diagonal: use the largest and smallest of np.linalg.eigvalsh(A)"),
                ("L and mu swapped in the rate", (None, (mu - L) / (L + mu)),
                 "np.linalg.eigvalsh sorts ascending: mu = eigenvalues[0], L = eigenvalues[-1]"),
                ("rate = 1 - mu / L, the rate of lr = 1/L", (None, 1 - mu / L),
                 "with lr = 2 / (L + mu) the rate is 1 - lr * mu = (L - mu) / (L + mu)"),
                ("rate = (sqrt(kappa) - 1) / (sqrt(kappa) + 1), momentum's rate",
                 (None, (np.sqrt(L / mu) - 1) / (np.sqrt(L / mu) + 1)),
                 "that is Polyak's heavy ball with tuned momentum; plain GD gets (kappa - 1) / (kappa + 1)")]

    step_style = Style(("A",), refs.formulas["optimal_step"] + ";  " + refs.formulas["convergence_factor"], SOURCE,
                       elementwise=False, outputs=("lr", "rate"), mistakes=step_mistakes)
    mu2 = float(np.round(rng.uniform(0.5, 1.5), 2))
    diag2 = np.diag([mu2, float(np.round(mu2 * rng.uniform(8, 12), 2))])
    diag3 = np.diag(np.round([rng.uniform(3, 4), rng.uniform(0.5, 1), rng.uniform(6, 9)], 2))
    rotated = spd(rng, 4, 30.0)
    step_ex = Exercise("optimal_step_size", [
        values("optimal_step_size/diagonal", "optimal_step_size",
               [step_case("A = diag(mu, L), 2x2", diag2), step_case("a diagonal 3x3 A, entries not sorted", diag3)], step_style),
        values("optimal_step_size/rotated", "optimal_step_size",
               [step_case("A = diag(mu, L), 2x2", diag2), step_case("a non-diagonal 4x4 A (kappa = 30)", rotated)], step_style),
    ])

    # ── sgd_step(w, grad, lr) ─────────────────────────────────────────────────────────────────
    sgd_style = Style(("w", "grad", "lr"), refs.formulas["sgd_step"], SOURCE,
                      mistakes=lambda w, g, lr: [
                          ("w + lr * grad: a step uphill", w + lr * g, "descent moves against the gradient: w - lr * grad"),
                          ("lr left out: w - grad", w - g, "the step is lr * grad"),
                          ("lr / grad instead of lr * grad", w - lr / g, "the step is lr * grad")])

    def sgd_case(label, shape):
        w, g, lr = probes.ordinary(rng, shape), probes.ordinary(rng, shape), float(np.round(rng.uniform(0.01, 0.5), 3))
        return Case((w, g, lr), label, refs["sgd_step"](w, g, lr))

    sgd_ord = [sgd_case("a 1-D parameter vector", (6,)), sgd_case("a 2-D weight matrix", (3, 4))]
    sgd_ex = Exercise("sgd_step", [
        values("sgd_step/values", "sgd_step", sgd_ord, sgd_style),
        values("sgd_step/shapes", "sgd_step", [sgd_ord[0], sgd_case("a 0-d parameter", ()), sgd_case("a 3-D tensor", (2, 3, 2)),
                                                sgd_case("an empty parameter", (0,))], sgd_style),
        values("sgd_step/inputs-unchanged", "sgd_step", sgd_ord, sgd_style, unchanged=True, unchanged_advice=INPLACE_STEP),
    ])

    # ── momentum_step(w, grad, velocity, lr, beta) along a heavy-ball run ─────────────────────
    A_m, b_m, w_m = problem(4, 20.0)
    lr_m, beta_m = float(np.round(1 / extremes(A_m)[0], 3)), 0.9
    states, w, vel = {}, w_m.copy(), np.zeros(4)
    for k in range(1, max(ALONG) + 1):
        g = grad_ref(A_m, b_m, w)
        states[k] = (w, g, vel, lr_m, beta_m)
        w, vel = refs["momentum_step"](*states[k])

    def momentum_mistakes(w, g, vel, lr, beta):
        vel_new = beta * vel + g
        ema = beta * vel + (1 - beta) * g
        cs231n = beta * vel - lr * g
        return [("w moved with the old velocity", (w - lr * vel, vel_new),
                 "update the velocity first, then w_new = w - lr * velocity_new"),
                ("velocity as an average: beta * velocity + (1 - beta) * grad", (w - lr * ema, ema),
                 "that is Adam's first moment; the heavy ball adds the whole gradient: beta * velocity + grad"),
                ("the CS231n convention (velocity = beta * velocity - lr * grad; w + velocity)", (w + cs231n, cs231n),
                 "the same path with velocity scaled by -lr; this exercise stores velocity_new = beta * velocity + grad"),
                ("the old velocity returned (the velocity is never updated)", (w - lr * vel_new, vel),
                 "return velocity_new: the caller passes it back in on the next step")]

    mom_style = Style(("w", "grad", "velocity", "lr", "beta"), refs.formulas["momentum_step"], SOURCE,
                      outputs=("w_new", "velocity_new"), mistakes=momentum_mistakes)

    def mom_case(label, args):
        return Case(args, label, refs["momentum_step"](*args))

    w2, g2, v2 = (probes.ordinary(rng, (3, 2)) for _ in range(3))
    mom_first = [mom_case("step 1 of a run (velocity = 0)", states[1]),
                 mom_case("a 2-D weight matrix with some velocity", (w2, g2, v2, 0.05, 0.8))]
    mom_along = [mom_case(f"step {k} of a run (lr = {lr_m:g}, beta = {beta_m:g})", states[k]) for k in ALONG]
    mom_ex = Exercise("momentum_step", [
        values("momentum_step/first-step", "momentum_step", mom_first, mom_style),
        values("momentum_step/along-a-run", "momentum_step", mom_along, mom_style),
        values("momentum_step/inputs-unchanged", "momentum_step", mom_first + mom_along[:1], mom_style,
               unchanged=True, unchanged_advice=INPLACE_STEP),
    ])

    # ── adam_step(w, grad, m, v, t, lr, beta1, beta2, eps) along an Adam run ──────────────────
    A_a, b_a, w_a = problem(5, 50.0)
    while np.all(grad_ref(A_a, b_a, w_a) > 0) or np.all(grad_ref(A_a, b_a, w_a) < 0):   # both signs at t = 1,
        A_a, b_a, w_a = problem(5, 50.0)                       # so "v from grad" and "t - 1" look different
    lr_a, hyper = 0.05, (0.9, 0.999, 1e-8)
    runs, w, m, v = {}, w_a.copy(), np.zeros(5), np.zeros(5)
    for k in range(1, max(ALONG) + 1):
        g = grad_ref(A_a, b_a, w)
        runs[k] = (w, g, m, v, k, lr_a) + hyper
        w, m, v = refs["adam_step"](*runs[k])

    def adam_mistakes(w, g, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        step = refs["adam_step"]
        right = step(w, g, m, v, t, lr, beta1, beta2, eps)
        m_new, v_new = right[1], right[2]
        m_hat, v_hat = m_new / (1 - beta1 ** t), v_new / (1 - beta2 ** t)
        swapped_m, swapped_v = (1 - beta1) * m + beta1 * g, (1 - beta2) * v + beta2 * g ** 2
        swapped_move = (swapped_m / (1 - beta1 ** t)) / (np.sqrt(swapped_v / (1 - beta2 ** t)) + eps)
        return [("the bias correction uses t + 1 (the step counted twice)", step(w, g, m, v, t + 1, lr, beta1, beta2, eps),
                 "derivations.py, step 4c: t is the number of this step, 1 on the first call, already counted "
                 "by the caller; use it as given"),
                ("the bias correction uses t - 1 (the count starts at 0)", step(w, g, m, v, t - 1, lr, beta1, beta2, eps),
                 "derivations.py, step 4b: unrolled from 0, the average after t updates is too small by a factor "
                 "that depends on t, and the first update is t = 1"),
                ("no bias correction", (w - lr * m_new / (np.sqrt(v_new) + eps), m_new, v_new),
                 "derivations.py, steps 4b and 4c: from m = v = 0 both averages start too small; unroll them with a "
                 "constant gradient to find by how much, and divide that out"),
                ("only m bias-corrected, v left as it is", (w - lr * m_hat / (np.sqrt(v_new) + eps), m_new, v_new),
                 "derivations.py, step 4b: v starts at 0 too, so it is too small by its own factor (with beta2) "
                 "and needs its own correction"),
                ("the moving averages weight the new gradient by beta (1 - beta on the old value)",
                 (w - lr * swapped_move, swapped_m, swapped_v),
                 "derivations.py, step 4a: the decay rate beta is the weight kept on the OLD average; the new "
                 "gradient gets 1 - beta"),
                ("no square root: divided by the mean square, not the root mean square",
                 (w - lr * m_hat / (v_hat + eps), m_new, v_new),
                 "derivations.py, step 4d: v averages grad**2; its square root has grad's units, so the move is "
                 "about lr per entry whatever grad's scale"),
                ("v updated with grad instead of grad**2", _adam_v_linear(w, g, m, v, t, lr, beta1, beta2, eps),
                 "derivations.py, step 4a: v is the moving average of the squared gradient, entry by entry"),
                ("the old m and v returned (stale moments)", (right[0], m, v),
                 "derivations.py, step 4a: the state for the next call is the averages updated with this grad"),
                ("the bias-corrected moments returned instead of m_new, v_new",
                 (right[0], m_hat, v_hat),
                 "derivations.py, step 4c: the corrections only scale this step's move and are recomputed from t "
                 "every step; the state carried to the next call is the uncorrected averages")]

    def adam_nan(case, outcome):
        """Name the two mistakes that give nan instead of wrong numbers."""
        got = first_output(outcome)
        if got is None or np.isfinite(got).all():
            return ""
        w, g, m, v, t, lr = case.args[:6]
        beta2 = case.args[7] if len(case.args) > 7 else 0.999
        negative = beta2 * v + (1 - beta2) * g < 0
        if negative.any() and np.array_equal(~np.isfinite(got), negative):
            return ("v updated with grad instead of grad**2: v went negative where grad < 0, and its square root is nan; "
                    "derivations.py, step 4a: v is the moving average of the squared gradient")
        if t == 1 and not np.isfinite(got).any():
            return ("the bias correction uses t - 1 (the count starts at 0): at t = 1 the correction divides by "
                    "1 - beta1**0 = 0; derivations.py, step 4b: the first update is t = 1")
        return ""

    adam_style = Style(("w", "grad", "m", "v", "t", "lr", "beta1", "beta2", "eps"), refs.formulas["adam_step"], SOURCE,
                       outputs=("w_new", "m_new", "v_new"), mistakes=adam_mistakes)

    def adam_case(label, args):
        return Case(args, label, refs["adam_step"](*args))

    w3, g3 = probes.ordinary(rng, (3, 2)), probes.ordinary(rng, (3, 2))
    g3[0, 0], g3[0, 1] = -abs(g3[0, 0]), abs(g3[0, 1])
    adam_first = [adam_case("step t = 1 of a run (m = v = 0)", runs[1]),
                  adam_case("t = 1 on a 2-D weight matrix, beta1 = 0.8, beta2 = 0.99",
                            (w3, g3, np.zeros((3, 2)), np.zeros((3, 2)), 1, 0.01, 0.8, 0.99, 1e-8))]
    adam_along = [adam_case(f"step t = {k} of a run (lr = {lr_a:g}, default betas)", runs[k]) for k in ALONG]
    adam_defaults = [Case(runs[5][:6], "step t = 5 of a run, called without beta1, beta2, eps", refs["adam_step"](*runs[5]))]
    adam_ex = Exercise("adam_step", [
        explained(values("adam_step/first-step", "adam_step", adam_first, adam_style), adam_first, adam_nan),
        explained(values("adam_step/along-a-run", "adam_step", adam_along, adam_style), adam_along, adam_nan),
        explained(values("adam_step/default-hyperparameters", "adam_step", adam_defaults,
                         Style(adam_style.names[:6], adam_style.formula, SOURCE, outputs=adam_style.outputs,
                               mistakes=adam_mistakes)),
                  adam_defaults, lambda case, outcome: DEFAULTS_ADVICE, label="hint     "),
        values("adam_step/inputs-unchanged", "adam_step", adam_first + adam_along[:1], adam_style,
               unchanged=True, unchanged_advice=INPLACE_STEP),
    ])

    # ── gd_to_tolerance(A, b, w0, tol, max_steps) ─────────────────────────────────────────────
    def gd_problem(label, d, kappa, tol, max_steps, w0=None):
        A, b, w_start = problem(d, kappa)
        w_start = w_start if w0 is None else w0(A, b)
        L, mu = extremes(A)
        lr = float(refs["optimal_step"](L, mu))
        path = gd_path(refs, A, b, w_start, tol / 2, max_steps, lr, keep=True)   # a little past the stop
        tol = safe_tol(path[2], tol)
        steps = next((k for k, n in enumerate(path[2]) if n <= tol), max_steps)
        return Case((A, b, w_start, tol, max_steps), label, (path[3][steps], np.asarray(float(steps))))

    well = gd_problem("a 3-D bowl, kappa = 4", 3, 4.0, 1e-8, 400)
    ill = gd_problem("a 4-D bowl, kappa = 100", 4, 100.0, 1e-6, 3000)
    cut = gd_problem("a 3-D bowl, kappa = 20, max_steps = 7", 3, 20.0, 1e-10, 7)
    done = gd_problem("a 3-D bowl started at its minimiser", 3, 10.0, 1e-8, 50, w0=lambda A, b: solve_ref(A, b))

    def gd_slow(A, b, w0, tol, max_steps, lr_of):
        L, mu = extremes(A)
        w_end, steps = gd_path(refs, A, b, w0, tol, max_steps, lr_of(L, mu))[:2]
        return w_end, np.asarray(float(steps))

    def gd_mistakes(A, b, w0, tol, max_steps):
        L, mu = extremes(A)
        w_end, steps = gd_path(refs, A, b, w0, tol, max_steps, float(refs["optimal_step"](L, mu)))[:2]
        return [("lr = 1 / L", gd_slow(A, b, w0, tol, max_steps, lambda L, mu: 1 / L),
                 "a safe step, but slower than the derived optimum lr = 2 / (L + mu)"),
                ("steps counts one more than the updates applied", (w_end, np.asarray(float(steps + 1))),
                 "steps is the number of updates w = w - lr * grad; (w0, 0) if w0 already meets tol"),
                ("steps counts one fewer than the updates applied", (w_end, np.asarray(float(steps - 1))),
                 "steps is the number of updates w = w - lr * grad"),
                ("one update too many after the tolerance was met",
                 (refs["sgd_step"](w_end, grad_ref(A, b, w_end), float(refs["optimal_step"](L, mu))), np.asarray(float(steps + 1))),
                 "test the gradient norm before each update and stop as soon as it is <= tol"),
                ("max_steps ignored", gd_path(refs, A, b, w0, tol, 20 * max_steps + 1000, float(refs["optimal_step"](L, mu)))[:2],
                 "stop after max_steps updates even if ||grad|| > tol, and return (w, max_steps)"),
                ("steps = 0: the minimiser solved for directly, not reached by gradient descent", (None, np.asarray(0.0)),
                 "run the iteration w = w - lr * grad and count its updates; np.linalg.solve skips what this exercise is about")]

    gd_style = Style(("A", "b", "w0", "tol", "max_steps"), "lr = 2 / (L + mu);  w = w - lr * (A @ w - b) until "
                     "||A @ w - b|| <= tol;  " + refs.formulas["steps_bound"], SOURCE, elementwise=False,
                     outputs=("w", "steps"), mistakes=gd_mistakes)
    gd_ex = Exercise("gd_to_tolerance", [
        tolerance_check("gd_to_tolerance/reaches-tolerance", [well, ill], refs, gd_style, bound=False),
        tolerance_check("gd_to_tolerance/within-bound", [well, ill], refs, gd_style, bound=True),
        values("gd_to_tolerance/same-path-as-gd", "gd_to_tolerance", [well, cut, done], gd_style),
        values("gd_to_tolerance/inputs-unchanged", "gd_to_tolerance", [well], gd_style,
               unchanged=True, unchanged_advice=INPLACE_W0),
    ])
    return [loss_ex, grad_ex, step_ex, sgd_ex, mom_ex, adam_ex, gd_ex]


def _adam_v_linear(w, g, m, v, t, lr, beta1, beta2, eps):
    """Adam with v accumulating grad instead of grad**2 (a known mistake), where it stays finite."""
    with np.errstate(all="ignore"):
        m_new = beta1 * m + (1 - beta1) * g
        v_new = beta2 * v + (1 - beta2) * g
        w_new = w - lr * (m_new / (1 - beta1 ** t)) / (np.sqrt(v_new / (1 - beta2 ** t)) + eps)
    return w_new, m_new, v_new


def tolerance_check(check_id, cases, refs, style, *, bound):
    """The returned w meets the tolerance (and is near the exact minimiser); with `bound`, the step
    count is also within the bound derived from the convergence factor."""

    def judge(outcomes):
        with np.errstate(all="ignore"):   # a diverged answer may hold inf: the norms below say so
            return judged(outcomes)

    def judged(outcomes):
        for case, outcome in zip(cases, outcomes):
            A, b, w0, tol, max_steps = case.args
            head = f"gd_to_tolerance on {case.label}"
            shown = "\n".join(feedback.input_lines(style.names, case.args))
            value = outcome["value"]
            if value.get("kind") not in ("tuple", "list") or value.get("length") != 2:
                return Verdict(False, f"{head}: returned {value.get('kind')}, expected a tuple (w, steps)\n{shown}")
            w, problem = compare.received(value["items"][0])
            steps, problem_steps = compare.received(value["items"][1])
            if w is None or steps is None:
                return Verdict(False, f"{head}: {problem or problem_steps}\n{shown}")
            if w.shape != np.shape(w0):
                return Verdict(False, f"{head}: w has shape {w.shape}, expected {np.shape(w0)}\n{shown}")
            L, mu = extremes(A)
            lr = float(refs["optimal_step"](L, mu))
            g0 = float(np.linalg.norm(refs["quadratic_gradient"](A, b, w0)))
            w = w.astype(float)
            g_end = float(np.linalg.norm(refs["quadratic_gradient"](A, b, w))) if np.isfinite(w).all() else np.inf
            w_star = refs["quadratic_minimiser"](A, b)
            facts = [shown, f"  eigenvalues mu = {mu:.4g}, L = {L:.4g}:  2/(L+mu) = {lr:.4g}, 2/L = {2 / L:.4g}",
                     f"  formula   {style.formula}   (see {style.source})"]
            if not g_end <= tol * (1 + 1e-6) + 1e-12:
                grew = not np.isfinite(g_end) or g_end > g0
                if grew:
                    why = (f"the iteration diverged: ||grad|| went from {g0:.4g} to {g_end:.4g}. A step of 2/L = {2 / L:.4g} "
                           f"or more does not shrink the error along L's eigenvector; use lr = 2/(L+mu) from the eigenvalues of A")
                elif np.ndim(steps) == 0 and float(steps) >= max_steps:
                    why = (f"after max_steps = {max_steps} steps ||grad|| is still {g_end:.4g} > tol = {tol:.4g} (it started at "
                           f"{g0:.4g}): the step size does not shrink the error in every direction (lr at 2/L?) or shrinks it "
                           f"far too slowly (lr much below 2/(L+mu)?); use lr = 2/(L+mu) from the eigenvalues of A")
                else:
                    why = (f"it stopped with ||grad|| = {g_end:.4g} > tol = {tol:.4g} after steps = {feedback.fmt(steps)}: "
                           f"keep stepping while ||grad|| > tol (up to max_steps = {max_steps})")
                return Verdict(False, "\n".join([f"{head}: {why}"] + facts))
            far = float(np.linalg.norm(w - w_star))
            if far > tol / mu * (1 + 1e-6) + 1e-12:   # ||A e|| <= tol implies ||e|| <= tol / mu
                return Verdict(False, "\n".join([f"{head}: w is {far:.3g} from the minimiser solving A @ w = b, "
                                                 f"more than tol / mu = {tol / mu:.3g}"] + facts))
            if not bound:
                continue
            count = float(steps) if steps.ndim == 0 else np.nan
            limit = float(refs["steps_bound"](L, mu, g0, tol))
            if not (count == np.round(count) and 0 <= count <= limit + 1):
                slow = gd_path(refs, A, b, w0, tol, 20 * max_steps, 1 / L)[1]
                named = (f"\n  looks like lr = 1 / L: it takes {slow} steps here; the derived optimum 2 / (L + mu) contracts by "
                         f"(kappa - 1) / (kappa + 1) = {float(refs['convergence_factor'](L, mu)):.4g} per step, 1/L only by "
                         f"1 - 1/kappa = {1 - mu / L:.4g}") if count == slow else ""
                return Verdict(False, "\n".join(
                    [f"{head}: took steps = {feedback.fmt(steps)}; gradient descent with lr = 2/(L+mu) needs at most "
                     f"{limit:.0f} here (the bound from the convergence factor, +1 for rounding)"] + facts) + named)
        return Verdict(True)

    return Check(check_id, [Call("gd_to_tolerance", c.args, c.label, style.names) for c in cases], judge)
