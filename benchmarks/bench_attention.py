"""``flash_attention`` against the unfused reference: time, and peak memory.

* ``flash_attention`` — time.  ``flash_attention(backend='cpu')`` against the
  NumPy reference :func:`gpu.attention.attention` (one float64 score matrix,
  exponentiated in place), 8 heads, dim 64, float32 inputs, at seq 1024, 2048,
  4096 (quick: 256, 512, 1024); non-causal and causal (where the tiled kernel
  skips the key tiles past the diagonal and the reference still computes and
  masks all of them).  Target: at seq 4096 at most 1.5× the reference's time,
  i.e. a speedup ≥ 0.67.
* ``attention_memory`` — peak memory.  One head, dim 64, float32, seq 1k … 16k
  (quick: 1k, 4k, 8k).  Each function runs once in a *fresh* Python process
  (after a warm-up call that compiles or loads its kernels), which resets the
  kernel's high-water mark (``/proc/self/clear_refs``) and reports the growth
  of the peak RSS (``VmHWM − VmRSS`` before the call): the memory the call
  needed, its output included.  The rows hold the single-shot times; the MiB
  go in the notes and in an extra plot, ``benchmarks/plots/attention_memory_mib.png``.
  Target: ``flash_attention`` (cpu) under 64 MiB at seq 8192 — the float32
  score matrix alone would be 256 MiB (the reference's float64 one, 512 MiB).

On a real NVIDIA GPU with CuPy installed, ``flash_attention`` also times
``backend='cuda'`` on device-resident float32 CuPy arrays — 16 heads, dim 64,
seq 1k, 4k, 16k — against an unfused CuPy reference (``softmax(QKᵀ)V`` with
full score matrices) and, when PyTorch is installed, against
``torch.nn.functional.scaled_dot_product_attention``; the note gives the
achieved TFLOP/s (4·heads·seq²·dim flops) and its share of the H100's 67
TFLOP/s FP32 (non-tensor-core) peak.  That path is skipped silently elsewhere;
it has not been run on the development machine, which has no GPU.

Every case checks that both sides agree before timing; contenders are
interleaved round by round so that a burst of load on a shared machine hits
all of them, with a pause before each timed call (see ``SETTLE_S``).

Run: ``python benchmarks/run.py [--quick] flash_attention attention_memory``.
"""

from __future__ import annotations

import gc
import json
import math
import os
import pathlib
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from benchmarks.harness import Row, benchmark, cupy_or_none, gpu_time, race
from gpu.attention import attention
from gpu.flash_attention import flash_attention

ROOT = pathlib.Path(__file__).resolve().parent.parent
FP32_PEAK_TFLOPS = 67.0  # H100 SXM, FP32 on CUDA cores (no tensor cores)
MEMORY_LIMIT_MIB = 64  # flash_attention (cpu) at seq 8192, dim 64


# Seconds to wait before each timed call.  Both contenders leave worker threads
# spinning after they return (Numba's OpenMP pool, OpenBLAS's pool, which spins
# for up to ~0.1 s), and on 2 cores those steal the next contender's CPU:
# measured, the reference at seq 256 took 3 ms alone and 30–80 ms right after a
# flash_attention call.
SETTLE_S = 0.25


def _inputs(heads: int, seq: int, dim: int, seed: int = 20240607) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    return tuple(rng.standard_normal((heads, seq, dim), dtype=np.float32) for _ in range(3))


# ---------------------------------------------------------------------------
# Time


@benchmark("flash_attention")
def bench_flash_attention(quick: bool) -> list[Row]:
    sizes = [256, 512, 1024] if quick else [1024, 2048, 4096]
    rounds = 2 if quick else 3
    heads, dim = 8, 64
    rows: list[Row] = []
    for seq in sizes:
        q, k, v = _inputs(heads, seq, dim)
        for causal in (False, True):
            ours = flash_attention(q, k, v, causal=causal, backend="cpu")  # warm-up: compiles once
            reference = attention(q, k, v, causal=causal)
            np.testing.assert_allclose(ours, reference, rtol=1e-4, atol=1e-5)
            best = race(
                {
                    "ours": lambda c=causal, qkv=(q, k, v): flash_attention(
                        *qkv, causal=c, backend="cpu"
                    ),
                    "peer": lambda c=causal, qkv=(q, k, v): attention(*qkv, causal=c),
                },
                rounds,
                settle_s=SETTLE_S,
            )
            case = f"cpu, {heads} heads, dim {dim}" + (", causal" if causal else "")
            gflops = 4 * heads * seq * seq * dim / (2 if causal else 1) / best["ours"] / 1e9
            note = f"ours {gflops:.0f} GFLOP/s (float32)"
            rows.append(
                Row(
                    "flash_attention",
                    case,
                    seq,
                    best["ours"],
                    "reference (float64, unfused)",
                    best["peer"],
                    note,
                )
            )
    rows.extend(_gpu_rows(quick))
    return rows


def _gpu_rows(quick: bool) -> list[Row]:  # pragma: no cover - needs a GPU and CuPy
    """flash_attention (cuda) against unfused CuPy and torch SDPA; [] without a GPU."""
    cupy = cupy_or_none()
    if cupy is None:
        return []
    try:
        import torch
    except ImportError:
        torch = None
    sizes = [1024, 4096] if quick else [1024, 4096, 16384]
    rounds = 3 if quick else 10
    heads, dim = 16, 64
    scale = 1 / math.sqrt(dim)
    sync = cupy.cuda.Device().synchronize
    rows: list[Row] = []
    for seq in sizes:
        q, k, v = (cupy.asarray(x) for x in _inputs(heads, seq, dim))

        def ours(q=q, k=k, v=v) -> Any:
            return flash_attention(q, k, v, backend="cuda")

        def unfused(q=q, k=k, v=v) -> Any:
            s = q @ k.transpose(0, 2, 1)
            s *= scale
            s -= s.max(axis=-1, keepdims=True)
            cupy.exp(s, out=s)
            s /= s.sum(axis=-1, keepdims=True)
            return s @ v

        out = ours()  # warm-up: compiles the kernel
        head = slice(0, 1)  # check one head against the float64 reference (memory-light)
        expected = attention(q[head], k[head], v[head])
        assert float(cupy.abs(out[head] - expected).max()) < 1e-4
        t_ours = gpu_time(ours, sync, rounds)
        tflops = 4 * heads * seq * seq * dim / t_ours / 1e12
        note = f"ours {tflops:.2f} TFLOP/s = {100 * tflops / FP32_PEAK_TFLOPS:.1f}% of FP32 peak"
        case = f"cuda, {heads} heads, dim {dim}"
        try:
            unfused()
            t_peer = gpu_time(unfused, sync, rounds)
        except cupy.cuda.memory.OutOfMemoryError:
            t_peer, note = float("nan"), note + "; unfused: out of memory"
        rows.append(
            Row("flash_attention", case, seq, t_ours, "cupy unfused (float32)", t_peer, note)
        )
        if torch is not None:
            tq, tk, tv = (torch.from_dlpack(x)[None] for x in (q, k, v))
            sdpa = torch.nn.functional.scaled_dot_product_attention
            sdpa(tq, tk, tv)
            t_torch = gpu_time(
                lambda tq=tq, tk=tk, tv=tv, f=sdpa: f(tq, tk, tv), torch.cuda.synchronize, rounds
            )
            rows.append(
                Row("flash_attention", case, seq, t_ours, "torch SDPA (float32)", t_torch, note)
            )
    return rows


# ---------------------------------------------------------------------------
# Memory, one fresh process per measurement


def _status_kib(field: str) -> int:
    """A ``kB`` field of ``/proc/self/status``: VmRSS (now) or VmHWM (peak since the reset)."""
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _measure_here(which: str, seq: int, dim: int) -> dict[str, float]:
    """Run one attention call in this process; its time and its peak-RSS growth in MiB."""
    fn: Callable[..., Any]
    if which == "flash":

        def fn(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> Any:
            return flash_attention(q, k, v, backend="cpu")
    else:
        fn = attention
    warm = _inputs(1, 256, dim, seed=1)
    fn(*(x[0] for x in warm))  # compile or load the kernels (256² · 128 is enough for prange)
    q, k, v = (x[0] for x in _inputs(1, seq, dim))
    del warm
    gc.collect()
    try:  # Linux: reset the high-water mark to the current RSS, then read both exactly
        pathlib.Path("/proc/self/clear_refs").write_text("5")
        before = _status_kib("VmRSS")
        start = time.perf_counter()
        out = fn(q, k, v)
        elapsed = time.perf_counter() - start
        growth = _status_kib("VmHWM") - before
    except OSError:  # elsewhere: the growth of the lifetime peak (an underestimate)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        out = fn(q, k, v)
        elapsed = time.perf_counter() - start
        growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert out.shape == (seq, dim)
    return {"time": elapsed, "mib": growth / 1024}


def _measure_in_child(which: str, seq: int, dim: int) -> dict[str, float]:
    code = (
        "import json, sys; from benchmarks.bench_attention import _measure_here; "
        f"print(json.dumps(_measure_here({which!r}, {seq}, {dim})))"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@benchmark("attention_memory")
def bench_attention_memory(quick: bool) -> list[Row]:
    sizes = [1024, 4096, 8192] if quick else [1024, 2048, 4096, 8192, 16384]
    dim = 64
    rows: list[Row] = []
    memory: dict[str, list[tuple[int, float]]] = {"flash": [], "reference": []}
    for seq in sizes:
        ours = _measure_in_child("flash", seq, dim)
        peer = _measure_in_child("reference", seq, dim)
        memory["flash"].append((seq, ours["mib"]))
        memory["reference"].append((seq, peer["mib"]))
        scores_mib = seq * seq * 4 / 2**20
        note = (
            f"peak RSS growth: ours {ours['mib']:.1f} MiB, reference {peer['mib']:.0f} MiB "
            f"(a float32 score matrix: {scores_mib:.0f} MiB)"
        )
        if seq == 8192:
            verdict = "OK" if ours["mib"] < MEMORY_LIMIT_MIB else "OVER"
            note += f"; limit {MEMORY_LIMIT_MIB} MiB: {verdict}"
        case = f"cpu, 1 head, dim {dim}, one call"
        rows.append(
            Row("attention_memory", case, seq, ours["time"], "reference", peer["time"], note)
        )
    _plot_memory(memory, dim)
    return rows


def _plot_memory(memory: dict[str, list[tuple[int, float]]], dim: int) -> None:
    """Log-log peak-RSS growth against seq; skipped without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for label, style in (("flash", "o-"), ("reference", "x--")):
        xs, ys = zip(*memory[label], strict=True)
        ax.plot(xs, [max(y, 0.01) for y in ys], style, label=label)
    seqs = [s for s, _ in memory["flash"]]
    ax.plot(seqs, [s * s * 4 / 2**20 for s in seqs], ":", color="grey", label="float32 scores")
    ax.axhline(MEMORY_LIMIT_MIB, color="red", alpha=0.3, label=f"{MEMORY_LIMIT_MIB} MiB")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("sequence length")
    ax.set_ylabel("peak RSS growth (MiB)")
    ax.set_title(f"attention peak memory, 1 head, dim {dim}: flash (cpu) vs reference")
    ax.legend(fontsize=7)
    ax.grid(True, which="both", alpha=0.3)
    out = ROOT / "benchmarks" / "plots" / "attention_memory_mib.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
