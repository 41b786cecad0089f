# beta1 * t typed for beta1 ** t in the bias correction: the same at t = 1; from t = 2 on,
# 1 - beta2 * t < 0 and the square root gives nan.
EXPECT = {"check": "adam_step/along-a-run", "says": "returned nan", "passes": ["adam_step/first-step"]}


def adam_step(w, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m_new = beta1 * m + (1 - beta1) * grad
    v_new = beta2 * v + (1 - beta2) * grad ** 2
    m_hat = m_new / (1 - beta1 * t)
    v_hat = v_new / (1 - beta2 * t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m_new, v_new
