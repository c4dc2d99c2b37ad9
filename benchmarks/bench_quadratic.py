"""``quadratic``: minimising ``f(x) = xᵀSx + bᵀx`` -- ours against NumPy and SciPy.

Both cases solve the same linear system, ``2Sx = -b``, on a dense symmetric
positive definite ``S = GGᵀ/n + 0.1·I`` (``G`` Gaussian): its spectrum fills
about ``[0.1, 4.1]`` (Marchenko–Pastur), condition number about 40, so CG
needs a moderate number of steps (~75 at ``tol = 1e-10``) at every size.

* ``minimize_quadratic`` vs ``numpy.linalg.solve(2S, -b)``: ours validates,
  symmetrises, factors ``S = LLᵀ`` (Cholesky, ``n³/3`` flops) and certifies
  that ``S`` is definite by the tolerance rule (three ``O(n²)`` triangular
  solves of inverse iteration); ``solve`` does an LU factorisation (``2n³/3``
  flops) and checks nothing.
* ``conjugate_gradient`` vs ``scipy.sparse.linalg.cg``: the peer solves
  ``S x = -b/2`` (the same system halved, hence the same iterates, without
  forming ``2S``) with ``rtol = 1e-10, atol = 0``, which is our stopping rule
  ``‖∇f‖ <= tol·‖b‖`` from ``x0 = 0``.  The note reports both iteration counts.
  Ours also validates ``A``, forms ``H = A + Aᵀ`` and keeps the history.

Run: ``python benchmarks/run.py quadratic`` (``--quick`` for smaller sizes).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse.linalg

from benchmarks.harness import Row, benchmark, best_of
from mathlab.quadratic import conjugate_gradient, minimize_quadratic

TOL = 1e-10


def spd_problem(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A well-conditioned dense SPD ``S`` (κ ≈ 40) and a Gaussian ``b``."""
    rng = np.random.default_rng(seed)
    G = rng.standard_normal((n, n))
    S = G @ G.T / n + 0.1 * np.eye(n)
    return (S + S.T) / 2, rng.standard_normal(n)


def interleaved(contenders: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Best time of each contender, alternating them round by round so that a
    burst of load on a shared machine hits all of them rather than one."""
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for label, fn in contenders.items():
            best[label] = min(best[label], best_of(fn, repeat=1))
    return best


def scipy_iterations(S: np.ndarray, b: np.ndarray) -> int:
    count = 0

    def callback(_: np.ndarray) -> None:
        nonlocal count
        count += 1

    scipy.sparse.linalg.cg(S, -0.5 * b, rtol=TOL, atol=0.0, callback=callback)
    return count


@benchmark("quadratic")
def bench(quick: bool) -> list[Row]:
    rounds = 3 if quick else 7
    rows: list[Row] = []

    for n in [100, 300] if quick else [250, 500, 1000]:
        S, b = spd_problem(n, seed=n)
        x, _ = minimize_quadratic(S, b)
        error = float(np.abs(x - np.linalg.solve(2 * S, -b)).max())
        best = interleaved(
            {
                "ours": lambda S=S, b=b: minimize_quadratic(S, b),
                "peer": lambda S=S, b=b: np.linalg.solve(2 * S, -b),
            },
            rounds,
        )
        rows.append(
            Row(
                "quadratic",
                "minimize_quadratic",
                n,
                best["ours"],
                "numpy.linalg.solve",
                best["peer"],
                note=f"Cholesky + definiteness check vs LU; max |Δx| = {error:.1e}",
            )
        )

    for n in [200, 500] if quick else [500, 1000, 2000]:
        S, b = spd_problem(n, seed=n + 1)
        x, history = conjugate_gradient(S, b, tol=TOL)
        theirs, info = scipy.sparse.linalg.cg(S, -0.5 * b, rtol=TOL, atol=0.0)
        assert info == 0, info
        error = float(np.abs(x - theirs).max())
        best = interleaved(
            {
                "ours": lambda S=S, b=b: conjugate_gradient(S, b, tol=TOL),
                "peer": lambda S=S, b=b: scipy.sparse.linalg.cg(S, -0.5 * b, rtol=TOL, atol=0.0),
            },
            rounds,
        )
        rows.append(
            Row(
                "quadratic",
                "conjugate_gradient",
                n,
                best["ours"],
                "scipy.sparse.linalg.cg",
                best["peer"],
                note=(
                    f"iterations: ours {len(history) - 1}, scipy {scipy_iterations(S, b)}; "
                    f"tol {TOL:g}; max |Δx| = {error:.1e}"
                ),
            )
        )
    return rows
