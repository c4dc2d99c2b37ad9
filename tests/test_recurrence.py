"""Properties of ``linear_recurrence`` on every backend.

Oracle: :func:`tests.oracles_scan.loop_recurrence`, the recurrence
``h = a·h + b`` stepped one Python float at a time, run on the explicitly
broadcast inputs.

Coefficients are drawn with ``|a| <= 1`` so the recurrence is stable and
rounding errors are not amplified: every backend must then lie within
``4·(L+1)·u·(Σ|b| + |h0|)`` of the oracle (u the unit round-off of the result
dtype) — the any-order summation bound, since a stable recurrence is a
weighted sum with weights of magnitude at most 1.  The CUDA properties run in
the simulator: few, small examples, plus one that forces many tiny tiles.

Judge tiers.  Core calls ``linear_recurrence(a, b, h0)`` as the statement
defines it (no ``backend=``) and allows the rounding of float32 whenever any
input is float32, whatever the result's dtype.  Contract: the result's dtype,
a new array, empty input, the exception types.  Reference-only: every backend
by name, at the tolerance of the result dtype it promises, and the error wording.
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
    loop_recurrence,
)

HOST_BACKENDS = ["numpy", "cpu"]
ALL_BACKENDS = HOST_BACKENDS + (["cuda"] if HAS_CUDA else [])
requires_cuda = pytest.mark.skipif(not HAS_CUDA, reason="no CUDA GPU and no CUDA simulator")
# The statement's call (no backend argument), then every backend of the reference by name.
BACKEND_CASES = [
    pytest.param(None, id="default"),
    *(pytest.param(b, marks=pytest.mark.reference_only) for b in ALL_BACKENDS),
]
CONTRACT_CASES = [
    pytest.param(None, id="default", marks=pytest.mark.contract),
    *(pytest.param(b, marks=pytest.mark.reference_only) for b in ALL_BACKENDS),
]


def call(f, backend, *args, **kwargs):
    """``f(*args, **kwargs)``, plus ``backend=`` when one is named (reference-only cases)."""
    return f(*args, **kwargs) if backend is None else f(*args, backend=backend, **kwargs)


# ---------------------------------------------------------------------------
# Strategies and the oracle on arrays


def coefficients(dtype, lo: float, hi: float) -> st.SearchStrategy:
    return st.floats(lo, hi, width=8 * np.dtype(dtype).itemsize)


@st.composite
def shapes_broadcasting_to(draw, shape: tuple[int, ...]) -> tuple[int, ...]:
    """A shape that broadcasts to ``shape``: some trailing axes of it, each kept or set to 1."""
    kept = draw(st.integers(0, len(shape)))
    return tuple(draw(st.sampled_from([1, n])) for n in shape[len(shape) - kept :])


@st.composite
def recurrence_inputs(draw, max_len: int = 150, max_batch: int = 3):
    """(a, b, h0 or None): b has the full shape (batch..., L); a and h0 broadcast to it."""
    dtype_a, dtype_b, dtype_h = (
        np.dtype(draw(st.sampled_from([np.float32, np.float64]))) for _ in range(3)
    )
    batch = tuple(draw(st.lists(st.integers(1, max_batch), max_size=2)))
    shape = (*batch, draw(st.integers(1, max_len)))
    a = draw(
        hnp.arrays(dtype_a, shapes_broadcasting_to(shape), elements=coefficients(dtype_a, -1, 1))
    )
    b = draw(hnp.arrays(dtype_b, shape, elements=coefficients(dtype_b, -10, 10)))
    h0 = None
    if draw(st.booleans()):
        h0_shape = shapes_broadcasting_to(batch)
        h0 = draw(hnp.arrays(dtype_h, h0_shape, elements=coefficients(dtype_h, -10, 10)))
    return a, b, h0


def oracle(a, b, h0) -> np.ndarray:
    shape = np.broadcast_shapes(np.shape(a), np.shape(b))
    a_full = np.broadcast_to(a, shape)
    b_full = np.broadcast_to(b, shape)
    h0_full = np.broadcast_to(0.0 if h0 is None else h0, shape[:-1])
    out = np.empty(shape, dtype=np.float64)
    for index in np.ndindex(*shape[:-1]):
        out[index] = loop_recurrence(
            [float(v) for v in a_full[index]],
            [float(v) for v in b_full[index]],
            float(h0_full[index]),
        )
    return out


def error_bound(b, h0, shape, dtype) -> np.ndarray:
    """4·(L+1)·u·(Σ_{s≤t}|b_s| + |h0|), elementwise (valid for |a| <= 1)."""
    L = shape[-1]
    mass = np.cumsum(np.abs(np.broadcast_to(b, shape).astype(np.float64)), axis=-1)
    mass += np.abs(np.broadcast_to(0.0 if h0 is None else h0, shape[:-1]))[..., None]
    return 4 * (L + 1) * np.finfo(dtype).eps * mass + np.finfo(dtype).tiny


def assert_matches_oracle(h, a, b, h0) -> None:
    """The reference's promise: float32 only for float32 ``a`` and ``b``, at that tolerance."""
    shape = np.broadcast_shapes(np.shape(a), np.shape(b))
    dtype = np.float32 if a.dtype == b.dtype == np.float32 else np.float64
    assert isinstance(h, np.ndarray)
    assert h.shape == shape and h.dtype == dtype
    expected = oracle(a, b, h0)
    assert np.all(np.abs(h - expected) <= error_bound(b, h0, shape, dtype))


def assert_values_match_oracle(h, a, b, h0) -> None:
    """The statement's promise: the broadcast shape, within float32's rounding when any
    input is float32 (computing in the inputs' precision is allowed), any result dtype."""
    shape = np.broadcast_shapes(np.shape(a), np.shape(b))
    inputs = [a, b] if h0 is None else [a, b, h0]
    dtype = np.float32 if any(np.asarray(x).dtype == np.float32 for x in inputs) else np.float64
    assert isinstance(h, np.ndarray)
    assert h.shape == shape
    expected = oracle(a, b, h0)
    assert np.all(np.abs(h - expected) <= error_bound(b, h0, shape, dtype))


# ---------------------------------------------------------------------------
# Agreement with the oracle


@given(data=recurrence_inputs())
def test_recurrence_equals_scalar_loop(impl, data):
    a, b, h0 = data
    h = impl("linear_recurrence")(a, b, h0)
    assert_values_match_oracle(h, a, b, h0)


@pytest.mark.reference_only
@pytest.mark.parametrize("backend", HOST_BACKENDS)
@given(data=recurrence_inputs())
def test_recurrence_equals_scalar_loop_on_host_backends(impl, backend, data):
    a, b, h0 = data
    h = impl("linear_recurrence")(a, b, h0, backend=backend)
    assert_matches_oracle(h, a, b, h0)


@pytest.mark.reference_only
@settings(max_examples=50)
@given(data=recurrence_inputs())
def test_recurrence_equals_scalar_loop_on_the_parallel_cpu_kernel(impl, data):
    # Lowering the threshold to 0 sends every multi-row input through prange.
    a, b, h0 = data
    with mock.patch.object(gpu.backend, "PARALLEL_MIN_SIZE", 0):
        h = impl("linear_recurrence")(a, b, h0, backend="cpu")
    assert_matches_oracle(h, a, b, h0)


@pytest.mark.reference_only
@requires_cuda
@settings(max_examples=CUDA_EXAMPLES)
@given(data=recurrence_inputs(max_len=200, max_batch=2))
# Always include rows spanning several tiles (64 elements each in the simulator).
@example(data=(np.cos(np.arange(2 * 150.0)).reshape(2, 150), np.ones((2, 150)), np.array(3.0)))
@example(data=(np.float32(0.99), np.sin(np.arange(129, dtype=np.float32)), None))
def test_recurrence_equals_scalar_loop_on_cuda(impl, data):
    a, b, h0 = data
    h = impl("linear_recurrence")(a, b, h0, backend="cuda")
    assert_matches_oracle(h, a, b, h0)


@requires_cuda
@settings(max_examples=CUDA_EXAMPLES)
@given(n=st.integers(1, 24), threads=st.sampled_from([1, 2, 4]), data=st.data())
def test_cuda_affine_scan_recursion_with_tiny_tiles(n, threads, data):
    # 2-element tiles: the tile totals (a products and b parts) are themselves
    # scanned, recursively, several levels deep.  (Internal launcher: imported.)
    from numba import cuda

    from gpu.recurrence import AFFINE
    from gpu.scan import scan_pairs_cuda

    a = data.draw(hnp.arrays(np.float64, (2, n), elements=coefficients(np.float64, -1, 1)))
    b = data.draw(hnp.arrays(np.float64, (2, n), elements=coefficients(np.float64, -10, 10)))
    h0 = data.draw(hnp.arrays(np.float64, (2, 1), elements=coefficients(np.float64, -10, 10)))
    args = [cuda.to_device(v) for v in (a, b, h0)]
    h = scan_pairs_cuda(AFFINE, *args, True, threads, 2).copy_to_host()
    assert_matches_oracle(h, a, b, h0[:, 0])


@pytest.mark.parametrize("backend", BACKEND_CASES)
@given(x=hnp.arrays(np.int64, st.integers(1, 60), elements=st.integers(-1000, 1000)))
@settings(max_examples=20)
def test_recurrence_with_unit_coefficients_is_the_prefix_sum(impl, backend, x):
    # a ≡ 1 turns h_t = a_t·h_{t-1} + b_t into h_t = h_{t-1} + b_t: np.cumsum.
    h = call(impl("linear_recurrence"), backend, 1, x)
    np.testing.assert_array_equal(h, np.cumsum(x).astype(np.float64))


@pytest.mark.parametrize("backend", BACKEND_CASES)
def test_known_values_exponential_moving_average(impl, backend):
    f = impl("linear_recurrence")
    h = call(f, backend, 0.5, np.array([2.0, 2.0, 2.0, 2.0]), h0=4.0)
    np.testing.assert_allclose(h, [4.0, 4.0, 4.0, 4.0])
    h = call(f, backend, np.array([[0.5, 0.5, 0.5]]), 0.0, h0=np.array([8.0]))
    np.testing.assert_allclose(h, [[4.0, 2.0, 1.0]])


# ---------------------------------------------------------------------------
# The inputs untouched; the contract: dtypes, a new array, empty input


@pytest.mark.parametrize("backend", BACKEND_CASES)
def test_recurrence_never_mutates_inputs(impl, backend):
    a = np.full((2, 5), 0.5)
    b = np.arange(10.0).reshape(2, 5)
    h0 = np.array([1.0, -1.0])
    copies = [v.copy() for v in (a, b, h0)]
    h = call(impl("linear_recurrence"), backend, a, b, h0)
    for v, before in zip((a, b, h0), copies, strict=True):
        np.testing.assert_array_equal(v, before)
    assert_values_match_oracle(h, a, b, h0)


@pytest.mark.parametrize("backend", CONTRACT_CASES)
def test_result_is_a_new_array(impl, backend):
    a = np.full((2, 5), 0.5)
    b = np.arange(10.0).reshape(2, 5)
    h0 = np.array([1.0, -1.0])
    h = call(impl("linear_recurrence"), backend, a, b, h0)
    for v in (a, b, h0):
        assert not np.shares_memory(v, h)


@pytest.mark.parametrize("backend", CONTRACT_CASES)
def test_result_dtype_follows_the_inputs(impl, backend):
    f = impl("linear_recurrence")
    f32 = np.ones(4, np.float32)
    f64 = np.ones(4, np.float64)
    assert call(f, backend, f32, f32).dtype == np.float32
    assert call(f, backend, f32, f32, h0=np.float64(1.0)).dtype == np.float32
    assert call(f, backend, f32, f64).dtype == np.float64
    assert call(f, backend, [1, 1], [2, 3]).dtype == np.float64


@pytest.mark.parametrize("backend", CONTRACT_CASES)
@pytest.mark.parametrize("shape", [(0,), (3, 0), (0, 5)])
def test_empty_input_gives_empty_output(impl, backend, shape):
    h = call(impl("linear_recurrence"), backend, np.ones(shape), np.ones(shape))
    assert h.shape == shape and h.dtype == np.float64


# ---------------------------------------------------------------------------
# Bad input: the exception type (contract), then our wording (reference-only)

NON_REAL = [np.array([True, False]), np.ones(2, complex), "ab", None]


@pytest.mark.contract
def test_shapes_that_do_not_broadcast_are_a_value_error(impl):
    with pytest.raises(ValueError):
        impl("linear_recurrence")(np.ones(3), np.ones(4))
    with pytest.raises(ValueError):
        impl("linear_recurrence")(0.5, 1.0)


@pytest.mark.reference_only
def test_shapes_that_do_not_broadcast_message_names_the_shapes(impl):
    with pytest.raises(ValueError, match=r"a and b must broadcast .* \(3,\) and \(4,\)"):
        impl("linear_recurrence")(np.ones(3), np.ones(4))
    with pytest.raises(ValueError, match="at least one axis"):
        impl("linear_recurrence")(0.5, 1.0)


@pytest.mark.contract
def test_h0_that_does_not_fit_the_batch_shape_is_a_value_error(impl):
    with pytest.raises(ValueError):
        impl("linear_recurrence")(np.ones((2, 5)), np.ones((2, 5)), h0=np.ones(3))
    with pytest.raises(ValueError):
        impl("linear_recurrence")(np.ones((2, 5)), np.ones((2, 5)), h0=np.ones((2, 5)))


@pytest.mark.reference_only
def test_h0_that_does_not_fit_message_names_the_batch_shape(impl):
    with pytest.raises(ValueError, match=r"h0 must broadcast to the batch shape \(2,\)"):
        impl("linear_recurrence")(np.ones((2, 5)), np.ones((2, 5)), h0=np.ones(3))
    with pytest.raises(ValueError, match="h0"):
        impl("linear_recurrence")(np.ones((2, 5)), np.ones((2, 5)), h0=np.ones((2, 5)))


@pytest.mark.contract
@pytest.mark.parametrize("bad", NON_REAL)
def test_non_real_arrays_are_a_type_error(impl, bad):
    with pytest.raises(TypeError):
        impl("linear_recurrence")(bad, np.ones(2))
    with pytest.raises(TypeError):
        impl("linear_recurrence")(np.ones(2), bad)
    if bad is not None:  # h0=None means "start from 0"
        with pytest.raises(TypeError):
            impl("linear_recurrence")(np.ones(2), np.ones(2), h0=bad)


@pytest.mark.reference_only
@pytest.mark.parametrize("bad", NON_REAL)
def test_non_real_arrays_message_names_the_argument(impl, bad):
    with pytest.raises(TypeError, match="a must"):
        impl("linear_recurrence")(bad, np.ones(2))
    with pytest.raises(TypeError, match="b must"):
        impl("linear_recurrence")(np.ones(2), bad)
    if bad is not None:
        with pytest.raises(TypeError, match="h0 must"):
            impl("linear_recurrence")(np.ones(2), np.ones(2), h0=bad)


@pytest.mark.reference_only
def test_unknown_backend_is_a_value_error(impl):
    with pytest.raises(ValueError, match="backend must be 'auto' or one of"):
        impl("linear_recurrence")(np.ones(2), np.ones(2), backend="tpu")
