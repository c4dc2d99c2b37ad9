"""``attention(..., mask=)``: an explicit boolean mask, alone and combined with ``causal``.

Oracle: :func:`loop_attention_masked`, a Python loop per query row over the
keys the mask and the causal rule (``j <= i + len_k − len_q``) both allow,
with ``math.fsum`` dot products and ``math.exp`` weights relative to the row
maximum — written out per pair, sharing no code with :mod:`gpu`.  A row that
sees no key is 0 (the documented convention).  Tolerances are the rounding
budget of :func:`tests.oracles_attention.error_bound`.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.oracles_attention import SMALL_BATCH_SHAPES, error_bound, qkv, scales


def loop_attention_masked(q, k, v, mask, causal: bool, scale: float | None) -> np.ndarray:
    q, k, v = (np.asarray(x, dtype=np.float64) for x in (q, k, v))
    mask = np.broadcast_to(np.asarray(mask, dtype=bool), (*q.shape[:-2], q.shape[-2], k.shape[-2]))
    *batch, len_q, dim = q.shape
    len_k = k.shape[-2]
    scale = 1.0 / math.sqrt(dim) if scale is None else float(scale)
    out = np.zeros((*batch, len_q, v.shape[-1]))
    for b in np.ndindex(*batch):
        for i in range(len_q):
            keys = [
                j for j in range(len_k) if mask[b][i, j] and (not causal or j <= i + len_k - len_q)
            ]
            if not keys:
                continue
            scores = [
                scale
                * math.fsum(float(x) * float(y) for x, y in zip(q[b][i], k[b][j], strict=True))
                for j in keys
            ]
            top = max(scores)
            weights = [math.exp(s - top) for s in scores]
            total = math.fsum(weights)
            for c in range(v.shape[-1]):
                out[b][i, c] = math.fsum(w * v[b][j, c] for w, j in zip(weights, keys, strict=True))
                out[b][i, c] /= total
    return out


@st.composite
def qkv_and_mask(draw):
    # The statement's Constraints: 1 <= len_q, len_k (empty sequences are contract).
    q, k, v = draw(qkv(max_len=8, batch_shapes=SMALL_BATCH_SHAPES, min_len=1))
    len_q, len_k = q.shape[-2], k.shape[-2]
    mask = draw(hnp.arrays(np.bool_, (len_q, len_k)))
    return q, k, v, mask


def assert_matches(out, expected, q, k, v, scale) -> None:
    # The statement's bound, for a softmax computed in the inputs' own precision, of the
    # unmasked, non-causal problem: masking only removes keys.
    out_tol, _ = error_bound(q, k, v, False, scale, q.dtype, q.dtype)
    error = np.abs(np.asarray(out, dtype=np.float64) - expected)
    assert np.all(error <= out_tol), f"max error {error.max()}"


@given(data=qkv_and_mask(), causal=st.booleans(), scale=scales())
def test_masked_attention_equals_the_loop(impl, data, causal, scale):
    q, k, v, mask = data
    copies = [x.copy() for x in data]
    out = impl("attention")(q, k, v, causal=causal, scale=scale, mask=mask)
    assert out.shape == (*q.shape[:-1], v.shape[-1])
    assert_matches(out, loop_attention_masked(q, k, v, mask, causal, scale), q, k, v, scale)
    for x, before in zip(data, copies, strict=True):
        np.testing.assert_array_equal(x, before)


@pytest.mark.contract
@given(data=qkv_and_mask())
def test_masked_attention_keeps_the_inputs_dtype(impl, data):
    q, k, v, mask = data
    assert impl("attention")(q, k, v, mask=mask).dtype == q.dtype


@pytest.mark.contract
@given(data=qkv(max_len=8, batch_shapes=SMALL_BATCH_SHAPES), causal=st.booleans())
def test_masked_attention_with_empty_sequences(impl, data, causal):
    q, k, v = data
    mask = np.ones((q.shape[-2], k.shape[-2]), dtype=bool)
    out = impl("attention")(q, k, v, causal=causal, mask=mask)
    assert out.shape == (*q.shape[:-1], v.shape[-1])


@given(data=qkv(max_len=8, batch_shapes=SMALL_BATCH_SHAPES, min_len=1))
def test_a_lower_triangular_mask_is_causal(impl, data):
    q, k, v = data
    len_q, len_k = q.shape[-2], k.shape[-2]
    tri = np.tri(len_q, len_k, k=len_k - len_q, dtype=bool)  # j <= i + len_k − len_q
    masked = impl("attention")(q, k, v, mask=tri)
    expected = loop_attention_masked(q, k, v, np.ones_like(tri), True, None)
    assert_matches(masked, expected, q, k, v, None)


def test_a_row_that_sees_no_key_is_zero(impl):
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=(3, 2)), rng.normal(size=(4, 2)), rng.normal(size=(4, 3))
    mask = np.array([[True, False, True, False], [False] * 4, [True] * 4])
    out = impl("attention")(q, k, v, mask=mask)
    np.testing.assert_array_equal(out[1], 0.0)
    # Row 2 sees every key; with causal=True only the first two (len_q = 3 < len_k = 4).
    both = impl("attention")(q, k, v, causal=True, mask=mask)
    expected = loop_attention_masked(q, k, v, mask, True, None)
    np.testing.assert_allclose(both, expected, rtol=1e-9, atol=1e-12)


def test_large_logits_under_a_mask(impl):
    # Scores up to ±10⁴: the masked softmax must stay max-subtracted.
    q = np.array([[100.0, 0.0], [0.0, 100.0]])
    k = np.array([[100.0, 0.0], [0.0, 100.0], [-100.0, 0.0]])
    v = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    mask = np.array([[False, True, True], [True, True, True]])
    out = impl("attention")(q, k, v, scale=1.0, mask=mask)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, [[3.0, 4.0], [3.0, 4.0]], rtol=1e-9)


def test_a_medusa_tree_mask(impl):
    # Tree (0,), (1,), (0, 0), (0, 1), (0, 0, 0): attention over all five
    # candidates at once equals causal attention along each candidate's path.
    paths = [(0,), (1,), (0, 0), (0, 1), (0, 0, 0)]
    mask = np.array([[b == a[: len(b)] for b in paths] for a in paths])
    rng = np.random.default_rng(4)
    q, k, v = (rng.normal(size=(5, 3)) for _ in range(3))
    out = impl("attention")(q, k, v, mask=mask)
    for i, path in enumerate(paths):
        nodes = [paths.index(path[:d]) for d in range(1, len(path) + 1)]
        alone = loop_attention_masked(
            q[nodes], k[nodes], v[nodes], np.ones((len(nodes),) * 2, bool), True, None
        )
        np.testing.assert_allclose(out[i], alone[-1], rtol=1e-9, atol=1e-12)


@pytest.mark.reference_only  # beyond the statement, which asks for a (len_q, len_k) mask
def test_a_mask_per_batch_entry_broadcasts(impl):
    rng = np.random.default_rng(2)
    q, k, v = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 2))
    mask = rng.random((2, 3, 5)) < 0.6
    out = impl("attention")(q, k, v, mask=mask)
    for b in range(2):
        expected = loop_attention_masked(q[b], k[b], v[b], mask[b], False, None)
        np.testing.assert_allclose(out[b], expected, rtol=1e-12, atol=1e-15)


GOOD = np.ones((2, 3, 4))


@pytest.mark.contract
@pytest.mark.parametrize(
    ("mask", "error"),
    [
        (np.ones((3, 4), dtype=bool), ValueError),  # (len_q, len_k) is (3, 3)
        (np.ones(3, dtype=bool), ValueError),  # 1-D
        (np.ones((3, 3, 3), dtype=bool), ValueError),  # leading 3 does not broadcast to 2
        (np.ones((3, 3)), TypeError),  # floats are not a boolean mask
        (np.ones((3, 3), dtype=int), TypeError),
        ("causal", TypeError),
    ],
)
def test_bad_masks(impl, mask, error):
    with pytest.raises(error):
        impl("attention")(GOOD, GOOD, GOOD, mask=mask)


@pytest.mark.reference_only
@pytest.mark.parametrize(
    ("mask", "match"),
    [
        (np.ones((3, 4), dtype=bool), r"mask must have shape \(len_q, len_k\) = \(3, 3\)"),
        (np.ones((3, 3)), "mask must be a boolean array"),
        (np.ones((3, 3, 3), dtype=bool), "must broadcast to the batch"),
    ],
)
def test_mask_error_messages(mask, match):
    from gpu.attention import attention

    with pytest.raises((TypeError, ValueError), match=match):
        attention(GOOD, GOOD, GOOD, mask=mask)


@pytest.mark.reference_only
def test_an_all_true_mask_changes_nothing():
    from gpu.attention import attention

    rng = np.random.default_rng(3)
    q, k, v = (rng.normal(size=(2, 5, 3)) for _ in range(3))
    for causal in (False, True):
        plain = attention(q, k, v, causal=causal)
        masked = attention(q, k, v, causal=causal, mask=np.ones((5, 5), dtype=bool))
        np.testing.assert_array_equal(plain, masked)
