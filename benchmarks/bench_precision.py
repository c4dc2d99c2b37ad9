"""``precision``: rounding float64 to float16/bfloat16 from the bit pattern, against casting.

* ``round_to_float16`` against ``x.astype(np.float16).astype(np.float64)``
  (NumPy's conversion, C code that also works on the bits);
* ``round_to_bfloat16`` against ``x.astype(ml_dtypes.bfloat16).astype(np.float64)``.

Two kinds of input, 10^5 … 10^7 doubles each: ``in range`` -- Gaussian
values of size about 100, every result a normal float16 (the cast's fast
path) -- and ``wide`` -- Gaussian values scaled by ``2^u``, ``u`` uniform in
``[-30, 20]``, so that many results are subnormal, zero or overflow (where
NumPy's float16 cast is far slower).  Both sides return a new float64 array
and agree bit for bit (checked before timing).  The target is at most 3× the
cast's time (a speedup >= 0.33) at 10^7; it is judged on ``in range``, the
peer's best case.

Run: ``python benchmarks/run.py [--quick] precision``.
"""

from __future__ import annotations

import itertools

import ml_dtypes
import numpy as np

from benchmarks.harness import Row, benchmark, race
from mathlab.precision import round_to_bfloat16, round_to_float16


def cast(x: np.ndarray, dtype) -> np.ndarray:
    return x.astype(dtype).astype(np.float64)


@benchmark("precision")
def bench(quick: bool) -> list[Row]:
    rounds = 3 if quick else 9
    rng = np.random.default_rng(20241205)
    rows: list[Row] = []
    for n in [10**5, 10**6] if quick else [10**5, 10**6, 10**7]:
        inputs = {
            "in range": 100.0 * rng.standard_normal(n),
            "wide": rng.standard_normal(n) * np.exp2(rng.uniform(-30, 20, n)),
        }
        for (name, ours, dtype, peer), (kind, x) in itertools.product(
            (
                ("round_to_float16", round_to_float16, np.float16, "astype(float16) round trip"),
                (
                    "round_to_bfloat16",
                    round_to_bfloat16,
                    ml_dtypes.bfloat16,
                    "astype(bfloat16) trip",
                ),
            ),
            inputs.items(),
        ):
            case = f"{name}, {kind}"
            with np.errstate(over="ignore"):
                expected = cast(x, dtype)
                assert np.array_equal(ours(x).view(np.int64), expected.view(np.int64))
                best = race(
                    {"ours": lambda o=ours, x=x: o(x), "peer": lambda d=dtype, x=x: cast(x, d)},
                    rounds,
                )
            rows.append(
                Row(
                    "precision",
                    case,
                    n,
                    best["ours"],
                    peer,
                    best["peer"],
                    note=(
                        f"{best['ours'] / n * 1e9:.2f} ns/value; "
                        f"{best['ours'] / best['peer']:.2f}× the cast's time"
                    ),
                )
            )
    return rows
