"""``selective_scan``: the Numba ``'cpu'`` backend against the NumPy reference (``'numpy'``).

Mamba's shapes: batch 4, d = 256 channels, n = 16 states, L up to 2048 steps
(quick: L up to 256).  The target is a speedup of at least 20 at L = 2048.
Three cases:

* ``float32`` and ``float64``: the plain scan (fixed ``B``, ``C``; no ``D``,
  ``z``, bias or softplus).  The reference computes in ``float64`` either way;
  the cpu backend computes in the result dtype, so ``float32`` gets 16 SIMD
  lanes per register and ``float64`` 8;
* ``float32 Mamba block``: how Mamba calls it — input-dependent ``B`` and ``C``
  of shape (batch, n, L), ``D``, ``z``, ``delta_bias`` and ``delta_softplus``.

The x axis of the plot is batch·d·n·L, the number of state updates.  Each case
checks the two sides agree before timing; the first call of the cpu backend
(JIT compile, or loading the on-disk cache) is made, and timed, before the
measurement and reported in the note, never included in ``ours``; the sides
are interleaved round by round so a burst of load on the shared machine hits
both.

On a real NVIDIA GPU with CuPy installed, two more rows time ``backend='cuda'``
on device-resident CuPy arrays against the cpu backend and against the
reference loop run on CuPy arrays.  That path is skipped elsewhere; it has not
been run: the development machine has no GPU.

Run: ``python benchmarks/run.py [--quick] selective_scan``.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from benchmarks.harness import Row, benchmark, cupy_or_none, gpu_time, race
from gpu.selective_scan import selective_scan

BATCH, D_MODEL, N_STATES = 4, 256, 16


def make_inputs(L: int, dtype: type, mamba_block: bool, seed: int) -> dict[str, Any]:
    """Inputs with Mamba's typical ranges: A < 0 (S4D-real style), Δ = softplus of O(1)."""
    rng = np.random.default_rng(seed)

    def normal(*shape: int) -> np.ndarray:
        return rng.standard_normal(shape).astype(dtype)

    A = -np.tile(np.arange(1, N_STATES + 1, dtype=dtype), (D_MODEL, 1))  # A_k = -(k + 1)
    inputs: dict[str, Any] = {
        "u": normal(BATCH, D_MODEL, L),
        "delta": rng.uniform(0.001, 0.1, (BATCH, D_MODEL, L)).astype(dtype),
        "A": A,
        "B": normal(D_MODEL, N_STATES),
        "C": normal(D_MODEL, N_STATES),
    }
    if mamba_block:
        inputs.update(
            delta=rng.uniform(-4.0, 0.0, (BATCH, D_MODEL, L)).astype(dtype),
            B=normal(BATCH, N_STATES, L),
            C=normal(BATCH, N_STATES, L),
            D=normal(D_MODEL),
            z=normal(BATCH, D_MODEL, L),
            delta_bias=rng.uniform(-1.0, 1.0, D_MODEL).astype(dtype),
            delta_softplus=True,
        )
    return inputs


CASES = {
    "float32": (np.float32, False),
    "float64": (np.float64, False),
    "float32 Mamba block": (np.float32, True),
}


@benchmark("selective_scan")
def bench(quick: bool) -> list[Row]:
    lengths = [64, 256] if quick else [512, 2048]
    rounds = 2 if quick else 4
    cupy = cupy_or_none()
    rows: list[Row] = []
    largest = lengths[-1]
    for case, (dtype, mamba_block) in CASES.items():
        for L in lengths:
            inputs = make_inputs(L, dtype, mamba_block, seed=L)
            start = time.perf_counter()
            ours = selective_scan(**inputs, backend="cpu")  # warm-up: compile or cache load
            first_call = time.perf_counter() - start
            reference = selective_scan(**inputs, backend="numpy")
            scale = np.abs(reference).max()
            error = np.abs(ours - reference).max() / scale
            if error > 1e-4:  # a benchmark of a wrong answer is meaningless
                raise AssertionError(f"selective_scan {case} L={L}: relative error {error:.1e}")
            best = race(
                {
                    "ours": lambda i=inputs: selective_scan(**i, backend="cpu"),
                    "peer": lambda i=inputs: selective_scan(**i, backend="numpy"),
                },
                rounds,
            )
            updates = BATCH * D_MODEL * N_STATES * L
            note = (
                f"{best['ours'] / updates * 1e9:.2f} ns/state update; first call (JIT compile "
                f"or cache load, excluded) {first_call:.2f} s; max rel. err {error:.0e}"
            )
            rows.append(
                Row(
                    "selective_scan",
                    f"cpu {case}",
                    updates,
                    best["ours"],
                    "NumPy reference loop",
                    best["peer"],
                    note,
                )
            )
            if cupy is not None and largest == L:  # the GPU rows: the largest size only
                rows.extend(_gpu_rows(cupy, case, inputs, updates, best["ours"], rounds))
    return rows


# ---------------------------------------------------------------------------
# GPU path (real NVIDIA GPU + CuPy only; not run on the development machine)


def _cupy_reference(cupy: Any, u, delta, A, B, C, D=None, z=None, delta_bias=None,
                    delta_softplus=False):  # fmt: skip
    """The NumPy reference loop, step for step, on CuPy arrays (float32 throughout).

    The peer a CuPy user would write: one vectorised update of the
    ``(batch, d, n)`` state per time step.
    """
    batch, d, L = u.shape
    if delta_bias is not None:
        delta = delta + delta_bias[:, None]
    if delta_softplus:
        delta = cupy.where(delta > 20, delta, cupy.log1p(cupy.exp(cupy.minimum(delta, 20))))
    x = cupy.zeros((batch, d, A.shape[1]), dtype=u.dtype)
    y = cupy.empty_like(u)
    for t in range(L):
        step = delta[:, :, t, None]
        B_t = B[None] if B.ndim == 2 else B[:, None, :, t]
        C_t = C[None] if C.ndim == 2 else C[:, None, :, t]
        x = cupy.exp(step * A) * x + step * B_t * u[:, :, t, None]
        y[:, :, t] = (x * C_t).sum(axis=-1)
    if D is not None:
        y += D[:, None] * u
    if z is not None:
        y *= z / (1 + cupy.exp(-z))
    return y


def _gpu_rows(cupy: Any, case: str, inputs: dict[str, Any], updates: int,
              cpu_s: float, rounds: int) -> list[Row]:  # fmt: skip
    on_gpu = {k: cupy.asarray(v) if isinstance(v, np.ndarray) else v for k, v in inputs.items()}
    ours = selective_scan(**on_gpu, backend="cuda")  # warm-up: compiles the kernel
    expected = selective_scan(**inputs, backend="numpy")
    error = float(np.abs(cupy.asnumpy(ours) - expected).max() / np.abs(expected).max())
    if error > 1e-4:
        raise AssertionError(f"selective_scan cuda {case}: relative error {error:.1e}")

    sync = cupy.cuda.Device().synchronize
    cuda_s = gpu_time(lambda: selective_scan(**on_gpu, backend="cuda"), sync, rounds)
    cupy_s = gpu_time(lambda: _cupy_reference(cupy, **on_gpu), sync, rounds)
    note = f"{cuda_s / updates * 1e9:.3f} ns/state update; max rel. err {error:.0e}"
    return [
        Row("selective_scan", f"cuda {case}", updates, cuda_s, "cpu backend", cpu_s, note),
        Row("selective_scan", f"cuda {case}", updates, cuda_s, "CuPy reference loop", cupy_s),
    ]
