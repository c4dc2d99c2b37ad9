"""``upsample_bilinear`` and ``upsample_nearest``: the Numba cpu backend against the reference.

A segmentation decoder's shapes: a batch of 8 feature maps of 64 channels,
``H × H`` pixels with H = 64, 128, 256 (quick: 64, 128), scaled by 2.  The
target is a speedup of at least 5 for bilinear at (8, 64, 256, 256) → ×2.

* ``bilinear ×2`` (``align_corners=False``, PyTorch's default) and
  ``bilinear ×2, align_corners`` in ``float32``: the reference gathers the four
  neighbours with fancy indexing and blends them in ``float64`` (one image at a
  time); the cpu backend blends separably in ``float32``, planes in parallel;
* ``nearest ×2``: both sides are a gather; the reference's is one fancy index.

The x axis of the plot is the number of output pixels; the note gives the
cpu backend's effective bandwidth (bytes of input read + output written per
second).  Each case checks the two sides agree before timing; compile time is
paid before timing (a warm-up call); contenders are interleaved round by round.

On a real NVIDIA GPU with CuPy installed, more rows time ``backend='cuda'`` on
device-resident CuPy arrays against ``torch.nn.functional.interpolate`` (when
PyTorch is there) and against the cpu backend on host arrays.

Run: ``python benchmarks/run.py [--quick] upsample``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchmarks.harness import Row, benchmark, cupy_or_none, gpu_time, race
from gpu.upsample import upsample_bilinear, upsample_nearest

BATCH, CHANNELS = 8, 64
CASES = {
    "bilinear ×2": (upsample_bilinear, {"scale_factor": 2}),
    "bilinear ×2, align_corners": (upsample_bilinear, {"scale_factor": 2, "align_corners": True}),
    "nearest ×2": (upsample_nearest, {"scale_factor": 2}),
}


@benchmark("upsample")
def bench_upsample(quick: bool) -> list[Row]:
    sides = [64, 128] if quick else [64, 128, 256]
    rounds = 2 if quick else 3
    rng = np.random.default_rng(20241201)
    rows: list[Row] = []
    for side in sides:
        x = rng.standard_normal((BATCH, CHANNELS, side, side), dtype=np.float32)
        for case, (fn, kwargs) in CASES.items():
            ours = fn(x, **kwargs, backend="cpu")  # warm-up: compiles or loads the kernel
            reference = fn(x, **kwargs, backend="numpy")
            np.testing.assert_allclose(ours, reference, rtol=0, atol=1e-5)
            del ours, reference
            best = race(
                {
                    "ours": lambda f=fn, k=kwargs, x=x: f(x, **k, backend="cpu"),
                    "reference": lambda f=fn, k=kwargs, x=x: f(x, **k, backend="numpy"),
                },
                rounds,
                settle_s=0.1,
            )
            n_out = 4 * x.size
            gbps = (x.nbytes + 4 * x.nbytes) / best["ours"] / 1e9
            rows.append(
                Row(
                    "upsample",
                    f"cpu {case}",
                    n_out,
                    best["ours"],
                    "NumPy reference",
                    best["reference"],
                    f"input {x.shape} float32; ours {gbps:.1f} GB/s",
                )
            )
    rows.extend(_gpu_rows(quick))
    return rows


def _gpu_rows(quick: bool) -> list[Row]:  # pragma: no cover - needs a GPU and CuPy
    """The CUDA kernels on CuPy arrays against torch and the cpu backend; [] without a GPU."""
    cupy = cupy_or_none()
    if cupy is None:
        return []
    try:
        import torch
    except ImportError:
        torch = None
    sides = [128, 256] if quick else [128, 256, 512]
    rounds = 5 if quick else 20
    sync = cupy.cuda.Device().synchronize
    rng = np.random.default_rng(20241202)
    rows: list[Row] = []
    for side in sides:
        x = rng.standard_normal((BATCH, CHANNELS, side, side), dtype=np.float32)
        x_gpu = cupy.asarray(x)
        for case, (fn, kwargs) in CASES.items():

            def ours(f: Any = fn, k: dict = kwargs, x_gpu: Any = x_gpu) -> Any:
                return f(x_gpu, **k, backend="cuda")

            got = ours()  # warm-up: compiles the kernel
            if side <= 256:  # the host reference takes seconds past that
                expected = fn(x, **kwargs, backend="cpu")
                np.testing.assert_allclose(got.get(), expected, rtol=0, atol=1e-5)
            del got
            t_ours = gpu_time(ours, sync, rounds)
            gbps = 5 * x.nbytes / t_ours / 1e9  # read x, write 4·x
            note = f"ours {gbps:.0f} GB/s"
            if torch is not None:
                tx = torch.from_dlpack(x_gpu)
                mode = "bilinear" if fn is upsample_bilinear else "nearest"
                corners = kwargs.get("align_corners") if mode == "bilinear" else None

                def peer(tx: Any = tx, mode: str = mode, corners: Any = corners) -> Any:
                    return torch.nn.functional.interpolate(
                        tx, scale_factor=2, mode=mode, align_corners=corners
                    )

                check = torch.from_dlpack(ours())
                assert float((peer() - check).abs().max()) < 1e-5
                del check
                t_peer = gpu_time(peer, torch.cuda.synchronize, rounds)
                rows.append(
                    Row("upsample", f"cuda {case}", 4 * x.size, t_ours, "torch F.interpolate",
                        t_peer, note)
                )  # fmt: skip
            t_cpu = race({"cpu": lambda f=fn, k=kwargs, x=x: f(x, **k, backend="cpu")}, 2)["cpu"]
            rows.append(
                Row("upsample", f"cuda {case}", 4 * x.size, t_ours, "cpu backend (host)", t_cpu,
                    note)
            )  # fmt: skip
    return rows
