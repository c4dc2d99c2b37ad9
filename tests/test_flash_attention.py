"""Properties of ``flash_attention`` on every backend.

Oracle: :func:`tests.oracles_attention.scipy_attention` — ``scipy.special.softmax``
and ``scipy.special.logsumexp`` of the float64 scores, masked with ``np.tri``
(the aligned causal rule ``j <= i + len_k - len_q``).  Tolerances are the
rounding budget of :func:`tests.oracles_attention.error_bound` for the
precision each backend computes in ('numpy': float64; 'cpu', 'cuda': the input
dtype).

The tile sizes are drawn too — 1, odd, larger than the sequence — so sequences
end mid-tile, causal diagonals cut through tiles, and query tiles see no key.
The 'cuda' properties run in Numba's CUDA simulator here (one Python thread per
GPU thread), so their shapes are tiny and their examples few.

Judge tiers.  Core calls ``flash_attention`` as the statement defines it (no
``backend=``), on sequences of length >= 1 with the tile sizes drawn, at the
tolerance of a softmax computed in the inputs' own precision — logits of ±10⁴
included: stability is the lesson.  Complexity: the memory bound (no
``len_q × len_k`` array).  Contract: the result dtype, empty sequences, the
exception types.  Reference-only: every backend by name (with the dtype check),
key tiles past the causal diagonal skipped (exact to 1e-12), the reference's
tighter memory figure, CUDA's limits, the error wording.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.oracles_attention import (
    BACKENDS,
    CUDA_EXAMPLES,
    HAS_CUDA,
    HOST_BACKENDS,
    SMALL_BATCH_SHAPES,
    assert_close_to_oracle,
    error_bound,
    qkv,
    scales,
    scipy_attention,
)

requires_cuda = pytest.mark.skipif(not HAS_CUDA, reason="no CUDA GPU and no CUDA simulator")


def cases(backends, tier=None):
    """The statement's call (backend None, in ``tier``: core when None), then each
    backend of the reference by name (reference-only)."""
    default = pytest.param(None, id="default", marks=[tier] if tier else [])
    return [default, *(pytest.param(b, marks=pytest.mark.reference_only) for b in backends)]


def call(f, backend, *args, **kwargs):
    """``f(*args, **kwargs)``, plus ``backend=`` when one is named (reference-only cases)."""
    return f(*args, **kwargs) if backend is None else f(*args, backend=backend, **kwargs)


def work_dtype(backend: str | None, dtype) -> np.dtype:
    """The precision a backend computes in: float64 for 'numpy', else the input's
    (the statement allows the input's precision)."""
    return np.dtype(np.float64) if backend == "numpy" else np.dtype(dtype)


def check_against_oracle(flash, q, k, v, causal, scale, backend, block_q, block_k, exact=False):
    out, lse = call(
        flash,
        backend,
        q,
        k,
        v,
        causal=causal,
        scale=scale,
        block_q=block_q,
        block_k=block_k,
        return_lse=True,
    )
    assert isinstance(out, np.ndarray)
    assert isinstance(lse, np.ndarray)
    assert out.shape == (*q.shape[:-1], v.shape[-1])
    assert lse.shape == q.shape[:-1]
    if backend is not None:  # the reference's promise; for the statement it is a contract check
        assert out.dtype == lse.dtype == q.dtype
    expected_out, expected_lse = scipy_attention(q, k, v, causal, scale)
    out_tol, lse_tol = error_bound(
        q, k, v, causal, scale, work_dtype(backend, q.dtype), q.dtype, exact_scores=exact
    )
    assert_close_to_oracle(out, lse, expected_out, expected_lse, out_tol, lse_tol)
    return out


blocks = st.integers(1, 9) | st.just(64)


# ---------------------------------------------------------------------------
# Agreement with the oracle


def nonempty(q, k) -> bool:
    return q.shape[-2] > 0 and k.shape[-2] > 0


@pytest.mark.parametrize("backend", cases(HOST_BACKENDS))
@given(data=qkv(max_len=24), causal=st.booleans(), scale=scales(), block_q=blocks, block_k=blocks)
def test_flash_attention_equals_softmax_oracle(
    impl, backend, data, causal, scale, block_q, block_k
):
    q, k, v = data
    assume(backend is not None or nonempty(q, k))  # the statement's lengths start at 1
    flash = impl("flash_attention")
    out = check_against_oracle(flash, q, k, v, causal, scale, backend, block_q, block_k)
    # Without return_lse: the same output alone.
    alone = call(
        flash, backend, q, k, v, causal=causal, scale=scale, block_q=block_q, block_k=block_k
    )
    np.testing.assert_array_equal(alone, out)


@pytest.mark.reference_only
@requires_cuda
@settings(max_examples=CUDA_EXAMPLES)
@given(
    data=qkv(max_len=9, max_dim=3, batch_shapes=SMALL_BATCH_SHAPES, min_len=1),
    causal=st.booleans(),
    scale=scales(),
    block_q=st.integers(1, 4),
    block_k=st.integers(1, 4),
)
def test_flash_attention_equals_softmax_oracle_on_cuda(impl, data, causal, scale, block_q, block_k):
    q, k, v = data
    check_against_oracle(impl("flash_attention"), q, k, v, causal, scale, "cuda", block_q, block_k)


def _stability_case(impl, backend, data, causal, scale, block_q, block_k):
    # Whole numbers up to 100, dim <= 4, a power-of-two scale: scores up to
    # ±4·10⁴ that every backend computes exactly, even in float32 — so the only
    # error left is the softmax's own rounding, and exp(4·10⁴) = inf leaves no
    # room for an implementation that forgets to subtract the running maximum.
    q, k, v = data
    return check_against_oracle(
        impl("flash_attention"), q, k, v, causal, scale, backend, block_q, block_k, exact=True
    )


@pytest.mark.parametrize("backend", cases(HOST_BACKENDS))
@given(
    data=qkv(max_len=16, dtypes=(np.float32,), bound=100, integers=True),
    causal=st.booleans(),
    scale=st.sampled_from([1.0, 0.5, 0.25]),
    block_q=blocks,
    block_k=blocks,
)
def test_flash_attention_is_stable_for_logits_up_to_ten_thousand(
    impl, backend, data, causal, scale, block_q, block_k
):
    assume(backend is not None or nonempty(*data[:2]))
    out = _stability_case(impl, backend, data, causal, scale, block_q, block_k)
    assert np.all(np.isfinite(out))


@pytest.mark.reference_only
@requires_cuda
@settings(max_examples=CUDA_EXAMPLES)
@given(
    data=qkv(
        max_len=8,
        max_dim=3,
        batch_shapes=SMALL_BATCH_SHAPES,
        min_len=1,
        dtypes=(np.float32,),
        bound=100,
        integers=True,
    ),
    causal=st.booleans(),
    scale=st.sampled_from([1.0, 0.5, 0.25]),
    block_q=st.integers(1, 4),
    block_k=st.integers(1, 4),
)
def test_flash_attention_is_stable_for_logits_up_to_ten_thousand_on_cuda(
    impl, data, causal, scale, block_q, block_k
):
    out = _stability_case(impl, "cuda", data, causal, scale, block_q, block_k)
    assert np.all(np.isfinite(out))


@pytest.mark.parametrize("backend", cases(BACKENDS))
def test_flash_attention_of_a_dominant_key_is_its_value(impl, backend):
    # Logits 10⁴ apart in float32: the winner takes all, and lse is its logit.
    q = np.array([[100.0, 0.0]], dtype=np.float32)
    k = np.array([[100.0, 0.0], [0.0, 100.0], [-100.0, 0.0]], dtype=np.float32)
    v = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype=np.float32)
    out, lse = call(
        impl("flash_attention"), backend, q, k, v, scale=1.0, block_k=1, return_lse=True
    )
    np.testing.assert_array_equal(out, [[1.0, 2.0]])
    np.testing.assert_array_equal(lse, [1e4])


# ---------------------------------------------------------------------------
# Masking: rows without keys, tiles past the diagonal


@pytest.mark.parametrize("backend", cases(BACKENDS))
def test_rows_that_see_no_key_give_zero_and_minus_inf_lse(impl, backend):
    # len_q = 5 > len_k = 2, causal: query i sees keys j <= i - 3, so rows 0–2 see none.
    rng = np.random.default_rng(3)
    q = rng.normal(size=(2, 5, 3)).astype(np.float32)
    k = rng.normal(size=(2, 2, 3)).astype(np.float32)
    v = rng.normal(size=(2, 2, 4)).astype(np.float32)
    out, lse = call(
        impl("flash_attention"),
        backend,
        q,
        k,
        v,
        causal=True,
        block_q=2,
        block_k=1,
        return_lse=True,
    )
    np.testing.assert_array_equal(out[:, :3], 0.0)
    np.testing.assert_array_equal(lse[:, :3], -np.inf)
    np.testing.assert_allclose(out[:, 3], v[:, 0], rtol=1e-6)  # row 3 sees key 0 only
    assert np.all(np.isfinite(lse[:, 3:]))


@pytest.mark.parametrize("backend", cases(BACKENDS, pytest.mark.contract))
def test_no_keys_at_all_and_no_queries_give_empty_results(impl, backend):
    flash = impl("flash_attention")
    out, lse = call(
        flash, backend, np.ones((2, 3, 4)), np.ones((2, 0, 4)), np.ones((2, 0, 5)), return_lse=True
    )
    assert out.shape == (2, 3, 5)
    assert lse.shape == (2, 3)
    np.testing.assert_array_equal(out, 0.0)
    np.testing.assert_array_equal(lse, -np.inf)
    out, lse = call(
        flash, backend, np.ones((0, 4)), np.ones((3, 4)), np.ones((3, 2)), return_lse=True
    )
    assert out.shape == (0, 2)
    assert lse.shape == (0,)


@st.composite
def poisoned_causal_case(draw, max_len: int, max_block: int):
    """Causal inputs plus the first key no row of the first query tile may read.

    Query tile 0 holds rows [0, block_q); its last row sees keys up to
    ``block_q - 1 + len_k - len_q``, so every key tile starting after that is
    fully masked for it, and must be skipped — never loaded, never multiplied.
    """
    len_q = draw(st.integers(1, max_len))
    len_k = draw(st.integers(1, max_len))
    block_q = draw(st.integers(1, max_block))
    block_k = draw(st.integers(1, max_block))
    k_stop = min(block_q, len_q) + len_k - len_q  # keys [0, k_stop) are visible to tile 0
    first_skipped = -(-max(k_stop, 0) // min(block_k, len_k)) * min(block_k, len_k)
    return len_q, len_k, block_q, block_k, first_skipped


# Rows of later query tiles do see the NaN keys; the simulator warns about their NaN arithmetic.
@pytest.mark.reference_only  # tile skipping is how our kernels save work, not the statement's ask
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=CUDA_EXAMPLES)
@given(case=poisoned_causal_case(max_len=10, max_block=4), seed=st.integers(0, 2**32 - 1))
def test_causal_flash_attention_skips_key_tiles_past_the_diagonal(impl, backend, case, seed):
    # NaN in every key and value a query tile must skip: a kernel that reads
    # such a tile and masks it afterwards turns 0·NaN into NaN; one that skips
    # it is exact.  (The reference, which multiplies the whole masked matrix,
    # would fail this.)
    len_q, len_k, block_q, block_k, first_skipped = case
    rng = np.random.default_rng(seed)
    q = rng.normal(size=(len_q, 3))
    k = rng.normal(size=(len_k, 3))
    v = rng.normal(size=(len_k, 2))
    expected, _ = scipy_attention(q, k, v, causal=True, scale=None)
    k[first_skipped:] = np.nan
    v[first_skipped:] = np.nan
    out = impl("flash_attention")(
        q, k, v, causal=True, block_q=block_q, block_k=block_k, backend=backend
    )
    rows = min(block_q, len_q)
    np.testing.assert_allclose(out[:rows], expected[:rows], rtol=1e-12, atol=1e-12)


# ---------------------------------------------------------------------------
# Memory: never the len_q × len_k matrix


def peak_allocation(flash, backend, n: int, dim: int = 4) -> int:
    """Peak NumPy allocation (bytes, as tracemalloc sees it) of one causal call at length n."""
    rng = np.random.default_rng(4)
    q, k, v = rng.normal(size=(3, n, dim))
    call(flash, backend, q, k, v, causal=True)  # compile or load any kernels untraced
    tracemalloc.start()
    try:
        call(flash, backend, q, k, v, causal=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


@pytest.mark.complexity
def test_flash_attention_never_holds_a_score_matrix(impl):
    # The statement's bound: at 4096 positions one float64 score matrix is 128 MiB
    # (a bool mask 16 MiB); O(len·block_k) tiles over all queries at once stay
    # within a few MiB.  NumPy's allocations are traced by tracemalloc.
    peak = peak_allocation(impl("flash_attention"), None, 4096)
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MiB; the score matrix is 128 MiB"


@pytest.mark.reference_only
@pytest.mark.parametrize("backend", HOST_BACKENDS)
def test_flash_attention_never_allocates_a_score_matrix(impl, backend):
    # The reference's own figure: at 2048 positions one float64 score matrix is
    # 32 MiB; the tiled version needs the inputs' float64 copies and a few
    # 64 × 64 tiles (< 1 MiB).  ('cpu' allocates its tiles inside Numba, which
    # tracemalloc does not see; the Python-side padding copies it does see are
    # O(n·dim) too.)
    peak = peak_allocation(impl("flash_attention"), backend, 2048)
    assert peak < 2 * 2**20, f"peak {peak / 2**20:.1f} MiB; the score matrix is 32 MiB"


# ---------------------------------------------------------------------------
# Dtypes, inputs, bad arguments


@pytest.mark.parametrize("backend", cases(BACKENDS, pytest.mark.contract))
@pytest.mark.parametrize(
    ("dtypes", "expected"),
    [
        ((np.float32, np.float32, np.float32), np.float32),
        ((np.float64, np.float64, np.float64), np.float64),
        ((np.float64, np.float32, np.float32), np.float64),
        ((np.int64, np.int64, np.int32), np.float64),
    ],
)
def test_flash_attention_dtype_follows_the_inputs(impl, backend, dtypes, expected):
    q, k, v = (np.ones((3, 2), dtype=t) for t in dtypes)
    out, lse = call(impl("flash_attention"), backend, q, k, v, return_lse=True)
    assert out.dtype == lse.dtype == expected
    np.testing.assert_allclose(out, 1.0)
    np.testing.assert_allclose(lse, 2 / np.sqrt(2) + np.log(3), rtol=1e-6)


@pytest.mark.parametrize("backend", cases(BACKENDS))
def test_flash_attention_does_not_mutate_its_inputs(impl, backend):
    rng = np.random.default_rng(5)
    q = rng.normal(size=(2, 7, 3)).astype(np.float32)
    k = rng.normal(size=(2, 9, 3)).astype(np.float32)
    v = rng.normal(size=(2, 9, 2)).astype(np.float32)
    copies = [x.copy() for x in (q, k, v)]
    call(impl("flash_attention"), backend, q, k, v, causal=True, block_q=4, block_k=4)
    for x, before in zip((q, k, v), copies, strict=True):
        np.testing.assert_array_equal(x, before)


GOOD = np.ones((2, 3, 4))
BAD_INPUT = [
    ((np.ones(4), GOOD[0], GOOD[0]), {}, ValueError, "q must have at least 2"),
    ((GOOD, np.ones((2, 3, 5)), GOOD), {}, ValueError, r"same last dimension \(dim\)"),
    ((GOOD, GOOD, np.ones((2, 4, 4))), {}, ValueError, "same sequence length"),
    ((GOOD, np.ones((3, 3, 4)), np.ones((3, 3, 4))), {}, ValueError, "leading"),
    ((GOOD, GOOD, GOOD), {"block_q": 0}, ValueError, "block_q must be >= 1"),
    ((GOOD, GOOD, GOOD), {"block_k": -3}, ValueError, "block_k must be >= 1"),
    ((GOOD, GOOD, GOOD), {"block_q": 2.0}, TypeError, "block_q must be an integer"),
    ((GOOD, GOOD, GOOD), {"block_k": True}, TypeError, "block_k must be an integer"),
    ((GOOD, GOOD, GOOD), {"return_lse": "yes"}, TypeError, "return_lse must be True"),
    ((GOOD, GOOD, GOOD), {"causal": None}, TypeError, "causal must be True"),
    ((GOOD, GOOD, GOOD), {"scale": float("-inf")}, ValueError, "scale must be finite"),
    ((GOOD, GOOD, GOOD.astype(np.float16)), {}, TypeError, "v must be a float32"),
]
BAD_BACKENDS = [
    ((GOOD, GOOD, GOOD), {"backend": "gpu"}, ValueError, "backend must be"),
    ((GOOD, GOOD, GOOD), {"backend": 3}, TypeError, "backend must be a string"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("args", "kwargs", "error"), [case[:3] for case in BAD_INPUT])
def test_flash_attention_rejects_bad_input(impl, args, kwargs, error):
    with pytest.raises(error):
        impl("flash_attention")(*args, **kwargs)


@pytest.mark.reference_only
@pytest.mark.parametrize(("args", "kwargs", "error", "match"), BAD_INPUT + BAD_BACKENDS)
def test_flash_attention_error_messages_name_the_rule(impl, args, kwargs, error, match):
    with pytest.raises(error, match=match):
        impl("flash_attention")(*args, **kwargs)


@pytest.mark.reference_only
@requires_cuda
def test_cuda_rejects_more_query_rows_per_block_than_threads(impl):
    with pytest.raises(ValueError, match="block_q must be <= 1024"):
        impl("flash_attention")(GOOD, GOOD, GOOD, block_q=1025, backend="cuda")


@pytest.mark.reference_only
@requires_cuda
def test_cuda_rejects_rows_too_wide_for_shared_memory(impl):
    wide = np.ones((2, 4000))
    with pytest.raises(ValueError, match="dim_v"):
        impl("flash_attention")(wide, wide, wide, backend="cuda")
