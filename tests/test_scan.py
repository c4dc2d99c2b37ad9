"""Properties of ``inclusive_scan`` and ``exclusive_scan`` on every backend.

Oracle: :func:`tests.oracles_scan.loop_scan_array`, a plain loop over Python
numbers (exact integers wrapped to the dtype's width; floats in order).

* integer scans must equal the oracle exactly on every backend (addition
  modulo 2^bits is associative, so even the CUDA tree has no excuse);
* float scans must lie within the any-order rounding bound of
  :func:`tests.oracles_scan.scan_error_bound` of it;
* the ``'numpy'`` reference must match the loop to float64 rounding.

The ``'cuda'`` properties run in Numba's CUDA simulator here: their shapes
stay small and their examples few (``CUDA_EXAMPLES``), but long enough to
span several tiles (a tile is 64 elements in the simulator), and a separate
property drives the reduce-then-scan recursion several levels deep by
launching the kernel with 2-element tiles.
"""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gpu.backend
from tests.oracles_scan import (
    CUDA_EXAMPLES,
    HAS_CUDA,
    loop_scan,
    loop_scan_array,
    scan_error_bound,
    wrap,
)

DTYPES = [np.float32, np.float64, np.int32, np.int64]
HOST_BACKENDS = ["numpy", "cpu"]
requires_cuda = pytest.mark.skipif(not HAS_CUDA, reason="no CUDA GPU and no CUDA simulator")
# The simulator evaluates kernels on NumPy scalars, which warn when an integer
# sum wraps around; the GPU (and every backend here) wraps silently by design.
pytestmark = pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")


# ---------------------------------------------------------------------------
# Strategies


def elements(dtype) -> st.SearchStrategy:
    """Full-range integers (overflow must wrap identically everywhere); moderate floats."""
    dtype = np.dtype(dtype)
    if dtype.kind == "i":
        return hnp.from_dtype(dtype)
    return st.floats(-1e3, 1e3, width=8 * dtype.itemsize)


@st.composite
def scan_inputs(draw, max_side: int = 6, max_len: int = 150, max_rows: int = 12):
    """(array, axis): 1–3 dimensions, the scanned axis up to ``max_len`` long."""
    dtype = np.dtype(draw(st.sampled_from(DTYPES)))
    ndim = draw(st.integers(1, 3))
    axis = draw(st.integers(-ndim, ndim - 1))
    shape = [draw(st.integers(0, max_side)) for _ in range(ndim)]
    shape[axis] = draw(st.integers(1, max_len))
    while np.prod(shape) // shape[axis] > max_rows:  # keep the number of rows small
        k = next(k for k, n in enumerate(shape) if k != axis % ndim and n > 1)
        shape[k] -= 1
    x = draw(hnp.arrays(dtype, tuple(shape), elements=elements(dtype)))
    return x, axis


def assert_scan_matches_oracle(y: np.ndarray, x: np.ndarray, axis: int, inclusive: bool) -> None:
    assert isinstance(y, np.ndarray)
    assert y.shape == x.shape
    assert y.dtype == x.dtype
    expected = loop_scan_array(x, axis, inclusive)
    if x.dtype.kind == "i":
        np.testing.assert_array_equal(y, expected)
    else:
        error = np.abs(y.astype(np.float64) - expected)
        assert np.all(error <= scan_error_bound(x, axis, x.dtype)), (y, expected)


# ---------------------------------------------------------------------------
# Agreement with the oracle, backend by backend


@pytest.mark.parametrize("backend", HOST_BACKENDS)
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@given(data=scan_inputs())
def test_scan_equals_python_loop_on_host_backends(impl, name, backend, data):
    x, axis = data
    y = impl(name)(x, axis=axis, backend=backend)
    assert_scan_matches_oracle(y, x, axis, inclusive=name == "inclusive_scan")


@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@settings(max_examples=50)
@given(data=scan_inputs())
def test_scan_equals_python_loop_on_the_parallel_cpu_kernel(impl, name, data):
    # Small inputs normally run the sequential twin of the prange kernel;
    # lowering the threshold to 0 sends every multi-row input through prange.
    x, axis = data
    with mock.patch.object(gpu.backend, "PARALLEL_MIN_SIZE", 0):
        y = impl(name)(x, axis=axis, backend="cpu")
    assert_scan_matches_oracle(y, x, axis, inclusive=name == "inclusive_scan")


@given(data=scan_inputs())
def test_reference_scan_equals_in_order_float64_loop(impl, data):
    # The reference adds in float64 in order, exactly as the Python loop does.
    x, axis = data
    y = impl("inclusive_scan")(x, axis=axis, backend="numpy")
    expected = loop_scan_array(x, axis, inclusive=True).astype(x.dtype)
    np.testing.assert_array_equal(y, expected)


@requires_cuda
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@settings(max_examples=CUDA_EXAMPLES)
@given(data=scan_inputs(max_side=3, max_len=200, max_rows=3))
# Always include rows spanning several tiles (64 elements each in the simulator).
@example(data=(np.arange(-150, 150, dtype=np.int32).reshape(2, 150) * 10_000_019, -1))
@example(data=(np.linspace(-5, 5, 3 * 131).reshape(131, 3), 0))
def test_scan_equals_python_loop_on_cuda(impl, name, data):
    x, axis = data
    y = impl(name)(x, axis=axis, backend="cuda")
    assert_scan_matches_oracle(y, x, axis, inclusive=name == "inclusive_scan")


@requires_cuda
@settings(max_examples=CUDA_EXAMPLES)
@given(
    dtype=st.sampled_from(DTYPES),
    n=st.integers(1, 24),
    threads=st.sampled_from([1, 2, 4]),
    inclusive=st.booleans(),
    data=st.data(),
)
def test_cuda_reduce_then_scan_recursion_with_tiny_tiles(dtype, n, threads, inclusive, data):
    # With 2-element tiles a row of 24 takes 4 levels of tile totals, so the
    # recursive carry computation is exercised far beyond what 64-element
    # tiles reach in a simulated test.  (An internal launcher: imported directly.)
    from numba import cuda

    from gpu.scan import ADD, scan_pairs_cuda

    dtype = np.dtype(dtype)
    x = data.draw(hnp.arrays(dtype, (2, n), elements=elements(dtype)))
    init = data.draw(hnp.arrays(dtype, (2, 1), elements=elements(dtype)))
    d = cuda.to_device(x)
    y = scan_pairs_cuda(ADD, d, d, cuda.to_device(init), inclusive, threads, 2).copy_to_host()
    for r in range(2):
        if dtype.kind == "i":
            row = [int(init[r, 0])] + [int(v) for v in x[r]]
            sums = [wrap(s, dtype) for s in loop_scan(row, inclusive=True)]
        else:
            row = [float(init[r, 0])] + [float(v) for v in x[r]]
            sums = loop_scan(row, inclusive=True)
        expected = sums[1:] if inclusive else sums[:-1]  # init is the scan's starting value
        if dtype.kind == "i":
            assert y[r].tolist() == expected
        else:
            bound = scan_error_bound(np.array(row), 0, dtype)
            bound = bound[1:] if inclusive else bound[:-1]
            assert np.all(np.abs(y[r] - np.array(expected)) <= bound)


# ---------------------------------------------------------------------------
# Contract: shapes, dtypes, input untouched, module, edge cases

ALL_BACKENDS = HOST_BACKENDS + (["cuda"] if HAS_CUDA else [])


@pytest.mark.parametrize("backend", ALL_BACKENDS)
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
def test_scan_never_mutates_input_and_returns_new_contiguous_array(impl, name, backend):
    x = np.arange(24, dtype=np.float64).reshape(2, 3, 4)[:, ::2, :]  # a non-contiguous view
    before = x.copy()
    y = impl(name)(x, axis=1, backend=backend)
    np.testing.assert_array_equal(x, before)
    assert not np.shares_memory(x, y)
    assert y.flags.c_contiguous
    assert_scan_matches_oracle(y, x, 1, inclusive=name == "inclusive_scan")


@pytest.mark.parametrize("backend", ALL_BACKENDS)
@pytest.mark.parametrize("shape", [(0,), (3, 0), (0, 4), (2, 0, 3)])
def test_empty_input_gives_empty_output_of_same_shape_and_dtype(impl, backend, shape):
    x = np.zeros(shape, dtype=np.int32)
    for name in ["inclusive_scan", "exclusive_scan"]:
        y = impl(name)(x, axis=-1, backend=backend)
        assert y.shape == shape and y.dtype == np.int32


@pytest.mark.parametrize("backend", ALL_BACKENDS)
def test_int32_overflow_wraps_around_like_the_hardware(impl, backend):
    x = np.array([2**31 - 1, 1, 1], dtype=np.int32)
    y = impl("inclusive_scan")(x, backend=backend)
    np.testing.assert_array_equal(y, np.array([2**31 - 1, -(2**31), -(2**31) + 1], np.int32))


@pytest.mark.parametrize("backend", ALL_BACKENDS)
def test_nan_propagates_from_its_position_onwards(impl, backend):
    x = np.array([1.0, 2.0, np.nan, 4.0, 5.0])
    inc = impl("inclusive_scan")(x, backend=backend)
    exc = impl("exclusive_scan")(x, backend=backend)
    np.testing.assert_array_equal(np.isnan(inc), [False, False, True, True, True])
    np.testing.assert_array_equal(np.isnan(exc), [False, False, False, True, True])


def test_python_lists_are_accepted_and_give_numpy_arrays(impl):
    y = impl("inclusive_scan")([1, 2, 3])
    assert isinstance(y, np.ndarray) and y.dtype == np.int64
    assert y.tolist() == [1, 3, 6]
    assert impl("exclusive_scan")([[0.5, 0.5], [1.0, 1.0]], axis=0).tolist() == [
        [0.0, 0.0],
        [0.5, 0.5],
    ]


def test_auto_backend_matches_reference(impl):
    x = np.arange(1000, dtype=np.int64) % 7
    np.testing.assert_array_equal(impl("inclusive_scan")(x), np.cumsum(x))


# ---------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@pytest.mark.parametrize(
    "dtype", [np.bool_, np.int8, np.int16, np.uint32, np.uint64, np.float16, np.complex128]
)
def test_unsupported_dtype_is_a_type_error_naming_x(impl, name, dtype):
    with pytest.raises(TypeError, match=r"x must have dtype float32, float64, int32 or int64"):
        impl(name)(np.ones(3, dtype=dtype))


@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@pytest.mark.parametrize("bad", [None, "123", [[1, 2], [3]], [object()]])
def test_non_numeric_input_is_a_type_error_naming_x(impl, name, bad):
    with pytest.raises(TypeError, match="x must"):
        impl(name)(bad)


@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
def test_axis_out_of_range_is_a_value_error_naming_axis(impl, name):
    with pytest.raises(ValueError, match=r"axis must satisfy -2 <= axis < 2 .* got 2"):
        impl(name)(np.ones((2, 3)), axis=2)
    with pytest.raises(ValueError, match="axis"):
        impl(name)(np.ones((2, 3)), axis=-3)
    with pytest.raises(ValueError, match="at least one dimension"):
        impl(name)(np.float64(1.0))


@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@pytest.mark.parametrize("axis", [1.0, None, True, "0"])
def test_non_integer_axis_is_a_type_error(impl, name, axis):
    with pytest.raises(TypeError, match="axis must be an integer"):
        impl(name)(np.ones((2, 3)), axis=axis)


@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
def test_unknown_backend_is_rejected_before_any_kernel_runs(impl, name):
    with pytest.raises(ValueError, match=r"backend must be 'auto' or one of"):
        impl(name)(np.ones(3), backend="gpu")
    with pytest.raises(TypeError, match="backend must be a string"):
        impl(name)(np.ones(3), backend=None)
