# A half-done derivation: the bias of the first average is divided out, the second's is forgotten.
EXPECT = {"check": "adam_step/first-step", "says": "step 4b: v starts at 0 too"}


def adam_step(w, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m_new = beta1 * m + (1 - beta1) * grad
    v_new = beta2 * v + (1 - beta2) * grad ** 2
    m_hat = m_new / (1 - beta1 ** t)
    return w - lr * m_hat / (np.sqrt(v_new) + eps), m_new, v_new
