"""Properties of ``performer_features`` and ``performer_attention`` (FAVOR+).

Oracles and checks:

* features: :func:`tests.oracles_linear_attention.loop_performer_features`
  (``math.exp`` of the formula, one feature at a time), and a projection built
  by hand whose features are written out in the test;
* unbiasedness: ``φ(q)·φ(k)`` averaged over many independent projections must
  estimate ``exp(q·k/√d)``; a z-test on the sample mean with a fixed seed at
  two-sided significance 1e-4 (|z| < 3.89), for i.i.d. Gaussian projections
  built in the test and for the library's orthogonal ones;
* attention: the error against the exact softmax attention (the ``attention``
  exercise, itself tested against a loop oracle) falls as ``n_features``
  grows, averaged over seeds; every output row is a convex combination of the
  value rows; the output is affine-equivariant in ``v``; the stabilised result
  equals the plain FAVOR+ ratio (a white-box check of this implementation).

Judge tiers.  Core uses only the public functions and the inputs the statement
defines (a projection is passed to ``performer_features`` explicitly; the exact
attention is SciPy's): values, unbiasedness, the properties above, finite
output where every plain feature underflows.  Contract: dtypes, a Generator
seed, one projection for a whole batch, empty inputs, the exception types.
Reference-only: the error wording.  The private orthogonal projection is tested
directly (no tier: not an exercise).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.oracles_attention import scipy_attention
from tests.oracles_linear_attention import (
    DTYPES,
    attention_inputs,
    grid_values,
    loop_performer_features,
)

Z_CRITICAL = 3.89  # two-sided significance 1e-4 for a standard normal statistic


# ---------------------------------------------------------------------------
# performer_features


@st.composite
def features_inputs(draw):
    dtype = draw(st.sampled_from(DTYPES))
    d = draw(st.integers(1, 4))
    m = draw(st.integers(1, 6))
    lead = tuple(draw(st.lists(st.integers(0, 3), max_size=2)))
    x = draw(hnp.arrays(dtype, (*lead, d), elements=grid_values(3.0)))
    W = draw(hnp.arrays(dtype, (m, d), elements=grid_values(2.0)))
    return x, W


@given(features_inputs())
def test_features_equal_the_math_exp_formula(impl, inputs):
    performer_features = impl("performer_features")
    x, W = inputs
    phi = performer_features(x, W)
    assert phi.shape == (*x.shape[:-1], W.shape[0])
    rtol = 1e-10 if x.dtype == np.float64 else 1e-5  # x and W share a dtype here
    np.testing.assert_allclose(phi, loop_performer_features(x, W), rtol=rtol, atol=0)


def test_features_of_a_hand_built_projection(impl):
    # d = 4, so x' = x / 4^(1/4) = x / √2; x = (√2, 0, √2, 0) gives x' = (1, 0, 1, 0),
    # ‖x'‖²/2 = 1, and the rows of W give w·x' = 1, −2, 0.
    performer_features = impl("performer_features")
    s = math.sqrt(2.0)
    x = np.array([[s, 0.0, s, 0.0], [0.0, 0.0, 0.0, 0.0]])
    W = np.array([[1.0, 5.0, 0.0, 0.0], [-1.0, 0.0, -1.0, 3.0], [0.5, 0.0, -0.5, 0.0]])
    expected = [
        [
            math.exp(1 - 1) / math.sqrt(3),
            math.exp(-2 - 1) / math.sqrt(3),
            math.exp(-1) / math.sqrt(3),
        ],
        [1 / math.sqrt(3)] * 3,  # x = 0: every exponent is 0
    ]
    np.testing.assert_allclose(performer_features(x, W), expected, rtol=1e-14)


def test_features_of_a_single_vector(impl):
    performer_features = impl("performer_features")
    W = np.eye(3)
    phi = performer_features(np.zeros(3, dtype=np.float32), W.astype(np.float32))
    assert phi.shape == (3,)
    np.testing.assert_allclose(phi, np.full(3, 1 / math.sqrt(3)), rtol=1e-6)


@pytest.mark.contract
@pytest.mark.parametrize(
    ("dtype_x", "dtype_w", "expected"),
    [
        (np.float32, np.float32, np.float32),
        (np.float64, np.float64, np.float64),
        (np.float32, np.float64, np.float64),
    ],
)
def test_features_dtype_follows_the_inputs(impl, dtype_x, dtype_w, expected):
    phi = impl("performer_features")(np.zeros((2, 3), dtype_x), np.eye(3, dtype=dtype_w))
    assert phi.dtype == expected


@pytest.mark.parametrize(
    ("q", "k"),
    [
        ([0.5, -0.3, 0.8], [0.2, 0.4, -0.6]),  # q·k < 0
        ([1.0, 0.0, 0.5], [0.7, 0.1, 0.9]),  # q·k > 0
        ([0.0, 0.0, 0.0], [1.0, -1.0, 0.5]),  # q = 0: exp(0) = 1 exactly
    ],
)
def test_features_estimate_the_softmax_kernel_without_bias(impl, q, k):
    # One projection of M i.i.d. N(0, I) rows: the M terms M·φ_r(q)·φ_r(k) are i.i.d.
    # unbiased estimates of exp(q·k/√d); their mean is φ(q)·φ(k).  z-test, fixed seed.
    performer_features = impl("performer_features")
    q, k = np.array(q), np.array(k)
    M = 200_000
    W = np.random.default_rng(12345).standard_normal((M, q.size))
    phi = performer_features(np.stack([q, k]), W)
    terms = M * phi[0] * phi[1]
    target = math.exp(q @ k / math.sqrt(q.size))
    z = (terms.mean() - target) / (terms.std(ddof=1) / math.sqrt(M))
    assert abs(z) < Z_CRITICAL, (terms.mean(), target, z)
    # And the estimate is close in absolute terms (the standard error is ~1% here).
    assert terms.mean() == pytest.approx(target, rel=0.05)


def test_orthogonal_features_estimate_the_softmax_kernel_without_bias():
    # White-box: the library's orthogonal projection.  Rows inside one block are
    # dependent, so the i.i.d. samples are the block means.  z-test, fixed seed.
    from gpu.performer import _orthogonal_projection, performer_features

    q, k = np.array([0.6, -0.2, 0.4, 0.1]), np.array([0.3, 0.5, 0.9, -0.4])
    d, n_blocks = q.size, 20_000
    W = _orthogonal_projection(n_blocks * d, d, np.random.default_rng(2024))
    phi = performer_features(np.stack([q, k]), W)
    block_means = (len(W) * phi[0] * phi[1]).reshape(n_blocks, d).mean(axis=1)
    target = math.exp(q @ k / math.sqrt(d))
    z = (block_means.mean() - target) / (block_means.std(ddof=1) / math.sqrt(n_blocks))
    assert abs(z) < Z_CRITICAL, (block_means.mean(), target, z)


def test_orthogonal_projection_has_orthogonal_blocks_of_gaussian_rows():
    from gpu.performer import _orthogonal_projection

    d = 5
    W = _orthogonal_projection(13, d, np.random.default_rng(7))  # blocks of 5, 5, 3 rows
    assert W.shape == (13, d)
    for start in range(0, 13, d):
        block = W[start : start + d]
        gram = block @ block.T
        np.testing.assert_allclose(gram - np.diag(np.diag(gram)), 0, atol=1e-12)
    # Each row is marginally N(0, I_d): E‖w‖² = d.  Over many rows, a z-test on the
    # mean squared norm (Var ‖w‖² = 2d), significance 1e-4.
    n = 50_000
    sq = (_orthogonal_projection(n, d, np.random.default_rng(8)) ** 2).sum(axis=1)
    assert abs((sq.mean() - d) / math.sqrt(2 * d / n)) < Z_CRITICAL


def test_features_are_not_modifying_inputs(impl):
    performer_features = impl("performer_features")
    x, W = np.arange(6.0).reshape(2, 3) / 2, np.ones((4, 3))
    x0, W0 = x.copy(), W.copy()
    performer_features(x, W)
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(W, W0)


FEATURES_BAD_INPUT = [
    (np.ones((2, 3)), np.ones((4, 2)), ValueError, "projection must have d"),
    (np.ones((2, 3)), np.ones(3), ValueError, "projection must be a 2-D"),
    (np.ones((2, 3)), np.ones((0, 3)), ValueError, "m >= 1"),
    (np.float64(1.0), np.ones((2, 1)), ValueError, "x must have at least 1"),
    (np.ones((2, 0)), np.ones((2, 0)), ValueError, "d >= 1"),
    ("abc", np.ones((2, 3)), TypeError, "x"),
    (np.ones((2, 3)), [[1, 2, "a"]], TypeError, "projection"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("x", "W", "error"), [case[:3] for case in FEATURES_BAD_INPUT])
def test_features_bad_input(impl, x, W, error):
    with pytest.raises(error):
        impl("performer_features")(x, W)


@pytest.mark.reference_only
@pytest.mark.parametrize(("x", "W", "error", "match"), FEATURES_BAD_INPUT)
def test_features_bad_input_message_names_the_rule(impl, x, W, error, match):
    with pytest.raises(error, match=match):
        impl("performer_features")(x, W)


# ---------------------------------------------------------------------------
# performer_attention


def test_error_falls_as_features_grow(impl):
    # The error shrinks like 1/√m: m = 1024 should be ~4x better than m = 64.  Averaged
    # over 10 seeds so one lucky or unlucky projection cannot decide it.
    performer_attention = impl("performer_attention")
    rng = np.random.default_rng(99)
    q, k = rng.normal(size=(2, 2, 24, 8)) * 0.6
    v = rng.normal(size=(2, 24, 3))
    exact, _ = scipy_attention(q, k, v, causal=False, scale=None)

    def mean_error(m: int) -> float:
        errors = [np.abs(performer_attention(q, k, v, m, s) - exact).mean() for s in range(10)]
        return float(np.mean(errors))

    coarse, fine = mean_error(64), mean_error(1024)
    assert fine < coarse / 2, (coarse, fine)
    assert fine < 0.05 * np.abs(v).max()


@given(attention_inputs(max_len=6, limit=8.0), st.integers(1, 40), st.integers(0, 2**32))
def test_every_row_is_a_convex_combination_of_the_values(impl, qkv, m, seed):
    performer_attention = impl("performer_attention")
    q, k, v = qkv
    out = performer_attention(q, k, v, n_features=m, seed=seed)
    assert out.shape == (*q.shape[:-1], v.shape[-1])
    v64 = v.astype(np.float64)
    lo, hi = v64.min(axis=-2, keepdims=True), v64.max(axis=-2, keepdims=True)
    slack = 1e-5 * max(1.0, float(np.abs(v64).max()))
    assert np.all(out >= lo - slack) and np.all(out <= hi + slack)


@given(attention_inputs(max_len=6), st.integers(0, 2**32))
def test_output_is_affine_equivariant_in_v(impl, qkv, seed):
    # The weights do not depend on v and sum to 1: out(a·v + b) = a·out(v) + b.
    performer_attention = impl("performer_attention")
    q, k, v = (x.astype(np.float64) for x in qkv)
    base = performer_attention(q, k, v, n_features=16, seed=seed)
    moved = performer_attention(q, k, 2.5 * v - 1.25, n_features=16, seed=seed)
    np.testing.assert_allclose(moved, 2.5 * base - 1.25, rtol=1e-9, atol=1e-9)


@given(attention_inputs(max_len=6), st.integers(1, 20), st.integers(0, 2**32))
def test_stabilised_output_equals_the_plain_favor_ratio(qkv, m, seed):
    # White-box: with the implementation's own projection, the max-subtracted
    # computation must equal Φ_Q(Φ_Kᵀ V) / Φ_Q(Φ_Kᵀ 1) with the unstabilised features.
    from gpu.performer import _orthogonal_projection, performer_attention, performer_features

    q, k, v = (x.astype(np.float64) for x in qkv)
    W = _orthogonal_projection(m, q.shape[-1], np.random.default_rng(seed))
    phi_q, phi_k = performer_features(q, W), performer_features(k, W)
    weights = phi_q @ np.swapaxes(phi_k, -1, -2)
    expected = (weights @ v) / weights.sum(axis=-1, keepdims=True)
    out = performer_attention(q, k, v, n_features=m, seed=seed)
    np.testing.assert_allclose(out, expected, rtol=1e-9, atol=1e-9 * np.abs(v).max())


def test_large_norms_that_underflow_plain_features_stay_finite(impl):
    # ‖x'‖²/2 ≈ 1270 here: every unstabilised feature is exp(< −745) = 0, so the
    # plain ratio is 0/0; the stabilised one is a proper weighted average.
    performer_attention = impl("performer_attention")
    q = np.array([[60.0, 0.0], [0.0, 60.0]])
    k = np.array([[60.0, 0.0], [0.0, 60.0], [-60.0, 0.0]])
    v = np.array([[1.0], [2.0], [3.0]])
    assert not loop_performer_features(q, np.eye(2)).any()
    out = performer_attention(q, k, v, n_features=64)
    assert np.all(np.isfinite(out)) and np.all((out >= 1.0) & (out <= 3.0))


def test_seed_determines_the_output(impl):
    performer_attention = impl("performer_attention")
    rng = np.random.default_rng(5)
    q, k, v = rng.normal(size=(3, 7, 4))
    a = performer_attention(q, k, v, n_features=32, seed=11)
    np.testing.assert_array_equal(a, performer_attention(q, k, v, n_features=32, seed=11))
    assert not np.array_equal(a, performer_attention(q, k, v, n_features=32, seed=12))


@pytest.mark.contract
def test_a_generator_seed_is_used_as_it_is(impl):
    performer_attention = impl("performer_attention")
    rng = np.random.default_rng(5)
    q, k, v = rng.normal(size=(3, 7, 4))
    a = performer_attention(q, k, v, n_features=32, seed=11)
    g = performer_attention(q, k, v, n_features=32, seed=np.random.default_rng(11))
    np.testing.assert_array_equal(a, g)  # an int seed means default_rng(seed)


@pytest.mark.contract
def test_batch_entries_share_one_projection(impl):
    performer_attention = impl("performer_attention")
    rng = np.random.default_rng(6)
    q, k, v = rng.normal(size=(3, 2, 3, 5, 4))
    out = performer_attention(q, k, v, n_features=16, seed=3)
    for b in np.ndindex(2, 3):
        single = performer_attention(q[b], k[b], v[b], n_features=16, seed=3)
        np.testing.assert_allclose(out[b], single, rtol=1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_attention_does_not_mutate_its_inputs(impl, dtype):
    performer_attention = impl("performer_attention")
    rng = np.random.default_rng(4)
    q, k, v = (rng.normal(size=(2, 5, 3)).astype(dtype) for _ in range(3))
    saved = [x.copy() for x in (q, k, v)]
    out = performer_attention(q, k, v, n_features=8)
    assert out.shape == (2, 5, 3)
    for x, s in zip((q, k, v), saved, strict=True):
        np.testing.assert_array_equal(x, s)


@pytest.mark.contract
@pytest.mark.parametrize(
    ("dtypes", "expected"),
    [((np.float32,) * 3, np.float32), ((np.float32, np.float64, np.float32), np.float64)],
)
def test_attention_dtype_follows_the_inputs(impl, dtypes, expected):
    rng = np.random.default_rng(4)
    q, k, v = (rng.normal(size=(2, 5, 3)).astype(t) for t in dtypes)
    assert impl("performer_attention")(q, k, v, n_features=8).dtype == expected


@pytest.mark.contract
def test_attention_empty_inputs(impl):
    performer_attention = impl("performer_attention")
    out = performer_attention(np.ones((3, 2)), np.ones((0, 2)), np.ones((0, 4)))
    assert out.shape == (3, 4) and not out.any()
    assert performer_attention(np.ones((0, 2)), np.ones((3, 2)), np.ones((3, 4))).shape == (0, 4)


ATTENTION_BAD_ARGUMENTS = [
    ({"n_features": 0}, ValueError, "n_features"),
    ({"n_features": 2.5}, TypeError, "n_features"),
    ({"seed": -1}, ValueError, "seed"),
    ({"seed": "abc"}, TypeError, "seed"),
    ({"seed": True}, TypeError, "seed"),
]
ATTENTION_BAD_SHAPES = [
    (np.ones((3, 2)), np.ones((3, 4)), np.ones((3, 2)), "dim"),
    (np.ones((3, 2)), np.ones((3, 2)), np.ones((4, 2)), "len_k"),
    (np.ones(3), np.ones((3, 1)), np.ones((3, 1)), "at least 2"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("kwargs", "error"), [case[:2] for case in ATTENTION_BAD_ARGUMENTS])
def test_attention_bad_arguments(impl, kwargs, error):
    x = np.ones((3, 2))
    with pytest.raises(error):
        impl("performer_attention")(x, x, x, **kwargs)


@pytest.mark.reference_only
@pytest.mark.parametrize(("kwargs", "error", "match"), ATTENTION_BAD_ARGUMENTS)
def test_attention_bad_arguments_message_names_them(impl, kwargs, error, match):
    x = np.ones((3, 2))
    with pytest.raises(error, match=match):
        impl("performer_attention")(x, x, x, **kwargs)


@pytest.mark.contract
@pytest.mark.parametrize(("q", "k", "v"), [case[:3] for case in ATTENTION_BAD_SHAPES])
def test_attention_bad_shapes(impl, q, k, v):
    with pytest.raises(ValueError):
        impl("performer_attention")(q, k, v)


@pytest.mark.reference_only
@pytest.mark.parametrize(("q", "k", "v", "match"), ATTENTION_BAD_SHAPES)
def test_attention_bad_shapes_message_names_the_rule(impl, q, k, v, match):
    with pytest.raises(ValueError, match=match):
        impl("performer_attention")(q, k, v)
