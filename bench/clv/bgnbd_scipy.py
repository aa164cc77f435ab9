"""Same-run Python peer for bench/clv/compare.ts: BG/NBD maximum likelihood with numpy + scipy,
formulated as lifetimes 0.11.3 does it (log-parameters, times scaled to max T = 10, start 0.1,
scipy.optimize.minimize BFGS, tol 1e-7), with the analytic gradient instead of autograd.
lifetimes itself is not installed here. Reads a JSON summary {frequency, recency, T} on stdin,
prints JSON {params, loglik, times_s}.
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import digamma, gammaln


def nll_and_grad(lp, x, tx, T):
    r, alpha, a, b = np.exp(lp)
    n = len(x)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    pos = x > 0
    a4 = np.where(pos, np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(alpha + tx), -np.inf)
    m = np.maximum(a3, a4)
    lse = m + np.log(np.exp(a3 - m) + np.exp(a4 - m))
    ll = np.sum(a1 + a2 + lse)
    w4 = np.exp(a4 - lse)
    w3 = 1 - w4
    dr = np.sum(digamma(r + x) - digamma(r) + np.log(alpha) - w3 * np.log(alpha + T) - w4 * np.log(alpha + tx))
    dal = np.sum(r / alpha - (r + x) * (w3 / (alpha + T) + w4 / (alpha + tx)))
    da = np.sum(digamma(a + b) - digamma(a + b + x) + w4 / a)
    db = np.sum(digamma(a + b) + digamma(b + x) - digamma(b) - digamma(a + b + x) - w4 / (b + np.maximum(x, 1) - 1))
    g = -np.array([r * dr, alpha * dal, a * da, b * db]) / n
    return -ll / n, g


def fit(x, tx, T):
    scale = 10.0 / T.max()
    res = minimize(nll_and_grad, np.full(4, 0.1), args=(x, tx * scale, T * scale), jac=True, method="BFGS", tol=1e-7)
    r, alpha, a, b = np.exp(res.x)
    return {"r": r, "alpha": alpha / scale, "a": a, "b": b}


def main():
    d = json.load(sys.stdin)
    x, tx, T = (np.asarray(d[k], float) for k in ("frequency", "recency", "T"))
    reps = int(d.get("reps", 5))
    fit(x, tx, T)  # warm-up
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        p = fit(x, tx, T)
        times.append(time.perf_counter() - t0)
    lp = np.log([p["r"], p["alpha"], p["a"], p["b"]])
    ll = -nll_and_grad(lp, x, tx, T)[0] * len(x)
    print(json.dumps({"params": p, "loglik": ll, "times_s": times}))


if __name__ == "__main__":
    main()
