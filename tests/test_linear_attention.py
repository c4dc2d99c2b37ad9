"""Properties of ``linear_attention`` on every backend.

Oracles:

* :func:`tests.oracles_linear_attention.loop_linear_attention` — the
  *quadratic* form ``Σ_j w_ij v_j / Σ_j w_ij`` with ``w_ij = φ(q_i)·φ(k_j)``,
  a Python loop over Python floats.  It shares nothing with the library's
  ``S``/``z`` state, its prefix sums or its kernels; the ``'numpy'`` reference
  is checked against it;
* the ``'numpy'`` reference, once checked, for the ``'cpu'`` and ``'cuda'``
  backends (larger shapes than the loop can afford are not needed: the
  kernels have no tiles).

Tolerances.  Each output row is a convex combination of value rows (the
weights are ≥ 0), so relative errors ε in the weights move it by at most
``2ε·max|v|``: errors are judged against ``max|v|``.  'numpy' and 'cpu'
compute in float64 and round once; 'cuda' computes in the input dtype.

The 'cuda' property runs in Numba's CUDA simulator here (one Python thread per
GPU thread): tiny shapes, few examples.

Judge tiers.  Core calls ``linear_attention(q, k, v, causal, feature_map)`` as
the statement defines it (no ``backend=``), at the tolerance of the inputs' own
precision, zero normalisers and rows that see no key included.  Contract: the
result dtype, empty inputs, NaN, the exception types.  Reference-only: every
backend by name, the parallel and CUDA kernels, the error wording.
"""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gpu.backend
from gpu.backend import available_backends, using_simulator
from tests.oracles_linear_attention import (
    attention_inputs,
    loop_linear_attention,
)

BACKENDS = available_backends()
HOST_BACKENDS = ["numpy", "cpu"]
FEATURE_MAPS = ["elu+1", "relu"]
requires_cuda = pytest.mark.skipif("cuda" not in BACKENDS, reason="no CUDA GPU and no simulator")
CUDA_EXAMPLES = 8 if using_simulator() else 100


def cases(backends, tier=None):
    """The statement's call (backend None, in ``tier``: core when None), then each
    backend of the reference by name (reference-only)."""
    default = pytest.param(None, id="default", marks=[tier] if tier else [])
    return [default, *(pytest.param(b, marks=pytest.mark.reference_only) for b in backends)]


def call(f, backend, *args, **kwargs):
    """``f(*args, **kwargs)``, plus ``backend=`` when one is named (reference-only cases)."""
    return f(*args, **kwargs) if backend is None else f(*args, backend=backend, **kwargs)


def tolerance(v: np.ndarray, work_dtype) -> float:
    """Allowed |error|: a few hundred units of rounding of the working precision, times max|v|."""
    scale = float(np.abs(v.astype(np.float64)).max(initial=0.0))
    return 300 * np.finfo(work_dtype).eps * max(scale, 1.0)


def assert_close(out: np.ndarray, expected: np.ndarray, v: np.ndarray, work_dtype) -> None:
    assert out.shape == expected.shape
    np.testing.assert_allclose(
        out.astype(np.float64), expected, rtol=0, atol=tolerance(v, work_dtype)
    )


# ---------------------------------------------------------------------------
# Agreement with the oracle and between backends


@pytest.mark.parametrize("backend", cases(["numpy"]))
@given(attention_inputs(), st.booleans(), st.sampled_from(FEATURE_MAPS))
def test_linear_attention_equals_the_quadratic_loop_oracle(impl, backend, qkv, causal, feature_map):
    linear_attention = impl("linear_attention")
    q, k, v = qkv
    out = call(linear_attention, backend, q, k, v, causal=causal, feature_map=feature_map)
    expected = loop_linear_attention(q, k, v, causal, feature_map)
    # The inputs' precision (the reference computes in float64 and rounds once to it).
    assert_close(out, expected, v, q.dtype)


@pytest.mark.reference_only
@given(attention_inputs(), st.booleans(), st.sampled_from(FEATURE_MAPS))
def test_cpu_backend_equals_the_reference(impl, qkv, causal, feature_map):
    linear_attention = impl("linear_attention")
    q, k, v = qkv
    ref = linear_attention(q, k, v, causal=causal, feature_map=feature_map, backend="numpy")
    out = linear_attention(q, k, v, causal=causal, feature_map=feature_map, backend="cpu")
    assert out.dtype == ref.dtype
    assert_close(out, ref.astype(np.float64), v, out.dtype)


@pytest.mark.reference_only
@settings(max_examples=20)
@given(attention_inputs(max_batch=3), st.booleans(), st.sampled_from(FEATURE_MAPS))
def test_cpu_parallel_twin_equals_the_reference(impl, qkv, causal, feature_map):
    # Small inputs run the sequential twin; force the prange kernel (batch·head entries
    # in parallel) so that it is tested too.
    linear_attention = impl("linear_attention")
    q, k, v = qkv
    ref = linear_attention(q, k, v, causal=causal, feature_map=feature_map, backend="numpy")
    with mock.patch.object(gpu.backend, "PARALLEL_MIN_SIZE", 0):
        out = linear_attention(q, k, v, causal=causal, feature_map=feature_map, backend="cpu")
    assert_close(out, ref.astype(np.float64), v, out.dtype)


@pytest.mark.reference_only
@requires_cuda
@settings(max_examples=CUDA_EXAMPLES)
@given(
    attention_inputs(max_len=5, max_dim=3, max_batch=2),
    st.booleans(),
    st.sampled_from(FEATURE_MAPS),
)
def test_cuda_backend_equals_the_reference(impl, qkv, causal, feature_map):
    linear_attention = impl("linear_attention")
    q, k, v = qkv
    ref = linear_attention(q, k, v, causal=causal, feature_map=feature_map, backend="numpy")
    out = linear_attention(q, k, v, causal=causal, feature_map=feature_map, backend="cuda")
    assert type(out) is np.ndarray  # NumPy in → NumPy out, even through the device
    assert out.dtype == ref.dtype
    # The CUDA kernels compute in the input dtype (sums along the scan tree).
    assert_close(out, ref.astype(np.float64), v, out.dtype)


@pytest.mark.reference_only
@requires_cuda
@pytest.mark.parametrize(("len_q", "len_k"), [(150, 150), (40, 150)])
def test_cuda_causal_prefixes_span_several_scan_tiles(impl, len_q, len_k):
    # A scan tile holds 64 elements in the simulator (threads × per-thread run): 150
    # keys take three tiles and the reduce-then-scan carry between them.
    linear_attention = impl("linear_attention")
    rng = np.random.default_rng(len_q)
    q = rng.normal(size=(len_q, 2))
    k, v = rng.normal(size=(len_k, 2)), rng.normal(size=(len_k, 1))
    ref = linear_attention(q, k, v, causal=True, backend="numpy")
    out = linear_attention(q, k, v, causal=True, backend="cuda")
    assert_close(out, ref, v, out.dtype)


@pytest.mark.parametrize("backend", cases(BACKENDS))
def test_causal_rows_follow_the_end_aligned_mask(impl, backend):
    # len_q = 2 < len_k = 4: query 0 sees keys 0..2, query 1 sees keys 0..3;
    # relu features of these all-positive keys make every weight q·k.
    linear_attention = impl("linear_attention")
    q = np.array([[1.0], [1.0]])
    k = np.array([[1.0], [1.0], [2.0], [4.0]])
    v = np.array([[1.0], [2.0], [3.0], [4.0]])
    out = call(linear_attention, backend, q, k, v, causal=True, feature_map="relu")
    np.testing.assert_allclose(out, [[(1 + 2 + 6) / 4], [(1 + 2 + 6 + 16) / 8]])


@pytest.mark.parametrize("backend", cases(BACKENDS))
def test_queries_that_see_no_key_are_zero(impl, backend):
    # len_q = 3 > len_k = 1: causal query i sees keys j <= i - 2, so rows 0 and 1 see none.
    linear_attention = impl("linear_attention")
    out = call(
        linear_attention,
        backend,
        np.ones((3, 2)),
        np.ones((1, 2)),
        np.full((1, 1), 5.0),
        True,
        "elu+1",
    )
    np.testing.assert_array_equal(out, [[0.0], [0.0], [5.0]])


@pytest.mark.parametrize("backend", cases(BACKENDS))
@pytest.mark.parametrize("causal", [False, True])
def test_relu_zero_normaliser_gives_a_zero_row(impl, backend, causal):
    # Query 0 = (-1, 2) shares its positive coordinate only with key 1 = (0, 1);
    # query 1 = (2, -1) only with key 0 = (3, -1); query 2 = (-1, -1) with none.
    linear_attention = impl("linear_attention")
    q = np.array([[-1.0, 2.0], [2.0, -1.0], [-1.0, -1.0]])
    k = np.array([[3.0, -1.0], [0.0, 1.0], [-2.0, -2.0]])
    v = np.array([[10.0, 1.0], [20.0, 2.0], [30.0, 3.0]])
    out = call(linear_attention, backend, q, k, v, causal=causal, feature_map="relu")
    # Causal, query 0 sees only key 0: weight 0, so 0 as well.
    row0 = [0.0, 0.0] if causal else [20.0, 2.0]
    np.testing.assert_allclose(out, [row0, [10.0, 1.0], [0.0, 0.0]])
    assert np.all(np.isfinite(out))


@pytest.mark.parametrize("backend", cases(BACKENDS))
def test_elu_features_match_a_hand_computation(impl, backend):
    # φ(x) = x + 1 for x > 0, exp(x) otherwise: φ(k) = (2, e^-1), φ(q) = (e^-2, 3).
    linear_attention = impl("linear_attention")
    q = np.array([[-2.0], [2.0]])
    k = np.array([[1.0], [-1.0]])
    v = np.array([[1.0], [-1.0]])
    w0 = np.exp(-2.0) * np.array([2.0, np.exp(-1.0)])
    w1 = 3.0 * np.array([2.0, np.exp(-1.0)])
    expected = [[(w0 @ [1, -1]) / w0.sum()], [(w1 @ [1, -1]) / w1.sum()]]
    np.testing.assert_allclose(call(linear_attention, backend, q, k, v), expected, rtol=1e-6)


@pytest.mark.parametrize("backend", cases(["cpu"]))
@given(attention_inputs(equal_lengths=True), st.sampled_from(FEATURE_MAPS))
def test_last_causal_row_equals_the_non_causal_row(impl, backend, qkv, feature_map):
    # With len_q = len_k the last query sees every key, causal or not.
    linear_attention = impl("linear_attention")
    q, k, v = qkv
    causal = call(linear_attention, backend, q, k, v, causal=True, feature_map=feature_map)
    full = call(linear_attention, backend, q, k, v, causal=False, feature_map=feature_map)
    assert_close(causal[..., -1, :], full[..., -1, :].astype(np.float64), v, q.dtype)


# ---------------------------------------------------------------------------
# Dtypes, shapes, empty inputs, no mutation


@pytest.mark.parametrize("backend", cases(BACKENDS, pytest.mark.contract))
@pytest.mark.parametrize(
    ("dtypes", "expected"),
    [
        ((np.float32,) * 3, np.float32),
        ((np.float64,) * 3, np.float64),
        ((np.float32, np.float32, np.float64), np.float64),
        ((np.int64, np.int32, np.float32), np.float64),
    ],
)
def test_output_dtype_follows_the_inputs(impl, backend, dtypes, expected):
    linear_attention = impl("linear_attention")
    q, k, v = (np.ones((2, 3, 2), dtype=t) for t in dtypes)
    out = call(linear_attention, backend, q, k, v, causal=True)
    assert out.dtype == expected
    assert out.shape == (2, 3, 2)


@pytest.mark.parametrize("backend", cases(BACKENDS, pytest.mark.contract))
@pytest.mark.parametrize(
    ("q_shape", "k_shape", "v_shape", "out_shape"),
    [
        ((0, 3, 2), (0, 3, 2), (0, 3, 1), (0, 3, 1)),  # no batch entries
        ((2, 0, 2), (2, 3, 2), (2, 3, 1), (2, 0, 1)),  # no queries
        ((2, 3, 2), (2, 0, 2), (2, 0, 1), (2, 3, 1)),  # no keys: every row is 0
    ],
)
def test_empty_inputs(impl, backend, q_shape, k_shape, v_shape, out_shape):
    linear_attention = impl("linear_attention")
    for causal in (False, True):
        out = call(
            linear_attention,
            backend,
            np.ones(q_shape),
            np.ones(k_shape),
            np.ones(v_shape),
            causal=causal,
        )
        assert out.shape == out_shape
        assert not out.any()


@pytest.mark.parametrize("backend", cases(BACKENDS))
def test_inputs_are_not_modified(impl, backend):
    linear_attention = impl("linear_attention")
    rng = np.random.default_rng(3)
    q, k, v = (rng.normal(size=(2, 5, 3)) for _ in range(3))
    copies = [x.copy() for x in (q, k, v)]
    for causal in (False, True):
        for feature_map in FEATURE_MAPS:
            call(linear_attention, backend, q, k, v, causal=causal, feature_map=feature_map)
    for x, saved in zip((q, k, v), copies, strict=True):
        np.testing.assert_array_equal(x, saved)


@pytest.mark.parametrize("backend", cases(HOST_BACKENDS, pytest.mark.contract))
def test_nan_propagates(impl, backend):
    linear_attention = impl("linear_attention")
    q = np.array([[np.nan], [1.0]])
    k = v = np.ones((2, 1))
    out = call(linear_attention, backend, q, k, v, feature_map="relu")
    assert np.isnan(out[0, 0]) and out[1, 0] == 1.0


# ---------------------------------------------------------------------------
# Bad input


BAD_SHAPES = [
    (np.ones((3, 2)), np.ones((3, 4)), np.ones((3, 2)), "dim"),  # q, k dims differ
    (np.ones((3, 2)), np.ones((3, 2)), np.ones((4, 2)), "len_k"),  # k, v lengths differ
    (np.ones(3), np.ones((3, 1)), np.ones((3, 1)), "q must have at least 2"),  # rank
    (np.ones((2, 3, 2)), np.ones((1, 3, 2)), np.ones((1, 3, 2)), "leading"),  # batch
    (np.ones((3, 0)), np.ones((3, 0)), np.ones((3, 1)), "dim"),  # dim 0
]


@pytest.mark.contract
@pytest.mark.parametrize(("q", "k", "v"), [case[:3] for case in BAD_SHAPES])
def test_bad_shapes_raise_value_error(impl, q, k, v):
    with pytest.raises(ValueError):
        impl("linear_attention")(q, k, v)


@pytest.mark.reference_only
@pytest.mark.parametrize(("q", "k", "v", "match"), BAD_SHAPES)
def test_bad_shapes_message_names_the_rule(impl, q, k, v, match):
    with pytest.raises(ValueError, match=match):
        impl("linear_attention")(q, k, v)


_X = np.ones((3, 2))
BAD_ARGUMENTS = [
    (
        (_X, _X, _X),
        {"feature_map": "gelu"},
        ValueError,
        r"feature_map must be one of \['elu\+1', 'relu'\]",
    ),
    ((_X, _X, _X), {"feature_map": None}, TypeError, "feature_map"),
    ((_X, _X, _X), {"causal": 1}, TypeError, "causal"),
    (("abc", _X, _X), {}, TypeError, "q"),
    ((_X, _X.astype(bool), _X), {}, TypeError, "k"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("args", "kwargs", "error"), [case[:3] for case in BAD_ARGUMENTS])
def test_bad_arguments_raise(impl, args, kwargs, error):
    with pytest.raises(error):
        impl("linear_attention")(*args, **kwargs)


@pytest.mark.reference_only
@pytest.mark.parametrize(("args", "kwargs", "error", "match"), BAD_ARGUMENTS)
def test_bad_arguments_message_names_the_argument(impl, args, kwargs, error, match):
    with pytest.raises(error, match=match):
        impl("linear_attention")(*args, **kwargs)


@pytest.mark.reference_only
def test_bad_backend_raises(impl):
    with pytest.raises(ValueError, match="backend"):
        impl("linear_attention")(_X, _X, _X, backend="tpu")
    with pytest.raises(TypeError, match="backend"):
        impl("linear_attention")(_X, _X, _X, backend=1)
