"""The backend layer of ``gpu``: which backends exist, how ``backend=`` resolves,
and the array-module rule (NumPy in → NumPy out; CuPy in → CuPy out).

Oracles: the environment itself (is the simulator on, is there a GPU), NumPy
indexing for the rows layout, and a fresh interpreter that cannot import CuPy
and has no GPU for the "imports anywhere" promise.  The CuPy tests run only
where CuPy and a real GPU exist (they are skipped here, and say so).

Judge tiers: ``available_backends`` is an exercise (core: the right names in
the right order; contract: a fresh list per call); the CuPy tests are
reference-only (arrays on a GPU and ``backend=`` belong to the library, not to
the NumPy exercises); the rest tests the backend layer itself, not an exercise.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import textwrap

import numba
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from gpu import backend as bk

# ---------------------------------------------------------------------------
# available_backends


def test_available_backends_is_the_ordered_subset_usable_here(impl):
    backends = impl("available_backends")()
    assert backends[:2] == ["numpy", "cpu"]
    assert backends in (["numpy", "cpu"], ["numpy", "cpu", "cuda"])
    cuda_usable = bool(numba.config.ENABLE_CUDASIM) or numba.cuda.is_available()
    assert ("cuda" in backends) == cuda_usable


@pytest.mark.contract
def test_available_backends_returns_a_fresh_list(impl):
    first = impl("available_backends")()
    first.append("tampered")
    assert "tampered" not in impl("available_backends")()


# ---------------------------------------------------------------------------
# pick_backend: the backend= dispatch


def test_auto_picks_cuda_only_on_a_real_gpu():
    real_gpu = not numba.config.ENABLE_CUDASIM and numba.cuda.is_available()
    assert bk.pick_backend("auto") == ("cuda" if real_gpu else "cpu")


@pytest.mark.parametrize("name", bk.available_backends())
def test_every_available_backend_resolves_to_itself(name):
    assert bk.pick_backend(name) == name


@pytest.mark.parametrize("name", ["gpu", "CPU", "numba", "", "cupy"])
def test_unknown_backend_is_a_value_error_listing_the_choices(name):
    with pytest.raises(ValueError, match=r"backend must be 'auto' or one of \['numpy', 'cpu'"):
        bk.pick_backend(name)


@pytest.mark.parametrize("name", [None, 0, ["cpu"], b"cpu"])
def test_non_string_backend_is_a_type_error(name):
    with pytest.raises(TypeError, match="backend must be a string"):
        bk.pick_backend(name)


def test_cuda_where_it_is_unavailable_is_a_value_error(monkeypatch):
    monkeypatch.setattr(bk, "available_backends", lambda: ["numpy", "cpu"])
    with pytest.raises(ValueError, match="backend 'cuda' is not available here"):
        bk.pick_backend("cuda")


def test_gpu_imports_and_falls_back_to_cpu_without_cupy_or_gpu():
    # A fresh interpreter with the simulator off, no visible GPU and CuPy
    # impossible to import: `import gpu` must work, 'cuda' must be absent and
    # 'auto' must mean 'cpu' -- detection without crashing.
    script = textwrap.dedent(
        """
        import sys
        sys.modules["cupy"] = None  # any `import cupy` now raises ImportError
        import numpy as np
        import gpu, gpu.backend, gpu.scan, gpu.recurrence, gpu.ssm
        from gpu.backend import available_backends, pick_backend
        from gpu.scan import inclusive_scan
        assert available_backends() == ["numpy", "cpu"], available_backends()
        assert pick_backend("auto") == "cpu"
        assert inclusive_scan(np.arange(4), backend="numpy").tolist() == [0, 1, 3, 6]
        print("ok")
        """
    )
    env = {**os.environ, "NUMBA_ENABLE_CUDASIM": "0", "CUDA_VISIBLE_DEVICES": ""}
    root = str(pathlib.Path(__file__).resolve().parents[1])  # the repository: `gpu` is there
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


# ---------------------------------------------------------------------------
# The array-module rule and the rows layout


def test_numpy_arrays_belong_to_numpy():
    assert bk.array_module(np.ones(2), [1, 2], None, 3.0) is np
    assert not bk.is_cupy(np.ones(2))


def test_cupy_is_recognised_by_its_type_without_importing_it():
    fake = type("ndarray", (), {"__module__": "cupy._core.core"})()
    assert bk.is_cupy(fake)
    assert not bk.is_cupy(type("ndarray", (), {"__module__": "cupyx_lookalike"})())


@pytest.mark.parametrize("backend", bk.available_backends())
def test_numpy_round_trip_through_every_backend(backend):
    x = np.arange(6.0).reshape(2, 3)
    there = bk.to_backend(x, backend)
    back = bk.from_backend(there, np)
    assert isinstance(back, np.ndarray)
    np.testing.assert_array_equal(back, x)


@st.composite
def arrays_and_axes(draw):
    x = draw(hnp.arrays(np.int64, hnp.array_shapes(min_dims=1, max_dims=4, min_side=0, max_side=4)))
    return x, draw(st.integers(0, x.ndim - 1))


@given(arrays_and_axes())
def test_rows_hold_the_lines_along_the_axis_in_c_order(data):
    x, axis = data
    rows, shape = bk.as_rows(x, axis)
    assert rows.ndim == 2 and rows.flags.c_contiguous
    others = [n for k, n in enumerate(x.shape) if k != axis]
    assert rows.shape == (int(np.prod(others)), x.shape[axis])
    for r, index in enumerate(np.ndindex(*others)):
        line = x[(*index[:axis], slice(None), *index[axis:])]
        np.testing.assert_array_equal(rows[r], line)
    np.testing.assert_array_equal(bk.from_rows(rows, shape, axis), x)


def test_readonly_view_shares_memory_but_cannot_write():
    x = np.arange(3.0)
    view = bk.readonly_view(x)
    assert np.shares_memory(view, x) and not view.flags.writeable and x.flags.writeable


@given(n=st.integers(0, 10_000), per_thread=st.sampled_from([1, 2, 8]), log_cap=st.integers(0, 10))
def test_threads_per_block_is_the_smallest_power_of_two_that_covers_the_row(n, per_thread, log_cap):
    cap = 1 << log_cap
    threads = bk.threads_per_block(n, cap, per_thread)
    assert threads & (threads - 1) == 0 and 1 <= threads <= cap
    covers = threads * per_thread >= n
    assert covers or threads == cap
    if threads > 1:  # half as many threads would not have covered the row
        assert (threads // 2) * per_thread < n


@pytest.mark.parametrize("threads", [0, 3, 48, -4])
def test_threads_per_block_must_be_a_power_of_two(threads):
    with pytest.raises(ValueError, match="threads must be a positive power of two"):
        bk.threads_per_block(100, threads)


# ---------------------------------------------------------------------------
# CuPy in → CuPy out (only where CuPy and a real GPU exist)


@pytest.fixture
def cupy():
    if not bk.has_real_gpu():
        pytest.skip("needs a real NVIDIA GPU (not run in the simulator)")
    return pytest.importorskip("cupy")


@pytest.mark.reference_only  # CuPy and backend= are the library's, not the exercises'
@pytest.mark.parametrize("backend", ["auto", "numpy", "cpu", "cuda"])
def test_cupy_in_cupy_out_for_the_scan_kernels(impl, cupy, backend):
    x = cupy.arange(1000, dtype=cupy.float32).reshape(4, 250)
    for name, expected in [
        ("inclusive_scan", np.cumsum(x.get(), axis=1)),
        ("exclusive_scan", np.cumsum(x.get(), axis=1) - x.get()),
    ]:
        y = impl(name)(x, backend=backend)
        assert isinstance(y, cupy.ndarray)
        np.testing.assert_allclose(y.get(), expected, rtol=1e-5)
    h = impl("linear_recurrence")(cupy.full((2, 300), 0.5), cupy.ones((2, 300)), backend=backend)
    assert isinstance(h, cupy.ndarray)
    np.testing.assert_allclose(h.get()[:, -1], 2.0)


@pytest.mark.reference_only
def test_cupy_in_cupy_out_for_the_ssm_functions(impl, cupy):
    A, B = impl("hippo_legs")(4)
    A_bar, B_bar = impl("discretize")(cupy.asarray(A), cupy.asarray(B), 0.1)
    assert isinstance(A_bar, cupy.ndarray) and isinstance(B_bar, cupy.ndarray)
    C = cupy.ones(4)
    u = cupy.ones((2, 32))
    y_conv = impl("ssm_convolve")(u, impl("ssm_kernel")(A_bar, B_bar, C, 32))
    y_rec = impl("ssm_recurrent")(A_bar, B_bar, C, u)
    assert isinstance(y_conv, cupy.ndarray) and isinstance(y_rec, cupy.ndarray)
    np.testing.assert_allclose(y_conv.get(), y_rec.get(), atol=1e-6)


def test_the_suite_runs_cuda_kernels_somewhere():
    # Without a GPU the root conftest turns Numba's simulator on, so the CUDA
    # kernels are tested on every machine.  Anything imported during collection
    # that flips NUMBA_ENABLE_CUDASIM would silently skip them all: fail instead.
    from gpu.backend import available_backends

    if not os.path.exists("/dev/nvidiactl"):
        assert numba.config.ENABLE_CUDASIM, "the CUDA simulator was turned off during the run"
    assert "cuda" in available_backends()
