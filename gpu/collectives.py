"""Ring allreduce: the collective behind data-parallel training, on simulated and real ranks.

The problem.  P workers (*ranks*) each hold an array of the same shape — in
data-parallel training, the gradient of the loss on each rank's shard of the
batch — and every rank needs the elementwise **sum** of all P arrays (divided
by P, the gradient of the whole batch).  That is an *allreduce*.

The naive way sends every array to one rank, which adds them and sends the
sum back: that rank moves 2(P − 1)·N elements while the others idle, so its
link is the bottleneck and the time grows with P.

The idea (the ring, as in Baidu's ring allreduce, Horovod and NCCL).  Arrange
the ranks in a ring, rank r sending only to its successor ``(r + 1) mod P``,
and cut each array into P chunks of ``⌈N/P⌉`` or ``⌊N/P⌋`` elements (the first
``N mod P`` chunks are the longer ones, as ``np.array_split`` cuts)::

    reduce-scatter, step s = 0 … P − 2:  rank r sends chunk (r − s − 1) mod P;
                                         the successor adds it into its own copy
    all-gather,     step s = 0 … P − 2:  rank r sends chunk (r − s) mod P;
                                         the successor overwrites its copy

Chunk c starts its journey at rank c + 1 and collects one more rank's
contribution per hop; after P − 1 hops it arrives at rank c, which adds its own
share: after the reduce-scatter **rank r holds the fully reduced chunk r**.
The all-gather then passes the finished chunks once around the ring.  With
P = 4 (``c`` = chunk, ``Σ`` = partial sums)::

    step 0: 0→1 c3   1→2 c0   2→3 c1   3→0 c2      (reduce-scatter)
    step 1: 0→1 c2   1→2 c3   2→3 c0   3→0 c1
    step 2: 0→1 c1   1→2 c2   2→3 c3   3→0 c0      rank r now holds Σ chunk r
    step 3: 0→1 c0   1→2 c1   2→3 c2   3→0 c3      (all-gather)
    step 4: 0→1 c3   1→2 c0   2→3 c1   3→0 c2
    step 5: 0→1 c2   1→2 c3   2→3 c0   3→0 c1      every rank holds everything

Cost.  2(P − 1) steps; in each, every rank sends one chunk and receives one,
all links busy at once.  Each rank sends ``2(P − 1)·⌈N/P⌉ ≤ 2N`` elements
whatever P is — the lower bound for an allreduce (Patarasuk and Yuan, 2009), so
the ring is *bandwidth-optimal*; its weakness is the 2(P − 1) latencies, which
dominate for small N.  Because the all-gather only copies, every rank ends with
bit-for-bit the same result (each chunk was added up once, on one path).

This module has the ring twice: over P *simulated* ranks in one process
(:func:`ring_allreduce`, :func:`ring_reduce_scatter`, :func:`ring_all_gather`,
with a trace of every message), and over real MPI processes
(:func:`mpi_ring_allreduce`, with ``mpi4py``).  ``python -m gpu.collectives
--check`` under ``mpiexec -n P`` checks the MPI version against MPI's own
``Allreduce`` and the data-parallel invariant (see :func:`main`).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import sys
import traceback
from collections.abc import Iterable
from typing import Any, NamedTuple

import numpy as np

from gpu._validate import as_array, describe

__all__ = [
    "Message",
    "main",
    "mpi_ring_allreduce",
    "ring_all_gather",
    "ring_allreduce",
    "ring_reduce_scatter",
]


class Message(NamedTuple):
    """One message of a trace: at ``step``, rank ``src`` sends ``chunk`` to rank ``dst``.

    ``n_elements`` is the chunk's length (0 for the empty chunks of N < P).
    """

    step: int
    src: int
    dst: int
    chunk: int
    n_elements: int


# ---------------------------------------------------------------------------
# Checks and the chunk layout
# ---------------------------------------------------------------------------


def _as_rank_arrays(arrays: Any, name: str) -> list[np.ndarray]:
    """``arrays`` as a list of P >= 1 numeric arrays of one dtype (shapes are the caller's)."""
    if arrays is None or isinstance(arrays, (str, bytes)) or not isinstance(arrays, Iterable):
        raise TypeError(f"{name} must be a list of arrays, one per rank, got {describe(arrays)}")
    out = []
    for r, x in enumerate(arrays):
        arr = as_array(x, f"{name}[{r}]")
        if arr.dtype.kind == "b":
            raise TypeError(f"{name}[{r}] must hold numbers, got dtype bool")
        out.append(arr)
    if not out:
        raise ValueError(f"{name} must hold at least one rank's array, got none")
    for r, arr in enumerate(out):
        if arr.dtype != out[0].dtype:
            raise ValueError(
                f"{name}[{r}] has dtype {arr.dtype}, but {name}[0] has dtype {out[0].dtype}: "
                "every rank must hold the same dtype"
            )
    return out


def _chunk_bounds(n: int, p: int) -> list[tuple[int, int]]:
    """``(start, stop)`` of P contiguous chunks of ``range(n)``, the N mod P longer ones first."""
    base, longer = divmod(n, p)
    bounds, start = [], 0
    for c in range(p):
        stop = start + base + (c < longer)
        bounds.append((start, stop))
        start = stop
    return bounds


# ---------------------------------------------------------------------------
# The two phases on simulated ranks
#
# ``work[r]`` is rank r's flat working copy.  Each step first collects every
# rank's outgoing message (a copy: what goes on the wire), then delivers them,
# so all P sends of a step happen "at once" as on a real ring.
# ---------------------------------------------------------------------------


def _reduce_scatter(
    work: list[np.ndarray], bounds: list[tuple[int, int]], trace: list[Message], step0: int
) -> None:
    p = len(work)
    for s in range(p - 1):
        outbox = []
        for src in range(p):
            c = (src - s - 1) % p
            lo, hi = bounds[c]
            outbox.append((src, (src + 1) % p, c, work[src][lo:hi].copy()))
        for src, dst, c, payload in outbox:
            lo, hi = bounds[c]
            work[dst][lo:hi] += payload  # the receiver adds its own share to the partial sum
            trace.append(Message(step0 + s, src, dst, c, hi - lo))


def _all_gather(
    work: list[np.ndarray], bounds: list[tuple[int, int]], trace: list[Message], step0: int
) -> None:
    p = len(work)
    for s in range(p - 1):
        outbox = []
        for src in range(p):
            c = (src - s) % p
            lo, hi = bounds[c]
            outbox.append((src, (src + 1) % p, c, work[src][lo:hi].copy()))
        for src, dst, c, payload in outbox:
            lo, hi = bounds[c]
            work[dst][lo:hi] = payload  # a finished chunk: copied, never re-added
            trace.append(Message(step0 + s, src, dst, c, hi - lo))


def _flat_copies(buffers: Any) -> tuple[list[np.ndarray], tuple[int, ...]]:
    """Each rank's buffer as a flat private copy; checks equal shapes and dtypes."""
    arrays = _as_rank_arrays(buffers, "buffers")
    shape = arrays[0].shape
    for r, arr in enumerate(arrays):
        if arr.shape != shape:
            raise ValueError(
                f"buffers[{r}] has shape {arr.shape}, but buffers[0] has shape {shape}: "
                "every rank must hold an array of the same shape"
            )
    return [np.array(arr, copy=True).reshape(-1) for arr in arrays], shape


# ---------------------------------------------------------------------------
# Public: simulated ranks
# ---------------------------------------------------------------------------


def ring_reduce_scatter(buffers: Any) -> list[np.ndarray]:
    """Reduce-scatter on a ring: rank r ends with chunk r of the sum of all ranks' buffers.

    Parameters
    ----------
    buffers : list of P array_like
        Rank r's array, for P >= 1 ranks; all of one shape and one numeric
        dtype (not bool).

    Returns
    -------
    list of P 1-D ndarrays
        Entry r is chunk r of the flattened (C order) elementwise sum: the
        N elements are cut into P contiguous chunks, the first ``N mod P`` of
        ``⌈N/P⌉`` elements and the rest of ``⌊N/P⌋`` (``np.array_split``'s
        layout; empty when N < P).  The dtype is the buffers' dtype (integer
        sums wrap around on overflow, as NumPy's do).

    Raises
    ------
    TypeError
        ``buffers`` is not a list of numeric arrays, or holds a bool array.
    ValueError
        No ranks; a rank's shape or dtype differs from rank 0's (the message
        names the rank).

    Notes
    -----
    P − 1 steps; in each, every rank sends one chunk to rank ``(r + 1) mod P``
    and adds the chunk it receives: ``(P − 1)·⌈N/P⌉`` elements sent per rank,
    Θ(P·N) time in all and Θ(P·N) memory (every rank's working copy).  The
    inputs are never modified.

    Examples
    --------
    >>> import numpy as np
    >>> ring_reduce_scatter([np.arange(5), 10 * np.arange(5), 100 * np.arange(5)])
    [array([  0, 111]), array([222, 333]), array([444])]
    """
    work, _ = _flat_copies(buffers)
    bounds = _chunk_bounds(work[0].size, len(work))
    _reduce_scatter(work, bounds, [], 0)
    return [work[r][lo:hi].copy() for r, (lo, hi) in enumerate(bounds)]


def ring_all_gather(chunks: Any) -> list[np.ndarray]:
    """All-gather on a ring: every rank ends with the concatenation of all ranks' chunks.

    Parameters
    ----------
    chunks : list of P array_like
        Rank r's chunk, 1-D (a scalar counts as one element); lengths may
        differ (0 included); one numeric dtype (not bool).

    Returns
    -------
    list of P 1-D ndarrays
        Each equal to ``np.concatenate(chunks)``, in the chunks' dtype; P
        separate arrays (one per rank), not P references to one.

    Raises
    ------
    TypeError
        ``chunks`` is not a list of numeric arrays, or holds a bool array.
    ValueError
        No ranks; a chunk is not 1-D; a rank's dtype differs from rank 0's
        (the message names the rank).

    Notes
    -----
    P − 1 steps; at step s rank r sends chunk ``(r − s) mod P`` — the one it
    received at the step before — to rank ``(r + 1) mod P``.  Each rank sends
    every chunk but its predecessor's, so at most ``(P − 1)·max len`` elements;
    Θ(P·N) time and memory for N elements in all.  The inputs are never
    modified.

    Examples
    --------
    >>> import numpy as np
    >>> ring_all_gather([np.array([1.0, 2.0]), np.array([3.0]), np.array([4.0, 5.0])])[2]
    array([1., 2., 3., 4., 5.])
    """
    arrays = _as_rank_arrays(chunks, "chunks")
    for r, arr in enumerate(arrays):
        if arr.ndim > 1:
            raise ValueError(f"chunks[{r}] must be 1-D, got an array of shape {arr.shape}")
    sizes = [arr.size for arr in arrays]
    starts = [0, *itertools.accumulate(sizes)]
    bounds = list(itertools.pairwise(starts))
    work = []
    for r, arr in enumerate(arrays):
        own = np.zeros(starts[-1], dtype=arr.dtype)  # rank r knows only its own chunk
        own[bounds[r][0] : bounds[r][1]] = arr.reshape(-1)
        work.append(own)
    _all_gather(work, bounds, [], 0)
    return work


def ring_allreduce(buffers: Any, return_trace: bool = False) -> Any:
    """Allreduce (sum) on a ring of P simulated ranks: reduce-scatter, then all-gather.

    Parameters
    ----------
    buffers : list of P array_like
        Rank r's array, for P >= 1 ranks; all of one shape and one numeric
        dtype (not bool).
    return_trace : bool, default False
        Also return every message sent.

    Returns
    -------
    outputs : list of P ndarrays
        Rank r's result: the elementwise sum of all buffers, in their shape
        and dtype (integer sums wrap around on overflow, as NumPy's do).  All
        P results are bit-for-bit equal: each chunk is added up once and then
        only copied.
    trace : list of Message, only with ``return_trace=True``
        One ``(step, src, dst, chunk, n_elements)`` per message, empty ones
        (N < P) included, ordered by step and then by sender.  Steps
        ``0 … P − 2`` are the reduce-scatter, ``P − 1 … 2(P − 1) − 1`` the
        all-gather; in every step each rank ``src`` sends one chunk to
        ``dst = (src + 1) mod P``.  The chunks are those of
        :func:`ring_reduce_scatter`.  P = 1 sends nothing: an empty trace.

    Raises
    ------
    TypeError
        ``buffers`` is not a list of numeric arrays, or holds a bool array;
        ``return_trace`` is not a bool.
    ValueError
        No ranks; a rank's shape or dtype differs from rank 0's (the message
        names the rank).

    Notes
    -----
    2(P − 1) steps and ``2(P − 1)·⌈N/P⌉`` elements sent per rank (the
    bandwidth-optimal volume); Θ(P·N) time in all, and Θ(P·N) memory — the P
    ranks' own buffers, which a real cluster holds on P machines.  Float sums
    are added in ring order, so they may differ from ``np.sum`` in the last
    bits (at most ``(P − 1)·ε·Σ|x|``).  The inputs are never modified.

    Examples
    --------
    >>> import numpy as np
    >>> out, trace = ring_allreduce([np.array([1, 2, 3]), np.array([10, 20, 30])], True)
    >>> out
    [array([11, 22, 33]), array([11, 22, 33])]
    >>> for message in trace:  # step 0 reduce-scatter, step 1 all-gather
    ...     print(message)
    Message(step=0, src=0, dst=1, chunk=1, n_elements=1)
    Message(step=0, src=1, dst=0, chunk=0, n_elements=2)
    Message(step=1, src=0, dst=1, chunk=0, n_elements=2)
    Message(step=1, src=1, dst=0, chunk=1, n_elements=1)
    """
    if not isinstance(return_trace, (bool, np.bool_)):
        raise TypeError(f"return_trace must be True or False, got {describe(return_trace)}")
    work, shape = _flat_copies(buffers)
    p = len(work)
    bounds = _chunk_bounds(work[0].size, p)
    trace: list[Message] = []
    _reduce_scatter(work, bounds, trace, 0)
    _all_gather(work, bounds, trace, p - 1)
    outputs = [w.reshape(shape) for w in work]
    return (outputs, trace) if return_trace else outputs


# ---------------------------------------------------------------------------
# Public: real MPI ranks
# ---------------------------------------------------------------------------


def mpi_ring_allreduce(comm: Any, sendbuf: Any) -> np.ndarray:
    """Allreduce (sum) of ``sendbuf`` over the ranks of ``comm`` by the ring, with ``Sendrecv``.

    Every rank of the communicator calls this (it is collective), each with
    its own array; each gets back the elementwise sum over all ranks — the
    result of ``comm.Allreduce(sendbuf, recvbuf, op=MPI.SUM)``, computed by
    the same ring as :func:`ring_allreduce`: at every step, one
    ``comm.Sendrecv`` sends a chunk to rank ``(r + 1) mod P`` and receives one
    from rank ``(r − 1) mod P``.

    Parameters
    ----------
    comm : mpi4py.MPI.Comm
        An intracommunicator, such as ``MPI.COMM_WORLD``.  Only its
        ``Get_rank``, ``Get_size``, ``Sendrecv`` and ``allgather`` are used.
    sendbuf : array_like
        This rank's array; every rank must pass the same shape and numeric
        dtype (not bool).

    Returns
    -------
    ndarray
        The sum, in ``sendbuf``'s shape and dtype; bit-for-bit the same array
        on every rank.

    Raises
    ------
    TypeError
        ``comm`` is not a communicator; ``sendbuf`` is not a numeric array.
    ValueError
        The ranks' shapes or dtypes differ (raised on every rank, naming the
        first rank that differs from rank 0, so none of them is left waiting).

    Notes
    -----
    2(P − 1) ``Sendrecv`` calls of ``⌈N/P⌉`` elements at most, plus one small
    ``allgather`` that checks the ranks agree on shape and dtype; Θ(N) time
    and memory per rank.  ``sendbuf`` is never modified.  The chunk layout and
    the schedule are those of :func:`ring_allreduce`; the sum is added up in
    the same order, so the two agree bit for bit.

    Run under MPI, e.g. ``mpiexec -n 4 python script.py`` with::

        from mpi4py import MPI
        grad = mpi_ring_allreduce(MPI.COMM_WORLD, local_grad) / MPI.COMM_WORLD.Get_size()
    """
    for method in ("Get_rank", "Get_size", "Sendrecv", "allgather"):
        if not callable(getattr(comm, method, None)):
            raise TypeError(
                f"comm must be an MPI communicator (mpi4py.MPI.Comm), got {describe(comm)}"
            )
    arr = as_array(sendbuf, "sendbuf")
    if arr.dtype.kind == "b":
        raise TypeError("sendbuf must hold numbers, got dtype bool")
    rank, size = comm.Get_rank(), comm.Get_size()

    # Every rank must agree on the layout, or the chunks would not line up (or
    # a rank would wait forever).  Every rank sees the same list and raises alike.
    layouts = comm.allgather((arr.shape, arr.dtype.str))
    for r, (shape, dtype) in enumerate(layouts):
        if (shape, dtype) != layouts[0]:
            raise ValueError(
                f"sendbuf on rank {r} has shape {shape} and dtype {np.dtype(dtype)}, but on "
                f"rank 0 shape {layouts[0][0]} and dtype {np.dtype(layouts[0][1])}: every rank "
                "must pass the same shape and dtype"
            )

    # A flat, contiguous, native-byte-order copy: MPI sends raw memory.
    work = np.array(arr, dtype=arr.dtype.newbyteorder("="), copy=True).reshape(-1)
    bounds = _chunk_bounds(work.size, size)
    right, left = (rank + 1) % size, (rank - 1) % size
    incoming = np.empty(bounds[0][1] - bounds[0][0], dtype=work.dtype)  # chunk 0 is a longest

    for s in range(size - 1):  # reduce-scatter: add what arrives into our partial sum
        lo, hi = bounds[(rank - s - 1) % size]
        rlo, rhi = bounds[(rank - s - 2) % size]
        part = incoming[: rhi - rlo]
        comm.Sendrecv(work[lo:hi], dest=right, sendtag=s, recvbuf=part, source=left, recvtag=s)
        work[rlo:rhi] += part
    for s in range(size - 1):  # all-gather: finished chunks land straight in place
        lo, hi = bounds[(rank - s) % size]
        rlo, rhi = bounds[(rank - s - 1) % size]
        tag = size - 1 + s
        comm.Sendrecv(
            work[lo:hi], dest=right, sendtag=tag, recvbuf=work[rlo:rhi], source=left, recvtag=tag
        )
    return work.reshape(arr.shape)


# ---------------------------------------------------------------------------
# python -m gpu.collectives --check
# ---------------------------------------------------------------------------


def _check_against_mpi_allreduce(comm: Any, mpi: Any) -> list[str]:
    """Compare :func:`mpi_ring_allreduce` with ``comm.Allreduce``; return the failures."""
    rank, size = comm.Get_rank(), comm.Get_size()
    failures = []
    sizes = sorted({0, 1, max(size - 1, 1), size, size + 1, 2 * size + 1, 1000, 10_007})
    for n in sizes:
        for dtype in (np.float64, np.float32, np.int64, np.int32):
            rng = np.random.default_rng([n, rank])  # different data on every rank
            if np.dtype(dtype).kind == "f":
                x = rng.standard_normal(n).astype(dtype)
            else:
                x = rng.integers(-(10**6), 10**6, size=n, dtype=dtype)
            shape = (n // 2, 2) if n % 2 == 0 else (n,)  # a 2-D case too
            x = x.reshape(shape)
            before = x.copy()
            ours = mpi_ring_allreduce(comm, x)
            expected = np.empty_like(x)
            comm.Allreduce(x, expected, op=mpi.SUM)
            magnitude = np.empty_like(x)
            comm.Allreduce(np.abs(x), magnitude, op=mpi.SUM)
            case = f"n={n} {np.dtype(dtype)}"
            if ours.shape != x.shape or ours.dtype != x.dtype:
                failures.append(f"{case}: got shape {ours.shape} dtype {ours.dtype}")
                continue
            if not np.array_equal(x, before):
                failures.append(f"{case}: sendbuf was modified")
            if np.dtype(dtype).kind == "i":
                ok = np.array_equal(ours, expected)
            else:  # both are sums of P terms in some order: each within (P − 1)·ε·Σ|x|
                eps = np.finfo(dtype).eps
                tol = 2 * size * eps * magnitude.astype(np.float64)
                ok = bool(np.all(np.abs(ours.astype(np.float64) - expected) <= tol))
            if not ok:
                failures.append(f"{case}: differs from comm.Allreduce")
            digests = comm.allgather(hashlib.sha256(ours.tobytes()).hexdigest())
            if len(set(digests)) != 1:
                failures.append(f"{case}: the ranks' results are not bit-for-bit identical")
    return failures


def _check_data_parallel(comm: Any) -> list[str]:
    """Each rank's gradient on its shard, ring-averaged, equals the full-batch gradient.

    The loss is least squares, ``L(w) = 1/(2B) Σ_i (x_i·w − y_i)²`` over a
    batch of ``B = 16·P`` rows, so ``∇L(w) = Xᵀ(Xw − y)/B``.  Rank r computes
    the mean gradient over its 16 rows; the average of the P shard means is the
    full-batch mean.  Ten steps of gradient descent, data-parallel against one
    process, must also agree.
    """
    rank, size = comm.Get_rank(), comm.Get_size()
    batch, dim, lr = 16 * size, 5, 0.1
    rng = np.random.default_rng(2024)  # the same batch on every rank
    X = rng.standard_normal((batch, dim))
    y = X @ rng.standard_normal(dim) + 0.1 * rng.standard_normal(batch)
    w = rng.standard_normal(dim)
    rows = np.array_split(np.arange(batch), size)[rank]  # this rank's shard
    Xr, yr = X[rows], y[rows]

    def shard_gradient(w: np.ndarray) -> np.ndarray:
        return Xr.T @ (Xr @ w - yr) / len(rows)

    def full_gradient(w: np.ndarray) -> np.ndarray:
        return X.T @ (X @ w - y) / batch

    failures = []
    averaged = mpi_ring_allreduce(comm, shard_gradient(w)) / size
    error = np.abs(averaged - full_gradient(w)).max()
    if not error <= 1e-12:
        failures.append(f"averaged shard gradients differ from the full-batch gradient by {error}")
    w_ddp, w_one = w.copy(), w.copy()
    for _ in range(10):
        w_ddp -= lr * mpi_ring_allreduce(comm, shard_gradient(w_ddp)) / size
        w_one -= lr * full_gradient(w_one)
    error = np.abs(w_ddp - w_one).max()
    if not error <= 1e-12:
        failures.append(f"10 data-parallel SGD steps differ from one process's by {error}")
    return failures


def _run_check(comm: Any, mpi: Any) -> int:
    rank, size = comm.Get_rank(), comm.Get_size()
    failures = _check_against_mpi_allreduce(comm, mpi) + _check_data_parallel(comm)
    for failure in failures:
        print(f"rank {rank}: FAIL {failure}", file=sys.stderr, flush=True)
    n_failed = comm.allreduce(len(failures), op=mpi.SUM)
    pids = comm.gather(os.getpid())  # one process per rank: the ranks are real
    ranks = f"{size} rank" + ("s" if size != 1 else "")
    if rank == 0:
        if n_failed:
            print(f"gpu.collectives --check: FAILED on {ranks} ({n_failed} failures)")
        else:
            print(
                f"gpu.collectives --check: OK on {ranks}: mpi_ring_allreduce equals "
                "comm.Allreduce (float64, float32, int64, int32; 8 sizes), bit-for-bit the "
                "same on every rank; averaged shard gradients equal the full-batch gradient "
                f"to 1e-12; process ids {pids}"
            )
        sys.stdout.flush()
    return 1 if n_failed else 0


def main(argv: list[str] | None = None) -> int:
    """``python -m gpu.collectives --check``: verify :func:`mpi_ring_allreduce` under MPI.

    Run it as ``mpiexec -n P python -m gpu.collectives --check`` (any P >= 1;
    without ``mpiexec`` it runs as one rank).  Every rank checks the ring
    against MPI's own ``comm.Allreduce`` — four dtypes, sizes from 0 to 10^4,
    N < P included — and the data-parallel invariant: P ranks, each computing
    the gradient of a least-squares loss on its shard of one batch, average
    their gradients with the ring and get the single-process full-batch
    gradient (to 1e-12), also after ten SGD steps.  Rank 0 prints one line,
    ``... OK ...`` or ``... FAILED ...``; the exit status is 0 only if every
    rank passed.
    """
    parser = argparse.ArgumentParser(
        prog="python -m gpu.collectives",
        description="Ring allreduce over MPI: run under mpiexec -n P.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="check mpi_ring_allreduce against comm.Allreduce and the data-parallel gradient",
    )
    args = parser.parse_args(argv)
    if not args.check:
        parser.print_help()
        return 2
    try:
        from mpi4py import MPI
    except ImportError:
        print(
            "gpu.collectives --check needs mpi4py and an MPI library: "
            "pip install 'algolab-practice[mpi]' (mpi4py and the mpich wheel)",
            file=sys.stderr,
        )
        return 2
    comm = MPI.COMM_WORLD
    try:
        return _run_check(comm, MPI)
    except Exception:  # one rank failing must not leave the others waiting forever
        traceback.print_exc()
        sys.stderr.flush()
        comm.Abort(1)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
