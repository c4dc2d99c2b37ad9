"""``linear_vs_softmax``: causal linear attention against causal softmax attention, on the CPU.

Linear attention (``linear_attention(..., causal=True, backend='cpu')``: the
recurrent form, O(n·d·d_v) time and O(d·d_v) state) against exact softmax
attention computed by FlashAttention's tiled kernel
(``flash_attention(..., causal=True, backend='cpu')``: O(n²·(d + d_v)/2) time,
O(n·d) memory) — the reference ``attention`` stands in if
``gpu.flash_attention`` cannot be imported.  One head, ``d = d_v = 64``,
float32, sequence lengths from 64 to 65,536 (quick: 64 to 8,192).

The two compute different functions (linear attention is not an
approximation of softmax attention), so nothing is compared but time.  The
point is the crossover: per position, linear attention does ~2·d·d_v
multiply-adds whatever the length, softmax ~n·(d + d_v)/2, so they meet near
``n ≈ 4·d·d_v/(d + d_v) = 128``; below it softmax's BLAS tiles win, above it
the ratio grows linearly with n.  The note of each row says who is faster,
and the first row where linear attention wins says so.

Timing: best of several rounds, the two contenders interleaved round by round
(so a burst of load on a shared machine hits both); compile time is paid by a
warm-up call.  The largest sizes get a single round: softmax takes seconds
there.

Run: ``python benchmarks/run.py [--quick] linear_vs_softmax``.
"""

from __future__ import annotations

import numpy as np

from benchmarks.harness import Row, benchmark, race
from gpu.linear_attention import linear_attention

try:
    from gpu.flash_attention import flash_attention

    def _softmax(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
        return flash_attention(q, k, v, causal=True, backend="cpu")

    PEER = "softmax (flash, cpu)"
except ImportError:  # the reference: Θ(n²) memory, so keep the sizes modest then
    from gpu.attention import attention

    def _softmax(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
        return attention(q, k, v, causal=True)

    PEER = "softmax (reference)"

DIM = 64
NAME = "linear_vs_softmax"


@benchmark(NAME)
def bench_linear_vs_softmax(quick: bool) -> list[Row]:
    top = 8192 if quick else 65536
    sizes = [64 * 2**i for i in range(20) if 64 * 2**i <= top]
    rng = np.random.default_rng(20240610)
    rows: list[Row] = []
    for n in sizes:
        q, k, v = (rng.standard_normal((1, n, DIM), dtype=np.float32) for _ in range(3))
        if n == sizes[0]:  # warm-up: both kernels compile once (per dtype, not per length)
            _softmax(q, k, v)
        if n <= 1024:  # ours against the NumPy reference (whose scan form is Θ(n·d²) memory)
            ours = linear_attention(q, k, v, causal=True, backend="cpu")
            reference = linear_attention(q, k, v, causal=True, backend="numpy")
            np.testing.assert_allclose(ours, reference, rtol=1e-4, atol=1e-4)
        rounds = (3 if quick else 5) if n <= 4096 else (2 if n <= 16384 else 1)
        best = race(
            {
                "linear": lambda q=q, k=k, v=v: linear_attention(
                    q, k, v, causal=True, backend="cpu"
                ),
                "softmax": lambda q=q, k=k, v=v: _softmax(q, k, v),
            },
            rounds,
        )
        note = "linear faster" if best["linear"] < best["softmax"] else "softmax faster"
        rows.append(Row(NAME, "causal", n, best["linear"], PEER, best["softmax"], note))
    # The crossover: the shortest length from which linear attention wins at every
    # longer length measured (so one noisy reversal cannot put it at the wrong place).
    crossover = None
    for row in reversed(rows):
        if row.speedup <= 1:
            break
        crossover = row
    if crossover is not None:
        crossover.note += f" (crossover: linear wins from seq {crossover.size} on)"
    return rows
