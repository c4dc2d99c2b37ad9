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

Judge tiers.  Core calls ``inclusive_scan(x, axis)`` exactly as the statement
defines it (no ``backend=``), with integers small enough that no prefix sum
overflows ``int32`` and floats judged by the any-order bound in the input's own
precision, so ``np.cumsum`` (which accumulates float32 in float32 and widens
int32 to int64) is accepted.  Contract: the dtype kept, overflow wrapping, NaN,
lists, empty input, the exception types.  Reference-only: every backend by name
(float64 accumulation exact to the in-order loop, full-range integers, the
parallel and CUDA kernels), the result's memory layout, the error wording.
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
ALL_BACKENDS = HOST_BACKENDS + (["cuda"] if HAS_CUDA else [])
# The statement's call (no backend argument), then every backend of the reference by name.
BACKEND_CASES = [
    pytest.param(None, id="default"),
    *(pytest.param(b, marks=pytest.mark.reference_only) for b in ALL_BACKENDS),
]
# Integer entries of the core tests: no prefix sum of up to 10^4 of them overflows int32.
CORE_INT_BOUND = 10**5
requires_cuda = pytest.mark.skipif(not HAS_CUDA, reason="no CUDA GPU and no CUDA simulator")
# The simulator evaluates kernels on NumPy scalars, which warn when an integer
# sum wraps around; the GPU (and every backend here) wraps silently by design.
pytestmark = pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")


# ---------------------------------------------------------------------------
# Strategies


def call(f, backend, *args, **kwargs):
    """``f(*args, **kwargs)``, plus ``backend=`` when one is named (reference-only cases)."""
    return f(*args, **kwargs) if backend is None else f(*args, backend=backend, **kwargs)


def elements(dtype, int_bound: int | None = None) -> st.SearchStrategy:
    """Integers within ``±int_bound`` (full range if None: overflow must wrap
    identically everywhere); moderate floats."""
    dtype = np.dtype(dtype)
    if dtype.kind == "i":
        if int_bound is None:
            return hnp.from_dtype(dtype)
        return st.integers(-int_bound, int_bound)
    return st.floats(-1e3, 1e3, width=8 * dtype.itemsize)


@st.composite
def scan_inputs(
    draw, max_side: int = 6, max_len: int = 150, max_rows: int = 12, int_bound: int | None = None
):
    """(array, axis): 1–3 dimensions, the scanned axis up to ``max_len`` long."""
    dtype = np.dtype(draw(st.sampled_from(DTYPES)))
    ndim = draw(st.integers(1, 3))
    axis = draw(st.integers(-ndim, ndim - 1))
    shape = [draw(st.integers(0, max_side)) for _ in range(ndim)]
    shape[axis] = draw(st.integers(1, max_len))
    while np.prod(shape) // shape[axis] > max_rows:  # keep the number of rows small
        k = next(k for k, n in enumerate(shape) if k != axis % ndim and n > 1)
        shape[k] -= 1
    x = draw(hnp.arrays(dtype, tuple(shape), elements=elements(dtype, int_bound)))
    return x, axis


def assert_scan_values_match_oracle(y, x: np.ndarray, axis: int, inclusive: bool) -> None:
    """The statement's promise: the shape of ``x``, exact integer sums, floats within
    the any-order rounding bound of ``x``'s own precision (any result dtype)."""
    assert isinstance(y, np.ndarray)
    assert y.shape == x.shape
    expected = loop_scan_array(x, axis, inclusive)
    if x.dtype.kind == "i":
        np.testing.assert_array_equal(y, expected)
    else:
        error = np.abs(y.astype(np.float64) - expected)
        assert np.all(error <= scan_error_bound(x, axis, x.dtype)), (y, expected)


def assert_scan_matches_oracle(y: np.ndarray, x: np.ndarray, axis: int, inclusive: bool) -> None:
    """The reference's promise: that, and the dtype of ``x`` (integers wrap around)."""
    assert isinstance(y, np.ndarray)
    assert y.dtype == x.dtype
    assert_scan_values_match_oracle(y, x, axis, inclusive)


# ---------------------------------------------------------------------------
# Agreement with the oracle: the statement's call, then backend by backend


@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@given(data=scan_inputs(int_bound=CORE_INT_BOUND))
def test_scan_equals_python_loop(impl, name, data):
    x, axis = data
    y = impl(name)(x, axis=axis)
    assert_scan_values_match_oracle(y, x, axis, inclusive=name == "inclusive_scan")


@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
def test_a_long_row_equals_cumsum(impl, name):
    x = np.arange(10_000, dtype=np.int64) % 7
    expected = np.cumsum(x)
    if name == "exclusive_scan":
        expected = np.concatenate([[0], expected[:-1]])
    np.testing.assert_array_equal(impl(name)(x), expected)


@pytest.mark.reference_only
@pytest.mark.parametrize("backend", HOST_BACKENDS)
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@given(data=scan_inputs())
def test_scan_equals_python_loop_on_host_backends(impl, name, backend, data):
    x, axis = data
    y = impl(name)(x, axis=axis, backend=backend)
    assert_scan_matches_oracle(y, x, axis, inclusive=name == "inclusive_scan")


@pytest.mark.reference_only
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


@pytest.mark.reference_only  # float64 accumulation in order: our choice, not the statement's
@given(data=scan_inputs())
def test_reference_scan_equals_in_order_float64_loop(impl, data):
    # The reference adds in float64 in order, exactly as the Python loop does.
    x, axis = data
    y = impl("inclusive_scan")(x, axis=axis, backend="numpy")
    expected = loop_scan_array(x, axis, inclusive=True).astype(x.dtype)
    np.testing.assert_array_equal(y, expected)


@pytest.mark.reference_only
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
# The input untouched; the contract's edge cases


@pytest.mark.parametrize("backend", BACKEND_CASES)
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
def test_scan_never_mutates_its_input(impl, name, backend):
    x = np.arange(24, dtype=np.float64).reshape(2, 3, 4)[:, ::2, :]  # a non-contiguous view
    before = x.copy()
    y = call(impl(name), backend, x, axis=1)
    np.testing.assert_array_equal(x, before)
    assert_scan_values_match_oracle(y, x, 1, inclusive=name == "inclusive_scan")


@pytest.mark.reference_only  # a fresh C-contiguous array: the reference's layout
@pytest.mark.parametrize("backend", ALL_BACKENDS)
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
def test_scan_returns_a_new_contiguous_array_of_the_input_dtype(impl, name, backend):
    x = np.arange(24, dtype=np.float64).reshape(2, 3, 4)[:, ::2, :]
    y = impl(name)(x, axis=1, backend=backend)
    assert not np.shares_memory(x, y)
    assert y.flags.c_contiguous
    assert_scan_matches_oracle(y, x, 1, inclusive=name == "inclusive_scan")


CONTRACT_CASES = [
    pytest.param(None, id="default", marks=pytest.mark.contract),
    *(pytest.param(b, marks=pytest.mark.reference_only) for b in ALL_BACKENDS),
]


@pytest.mark.parametrize("backend", CONTRACT_CASES)
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@pytest.mark.parametrize("shape", [(0,), (3, 0), (0, 4), (2, 0, 3)])
def test_empty_input_gives_empty_output_of_same_shape_and_dtype(impl, backend, name, shape):
    x = np.zeros(shape, dtype=np.int32)
    y = call(impl(name), backend, x, axis=-1)
    assert y.shape == shape and y.dtype == np.int32


@pytest.mark.parametrize("backend", CONTRACT_CASES)
def test_int32_overflow_wraps_around_like_the_hardware(impl, backend):
    x = np.array([2**31 - 1, 1, 1], dtype=np.int32)
    y = call(impl("inclusive_scan"), backend, x)
    assert y.dtype == np.int32
    np.testing.assert_array_equal(y, np.array([2**31 - 1, -(2**31), -(2**31) + 1], np.int32))


@pytest.mark.parametrize("backend", CONTRACT_CASES)
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_the_result_keeps_the_input_dtype(impl, backend, name, dtype):
    x = np.array([[1, 2, 3], [4, 5, 6]], dtype=dtype)
    assert call(impl(name), backend, x, axis=0).dtype == dtype


@pytest.mark.parametrize("backend", CONTRACT_CASES)
@pytest.mark.parametrize(("name", "nan_from"), [("inclusive_scan", 2), ("exclusive_scan", 3)])
def test_nan_propagates_from_its_position_onwards(impl, backend, name, nan_from):
    x = np.array([1.0, 2.0, np.nan, 4.0, 5.0])
    y = call(impl(name), backend, x)
    np.testing.assert_array_equal(np.isnan(y), np.arange(5) >= nan_from)


@pytest.mark.contract
def test_python_lists_are_accepted_by_the_inclusive_scan(impl):
    y = impl("inclusive_scan")([1, 2, 3])
    assert isinstance(y, np.ndarray) and y.dtype == np.int64
    assert y.tolist() == [1, 3, 6]


@pytest.mark.contract
def test_python_lists_are_accepted_by_the_exclusive_scan(impl):
    y = impl("exclusive_scan")([[0.5, 0.5], [1.0, 1.0]], axis=0)
    assert isinstance(y, np.ndarray)
    assert y.tolist() == [[0.0, 0.0], [0.5, 0.5]]


# ---------------------------------------------------------------------------
# Bad input: the exception type (contract), then our wording (reference-only)

BAD_DTYPES = [np.bool_, np.int8, np.int16, np.uint32, np.uint64, np.float16, np.complex128]
NON_NUMERIC = [None, "123", [[1, 2], [3]], [object()]]
NON_INTEGER_AXES = [1.0, None, True, "0"]


@pytest.mark.contract
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@pytest.mark.parametrize("dtype", BAD_DTYPES)
def test_unsupported_dtype_is_a_type_error(impl, name, dtype):
    with pytest.raises(TypeError):
        impl(name)(np.ones(3, dtype=dtype))


@pytest.mark.reference_only
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@pytest.mark.parametrize("dtype", BAD_DTYPES)
def test_unsupported_dtype_message_names_x_and_the_dtypes(impl, name, dtype):
    with pytest.raises(TypeError, match=r"x must have dtype float32, float64, int32 or int64"):
        impl(name)(np.ones(3, dtype=dtype))


@pytest.mark.contract
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@pytest.mark.parametrize("bad", NON_NUMERIC)
def test_non_numeric_input_is_a_type_error(impl, name, bad):
    with pytest.raises(TypeError):
        impl(name)(bad)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@pytest.mark.parametrize("bad", NON_NUMERIC)
def test_non_numeric_input_message_names_x(impl, name, bad):
    with pytest.raises(TypeError, match="x must"):
        impl(name)(bad)


@pytest.mark.contract
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
def test_axis_out_of_range_is_a_value_error(impl, name):
    with pytest.raises(ValueError):
        impl(name)(np.ones((2, 3)), axis=2)
    with pytest.raises(ValueError):
        impl(name)(np.ones((2, 3)), axis=-3)
    with pytest.raises(ValueError):
        impl(name)(np.float64(1.0))


@pytest.mark.reference_only
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
def test_axis_out_of_range_message_names_axis_and_the_range(impl, name):
    with pytest.raises(ValueError, match=r"axis must satisfy -2 <= axis < 2 .* got 2"):
        impl(name)(np.ones((2, 3)), axis=2)
    with pytest.raises(ValueError, match="axis"):
        impl(name)(np.ones((2, 3)), axis=-3)
    with pytest.raises(ValueError, match="at least one dimension"):
        impl(name)(np.float64(1.0))


@pytest.mark.contract
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@pytest.mark.parametrize("axis", NON_INTEGER_AXES)
def test_non_integer_axis_is_a_type_error(impl, name, axis):
    with pytest.raises(TypeError):
        impl(name)(np.ones((2, 3)), axis=axis)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
@pytest.mark.parametrize("axis", NON_INTEGER_AXES)
def test_non_integer_axis_message_names_axis(impl, name, axis):
    with pytest.raises(TypeError, match="axis must be an integer"):
        impl(name)(np.ones((2, 3)), axis=axis)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", ["inclusive_scan", "exclusive_scan"])
def test_unknown_backend_is_rejected_before_any_kernel_runs(impl, name):
    with pytest.raises(ValueError, match=r"backend must be 'auto' or one of"):
        impl(name)(np.ones(3), backend="gpu")
    with pytest.raises(TypeError, match="backend must be a string"):
        impl(name)(np.ones(3), backend=None)
