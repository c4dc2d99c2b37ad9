"""Random walks: exact distributions and vectorised simulation against plain peers.

``walk_distribution``: our exact law of ``S_n`` (``p = 1/2``), expanded from the
generating function by repeated squaring with Kronecker substitution, against
the closed form ``C(n, k)/2^n`` computed with ``math.comb`` for every position
(the textbook peer) and against the same closed form with the binomial
coefficients updated incrementally, ``C(n, k+1) = C(n, k)·(n - k)/(k + 1)``
(the strongest pure-Python peer we know).  All three return the same dict of
``Fraction``; building those ``n + 1`` reduced fractions (a gcd each) is a cost
every one of them pays.  x axis: ``n``.

``simulate_walks``: our int8 steps (one random bit each for ``p = 0.5``, a
float64 uniform otherwise), summed in int32, against the plain NumPy idiom
``rng.choice([-1, 1], size, p=...)`` plus ``np.cumsum`` in int64 into an array
with a leading zero column (the same output).  ``n_steps = 1000``, ``p = 0.5``
and ``p = 0.3``; x axis: the total number of steps ``n_walks·n_steps``.

Run: ``python benchmarks/run.py [--quick] walk_distribution simulate_walks``.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from benchmarks.harness import Row, benchmark, best_of
from mathlab.random_walk import simulate_walks, walk_distribution


def comb_closed_form(n: int) -> dict[int, Fraction]:
    """``{2k - n: C(n, k)/2^n}`` with one ``math.comb`` per position."""
    denominator = 2**n
    return {2 * k - n: Fraction(math.comb(n, k), denominator) for k in range(n + 1)}


def incremental_closed_form(n: int) -> dict[int, Fraction]:
    """The same, walking along the row of Pascal's triangle with exact integer ratios."""
    denominator = 2**n
    out = {}
    c = 1
    for k in range(n + 1):
        out[2 * k - n] = Fraction(c, denominator)
        c = c * (n - k) // (k + 1)
    return out


def numpy_choice_walks(
    n_steps: int, n_walks: int, p: float, rng: np.random.Generator
) -> np.ndarray:
    """The plain NumPy idiom: ``rng.choice`` of ±1, cumulative sum in int64."""
    size = (n_walks, n_steps)
    if p == 0.5:
        steps = rng.choice(np.array([-1, 1]), size=size)
    else:
        steps = rng.choice(np.array([-1, 1]), size=size, p=[1 - p, p])
    positions = np.zeros((n_walks, n_steps + 1), dtype=np.int64)
    np.cumsum(steps, axis=1, out=positions[:, 1:])
    return positions


@benchmark("walk_distribution")
def bench_walk_distribution(quick: bool) -> list[Row]:
    sizes = [300, 1_000, 3_000] if quick else [1_000, 3_000, 10_000]
    repeat = 2 if quick else 3
    rows = []
    for n in sizes:
        expected = incremental_closed_form(n)
        assert walk_distribution(n) == expected == comb_closed_form(n)
        ours = best_of(lambda n=n: walk_distribution(n), repeat=repeat)
        for peer_name, peer in (
            ("math.comb per position", comb_closed_form),
            ("incremental comb", incremental_closed_form),
        ):
            peer_s = best_of(lambda n=n, peer=peer: peer(n), repeat=repeat)
            rows.append(Row("walk_distribution", "exact law, p=1/2", n, ours, peer_name, peer_s))
    return rows


@benchmark("simulate_walks")
def bench_simulate_walks(quick: bool) -> list[Row]:
    n_steps = 1_000
    walk_counts = [100, 300, 1_000] if quick else [1_000, 3_000, 10_000]
    repeat = 3 if quick else 5
    rows = []
    for p in (0.5, 0.3):
        for n_walks in walk_counts:
            ours = best_of(
                lambda w=n_walks, p=p: simulate_walks(n_steps, w, p, rng=1), repeat=repeat
            )
            peer_s = best_of(
                lambda w=n_walks, p=p: numpy_choice_walks(n_steps, w, p, np.random.default_rng(1)),
                repeat=repeat,
            )
            rows.append(
                Row(
                    "simulate_walks",
                    f"{n_steps} steps, p={p}",
                    n_walks * n_steps,
                    ours,
                    "rng.choice + cumsum int64",
                    peer_s,
                    note=f"{n_walks} walks",
                )
            )
    return rows
