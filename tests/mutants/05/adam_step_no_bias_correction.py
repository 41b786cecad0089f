EXPECT = {"check": "adam_step/first-step", "says": "no bias correction"}


def adam_step(w, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m_new = beta1 * m + (1 - beta1) * grad
    v_new = beta2 * v + (1 - beta2) * grad ** 2
    return w - lr * m_new / (np.sqrt(v_new) + eps), m_new, v_new
