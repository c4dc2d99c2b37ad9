"""Properties of ``mixed_chunk_attention`` (GAU / FLASH: quadratic inside chunks, linear across).

Oracle: :func:`tests.oracles_linear_attention.loop_mixed_chunk`, the DESIGN.md
formula evaluated pair by pair in O(seq²) with Python floats — for each
(i, j ≤ i) it decides whether j lies in i's chunk (weight ``relu(q·k/chunk)²``)
or in an earlier one (weight ``q·k/seq_len``).  The library instead pads,
reshapes into chunks and prefix-sums per-chunk ``KᵀV`` states with
``gpu.scan.exclusive_scan``; nothing is shared.  Errors are judged against the
sum of the terms' magnitudes (the output has no normaliser, so its scale is
that sum, not ``max|v|``).

Judge tiers.  Core: the formula at the tolerance of the inputs' own precision
(float32 rounding for float32 inputs, whatever the result's dtype), causality
bit for bit, the inputs untouched.  Contract: the result dtype, empty
sequences, the exception types.  Reference-only: the error wording.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.oracles_linear_attention import attention_inputs, loop_mixed_chunk


def assert_matches_oracle(out, q, k, v, chunk, linear_part=True):
    expected, magnitude = loop_mixed_chunk(q, k, v, chunk, linear_part)
    assert out.shape == expected.shape
    # A relative error of a few units of the inputs' rounding (float32 if any input is
    # float32), against the magnitude of the terms.  (The reference computes in
    # float64 and rounds once to the output dtype.)
    any32 = any(x.dtype == np.float32 for x in (q, k, v))
    eps = np.finfo(np.float32 if any32 else np.float64).eps
    assert np.all(np.abs(out.astype(np.float64) - expected) <= 64 * eps * magnitude + 1e-300)


@given(attention_inputs(max_len=11, equal_lengths=True), st.integers(1, 12))
def test_matches_the_pairwise_formula(impl, qkv, chunk):
    # Lengths 1–11 against chunks 1–12: multiples, remainders, one chunk, chunk = 1.
    mixed_chunk_attention = impl("mixed_chunk_attention")
    q, k, v = qkv
    out = mixed_chunk_attention(q, k, v, chunk=chunk)
    assert_matches_oracle(out, q, k, v, chunk)


@given(attention_inputs(max_len=9, equal_lengths=True), st.integers(0, 8), st.data())
def test_future_positions_never_change_past_outputs(impl, qkv, extra, data):
    # Perturb q, k and v at every position after t: outputs 0..t stay bit-for-bit equal.
    mixed_chunk_attention = impl("mixed_chunk_attention")
    q, k, v = qkv
    n = q.shape[-2]
    t = data.draw(st.integers(0, n - 1), label="t")
    chunk = data.draw(st.integers(1, n + 1), label="chunk")
    rng = np.random.default_rng(extra)
    perturbed = []
    for x in (q, k, v):
        y = x.copy()
        y[..., t + 1 :, :] = rng.normal(size=y[..., t + 1 :, :].shape) * 3
        perturbed.append(y)
    before = mixed_chunk_attention(q, k, v, chunk=chunk)
    after = mixed_chunk_attention(*perturbed, chunk=chunk)
    np.testing.assert_array_equal(before[..., : t + 1, :], after[..., : t + 1, :])


@given(attention_inputs(max_len=8, equal_lengths=True), st.integers(0, 4))
def test_a_chunk_at_least_the_sequence_is_pure_quadratic(impl, qkv, extra):
    # One chunk: no earlier chunks, so no linear part; the scale stays 1/chunk.
    mixed_chunk_attention = impl("mixed_chunk_attention")
    q, k, v = qkv
    chunk = q.shape[-2] + extra
    out = mixed_chunk_attention(q, k, v, chunk=chunk)
    assert_matches_oracle(out, q, k, v, chunk, linear_part=False)


def test_chunk_one_by_hand(impl):
    # chunk = 1: each position's own relu(q·k)² v plus (q_i·k_j / n) v_j for all j < i.
    mixed_chunk_attention = impl("mixed_chunk_attention")
    q = np.array([[1.0], [2.0], [-1.0]])
    k = np.array([[1.0], [-1.0], [3.0]])
    v = np.array([[1.0], [10.0], [100.0]])
    expected = [
        [1.0 * 1],  # relu(1)² · 1
        [0.0 + (2 * 1 / 3) * 1],  # relu(−2)² = 0; linear: q·k_0 / 3
        [0.0 + (-1 / 3) * 1 + (1 / 3) * 10],  # relu(−3)² = 0; linear: −1/3, +1/3
    ]
    np.testing.assert_allclose(mixed_chunk_attention(q, k, v, chunk=1), expected, rtol=1e-14)


def test_short_last_chunk_by_hand(impl):
    # seq 5, chunk 2: chunks {0,1}, {2,3}, {4}.  q = k = 1, so in-chunk weight (1/2)² and
    # cross-chunk weight 1/5; v_j = 10^j.
    mixed_chunk_attention = impl("mixed_chunk_attention")
    q = k = np.ones((5, 1))
    v = 10.0 ** np.arange(5)[:, None]
    quad, lin = 0.25, 0.2
    expected = [
        [quad * 1],
        [quad * (1 + 10)],
        [quad * 100 + lin * 11],
        [quad * 1100 + lin * 11],
        [quad * 10_000 + lin * 1111],
    ]
    np.testing.assert_allclose(mixed_chunk_attention(q, k, v, chunk=2), expected, rtol=1e-14)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_inputs_are_not_modified(impl, dtype):
    mixed_chunk_attention = impl("mixed_chunk_attention")
    rng = np.random.default_rng(1)
    q, k, v = (rng.integers(-3, 4, size=(2, 7, 3)).astype(dtype) for _ in range(3))
    saved = [x.copy() for x in (q, k, v)]
    out = mixed_chunk_attention(q, k, v, chunk=3)
    assert out.shape == (2, 7, 3)
    for x, s in zip((q, k, v), saved, strict=True):
        np.testing.assert_array_equal(x, s)


@pytest.mark.contract
@pytest.mark.parametrize(
    ("dtypes", "expected"),
    [
        ((np.float32,) * 3, np.float32),
        ((np.float64,) * 3, np.float64),
        ((np.float32, np.float32, np.float64), np.float64),
        ((np.int64,) * 3, np.float64),
    ],
)
def test_result_dtype_follows_the_inputs(impl, dtypes, expected):
    rng = np.random.default_rng(1)
    q, k, v = (rng.integers(-3, 4, size=(2, 7, 3)).astype(t) for t in dtypes)
    assert impl("mixed_chunk_attention")(q, k, v, chunk=3).dtype == expected


@pytest.mark.contract
def test_empty_inputs(impl):
    mixed_chunk_attention = impl("mixed_chunk_attention")
    assert mixed_chunk_attention(np.ones((0, 2)), np.ones((0, 2)), np.ones((0, 3))).shape == (0, 3)
    out = mixed_chunk_attention(np.ones((0, 4, 2)), np.ones((0, 4, 2)), np.ones((0, 4, 3)))
    assert out.shape == (0, 4, 3)


BAD_CHUNKS = [(0, ValueError), (-3, ValueError), (1.5, TypeError), (True, TypeError)]
BAD_SHAPES = [
    (np.ones((3, 2)), np.ones((4, 2)), np.ones((4, 2)), "same sequence length"),
    (np.ones((3, 2)), np.ones((3, 4)), np.ones((3, 2)), "dim"),
    (np.ones((3, 2)), np.ones((3, 2)), np.ones((4, 2)), "len_k"),
    (np.ones(3), np.ones((3, 1)), np.ones((3, 1)), "at least 2"),
    (np.ones((2, 3, 2)), np.ones((1, 3, 2)), np.ones((1, 3, 2)), "leading"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("chunk", "error"), BAD_CHUNKS)
def test_bad_chunk(impl, chunk, error):
    x = np.ones((4, 2))
    with pytest.raises(error):
        impl("mixed_chunk_attention")(x, x, x, chunk=chunk)


@pytest.mark.reference_only
@pytest.mark.parametrize(("chunk", "error"), BAD_CHUNKS)
def test_bad_chunk_message_names_chunk(impl, chunk, error):
    x = np.ones((4, 2))
    with pytest.raises(error, match="chunk"):
        impl("mixed_chunk_attention")(x, x, x, chunk=chunk)


@pytest.mark.contract
@pytest.mark.parametrize(("q", "k", "v"), [case[:3] for case in BAD_SHAPES])
def test_bad_shapes(impl, q, k, v):
    with pytest.raises(ValueError):
        impl("mixed_chunk_attention")(q, k, v)


@pytest.mark.reference_only
@pytest.mark.parametrize(("q", "k", "v", "match"), BAD_SHAPES)
def test_bad_shapes_message_names_the_rule(impl, q, k, v, match):
    with pytest.raises(ValueError, match=match):
        impl("mixed_chunk_attention")(q, k, v)
