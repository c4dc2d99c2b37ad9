"""``scan`` and ``linear_recurrence``: our Numba kernels against NumPy and a plain ``@njit`` loop.

* ``scan``: ``inclusive_scan(x, backend='cpu')`` against ``np.cumsum(x)`` on
  ``float32``: one long row (10^5 … 10^7 elements; the target is a speedup of
  at least 0.8 at 10^7) and 64 rows along the last axis (where ``prange``
  spreads rows over the cores).  Note the semantics differ slightly: we
  accumulate ``float32`` in ``float64`` (more accurate); ``np.cumsum`` adds in
  ``float32``.
* ``linear_recurrence``: ``backend='cpu'`` (rows in parallel) at shape
  (64, L), L = 10^3 … 10^5, against the NumPy reference loop
  (``backend='numpy'``: one vectorised step per time step) and against a
  sequential ``@njit`` loop over the rows (the same loop without ``prange``:
  what parallelism buys).

On a real NVIDIA GPU with CuPy installed, two more cases time the CUDA kernels
on device-resident CuPy arrays against ``cupy.cumsum`` and report the achieved
bandwidth (bytes read + written per second) in the note.  That path is
skipped silently elsewhere; it has not been run on the development machine,
which has no GPU.

Every case checks that both sides agree before timing; compile time is paid
before timing (a warm-up call), and contenders are interleaved round by round
so that a burst of load on a shared machine hits all of them.

Run: ``python benchmarks/run.py [--quick] scan linear_recurrence``.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from benchmarks.harness import Row, benchmark, cupy_or_none, gpu_time, race
from gpu.recurrence import linear_recurrence
from gpu.scan import inclusive_scan


@benchmark("scan")
def bench_scan(quick: bool) -> list[Row]:
    sizes = [10**5, 10**6] if quick else [10**5, 10**6, 10**7]
    rounds = 3 if quick else 7
    rng = np.random.default_rng(20240607)
    cupy = cupy_or_none()
    rows: list[Row] = []
    for n in sizes:
        x = rng.standard_normal(n).astype(np.float32)
        batch = x.reshape(64, -1) if n % 64 == 0 else rng.standard_normal((64, n // 64), np.float32)
        for case, data in [("inclusive_scan 1 row", x), ("inclusive_scan 64 rows", batch)]:
            ours = inclusive_scan(data, backend="cpu")  # warm-up: compiles once
            exact = np.cumsum(data, axis=-1, dtype=np.float64)
            np.testing.assert_allclose(ours, exact, rtol=1e-6, atol=1e-3)
            note = (  # accuracy against float64 sums: ours adds in float64, NumPy in float32
                f"max err ours {np.abs(ours - exact).max():.1e}, "
                f"np.cumsum {np.abs(np.cumsum(data, axis=-1) - exact).max():.1e}"
            )
            best = race(
                {
                    "ours": lambda d=data: inclusive_scan(d, backend="cpu"),
                    "np.cumsum": lambda d=data: np.cumsum(d, axis=-1),
                },
                rounds,
            )
            rows.append(Row("scan", case, n, best["ours"], "np.cumsum", best["np.cumsum"], note))

        if cupy is not None:  # GPU path: device-resident data, bandwidth in the note
            x_gpu = cupy.asarray(x)
            inclusive_scan(x_gpu, backend="cuda")
            ours = gpu_time(
                lambda x=x_gpu: inclusive_scan(x, backend="cuda"),
                cupy.cuda.Device().synchronize,
                rounds,
            )
            peer = gpu_time(lambda x=x_gpu: cupy.cumsum(x), cupy.cuda.Device().synchronize, rounds)
            gbps = 2 * x.nbytes / ours / 1e9  # read x, write y
            rows.append(
                Row("scan", "inclusive_scan cuda", n, ours, "cupy.cumsum", peer, f"{gbps:.0f} GB/s")
            )
    return rows


@njit(cache=True)
def _sequential_recurrence(a, b):  # pragma: no cover - compiled
    # The CPU backend's loop without prange: one core, row after row.  It
    # allocates its output, as the public function must.
    out = np.empty_like(b)
    for r in range(b.shape[0]):
        h = 0.0
        for t in range(b.shape[1]):
            h = a[r, t] * h + b[r, t]
            out[r, t] = h
    return out


@benchmark("linear_recurrence")
def bench_linear_recurrence(quick: bool) -> list[Row]:
    lengths = [10**3, 10**4] if quick else [10**3, 10**4, 10**5]
    rounds = 3 if quick else 5
    rng = np.random.default_rng(20240608)
    cupy = cupy_or_none()
    rows: list[Row] = []
    for L in lengths:
        a = rng.uniform(0.9, 1.0, (64, L))
        b = rng.standard_normal((64, L))
        ours = linear_recurrence(a, b, backend="cpu")  # warm-up: compiles once
        np.testing.assert_allclose(ours, linear_recurrence(a, b, backend="numpy"), rtol=1e-9)
        np.testing.assert_allclose(ours, _sequential_recurrence(a, b), rtol=1e-9)
        best = race(
            {
                "ours": lambda a=a, b=b: linear_recurrence(a, b, backend="cpu"),
                "NumPy reference loop": lambda a=a, b=b: linear_recurrence(a, b, backend="numpy"),
                "sequential @njit loop": lambda a=a, b=b: _sequential_recurrence(a, b),
            },
            rounds,
        )
        rows.extend(
            Row("linear_recurrence", "cpu, 64 rows", 64 * L, best["ours"], peer, best[peer])
            for peer in ("NumPy reference loop", "sequential @njit loop")
        )

        if cupy is not None:  # GPU path: the affine Blelloch scan vs the NumPy-style loop on CuPy
            a_gpu, b_gpu = cupy.asarray(a), cupy.asarray(b)
            linear_recurrence(a_gpu, b_gpu, backend="cuda")
            ours = gpu_time(
                lambda a=a_gpu, b=b_gpu: linear_recurrence(a, b, backend="cuda"), cupy, rounds
            )
            gbps = 3 * b.nbytes / ours / 1e9  # read a and b, write h
            rows.append(
                Row(
                    "linear_recurrence",
                    "cuda, 64 rows",
                    64 * L,
                    ours,
                    "cpu backend (host arrays)",
                    best["ours"],
                    f"{gbps:.0f} GB/s",
                )
            )
    return rows
