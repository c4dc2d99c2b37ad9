"""Compile every CUDA kernel of :mod:`gpu` for a real GPU (sm_90 PTX), without one.

The test suite runs the CUDA kernels in Numba's simulator, which executes them
as plain Python: it cannot see code that the real CUDA target fails to type or
lower (it once hid a nested two-argument ``min`` that the CUDA target rejects).
This script closes that gap on a machine with no GPU but with NVVM (the CUDA
toolkit's compiler library): it replaces device allocations by host arrays and
every kernel launch by a PTX compilation for the launch's argument types, then
drives each public kernel with ``backend='cuda'`` over both float dtypes.
Results are garbage; only compilation matters.

Run by ``tests/test_cuda_compiles.py`` in a fresh interpreter.  Exit status:
0 all compiled, 1 a kernel failed to compile, 77 no NVVM here (skip).
"""

from __future__ import annotations

import os
import sys
import traceback
import types

SKIP = 77
CC = (9, 0)  # Hopper: the H100/H200 the project's GPU benchmarks target


def _nvvm_available() -> bool:
    from numba import cuda

    def probe(a):
        a[0] = 1

    try:
        cuda.compile_ptx(probe, "void(float32[:])", cc=CC)
    except Exception:
        return False
    return True


def _fake_the_device(compiled: dict) -> None:
    """Host arrays for device memory; a PTX compile in place of each launch."""
    import numba.cuda.dispatcher as dispatcher
    import numpy as np
    from numba import cuda

    def compile_instead_of_launch(self, args, griddim, blockdim, stream, sharedmem):
        argtypes = tuple(self.typeof_pyval(a) for a in args)
        key = (self.py_func.__qualname__, argtypes)
        if key not in compiled:
            options = {k: v for k, v in self.targetoptions.items() if k in ("fastmath", "debug")}
            ptx, _ = cuda.compile_ptx(self.py_func, argtypes, cc=CC, **options)
            compiled[key] = len(ptx)

    dispatcher.CUDADispatcher.call = compile_instead_of_launch
    # Device functions are compiled for "the current device" when a kernel calls them.
    dispatcher.get_current_device = lambda: types.SimpleNamespace(compute_capability=CC)
    cuda.to_device = lambda x, *a, **k: np.array(x, copy=True)
    cuda.device_array = lambda shape, dtype=np.float64, *a, **k: np.zeros(shape, dtype)
    cuda.device_array_like = lambda x, *a, **k: np.zeros_like(x)

    import gpu.backend

    gpu.backend.has_real_gpu = lambda: True  # so backend='cuda' is accepted


def _launches(gpu_module: types.ModuleType) -> list[tuple[str, object]]:
    import numpy as np

    rng = np.random.default_rng(0)
    calls = []
    g = gpu_module
    for dtype in (np.float32, np.float64):

        def x(*shape, dtype=dtype):
            return rng.standard_normal(shape).astype(dtype)

        name = np.dtype(dtype).name
        u, delta, A = x(2, 4, 33), np.abs(x(2, 4, 33)), -np.abs(x(4, 16))
        q, kv = x(1, 70, 64), x(1, 90, 64)
        calls += [
            (f"inclusive_scan {name}", lambda x=x: g.inclusive_scan(x(3, 3000), backend="cuda")),
            (f"exclusive_scan {name}", lambda x=x: g.exclusive_scan(x(3, 3000), backend="cuda")),
            (
                f"linear_recurrence {name}",
                lambda x=x: g.linear_recurrence(x(2, 3000), x(2, 3000), backend="cuda"),
            ),
            (
                f"selective_scan {name}, input-dependent B, C, all options",
                lambda x=x, u=u, d=delta, A=A: g.selective_scan(
                    u, d, A, x(2, 16, 33), x(2, 16, 33), D=x(4), z=x(2, 4, 33),
                    delta_bias=x(4), delta_softplus=True, backend="cuda",
                ),
            ),
            (
                f"selective_scan {name}, fixed B, C",
                lambda x=x, u=u, d=delta, A=A: g.selective_scan(
                    u, d, A, x(4, 16), x(4, 16), backend="cuda"
                ),
            ),
            (
                f"flash_attention {name}",
                lambda x=x: g.flash_attention(
                    x(2, 3, 130, 64), x(2, 3, 130, 64), x(2, 3, 130, 64), backend="cuda"
                ),
            ),
            (
                f"flash_attention {name}, causal, q shorter, dim_v 32, lse",
                lambda q=q, kv=kv, x=x: g.flash_attention(
                    q, kv, x(1, 90, 32), causal=True, return_lse=True, backend="cuda"
                ),
            ),
        ]  # fmt: skip
        for feature_map in ("elu+1", "relu"):
            for causal in (False, True):
                calls.append(
                    (
                        f"linear_attention {name}, {feature_map}, causal={causal}",
                        lambda x=x, f=feature_map, c=causal: g.linear_attention(
                            x(2, 200, 16), x(2, 200, 16), x(2, 200, 16),
                            causal=c, feature_map=f, backend="cuda",
                        ),
                    )
                )  # fmt: skip
    for dtype in (np.int32, np.int64):
        calls.append(
            (
                f"inclusive_scan {np.dtype(dtype).name}",
                lambda d=dtype: g.inclusive_scan(np.arange(5000, dtype=d), backend="cuda"),
            )
        )
    # (issue 12) upsampling and embeddings: every dtype the kernels are launched with.
    for dtype in (np.float32, np.float64, np.int32, np.int64, np.uint8, np.bool_):
        calls.append(
            (
                f"upsample_nearest {np.dtype(dtype).name}",
                lambda d=dtype: g.upsample_nearest(
                    np.ones((2, 3, 5, 7), dtype=d), scale_factor=(1.5, 2.5), backend="cuda"
                ),
            )
        )
    for dtype in (np.float32, np.float64):
        name = np.dtype(dtype).name
        image = rng.standard_normal((2, 3, 5, 7)).astype(dtype)
        ids = rng.integers(0, 50, (4, 33))
        table = rng.standard_normal((50, 16)).astype(dtype)
        grad = rng.standard_normal((4, 33, 16)).astype(dtype)
        calls += [
            (
                f"upsample_bilinear {name}, align_corners={corners}",
                lambda x=image, c=corners: g.upsample_bilinear(
                    x, size=(11, 13), align_corners=c, backend="cuda"
                ),
            )
            for corners in (False, True)
        ]
        calls += [
            (f"embedding {name}", lambda i=ids, w=table: g.embedding(i, w, backend="cuda")),
            (
                f"embedding_backward {name}",
                lambda i=ids, d=grad: g.embedding_backward(i, d, 50, backend="cuda"),
            ),
        ]
    return calls


def main() -> int:
    # Importing this module must change nothing (pytest imports it to look for
    # doctests): the real-GPU setting is made here, before Numba is imported.
    if "numba" in sys.modules:
        raise RuntimeError("run cuda_ptx_check.py in a fresh interpreter, before Numba is imported")
    os.environ["NUMBA_ENABLE_CUDASIM"] = "0"
    if not _nvvm_available():
        print("NVVM (the CUDA toolkit's compiler library) is not available: nothing to check")
        return SKIP
    compiled: dict = {}
    _fake_the_device(compiled)
    import gpu

    failures = 0
    for label, launch in _launches(gpu):
        try:
            launch()
        except Exception:
            failures += 1
            print(f"FAILED to compile: {label}")
            traceback.print_exc(limit=-6)
    print(f"{len(compiled)} kernel specialisations compiled to sm_{CC[0]}{CC[1]} PTX")
    if not compiled:
        print("no kernel was launched: the launch interception no longer matches Numba")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
