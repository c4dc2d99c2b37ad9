"""Properties of ``embedding`` and ``embedding_backward`` (``gpu.embedding``).

Oracles, each independent of the code under test:

* the one-hot product: ``embedding(ids, W) == one_hot(ids) @ W`` exactly (a row
  times a one-hot vector adds the row to zeros), and
  ``embedding_backward(ids, G) == one_hot(ids)ᵀ @ G`` up to rounding;
* the definition of the backward pass, row by row: row r is ``math.fsum`` of
  the gradient rows whose id is r (correctly rounded), and ``np.add.at``;
* the adjoint identity ``⟨embedding(ids, W), G⟩ = ⟨W, embedding_backward(ids, G)⟩``
  — the backward pass is the transpose of the forward map;
* for the ``'cpu'`` and ``'cuda'`` backends, the ``'numpy'`` reference.

Ids are drawn from small vocabularies, so most of them repeat — the point of
the scatter-add (and of the CUDA kernel's atomics).  Float sums are compared
with the bound ``(k + 1)·ε·Σ|g|`` for a row built from k gradient rows, which
holds for any order of addition.  The ``'cuda'`` properties run in Numba's
CUDA simulator here: tiny shapes, few examples.
"""

from __future__ import annotations

import math
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gpu.backend
from gpu.backend import available_backends, has_real_gpu, using_simulator

HAS_CUDA = "cuda" in available_backends()
COMPILED_BACKENDS = ["cpu"] + (["cuda"] if HAS_CUDA else [])
requires_cuda = pytest.mark.skipif(not HAS_CUDA, reason="no CUDA GPU and no CUDA simulator")
# The simulator runs a few thousand GPU threads per second: a handful of tiny examples.
CUDA_EXAMPLES = 10 if using_simulator() else 100
FLOAT_DTYPES = [np.float32, np.float64]


# ---------------------------------------------------------------------------
# Oracles


def one_hot(ids: np.ndarray, num_embeddings: int) -> np.ndarray:
    """``(ids.size, num_embeddings)`` float64 rows with a single 1 at column ``ids[i]``."""
    flat = np.asarray(ids).reshape(-1)
    out = np.zeros((flat.size, num_embeddings))
    out[np.arange(flat.size), flat] = 1.0
    return out


def fsum_rows(ids: np.ndarray, grad: np.ndarray, num_embeddings: int) -> np.ndarray:
    """Row r = the correctly rounded sum of the gradient rows whose id is r."""
    flat = np.asarray(ids).reshape(-1)
    g = np.asarray(grad, dtype=np.float64).reshape(flat.size, -1)
    out = np.zeros((num_embeddings, g.shape[1]))
    for r in range(num_embeddings):
        rows = g[flat == r]
        for j in range(g.shape[1]):
            out[r, j] = math.fsum(rows[:, j])
    return out


def sum_bound(ids: np.ndarray, grad: np.ndarray, num_embeddings: int, dtype) -> np.ndarray:
    """``(k_r + 1)·ε·Σ|g|`` per entry: any order of k_r additions, plus the final rounding."""
    flat = np.asarray(ids).reshape(-1)
    magnitude = fsum_rows(ids, np.abs(np.asarray(grad, dtype=np.float64)), num_embeddings)
    counts = np.bincount(flat, minlength=num_embeddings)[:, None]
    return (counts + 1) * np.finfo(dtype).eps * magnitude


def assert_backward_close(got, ids, grad, num_embeddings) -> None:
    got = np.asarray(got, dtype=np.float64)
    dim = np.asarray(grad).shape[-1]
    assert got.shape == (num_embeddings, dim)
    expected = fsum_rows(ids, grad, num_embeddings)
    bound = sum_bound(ids, grad, num_embeddings, np.asarray(grad).dtype)
    assert np.all(np.abs(got - expected) <= bound), np.max(np.abs(got - expected) - bound)


# ---------------------------------------------------------------------------
# Strategies


def floats(dtype) -> st.SearchStrategy:
    return st.floats(-1e3, 1e3, width=8 * np.dtype(dtype).itemsize)


@st.composite
def lookups(draw, max_num=8, max_dim=5, max_ids=40, dtypes=FLOAT_DTYPES):
    """``(ids, weight, grad)``: 1-D or 2-D ids over a small vocabulary (so ids repeat)."""
    dtype = draw(st.sampled_from(dtypes))
    num = draw(st.integers(1, max_num))
    dim = draw(st.integers(1, max_dim))
    if draw(st.booleans()):
        shape = (draw(st.integers(1, max_ids)),)
    else:
        shape = (draw(st.integers(1, 4)), draw(st.integers(1, max_ids // 4)))
    # Sometimes only a few of the vocabulary's ids occur: heavy repetition, unused rows.
    high = draw(st.sampled_from([num - 1, min(num - 1, 1), 0]))
    ids = draw(hnp.arrays(np.int64, shape, elements=st.integers(0, high)))
    weight = draw(hnp.arrays(dtype, (num, dim), elements=floats(dtype)))
    grad = draw(hnp.arrays(dtype, (*shape, dim), elements=floats(dtype)))
    return ids, weight, grad


# ---------------------------------------------------------------------------
# core


@given(data=lookups())
def test_embedding_equals_the_one_hot_product(impl, data):
    ids, weight, _ = data
    out = impl("embedding")(ids, weight)
    expected = (one_hot(ids, weight.shape[0]) @ weight.astype(np.float64)).reshape(
        *ids.shape, weight.shape[1]
    )
    assert out.shape == expected.shape
    np.testing.assert_array_equal(out, expected)


@given(data=lookups())
def test_backward_adds_up_the_gradient_rows_of_each_id(impl, data):
    ids, weight, grad = data
    num = weight.shape[0]
    got = impl("embedding_backward")(ids, grad, num)
    assert_backward_close(got, ids, grad, num)
    # The same bound against the transposed one-hot product and np.add.at (float64).
    transposed = one_hot(ids, num).T @ grad.reshape(ids.size, -1).astype(np.float64)
    scattered = np.zeros((num, grad.shape[-1]))
    np.add.at(scattered, ids.reshape(-1), grad.reshape(ids.size, -1).astype(np.float64))
    bound = 2 * sum_bound(ids, grad, num, grad.dtype)
    assert np.all(np.abs(np.asarray(got, dtype=np.float64) - transposed) <= bound)
    assert np.all(np.abs(np.asarray(got, dtype=np.float64) - scattered) <= bound)


@given(data=lookups())
def test_backward_is_the_adjoint_of_the_lookup(impl, data):
    # ⟨one_hot·W, G⟩ = ⟨W, one_hotᵀ·G⟩: both sides are Σ_i W[ids[i]]·G[i].
    ids, weight, grad = data
    num = weight.shape[0]
    forward = np.asarray(impl("embedding")(ids, weight), dtype=np.float64)
    backward = np.asarray(impl("embedding_backward")(ids, grad, num), dtype=np.float64)
    left = math.fsum((forward * grad.astype(np.float64)).ravel())
    right = math.fsum((weight.astype(np.float64) * backward).ravel())
    w_max = float(np.abs(weight).max())
    # The backward's rounding, weighted by |W|; plus the two fsums' final roundings.
    bound = sum_bound(ids, grad, num, grad.dtype).sum() * w_max
    bound += 2 * np.finfo(np.float64).eps * (abs(left) + abs(right))
    assert abs(left - right) <= bound


@given(
    n=st.integers(1, 200),
    dim=st.integers(1, 4),
    num=st.integers(1, 6),
    dtype=st.sampled_from(FLOAT_DTYPES),
    data=st.data(),
)
def test_one_id_repeated_many_times_gets_the_column_sums(impl, n, dim, num, dtype, data):
    token = data.draw(st.integers(0, num - 1), label="token")
    grad = data.draw(hnp.arrays(dtype, (n, dim), elements=floats(dtype)), label="grad")
    ids = np.full(n, token)
    got = np.asarray(impl("embedding_backward")(ids, grad, num))
    assert_backward_close(got, ids, grad, num)
    others = np.delete(got, token, axis=0)
    np.testing.assert_array_equal(others, np.zeros_like(others))


def test_embedding_examples(impl):
    weight = np.array([[0.0, 1.0], [10.0, 11.0], [20.0, 21.0]])
    np.testing.assert_array_equal(
        impl("embedding")(np.array([2, 0, 2]), weight), [[20, 21], [0, 1], [20, 21]]
    )
    grad = np.array([[1.0, 2.0], [10.0, 20.0], [100.0, 200.0]])
    np.testing.assert_array_equal(
        impl("embedding_backward")(np.array([2, 0, 2]), grad, 4),
        [[10, 20], [0, 0], [101, 202], [0, 0]],
    )


# ---------------------------------------------------------------------------
# contract


@pytest.mark.contract
@pytest.mark.parametrize("bad", [[-1], [3], [0, 1, 2, 3], [[0], [7]]])
def test_ids_out_of_range_are_a_value_error(impl, bad):
    weight = np.ones((3, 2))
    with pytest.raises(ValueError):
        impl("embedding")(np.array(bad), weight)
    with pytest.raises(ValueError):
        impl("embedding_backward")(np.array(bad), np.ones((*np.shape(bad), 2)), 3)


@pytest.mark.contract
@pytest.mark.parametrize(
    "bad",
    [np.array([0.0, 1.0]), np.array([True, False]), np.array(["0", "1"]), [0.5, 1.0], None],
)
def test_ids_that_are_not_integers_are_a_type_error(impl, bad):
    with pytest.raises(TypeError):
        impl("embedding")(bad, np.ones((3, 2)))
    with pytest.raises(TypeError):
        impl("embedding_backward")(bad, np.ones((2, 2)), 3)


@pytest.mark.contract
@pytest.mark.parametrize("shape", [(3,), (3, 2, 1), ()])
def test_weight_that_is_not_2d_is_a_value_error(impl, shape):
    with pytest.raises(ValueError):
        impl("embedding")(np.array([0]), np.ones(shape))


@pytest.mark.contract
@pytest.mark.parametrize("shape", [(2,), (3, 2), (2, 2, 1), (1, 2)])
def test_grad_out_not_shaped_like_the_lookup_is_a_value_error(impl, shape):
    with pytest.raises(ValueError):
        impl("embedding_backward")(np.array([0, 1]), np.ones(shape), 3)


@pytest.mark.contract
def test_bad_num_embeddings(impl):
    with pytest.raises(ValueError):
        impl("embedding_backward")(np.array([0]), np.ones((1, 2)), -1)
    with pytest.raises(TypeError):
        impl("embedding_backward")(np.array([0]), np.ones((1, 2)), 3.0)


@pytest.mark.contract
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_the_float_dtype_is_kept(impl, dtype):
    ids = np.array([1, 1, 0])
    assert impl("embedding")(ids, np.ones((2, 3), dtype=dtype)).dtype == dtype
    assert impl("embedding_backward")(ids, np.ones((3, 3), dtype=dtype), 2).dtype == dtype


@pytest.mark.contract
@pytest.mark.parametrize("dtype", [np.int8, np.int32, np.uint8, np.uint64])
def test_any_integer_dtype_of_ids_and_lists(impl, dtype):
    weight = np.arange(8.0).reshape(4, 2)
    ids = np.array([3, 0, 3], dtype=dtype)
    np.testing.assert_array_equal(impl("embedding")(ids, weight), weight[[3, 0, 3]])
    np.testing.assert_array_equal(impl("embedding")([3, 0, 3], weight), weight[[3, 0, 3]])
    got = impl("embedding_backward")(ids, np.ones((3, 2)), 4)
    np.testing.assert_array_equal(got, [[1, 1], [0, 0], [0, 0], [2, 2]])


@pytest.mark.contract
def test_empty_and_scalar_ids(impl):
    weight = np.ones((3, 2))
    assert impl("embedding")(np.zeros(0, dtype=np.int64), weight).shape == (0, 2)
    assert impl("embedding")(np.zeros((2, 0), dtype=np.int64), weight).shape == (2, 0, 2)
    np.testing.assert_array_equal(
        impl("embedding_backward")(np.zeros(0, dtype=np.int64), np.ones((0, 2)), 3),
        np.zeros((3, 2)),
    )
    np.testing.assert_array_equal(impl("embedding")(np.int64(1), np.eye(3)), [0, 1, 0])
    np.testing.assert_array_equal(
        impl("embedding_backward")(np.int64(1), np.array([5.0, 6.0]), 2), [[0, 0], [5, 6]]
    )


@pytest.mark.contract
def test_inputs_are_not_mutated(impl):
    rng = np.random.default_rng(0)
    ids = rng.integers(0, 5, (4, 6))
    weight = rng.standard_normal((5, 3))
    grad = rng.standard_normal((4, 6, 3))
    copies = [a.copy() for a in (ids, weight, grad)]
    out = impl("embedding")(ids, weight)
    back = impl("embedding_backward")(ids, grad, 5)
    for a, b in zip((ids, weight, grad), copies, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.shares_memory(out, weight) and not np.shares_memory(back, grad)


# ---------------------------------------------------------------------------
# reference only: backends and error wording


@pytest.mark.reference_only
@pytest.mark.parametrize("backend", COMPILED_BACKENDS)
@settings(max_examples=CUDA_EXAMPLES)
@given(data=lookups(max_num=5, max_dim=3, max_ids=16))
def test_backends_equal_the_definition(impl, backend, data):
    ids, weight, grad = data
    num = weight.shape[0]
    out = impl("embedding")(ids, weight, backend=backend)
    assert isinstance(out, np.ndarray) and out.dtype == weight.dtype
    np.testing.assert_array_equal(out, weight[ids])
    back = impl("embedding_backward")(ids, grad, num, backend=backend)
    assert isinstance(back, np.ndarray) and back.dtype == grad.dtype
    assert_backward_close(back, ids, grad, num)


@pytest.mark.reference_only
@given(data=lookups())
def test_cpu_backward_is_np_add_at_in_the_same_dtype_bit_for_bit(impl, data):
    ids, weight, grad = data
    expected = np.zeros((weight.shape[0], grad.shape[-1]), dtype=grad.dtype)
    np.add.at(expected, ids.reshape(-1), grad.reshape(ids.size, -1))
    got = impl("embedding_backward")(ids, grad, weight.shape[0], backend="cpu")
    np.testing.assert_array_equal(got, expected)


@pytest.mark.reference_only
@given(data=lookups())
def test_reference_backward_sums_in_float64(impl, data):
    ids, weight, grad = data
    got = impl("embedding_backward")(ids, grad, weight.shape[0], backend="numpy")
    expected = fsum_rows(ids, grad, weight.shape[0])
    # float64 sums of at most 40 terms, then one rounding to the result dtype.
    bound = sum_bound(ids, grad.astype(np.float64), weight.shape[0], np.float64)
    bound += np.finfo(grad.dtype).eps * np.abs(expected)
    assert np.all(np.abs(got.astype(np.float64) - expected) <= bound)


@pytest.mark.reference_only
@requires_cuda
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_cuda_atomics_under_heavy_contention(impl, dtype):
    # 48 rows of 2 columns, all into two table rows: many threads hit one address at once.
    rng = np.random.default_rng(1)
    ids = rng.integers(0, 2, 48)
    grad = rng.uniform(-1, 1, (48, 2)).astype(dtype)
    got = impl("embedding_backward")(ids, grad, 3, backend="cuda")
    assert_backward_close(got, ids, grad, 3)
    np.testing.assert_array_equal(got[2], [0, 0])


@pytest.mark.reference_only
def test_cpu_parallel_gather_equals_the_reference(impl):
    rng = np.random.default_rng(2)
    ids = rng.integers(0, 50, (7, 9))
    weight = rng.standard_normal((50, 6)).astype(np.float32)
    with mock.patch.object(gpu.backend, "PARALLEL_MIN_SIZE", 0):
        got = impl("embedding")(ids, weight, backend="cpu")
    np.testing.assert_array_equal(got, weight[ids])


@pytest.mark.reference_only
def test_error_messages_name_the_argument_and_the_rule(impl):
    weight = np.ones((3, 2))
    with pytest.raises(
        ValueError, match=r"ids must lie in \[0, num_embeddings\) = \[0, 3\), got 3"
    ):
        impl("embedding")(np.array([0, 3]), weight)
    with pytest.raises(ValueError, match=r"got -2"):
        impl("embedding")(np.array([-2, 1]), weight)
    with pytest.raises(TypeError, match="ids must be an array of integers, got dtype float64"):
        impl("embedding")(np.array([1.0]), weight)
    with pytest.raises(ValueError, match=r"weight must be 2-D \(num_embeddings, dim\)"):
        impl("embedding")(np.array([0]), np.ones(3))
    with pytest.raises(ValueError, match=r"grad_out must have shape ids.shape \+ \(dim,\)"):
        impl("embedding_backward")(np.array([0, 1]), np.ones((3, 2)), 3)
    with pytest.raises(ValueError, match="num_embeddings must be >= 0"):
        impl("embedding_backward")(np.array([0]), np.ones((1, 2)), -1)


# ---------------------------------------------------------------------------
# reference only: PyTorch itself as the oracle (only where PyTorch is installed)


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch")


@pytest.mark.reference_only
@settings(max_examples=60)
@given(data=lookups())
def test_lookup_and_backward_equal_pytorch(impl, torch, data):
    ids, weight, grad = data
    num, dim = weight.shape
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    forward = impl("embedding")(ids, weight)
    backward = impl("embedding_backward")(ids, grad, num)
    for device in devices:
        t_ids = torch.from_numpy(ids).to(device)
        t_weight = torch.from_numpy(weight).to(device)
        expected = torch.nn.functional.embedding(t_ids, t_weight).cpu().numpy()
        np.testing.assert_array_equal(forward, expected)
        # The gradient PyTorch's autograd gives the table (sum of ⟨lookup, grad⟩).
        t_weight.requires_grad_(True)
        looked_up = torch.nn.functional.embedding(t_ids, t_weight)
        (looked_up * torch.from_numpy(grad).to(device)).sum().backward()
        torch_grad = t_weight.grad.cpu().numpy()
        assert torch_grad.shape == (num, dim)
        bound = 2 * sum_bound(ids, grad, num, grad.dtype)
        assert np.all(np.abs(backward.astype(np.float64) - torch_grad) <= bound)


# ---------------------------------------------------------------------------
# CuPy in → CuPy out (only where CuPy and a real GPU exist)


@pytest.fixture
def cupy():
    if not has_real_gpu():
        pytest.skip("needs a real NVIDIA GPU")
    return pytest.importorskip("cupy")


@pytest.mark.reference_only
@pytest.mark.parametrize("backend", ["auto", "numpy", "cpu", "cuda"])
def test_cupy_in_cupy_out(impl, cupy, backend):
    rng = np.random.default_rng(4)
    ids = rng.integers(0, 100, (8, 300))
    weight = rng.standard_normal((100, 64)).astype(np.float32)
    grad = rng.standard_normal((8, 300, 64)).astype(np.float32)
    out = impl("embedding")(cupy.asarray(ids), cupy.asarray(weight), backend=backend)
    assert isinstance(out, cupy.ndarray)
    np.testing.assert_array_equal(out.get(), weight[ids])
    back = impl("embedding_backward")(cupy.asarray(ids), cupy.asarray(grad), 100, backend=backend)
    assert isinstance(back, cupy.ndarray)
    assert_backward_close(back.get(), ids, grad, 100)
