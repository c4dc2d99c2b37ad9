"""Properties of the reference ``attention``.

Oracle: :func:`tests.oracles_attention.loop_attention`, a Python loop per query
row with ``math.fsum`` dot products and ``math.exp`` weights — including the
causal mask aligned to the end (query i sees keys ``j <= i + len_k - len_q``).
Tolerances are the rounding budget of :func:`tests.oracles_attention.error_bound`:
for the statement (core), arithmetic in the inputs' own precision; for the
reference (reference-only), float64 arithmetic and one final rounding to the
output dtype.

Judge tiers.  Core: sequences of length >= 1, the answer within the statement's
tolerance, logits of ±10⁴ (stability is the lesson), rows that see no key.
Contract: the result dtype, lists, ``len_k = 0``, the exception types.
Reference-only: float64 accuracy for float32 input, the error wording.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.oracles_attention import (
    assert_close_to_oracle,
    error_bound,
    loop_attention,
    qkv,
    scales,
)


@given(data=qkv(min_len=1), causal=st.booleans(), scale=scales())
def test_attention_equals_python_loop_softmax(impl, data, causal, scale):
    # The statement's tolerance: a softmax computed in the inputs' own precision.
    q, k, v = data
    out = impl("attention")(q, k, v, causal=causal, scale=scale)
    assert isinstance(out, np.ndarray)
    assert out.shape == (*q.shape[:-1], v.shape[-1])
    expected, _ = loop_attention(q, k, v, causal, scale)
    out_tol, _ = error_bound(q, k, v, causal, scale, q.dtype, q.dtype)
    assert_close_to_oracle(out, None, expected, None, out_tol, None)


@pytest.mark.reference_only  # float64 arithmetic whatever the input dtype: our choice
@given(data=qkv(), causal=st.booleans(), scale=scales())
def test_reference_attention_computes_in_float64_and_rounds_once(impl, data, causal, scale):
    q, k, v = data
    out = impl("attention")(q, k, v, causal=causal, scale=scale)
    assert isinstance(out, np.ndarray)
    assert out.shape == (*q.shape[:-1], v.shape[-1])
    assert out.dtype == q.dtype
    expected, _ = loop_attention(q, k, v, causal, scale)
    out_tol, _ = error_bound(q, k, v, causal, scale, np.float64, q.dtype)
    assert_close_to_oracle(out, None, expected, None, out_tol, None)


def check_stability(attention, data, causal, scale, work_dtype) -> None:
    # Whole numbers up to 100 and dim <= 4: scores up to ±4·10⁴, exactly
    # representable (even in float32).  exp(4·10⁴) overflows any float, so only a
    # max-subtracted softmax passes; the oracle subtracts the maximum too.
    q, k, v = data
    out = attention(q, k, v, causal=causal, scale=scale)
    assert np.all(np.isfinite(out))
    expected, _ = loop_attention(q, k, v, causal, scale)
    out_tol, _ = error_bound(q, k, v, causal, scale, work_dtype, np.float32, exact_scores=True)
    assert_close_to_oracle(out, None, expected, None, out_tol, None)


@given(
    data=qkv(dtypes=(np.float32,), bound=100, integers=True, min_len=1),
    causal=st.booleans(),
    scale=st.sampled_from([1.0, 0.5, 0.25]),
)
def test_attention_is_stable_for_logits_up_to_ten_thousand(impl, data, causal, scale):
    check_stability(impl("attention"), data, causal, scale, np.float32)


@pytest.mark.reference_only
@given(
    data=qkv(dtypes=(np.float32,), bound=100, integers=True),
    causal=st.booleans(),
    scale=st.sampled_from([1.0, 0.5, 0.25]),
)
def test_reference_attention_is_stable_to_float64_rounding(impl, data, causal, scale):
    check_stability(impl("attention"), data, causal, scale, np.float64)


def test_attention_of_a_dominant_key_is_its_value(impl):
    # One logit 10⁴ above the others: a naive exp overflows to inf/inf = NaN.
    q = np.array([[100.0, 0.0]], dtype=np.float32)
    k = np.array([[100.0, 0.0], [0.0, 100.0], [-100.0, 0.0]], dtype=np.float32)
    v = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype=np.float32)
    out = impl("attention")(q, k, v, scale=1.0)
    np.testing.assert_array_equal(out, [[1.0, 2.0]])


def test_rows_that_see_no_key_are_zero(impl):
    # len_q = 5 > len_k = 2, causal: query i sees keys j <= i - 3, so rows 0–2 see none.
    rng = np.random.default_rng(1)
    q = rng.normal(size=(2, 5, 3))
    k = rng.normal(size=(2, 2, 3))
    v = rng.normal(size=(2, 2, 4))
    out = impl("attention")(q, k, v, causal=True)
    np.testing.assert_array_equal(out[:, :3], 0.0)
    np.testing.assert_allclose(out[:, 3], v[:, 0])  # row 3 sees key 0 only
    assert np.all(out[:, 4] != 0.0)


@pytest.mark.contract
def test_no_keys_at_all_gives_zeros(impl):
    out = impl("attention")(np.ones((2, 3, 4)), np.ones((2, 0, 4)), np.ones((2, 0, 5)))
    assert out.shape == (2, 3, 5)
    np.testing.assert_array_equal(out, 0.0)


def test_one_causal_query_sees_every_key(impl):
    # The mask is aligned to the end: the last query position sees the whole prefix.
    rng = np.random.default_rng(2)
    q, k, v = rng.normal(size=(1, 4)), rng.normal(size=(6, 4)), rng.normal(size=(6, 2))
    expected, _ = loop_attention(q, k, v, causal=False, scale=None)
    np.testing.assert_allclose(impl("attention")(q, k, v, causal=True), expected, rtol=1e-12)


@pytest.mark.contract
@pytest.mark.parametrize(
    ("dtypes", "expected"),
    [
        ((np.float32, np.float32, np.float32), np.float32),
        ((np.float64, np.float64, np.float64), np.float64),
        ((np.float32, np.float64, np.float32), np.float64),
        ((np.int64, np.int32, np.int64), np.float64),
    ],
)
def test_attention_output_dtype_follows_the_inputs(impl, dtypes, expected):
    q, k, v = (np.ones((3, 2), dtype=t) for t in dtypes)
    assert impl("attention")(q, k, v).dtype == expected


@pytest.mark.contract
def test_attention_accepts_lists(impl):
    out = impl("attention")([[1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]], [[2.0], [4.0]], scale=0.0)
    np.testing.assert_array_equal(out, [[3.0]])


@given(data=qkv(max_len=6, min_len=1), causal=st.booleans())
def test_attention_does_not_mutate_its_inputs(impl, data, causal):
    copies = [x.copy() for x in data]
    impl("attention")(*data, causal=causal)
    for x, before in zip(data, copies, strict=True):
        np.testing.assert_array_equal(x, before)


GOOD = np.ones((2, 3, 4))
BAD_INPUT = [
    ((np.ones(4), np.ones((3, 4)), np.ones((3, 4))), {}, ValueError, "q must have at least 2"),
    ((np.ones((3, 4)), np.float64(1.0), np.ones((3, 4))), {}, ValueError, "k must have"),
    ((GOOD, GOOD, np.ones((2, 3))), {}, ValueError, "v must have"),
    ((GOOD, np.ones((2, 3, 5)), GOOD), {}, ValueError, r"same last dimension \(dim\)"),
    ((GOOD, GOOD, np.ones((2, 4, 4))), {}, ValueError, "same sequence length"),
    ((GOOD, np.ones((3, 3, 4)), np.ones((3, 3, 4))), {}, ValueError, "leading"),
    ((GOOD, np.ones((1, 3, 4)), np.ones((1, 3, 4))), {}, ValueError, "not broadcast"),
    ((np.ones((3, 4)), GOOD, GOOD), {}, ValueError, "leading"),
    ((np.ones((3, 0)), np.ones((3, 0)), np.ones((3, 2))), {}, ValueError, "dim"),
    ((np.ones((3, 2)), np.ones((3, 2)), np.ones((3, 0))), {}, ValueError, "dim_v"),
    ((GOOD, GOOD, GOOD), {"scale": float("nan")}, ValueError, "scale must be finite"),
    ((GOOD, GOOD, GOOD), {"scale": float("inf")}, ValueError, "scale must be finite"),
    ((GOOD, GOOD, GOOD), {"scale": "0.5"}, TypeError, "scale must be a real"),
    ((GOOD, GOOD, GOOD), {"scale": True}, TypeError, "scale must be a real"),
    ((GOOD, GOOD, GOOD), {"causal": 1}, TypeError, "causal must be True or False"),
    ((GOOD, GOOD, GOOD, 0.5), {}, TypeError, "causal"),
    ((GOOD.astype(bool), GOOD, GOOD), {}, TypeError, "q must be a float32 or float64"),
    ((GOOD, GOOD.astype(complex), GOOD), {}, TypeError, "k must be"),
    ((GOOD, GOOD, "values"), {}, TypeError, "v must be an array"),
    ((None, GOOD, GOOD), {}, TypeError, "q must be an array"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("args", "kwargs", "error"), [case[:3] for case in BAD_INPUT])
def test_attention_rejects_bad_input(impl, args, kwargs, error):
    with pytest.raises(error):
        impl("attention")(*args, **kwargs)


@pytest.mark.reference_only
@pytest.mark.parametrize(("args", "kwargs", "error", "match"), BAD_INPUT)
def test_attention_error_messages_name_the_rule(impl, args, kwargs, error, match):
    with pytest.raises(error, match=match):
        impl("attention")(*args, **kwargs)
