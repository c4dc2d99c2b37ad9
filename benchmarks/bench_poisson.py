"""``poisson``: sampling and probabilities -- ours against NumPy and SciPy.

* ``poisson_sample``: ``sample_poisson(lam, n, rng)`` vs
  ``numpy.random.Generator.poisson(lam, n)``, both drawing from a PCG64
  Generator.  λ = 3 runs the multiplication method in both libraries, λ = 30
  and λ = 10^6 run PTRS in both (NumPy's C code recomputes the PTRS constants
  and calls its log-gamma for every sample; ours sets up once per call and
  takes its uniforms from ``Generator.random`` in blocks).  Times are after
  the warm-up call, whose cost (JIT compilation, or loading Numba's on-disk
  cache) is reported in the note of the first row of each case.
* ``poisson_pmf`` / ``poisson_cdf``: ``poisson_pmf(k, lam)`` and
  ``poisson_cdf(k, lam)`` on an array ``k`` of Poisson(λ) draws (the
  likelihood of a data set) vs ``scipy.stats.poisson.pmf``/``cdf``.  The note
  gives the largest relative difference to SciPy: tiny where SciPy is
  accurate, huge for the pmf at λ = 10^15, where SciPy's ``k·log λ − λ −
  gammaln(k+1)`` has no correct digit left (the tests check ours against
  mpmath there).  SciPy's cdf also fails at large λ, but only in the far tails,
  which draws from the distribution hardly reach.

Run: ``python benchmarks/run.py poisson_sample poisson_pmf poisson_cdf`` (``--quick``
for smaller sizes).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import scipy.stats

from benchmarks.harness import Row, benchmark, best_of
from mathlab.poisson import poisson_cdf, poisson_pmf, sample_poisson


def interleaved(contenders: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Best time of each contender, alternating round by round so that a burst
    of load on the shared machine hits both rather than one."""
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for label, fn in contenders.items():
            best[label] = min(best[label], best_of(fn, repeat=1))
    return best


def lam_label(lam: float) -> str:
    return f"lam={lam:g}"


@benchmark("poisson_sample")
def bench_sample(quick: bool) -> list[Row]:
    rounds = 3 if quick else 7
    sizes = [10_000, 100_000] if quick else [100_000, 1_000_000]
    rows: list[Row] = []
    for lam in (3.0, 30.0, 1e6):
        rng = np.random.default_rng(2024)
        start = time.perf_counter()
        sample_poisson(lam, size=10, rng=rng)  # warm-up: compile or load the kernel
        first_call = time.perf_counter() - start
        for n in sizes:
            best = interleaved(
                {
                    "ours": lambda lam=lam, n=n, rng=rng: sample_poisson(lam, size=n, rng=rng),
                    "peer": lambda lam=lam, n=n, rng=rng: rng.poisson(lam, n),
                },
                rounds,
            )
            note = f"{n / best['ours'] / 1e6:.0f} M samples/s"
            if n == sizes[0]:
                note += f"; first call {first_call:.2f} s (JIT compile or cache load)"
            rows.append(
                Row(
                    benchmark="poisson_sample",
                    case=lam_label(lam),
                    size=n,
                    ours_s=best["ours"],
                    peer="numpy Generator.poisson",
                    peer_s=best["peer"],
                    note=note,
                )
            )
    return rows


def probability_rows(
    name: str, ours: Callable, theirs: Callable, lams: tuple[float, ...], quick: bool
) -> list[Row]:
    rounds = 3 if quick else 7
    sizes = [10_000, 100_000] if quick else [100_000, 1_000_000]
    rows: list[Row] = []
    ours(np.arange(3), 3.0)  # warm-up: compile or load the kernel
    for lam in lams:
        for n in sizes:
            k = np.random.default_rng(n).poisson(lam, n)
            best = interleaved(
                {
                    "ours": lambda k=k, lam=lam: ours(k, lam),
                    "peer": lambda k=k, lam=lam: theirs(k, lam),
                },
                rounds,
            )
            mine, peer = ours(k, lam), theirs(k, lam)
            differ = float(np.max(np.abs(mine - peer) / np.maximum(peer, 1e-300)))
            rows.append(
                Row(
                    benchmark=name,
                    case=lam_label(lam),
                    size=n,
                    ours_s=best["ours"],
                    peer=f"scipy.stats.poisson.{name.removeprefix('poisson_')}",
                    peer_s=best["peer"],
                    note=f"max relative difference to SciPy {differ:.1e}",
                )
            )
    return rows


@benchmark("poisson_pmf")
def bench_pmf(quick: bool) -> list[Row]:
    return probability_rows(
        "poisson_pmf", poisson_pmf, scipy.stats.poisson.pmf, (3.0, 1e3, 1e6, 1e15), quick
    )


@benchmark("poisson_cdf")
def bench_cdf(quick: bool) -> list[Row]:
    return probability_rows(
        "poisson_cdf", poisson_cdf, scipy.stats.poisson.cdf, (3.0, 1e3, 1e8), quick
    )
