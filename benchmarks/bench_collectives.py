"""``collectives``: our ring allreduce over MPI against MPICH's own ``MPI_Allreduce``.

Both run on the same real MPI processes, on the same float64 arrays of
10^3 … 10^7 elements per rank: :func:`gpu.collectives.mpi_ring_allreduce`
(the ring in Python: 2(P − 1) ``comm.Sendrecv`` calls and NumPy additions)
against ``comm.Allreduce(x, out, op=MPI.SUM)`` (MPICH's C implementation,
which picks its own algorithm by message size).  On 2 ranks, and on 4 where
the machine has at least 4 cores (ranks beyond the cores would only measure
the operating system's scheduler).

Figures are nccl-tests' **bus bandwidth**: ``algbw = bytes / time`` with
``bytes`` the size of one rank's array, and ``busbw = algbw · 2(P − 1)/P`` —
the rate at which each rank's link carries data in a bandwidth-optimal
allreduce, so that figures for different P compare with the link's speed.
The target: at 10^7 elements, ours at least 70% of MPICH's bus bandwidth.

Timing: every repeat starts after a ``Barrier``; a repeat's time is the
slowest rank's (``MPI.Wtime``, reduced with ``MAX``), and the best repeat is
kept; the two contenders alternate, repeat by repeat.  Before timing, both
results are checked to agree.

Run: ``python benchmarks/run.py collectives`` launches the measuring processes
itself — ``mpiexec -n P python -m benchmarks.bench_collectives --worker``
(add ``--quick`` for sizes up to 10^6) from the repository root — and reads
one JSON line per size from rank 0.  That command can also be run by hand.
``mpiexec`` is taken from next to the Python interpreter (the ``mpich`` wheel
of the ``mpi`` extra), else from ``PATH``; without one the benchmark reports
nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pathlib
import shutil
import subprocess
import sys

import numpy as np

from benchmarks.harness import Row, benchmark

ROOT = pathlib.Path(__file__).resolve().parent.parent
PEER = "MPI_Allreduce (MPICH)"


def find_mpiexec() -> str | None:
    for name in ("mpiexec", "mpiexec.exe"):
        beside = pathlib.Path(sys.executable).parent / name
        if beside.is_file() and os.access(beside, os.X_OK):
            return str(beside)
    return shutil.which("mpiexec")


def bus_bandwidth(n_bytes: int, seconds: float, ranks: int) -> float:
    """nccl-tests' bus bandwidth of an allreduce, bytes per second."""
    return n_bytes / seconds * 2 * (ranks - 1) / ranks


@benchmark("collectives")
def bench_collectives(quick: bool) -> list[Row]:
    mpiexec = find_mpiexec()
    if mpiexec is None:
        print("collectives: no mpiexec found (pip install -e '.[mpi]'); skipped", file=sys.stderr)
        return []
    ranks = [2] + ([4] if (os.cpu_count() or 1) >= 4 else [])
    rows: list[Row] = []
    for p in ranks:
        command = [mpiexec, "-n", str(p), sys.executable, "-m", "benchmarks.bench_collectives"]
        command += ["--worker"] + (["--quick"] if quick else [])
        env = {**os.environ, "HYDRA_LAUNCHER": "fork"}
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
            )
        for line in done.stdout.splitlines():
            if not line.startswith("{"):
                continue
            r = json.loads(line)
            ours_bw = bus_bandwidth(r["bytes"], r["ours_s"], p)
            peer_bw = bus_bandwidth(r["bytes"], r["peer_s"], p)
            note = (
                f"busbw ours {ours_bw / 1e9:.2f} GB/s, MPICH {peer_bw / 1e9:.2f} GB/s "
                f"({ours_bw / peer_bw:.0%}); max abs diff {r['max_diff']:.0e}"
            )
            rows.append(
                Row(
                    "collectives",
                    f"{p} ranks, float64",
                    r["n"],
                    r["ours_s"],
                    PEER,
                    r["peer_s"],
                    note,
                )
            )
    return rows


def worker(quick: bool) -> None:
    """Measure on this MPI job; rank 0 prints one JSON line per size."""
    from mpi4py import MPI

    from gpu.collectives import mpi_ring_allreduce

    comm = MPI.COMM_WORLD
    rank = comm.Get_rank()
    sizes = [10**3, 10**4, 10**5, 10**6] + ([] if quick else [10**7])
    for n in sizes:
        x = np.random.default_rng([n, rank]).standard_normal(n)
        out = np.empty_like(x)
        ours = mpi_ring_allreduce(comm, x)  # warm-up, and the check
        comm.Allreduce(x, out, op=MPI.SUM)
        max_diff = float(np.abs(ours - out).max())
        assert max_diff <= 1e-12 * max(1.0, float(np.abs(out).max())), max_diff

        def ring(x=x) -> None:
            mpi_ring_allreduce(comm, x)

        def mpich(x=x, out=out) -> None:
            comm.Allreduce(x, out, op=MPI.SUM)

        repeats = max(5, min(300 if not quick else 50, int(3e7 / n)))
        best = {"ours": math.inf, "peer": math.inf}
        for _ in range(repeats):
            for label, fn in (("ours", ring), ("peer", mpich)):
                comm.Barrier()
                start = MPI.Wtime()
                fn()
                elapsed = comm.allreduce(MPI.Wtime() - start, op=MPI.MAX)
                best[label] = min(best[label], elapsed)
        if rank == 0:
            row = {"n": n, "bytes": x.nbytes, "max_diff": max_diff}
            print(json.dumps(row | {"ours_s": best["ours"], "peer_s": best["peer"]}), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", action="store_true", help="measure (run under mpiexec)")
    parser.add_argument("--quick", action="store_true", help="sizes up to 10^6 only")
    args = parser.parse_args(argv)
    if not args.worker:
        parser.error(
            "run under mpiexec with --worker, or use: python benchmarks/run.py collectives"
        )
    worker(args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
