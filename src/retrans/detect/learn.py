"""Deterministic model fitting with numpy (training only; never imported by ``detect``).

* :func:`fit_logistic`: L2-regularised, sample-weighted binary logistic regression by Newton's
  method, with optional non-negativity for chosen coefficients (active set: a coefficient that
  comes out negative is pinned to zero and the model refitted).
* :func:`fit_conditional_logit`: a softmax over classes whose per-class feature vectors are
  built by the caller (tied evidence weights across source languages), by L-BFGS.
* :func:`auc`, :func:`ece`: metrics.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def sigmoid(z: Array) -> Array:
    out: Array = 1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))
    return out


def fit_logistic(
    x: Array,
    y: Array,
    weights: Array,
    l2: float = 1.0,
    nonneg: Sequence[int] = (),
    max_iter: int = 50,
    prior: Array | None = None,
    offset: Array | None = None,
) -> tuple[Array, float]:
    """Return ``(w, b)`` minimising weighted log-loss + ``l2/2 * |w - prior|^2``.

    The bias is unpenalised; ``prior`` (default zeros) centres the penalty on prior-knowledge
    coefficients, so that rare evidence the data cannot estimate keeps its prior weight.
    ``offset`` is a fixed per-sample term added to the linear score.
    """
    n, d = x.shape
    mu0 = np.zeros(d) if prior is None else np.asarray(prior, dtype=float)
    off = np.zeros(n) if offset is None else np.asarray(offset, dtype=float)
    active = np.ones(d, dtype=bool)
    w = np.zeros(d)
    b = 0.0
    for _ in range(d + 1):
        idx = np.flatnonzero(active)
        xa = np.hstack([x[:, idx], np.ones((n, 1))])
        theta = np.zeros(len(idx) + 1)
        theta[:-1] = mu0[idx]
        centre = np.append(mu0[idx], 0.0)
        reg = np.full(len(idx) + 1, l2)
        reg[-1] = 0.0
        for _it in range(max_iter):
            p = sigmoid(xa @ theta + off)
            grad = xa.T @ (weights * (p - y)) + reg * (theta - centre)
            h = (xa * (weights * p * (1 - p))[:, None]).T @ xa + np.diag(reg + 1e-9)
            step = np.linalg.solve(h, grad)
            theta -= step
            if float(np.max(np.abs(step))) < 1e-7:
                break
        w = np.zeros(d)
        w[idx] = theta[:-1]
        b = float(theta[-1])
        neg = [i for i in nonneg if active[i] and w[i] < 0]
        if not neg:
            break
        active[neg] = False
    return w, b


def lbfgs(
    fun: Callable[[Array], tuple[float, Array]],
    x0: Array,
    max_iter: int = 500,
    m: int = 10,
    tol: float = 1e-7,
) -> Array:
    """Minimal deterministic L-BFGS with backtracking (Armijo) line search."""
    x = x0.copy()
    f, g = fun(x)
    s_hist: list[Array] = []
    y_hist: list[Array] = []
    for _ in range(max_iter):
        q = g.copy()
        alphas = []
        for s, yv in zip(reversed(s_hist), reversed(y_hist), strict=True):
            rho = 1.0 / float(yv @ s)
            a = rho * float(s @ q)
            alphas.append((rho, a))
            q -= a * yv
        if s_hist:
            q *= float(s_hist[-1] @ y_hist[-1]) / float(y_hist[-1] @ y_hist[-1])
        for (rho, a), s, yv in zip(reversed(alphas), s_hist, y_hist, strict=True):
            bcoef = rho * float(yv @ q)
            q += (a - bcoef) * s
        direction = -q
        if float(direction @ g) >= 0:
            direction = -g
            s_hist.clear()
            y_hist.clear()
        step = 1.0
        while True:
            xn = x + step * direction
            fn, gn = fun(xn)
            if fn <= f + 1e-4 * step * float(direction @ g) or step < 1e-12:
                break
            step *= 0.5
        s_new = xn - x
        y_new = gn - g
        if float(s_new @ y_new) > 1e-12:
            s_hist.append(s_new)
            y_hist.append(y_new)
            if len(s_hist) > m:
                s_hist.pop(0)
                y_hist.pop(0)
        x, g_old_f, f, g = xn, f, fn, gn
        if abs(g_old_f - f) <= tol * max(1.0, abs(f)) and float(np.max(np.abs(g))) < 1e-5:
            break
    return x


def fit_conditional_logit(
    phi: Array,
    y: NDArray[np.int64],
    weights: Array,
    reg: Array,
    offset: Array | None = None,
) -> Array:
    """Softmax over classes with ``score[i, c] = phi[i, c, :] @ theta + offset[i, c]``.

    ``phi`` has shape (n, classes, params); ``reg`` is the per-parameter L2 strength.
    """
    n = phi.shape[0]
    rows = np.arange(n)
    off = np.zeros(phi.shape[:2]) if offset is None else offset

    def fun(theta: Array) -> tuple[float, Array]:
        s = phi @ theta + off
        s = s - s.max(axis=1, keepdims=True)
        e = np.exp(s)
        p = e / e.sum(axis=1, keepdims=True)
        loss = -float(np.sum(weights * np.log(p[rows, y] + 1e-300)))
        loss += 0.5 * float(np.sum(reg * theta * theta))
        expected = np.einsum("ic,icp->ip", p, phi)
        grad = ((expected - phi[rows, y, :]) * weights[:, None]).sum(axis=0) + reg * theta
        return loss, grad

    return lbfgs(fun, np.zeros(phi.shape[2]))


def auc(scores: Sequence[float] | Array, labels: Sequence[int] | Array) -> float:
    """Area under the ROC curve (Mann-Whitney, ties count half)."""
    s = np.asarray(scores, dtype=float)
    lab = np.asarray(labels, dtype=int)
    pos = s[lab == 1]
    neg = s[lab == 0]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    allv = np.concatenate([pos, neg])[order]
    ranks = np.empty(len(allv))
    i = 0
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and allv[j + 1] == allv[i]:
            j += 1
        ranks[i : j + 1] = (i + j) / 2.0 + 1.0
        i = j + 1
    r = np.empty(len(allv))
    r[order] = ranks
    rpos = r[: len(pos)].sum()
    return float((rpos - len(pos) * (len(pos) + 1) / 2.0) / (len(pos) * len(neg)))


def ece(probs: Sequence[float] | Array, labels: Sequence[int] | Array, bins: int = 10) -> float:
    """Expected calibration error with equal-width bins."""
    p = np.asarray(probs, dtype=float)
    lab = np.asarray(labels, dtype=float)
    total = 0.0
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        mask = (p >= lo) & ((p < hi) if k < bins - 1 else (p <= hi))
        if mask.any():
            total += float(mask.sum()) * abs(float(p[mask].mean()) - float(lab[mask].mean()))
    return total / max(len(p), 1)
