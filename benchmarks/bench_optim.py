"""``optim``: one ``adam_step`` / ``adamw_step`` against a straightforward NumPy transcription.

The peer writes PyTorch's algorithm box as NumPy array expressions, one line
per formula::

    m = β₁·m + (1 − β₁)·g;  v = β₂·v + (1 − β₂)·g²
    m̂ = m/(1 − β₁ᵗ);  v̂ = v/(1 − β₂ᵗ);  p = p − lr·m̂/(√v̂ + ε)

which makes about a dozen passes over memory and as many temporary arrays.
Ours is one fused pass that also checks every input for NaN/inf.  Both return
new arrays (inputs untouched) and agree to the last bit on these inputs
(checked before timing).  Step 2 is timed (state from step 1), float64, on
10^5 … 10^7 parameters; the target is a speedup of at least 1.0 at 10^7.

Run: ``python benchmarks/run.py [--quick] optim``.
"""

from __future__ import annotations

import numpy as np

from benchmarks.harness import Row, benchmark, race
from mathlab.optim import adam_step, adamw_step

LR, BETAS, EPS = 1e-3, (0.9, 0.999), 1e-8


def numpy_adam(p, g, m, v, t, weight_decay=0.0, decoupled=False):
    beta1, beta2 = BETAS
    if decoupled:
        p = p * (1 - LR * weight_decay)
    elif weight_decay:
        g = g + weight_decay * p
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return p - LR * m_hat / (np.sqrt(v_hat) + EPS), m, v


@benchmark("optim")
def bench(quick: bool) -> list[Row]:
    rounds = 3 if quick else 7
    rng = np.random.default_rng(20241204)
    rows: list[Row] = []
    for n in [10**5, 10**6] if quick else [10**5, 10**6, 10**7]:
        p, g = rng.standard_normal(n), rng.standard_normal(n)
        for case, step, decay, decoupled in (
            ("adam_step", adam_step, 0.0, False),
            ("adamw_step", adamw_step, 1e-2, True),
        ):
            _, state = step(p, g, None, lr=LR, weight_decay=decay)
            ours_p, _ = step(p, g, state, lr=LR, weight_decay=decay)
            peer_p, _, _ = numpy_adam(p, g, state["m"], state["v"], 2, decay, decoupled)
            error = float(np.abs(ours_p - peer_p).max())
            best = race(
                {
                    "ours": lambda s=step, p=p, g=g, st=state, d=decay: s(
                        p, g, st, lr=LR, weight_decay=d
                    ),
                    "peer": lambda p=p, g=g, st=state, d=decay, dc=decoupled: numpy_adam(
                        p, g, st["m"], st["v"], 2, d, dc
                    ),
                },
                rounds,
            )
            rows.append(
                Row(
                    "optim",
                    case,
                    n,
                    best["ours"],
                    "NumPy transcription",
                    best["peer"],
                    note=f"float64, step 2; max |Δparam| = {error:.1e}",
                )
            )
    return rows
