"""``embedding_backward`` and ``embedding``: the Numba ``'cpu'`` backend against NumPy.

A language model's table: 50 000 tokens × 256 dimensions, ``float32``, and
10^4 … 10^6 ids drawn uniformly (quick: up to 10^5).  The target is a speedup
of at least 5 for the backward pass at 10^6 ids against ``np.add.at``.

* ``backward``: ``embedding_backward(ids, grad, 50_000, backend='cpu')`` — one
  pass over the ids in order — against ``np.add.at(zeros, ids, grad)`` on the
  same ``float32`` table (the two agree bit for bit), and against a
  row-partitioned parallel variant (``prange`` over blocks of table rows, each
  worker scanning all ids for its own): what parallelising the scatter buys on
  this machine;
* ``forward``: ``embedding(ids, weight, backend='cpu')`` (rows copied in
  parallel) against ``weight[ids]`` (NumPy's own gather).

The x axis of the plot is the number of ids; the note gives the bytes of
gradient read per second.  Each case checks the sides agree before timing;
compile time is paid before timing; contenders are interleaved round by round.

On a real NVIDIA GPU with CuPy installed, more rows time ``backend='cuda'``
(atomics) on device-resident CuPy arrays against PyTorch's ``index_add_`` (when
PyTorch is there) and against the cpu backend on host arrays.

Run: ``python benchmarks/run.py [--quick] embedding``.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
from numba import njit, prange

from benchmarks.harness import Row, benchmark, cupy_or_none, gpu_time, race
from gpu.embedding import embedding, embedding_backward

NUM_EMBEDDINGS, DIM = 50_000, 256


@njit(parallel=True, cache=True)
def _scatter_add_row_blocks(ids, grad, out, n_blocks):  # pragma: no cover - compiled
    # Worker b owns table rows [lo, hi) and adds every gradient row whose id is
    # there: no two workers write one row, but each reads all the ids.
    num = out.shape[0]
    for b in prange(n_blocks):
        lo = b * num // n_blocks
        hi = (b + 1) * num // n_blocks
        for i in range(ids.shape[0]):
            r = ids[i]
            if lo <= r < hi:
                row = out[r]
                g = grad[i]
                for j in range(g.shape[0]):
                    row[j] += g[j]


def _row_blocks(ids: np.ndarray, grad: np.ndarray) -> np.ndarray:
    out = np.zeros((NUM_EMBEDDINGS, grad.shape[1]), dtype=grad.dtype)
    _scatter_add_row_blocks(ids, grad, out, numba.get_num_threads())
    return out


def _add_at(ids: np.ndarray, grad: np.ndarray) -> np.ndarray:
    out = np.zeros((NUM_EMBEDDINGS, grad.shape[1]), dtype=grad.dtype)
    np.add.at(out, ids, grad)
    return out


@benchmark("embedding")
def bench_embedding(quick: bool) -> list[Row]:
    sizes = [10**4, 10**5] if quick else [10**4, 10**5, 10**6]
    rounds = 2 if quick else 3
    rng = np.random.default_rng(20241203)
    weight = rng.standard_normal((NUM_EMBEDDINGS, DIM), dtype=np.float32)
    rows: list[Row] = []
    for n in sizes:
        ids = rng.integers(0, NUM_EMBEDDINGS, n)
        grad = rng.standard_normal((n, DIM), dtype=np.float32)
        gbps = grad.nbytes / 1e9

        ours = embedding_backward(ids, grad, NUM_EMBEDDINGS, backend="cpu")  # warm-up
        np.testing.assert_array_equal(ours, _add_at(ids, grad))
        np.testing.assert_array_equal(ours, _row_blocks(ids, grad))
        del ours
        best = race(
            {
                "ours": lambda i=ids, g=grad: embedding_backward(
                    i, g, NUM_EMBEDDINGS, backend="cpu"
                ),
                "np.add.at": lambda i=ids, g=grad: _add_at(i, g),
                "row blocks": lambda i=ids, g=grad: _row_blocks(i, g),
            },
            rounds,
            settle_s=0.1,
        )
        note = f"{NUM_EMBEDDINGS} × {DIM} float32 table; ours {gbps / best['ours']:.1f} GB/s"
        rows.append(Row("embedding", "cpu backward", n, best["ours"], "np.add.at (float32)",
                        best["np.add.at"], note))  # fmt: skip
        rows.append(Row("embedding", "cpu backward", n, best["ours"],
                        f"prange row blocks ({numba.get_num_threads()} workers)",
                        best["row blocks"], note))  # fmt: skip

        np.testing.assert_array_equal(embedding(ids, weight, backend="cpu"), weight[ids])
        best = race(
            {
                "ours": lambda i=ids: embedding(i, weight, backend="cpu"),
                "weight[ids]": lambda i=ids: weight[i],
            },
            rounds,
            settle_s=0.1,
        )
        note = f"ours {gbps / best['ours']:.1f} GB/s written"
        rows.append(Row("embedding", "cpu forward", n, best["ours"], "weight[ids] (NumPy)",
                        best["weight[ids]"], note))  # fmt: skip
    rows.extend(_gpu_rows(quick))
    return rows


def _gpu_rows(quick: bool) -> list[Row]:  # pragma: no cover - needs a GPU and CuPy
    """The CUDA kernels on CuPy arrays against torch and the cpu backend; [] without a GPU."""
    cupy = cupy_or_none()
    if cupy is None:
        return []
    try:
        import torch
    except ImportError:
        torch = None
    sizes = [10**5, 10**6] if quick else [10**5, 10**6, 4 * 10**6]
    rounds = 5 if quick else 20
    sync = cupy.cuda.Device().synchronize
    rng = np.random.default_rng(20241204)
    rows: list[Row] = []
    for n in sizes:
        ids = rng.integers(0, NUM_EMBEDDINGS, n)
        grad = rng.standard_normal((n, DIM), dtype=np.float32)
        ids_gpu, grad_gpu = cupy.asarray(ids), cupy.asarray(grad)

        def ours(i: Any = ids_gpu, g: Any = grad_gpu) -> Any:
            return embedding_backward(i, g, NUM_EMBEDDINGS, backend="cuda")

        expected = embedding_backward(ids, grad, NUM_EMBEDDINGS, backend="cpu")
        np.testing.assert_allclose(ours().get(), expected, rtol=1e-4, atol=1e-3)
        t_ours = gpu_time(ours, sync, rounds)
        note = f"ours {grad.nbytes / t_ours / 1e9:.0f} GB/s of gradient"
        if torch is not None:
            t_ids, t_grad = torch.from_dlpack(ids_gpu), torch.from_dlpack(grad_gpu)

            def peer(i: Any = t_ids, g: Any = t_grad) -> Any:
                out = torch.zeros((NUM_EMBEDDINGS, DIM), device=g.device, dtype=g.dtype)
                return out.index_add_(0, i, g)

            t_peer = gpu_time(peer, torch.cuda.synchronize, rounds)
            rows.append(Row("embedding", "cuda backward", n, t_ours, "torch index_add_",
                            t_peer, note))  # fmt: skip
        t_cpu = race(
            {"cpu": lambda i=ids, g=grad: embedding_backward(i, g, NUM_EMBEDDINGS, backend="cpu")},
            2,
        )["cpu"]
        rows.append(Row("embedding", "cuda backward", n, t_ours, "cpu backend (host)", t_cpu,
                        note))  # fmt: skip
    return rows
