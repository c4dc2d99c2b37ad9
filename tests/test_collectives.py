"""Properties of the ring collectives: ``ring_allreduce`` and its two phases, and
``mpi_ring_allreduce`` on in-process ranks.

Oracles, all independent of :mod:`gpu.collectives`:

* the sum: ``math.fsum`` per element over the ranks (exact, then rounded once)
  for floats, Python ints for integers;
* the chunk layout: ``np.array_split`` of the flat sum;
* the trace: :func:`replay`, which runs the messages of a trace on *sets of
  contributing ranks* instead of numbers — a reduce-scatter message adds the
  sender's set into the receiver's (a rank counted twice is an error), an
  all-gather message replaces it — and demands that every rank ends with every
  rank's contribution to every chunk.  Any correct ring schedule passes, not
  only ours;
* :class:`ThreadComm`: P threads standing in for P MPI processes, with
  mpi4py's buffer ``Sendrecv`` semantics (copies, blocking receive, the
  message must fit the receive buffer), a log of every message, and a hang
  detector.  The real-MPI check is ``tests/test_mpi.py``.

Float sums of P terms in any order are within ``(P − 1)·u·Σ|x|`` of the exact
sum (u the unit round-off); the tests allow twice that.
"""

from __future__ import annotations

import math
import queue
import threading
from collections import Counter
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# ---------------------------------------------------------------------------
# Oracles


def exact_sum(buffers: list[np.ndarray]) -> np.ndarray:
    """The elementwise sum over ranks: exact for ints, correctly rounded for floats."""
    stacked = np.stack([np.asarray(b) for b in buffers])
    dtype = stacked.dtype
    flat = stacked.reshape(len(buffers), -1)
    if dtype.kind == "f":
        values = [math.fsum(float(x) for x in flat[:, i]) for i in range(flat.shape[1])]
    else:
        values = [sum(int(x) for x in flat[:, i]) for i in range(flat.shape[1])]
    return np.array(values, dtype=dtype).reshape(stacked.shape[1:])


def sum_tolerance(buffers: list[np.ndarray]) -> np.ndarray:
    """Twice the error bound of any summation order of P terms (0 for integers)."""
    stacked = np.stack([np.asarray(b) for b in buffers])
    if stacked.dtype.kind != "f":
        return np.zeros(stacked.shape[1:])
    u = np.finfo(stacked.dtype).eps / 2
    magnitude = np.abs(stacked.astype(np.float64)).sum(axis=0)
    return 2 * len(buffers) * u * magnitude + np.finfo(stacked.dtype).tiny


def assert_is_the_sum(outputs: Any, buffers: list[np.ndarray]) -> None:
    """P outputs, each the sum in the buffers' shape and dtype, all bit-for-bit equal."""
    assert len(outputs) == len(buffers)
    expected = exact_sum(buffers)
    tol = sum_tolerance(buffers)
    for r, out in enumerate(outputs):
        out = np.asarray(out)
        assert out.shape == expected.shape, f"rank {r}: shape {out.shape}"
        assert out.dtype == expected.dtype, f"rank {r}: dtype {out.dtype}"
        error = np.abs(out.astype(np.float64) - expected.astype(np.float64))
        assert np.all(error <= tol), f"rank {r}: max error {error.max()} > tolerance"
    first = np.asarray(outputs[0]).tobytes()
    assert all(np.asarray(out).tobytes() == first for out in outputs), "ranks differ"


def chunk_sizes(n: int, p: int) -> list[int]:
    return [len(c) for c in np.array_split(np.arange(n), p)]


def replay(trace: list, p: int, n: int) -> None:
    """Check that ``trace`` is a ring allreduce of P ranks over N elements (see the module doc)."""
    sizes = chunk_sizes(n, p)
    everyone = frozenset(range(p))
    held = [[frozenset([r]) for _ in range(p)] for r in range(p)]
    messages = [tuple(m) for m in trace]
    assert all(len(m) == 5 for m in messages), "each message is (step, src, dst, chunk, n)"
    assert sorted({m[0] for m in messages}) == list(range(2 * (p - 1))), "steps 0 … 2(P − 1) − 1"
    for step in range(2 * (p - 1)):
        now = [m for m in messages if m[0] == step]
        assert sorted(m[1] for m in now) == list(range(p)), f"step {step}: one send per rank"
        for _, src, dst, chunk, n_elements in now:
            assert dst == (src + 1) % p, f"step {step}: {src} sends to {dst}, not its successor"
            assert 0 <= chunk < p
            assert n_elements == sizes[chunk], f"chunk {chunk} has {sizes[chunk]} elements"
        payloads = [(dst, chunk, held[src][chunk]) for _, src, dst, chunk, _ in now]  # all at once
        for dst, chunk, payload in payloads:
            if step < p - 1:  # reduce-scatter: the receiver adds the partial sum to its own
                assert not payload & held[dst][chunk], f"step {step}: a rank is counted twice"
                held[dst][chunk] = payload | held[dst][chunk]
            else:  # all-gather: the receiver takes the finished chunk
                held[dst][chunk] = payload
        if step == p - 2:
            for r in range(p):
                assert held[r][r] == everyone, f"after reduce-scatter rank {r} lacks chunk {r}"
    for r in range(p):
        for c in range(p):
            assert held[r][c] == everyone, f"rank {r} ends without the full chunk {c}"


# ---------------------------------------------------------------------------
# Strategies

INT_DTYPES = (np.int64, np.int32)
FLOAT_DTYPES = (np.float64, np.float32)


@st.composite
def rank_buffers(draw, max_ranks: int = 6, dtypes=INT_DTYPES + FLOAT_DTYPES):
    """P equal-shape arrays (0-d to 3-d, N from 0; often N < P), ints or floats."""
    p = draw(st.integers(1, max_ranks))
    dtype = np.dtype(draw(st.sampled_from(dtypes)))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5))
    if dtype.kind == "i":
        elements = st.integers(-(10**6), 10**6)
    else:
        elements = st.floats(-1e6, 1e6, width=8 * dtype.itemsize)
    return [draw(hnp.arrays(dtype, shape, elements=elements)) for _ in range(p)]


# ---------------------------------------------------------------------------
# ring_allreduce


@given(buffers=rank_buffers())
def test_every_rank_ends_with_the_sum(impl, buffers):
    outputs = impl("ring_allreduce")(buffers)
    assert_is_the_sum(outputs, buffers)


@given(buffers=rank_buffers())
def test_the_trace_is_a_bandwidth_optimal_ring(impl, buffers):
    p, n = len(buffers), buffers[0].size
    outputs, trace = impl("ring_allreduce")(buffers, return_trace=True)
    assert_is_the_sum(outputs, buffers)
    replay(trace, p, n)
    assert len(trace) == 2 * (p - 1) * p  # empty messages included
    sent = Counter()
    for _, src, _, _, n_elements in trace:
        sent[src] += n_elements
    assert all(sent[r] <= 2 * (p - 1) * -(-n // p) for r in range(p))


@given(buffers=rank_buffers(max_ranks=4))
def test_inputs_are_not_modified(impl, buffers):
    copies = [b.copy() for b in buffers]
    impl("ring_allreduce")(buffers, return_trace=True)
    for b, before in zip(buffers, copies, strict=True):
        np.testing.assert_array_equal(b, before)


def test_one_rank_sends_nothing(impl):
    x = np.array([[1.5, -2.0], [3.0, 4.0]])
    outputs, trace = impl("ring_allreduce")([x], return_trace=True)
    assert len(outputs) == 1
    np.testing.assert_array_equal(outputs[0], x)
    assert list(trace) == []


def test_fewer_elements_than_ranks(impl):
    # N = 2 < P = 5: three of the five chunks are empty, their messages still sent.
    buffers = [np.array([r, 10 * r]) for r in range(5)]
    outputs, trace = impl("ring_allreduce")(buffers, return_trace=True)
    for out in outputs:
        np.testing.assert_array_equal(out, [10, 100])
    replay(trace, 5, 2)
    assert len(trace) == 8 * 5  # 8 steps of 5 messages, the empty ones included


def test_without_trace_the_result_is_just_the_outputs(impl):
    outputs = impl("ring_allreduce")([np.arange(4), np.arange(4)])
    assert len(outputs) == 2
    for out in outputs:
        np.testing.assert_array_equal(out, [0, 2, 4, 6])


@pytest.mark.reference_only
def test_our_schedule_sends_chunk_r_minus_s_minus_1_then_r_minus_s():
    from gpu.collectives import Message, ring_allreduce

    _, trace = ring_allreduce([np.arange(7.0)] * 3, return_trace=True)
    expected = [
        Message(s, r, (r + 1) % 3, (r - s - 1) % 3, [3, 2, 2][(r - s - 1) % 3])
        for s in range(2)
        for r in range(3)
    ] + [
        Message(2 + s, r, (r + 1) % 3, (r - s) % 3, [3, 2, 2][(r - s) % 3])
        for s in range(2)
        for r in range(3)
    ]
    assert trace == expected


# ---------------------------------------------------------------------------
# The two phases


@given(buffers=rank_buffers())
def test_reduce_scatter_leaves_chunk_r_on_rank_r(impl, buffers):
    chunks = impl("ring_reduce_scatter")(buffers)
    p = len(buffers)
    expected = np.array_split(exact_sum(buffers).reshape(-1), p)
    tols = np.array_split(sum_tolerance(buffers).reshape(-1), p)
    assert len(chunks) == p
    for r in range(p):
        chunk = np.asarray(chunks[r])
        assert chunk.shape == expected[r].shape, f"rank {r}: shape {chunk.shape}"
        assert chunk.dtype == buffers[0].dtype
        error = np.abs(chunk.astype(np.float64) - expected[r].astype(np.float64))
        assert np.all(error <= tols[r])


@st.composite
def rank_chunks(draw):
    p = draw(st.integers(1, 6))
    dtype = np.dtype(draw(st.sampled_from(INT_DTYPES + FLOAT_DTYPES)))
    return [
        draw(hnp.arrays(dtype, draw(st.integers(0, 5)), elements=st.integers(-100, 100)))
        for _ in range(p)
    ]


@given(chunks=rank_chunks())
def test_all_gather_gives_every_rank_every_chunk(impl, chunks):
    copies = [c.copy() for c in chunks]
    gathered = impl("ring_all_gather")(chunks)
    expected = np.concatenate(chunks)
    assert len(gathered) == len(chunks)
    for out in gathered:
        out = np.asarray(out)
        assert out.dtype == expected.dtype
        np.testing.assert_array_equal(out, expected)
    for c, before in zip(chunks, copies, strict=True):
        np.testing.assert_array_equal(c, before)


@pytest.mark.contract
def test_all_gather_gives_each_rank_its_own_array(impl):
    gathered = impl("ring_all_gather")([np.array([1.0]), np.array([2.0, 3.0])])
    assert not np.shares_memory(gathered[0], gathered[1])


# ---------------------------------------------------------------------------
# Bad input


BAD_BUFFERS = [
    pytest.param([np.zeros(3), np.zeros(3), np.zeros(4)], id="shape differs on rank 2"),
    pytest.param([np.zeros((2, 2)), np.zeros(4)], id="2x2 against 4"),
    pytest.param([np.zeros(3), np.zeros(3, dtype=np.float32)], id="dtype differs on rank 1"),
    pytest.param([], id="no ranks"),
]


@pytest.mark.contract
@pytest.mark.parametrize("buffers", BAD_BUFFERS)
@pytest.mark.parametrize("name", ["ring_allreduce", "ring_reduce_scatter"])
def test_mismatched_ranks_are_a_value_error(impl, name, buffers):
    with pytest.raises(ValueError):
        impl(name)(buffers)


@pytest.mark.contract
@pytest.mark.parametrize(
    "chunks",
    [[np.zeros(3), np.zeros(2, dtype=np.int64)], [np.zeros(3), np.zeros((2, 2))], []],
    ids=["dtype differs", "a 2-D chunk", "no ranks"],
)
def test_bad_chunks_are_a_value_error(impl, chunks):
    with pytest.raises(ValueError):
        impl("ring_all_gather")(chunks)


@pytest.mark.contract
@pytest.mark.parametrize(
    "buffers",
    [[np.zeros(2, dtype=bool)] * 2, [np.array(["a", "b"])] * 2, None, 3.0],
    ids=["bool", "strings", "None", "a number"],
)
def test_non_numeric_buffers_are_a_type_error(impl, buffers):
    with pytest.raises(TypeError):
        impl("ring_allreduce")(buffers)


@pytest.mark.reference_only
@pytest.mark.parametrize(
    ("buffers", "match"),
    [
        ([np.zeros(3), np.zeros(3), np.zeros(4)], r"buffers\[2\] has shape \(4,\)"),
        ([np.zeros(3), np.zeros(3, dtype=np.float32)], r"buffers\[1\] has dtype float32"),
        ([], "at least one rank"),
    ],
)
def test_error_messages_name_the_rank(buffers, match):
    from gpu.collectives import ring_allreduce

    with pytest.raises(ValueError, match=match):
        ring_allreduce(buffers)


@pytest.mark.reference_only
def test_return_trace_must_be_a_bool():
    from gpu.collectives import ring_allreduce

    with pytest.raises(TypeError, match="return_trace"):
        ring_allreduce([np.zeros(2)], return_trace="yes")


# ---------------------------------------------------------------------------
# mpi_ring_allreduce on threads standing in for MPI processes


class _AbortedError(Exception):
    """Another rank failed; this one gives up instead of waiting forever."""


class _World:
    def __init__(self, size: int) -> None:
        self.size = size
        self.channels = {(s, d): queue.Queue() for s in range(size) for d in range(size)}
        self.log: list[tuple[int, int, int, int]] = []  # (src, dst, source, n_sent)
        self.lock = threading.Lock()
        self.barrier = threading.Barrier(size)
        self.slots: list[Any] = [None] * size
        self.failed = threading.Event()

    def abort(self) -> None:
        self.failed.set()
        self.barrier.abort()


ANY_SOURCE, ANY_TAG = -2, -1  # MPICH's values, as mpi4py exposes them


def _buffer(spec: Any) -> np.ndarray:
    """The array of an mpi4py buffer specification: ``arr`` or ``[arr, ...]``."""
    if isinstance(spec, (list, tuple)):
        spec = spec[0]
    return np.asarray(spec)


class ThreadComm:
    """One rank of a :class:`_World`: the part of ``mpi4py.MPI.Comm`` a ring needs.

    ``Get_rank``/``Get_size`` (and the ``rank``/``size`` properties),
    ``Sendrecv`` with buffers and ``allgather``/``Barrier``.  Nothing else, so a
    solution cannot call MPI's own allreduce.
    """

    def __init__(self, world: _World, rank: int) -> None:
        self._world, self._rank = world, rank

    def Get_rank(self) -> int:
        return self._rank

    def Get_size(self) -> int:
        return self._world.size

    rank = property(Get_rank)
    size = property(Get_size)

    def Sendrecv(
        self,
        sendbuf: Any,
        dest: int,
        sendtag: int = 0,
        recvbuf: Any = None,
        source: int = ANY_SOURCE,
        recvtag: int = ANY_TAG,
        status: Any = None,
    ) -> None:
        world = self._world
        for name, peer in (("dest", dest), ("source", source)):
            if not (isinstance(peer, (int, np.integer)) and 0 <= peer < world.size):
                raise ValueError(f"Sendrecv: {name} must be a rank in [0, {world.size}): {peer}")
        out = _buffer(sendbuf)
        if not out.flags.c_contiguous:
            raise ValueError("Sendrecv: the send buffer must be contiguous")
        data = np.array(out, copy=True).reshape(-1)
        with world.lock:
            world.log.append((self._rank, int(dest), int(source), data.size))
        world.channels[(self._rank, int(dest))].put((sendtag, data))
        channel = world.channels[(int(source), self._rank)]
        while True:
            if world.failed.is_set():
                raise _AbortedError
            try:
                tag, message = channel.get(timeout=0.05)
                break
            except queue.Empty:
                continue
        if recvtag not in (ANY_TAG, tag):
            raise RuntimeError(f"Sendrecv: expected tag {recvtag}, the next message has {tag}")
        into = _buffer(recvbuf)
        if not (into.flags.c_contiguous and into.flags.writeable):
            raise ValueError("Sendrecv: the receive buffer must be contiguous and writable")
        if into.dtype != message.dtype:
            raise TypeError(f"Sendrecv: received {message.dtype} into a {into.dtype} buffer")
        if message.size > into.size:
            raise RuntimeError(
                f"Sendrecv: message truncated ({message.size} elements into {into.size})"
            )
        into.reshape(-1)[: message.size] = message

    def allgather(self, obj: Any) -> list[Any]:
        world = self._world
        try:
            world.slots[self._rank] = obj
            world.barrier.wait()
            gathered = list(world.slots)
            world.barrier.wait()  # nobody overwrites a slot before everyone has read it
        except threading.BrokenBarrierError:
            raise _AbortedError from None
        return gathered

    def Barrier(self) -> None:
        self.allgather(None)


def run_on_ranks(
    fn: Any, inputs: list[Any], timeout: float = 30.0
) -> tuple[list[Any], list[BaseException | None], list]:
    """Run ``fn(comm, inputs[r])`` on P threads; return results, exceptions and the message log."""
    world = _World(len(inputs))
    results: list[Any] = [None] * len(inputs)
    errors: list[BaseException | None] = [None] * len(inputs)

    def body(rank: int) -> None:
        try:
            results[rank] = fn(ThreadComm(world, rank), inputs[rank])
        except BaseException as exc:  # reported to the test below
            errors[rank] = exc
            world.abort()

    threads = [threading.Thread(target=body, args=(r,), daemon=True) for r in range(len(inputs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
    if any(t.is_alive() for t in threads):
        world.abort()  # the waiting ranks see it and stop
        raise AssertionError(f"the ranks did not finish within {timeout} s: a deadlock?")
    return results, errors, world.log


def run_ok(fn: Any, inputs: list[Any]) -> tuple[list[Any], list]:
    results, errors, log = run_on_ranks(fn, inputs)
    for exc in errors:
        if exc is not None and not isinstance(exc, _AbortedError):
            raise exc
    return results, log


@settings(max_examples=60)
@given(buffers=rank_buffers(max_ranks=5))
def test_mpi_ring_allreduce_sums_over_a_ring_of_processes(impl, buffers):
    copies = [b.copy() for b in buffers]
    results, log = run_ok(impl("mpi_ring_allreduce"), buffers)
    assert_is_the_sum(results, buffers)
    p, n = len(buffers), buffers[0].size
    sent, calls = Counter(), Counter()
    for src, dst, source, n_sent in log:
        assert dst == (src + 1) % p, f"rank {src} sends to {dst}, not to its successor"
        assert source == (src - 1) % p, f"rank {src} receives from {source}, not its predecessor"
        sent[src] += n_sent
        calls[src] += 1
    for r in range(p):
        assert calls[r] <= 2 * (p - 1)
        assert sent[r] <= 2 * (p - 1) * -(-n // p)  # the bandwidth-optimal volume
    for b, before in zip(buffers, copies, strict=True):
        np.testing.assert_array_equal(b, before)


def test_mpi_ring_allreduce_averages_data_parallel_gradients(impl):
    # Four ranks, each the least-squares gradient of its quarter of one batch:
    # the ring-averaged gradient is the full-batch gradient.
    rng = np.random.default_rng(7)
    X, y, w = rng.standard_normal((32, 3)), rng.standard_normal(32), rng.standard_normal(3)
    shards = [(X[r::4], y[r::4]) for r in range(4)]
    grads = [Xr.T @ (Xr @ w - yr) / len(yr) for Xr, yr in shards]
    results, _ = run_ok(impl("mpi_ring_allreduce"), grads)
    full = X.T @ (X @ w - y) / len(y)
    for summed in results:
        np.testing.assert_allclose(np.asarray(summed) / 4, full, rtol=0, atol=1e-12)


@pytest.mark.contract
def test_mpi_ranks_that_disagree_on_the_shape_all_raise(impl):
    _, errors, _ = run_on_ranks(impl("mpi_ring_allreduce"), [np.zeros(3), np.zeros(4)])
    assert all(isinstance(exc, (ValueError, _AbortedError)) for exc in errors), errors
    assert any(isinstance(exc, ValueError) for exc in errors)


@pytest.mark.reference_only
def test_mpi_and_simulated_rings_agree_bit_for_bit():
    from gpu.collectives import mpi_ring_allreduce, ring_allreduce

    rng = np.random.default_rng(3)
    buffers = [rng.standard_normal(11) for _ in range(4)]
    results, _ = run_ok(mpi_ring_allreduce, buffers)
    expected = ring_allreduce(buffers)
    for got, want in zip(results, expected, strict=True):
        assert got.tobytes() == want.tobytes()


@pytest.mark.reference_only
def test_mpi_ring_allreduce_rejects_a_non_communicator():
    from gpu.collectives import mpi_ring_allreduce

    with pytest.raises(TypeError, match="comm must be an MPI communicator"):
        mpi_ring_allreduce(object(), np.zeros(3))


def test_the_thread_world_catches_a_wrong_ring():
    # The fake communicator must be able to fail a solution: a "ring" whose
    # receives do not match its sends hangs, and the detector reports it.
    def wrong(comm, x):
        buf = np.empty_like(x)
        comm.Sendrecv(x, dest=(comm.rank + 1) % comm.size, recvbuf=buf, source=comm.rank)
        return buf

    with pytest.raises(AssertionError, match="deadlock"):
        run_on_ranks(wrong, [np.zeros(2), np.zeros(2)], timeout=0.5)
