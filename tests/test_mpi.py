"""``mpi_ring_allreduce`` on real MPI processes: ``mpiexec -n P python -m gpu.collectives --check``.

The check itself (see :func:`gpu.collectives.main`) runs on every rank: the
ring against MPI's own ``comm.Allreduce`` (four dtypes, sizes 0 … 10^4, N < P
included) and the data-parallel invariant (ring-averaged shard gradients equal
the full-batch gradient to 1e-12).  Here we launch it and read the verdict.

``mpiexec`` is looked up next to the running interpreter first — the
``mpich`` wheel of the ``mpi`` extra installs it into the virtual environment,
matching the MPI library that ``mpi4py`` loads — and then on ``PATH``.  The
test is skipped only when there is no ``mpiexec`` at all.  P = 3 on a 2-core
machine oversubscribes the cores, which MPICH allows; ``HYDRA_LAUNCHER=fork``
keeps its launcher from trying ``ssh`` on hosts whose own name does not resolve.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 120  # a normal run takes a few seconds; this only stops a hang


def find_mpiexec() -> str | None:
    """``mpiexec`` beside ``sys.executable`` (the venv's, from the mpich wheel), else on PATH."""
    for name in ("mpiexec", "mpiexec.exe"):
        beside = Path(sys.executable).parent / name
        if beside.is_file() and os.access(beside, os.X_OK):
            return str(beside)
    return shutil.which("mpiexec")


MPIEXEC = find_mpiexec()

pytestmark = pytest.mark.skipif(
    MPIEXEC is None,
    reason="no mpiexec next to the Python interpreter or on PATH: install the 'mpi' extra "
    "(pip install -e '.[mpi]', part of '.[test]'), which brings mpi4py and the mpich wheel",
)


def run_mpi(n_ranks: int, *args: str) -> subprocess.CompletedProcess:
    """``mpiexec -n n_ranks python ARGS`` from the repository root, killed whole on timeout."""
    command = [MPIEXEC, "-n", str(n_ranks), sys.executable, *args]
    env = {**os.environ, "HYDRA_LAUNCHER": "fork", "PYTHONUNBUFFERED": "1"}
    # A session of its own, so that a hang can be ended with mpiexec's whole
    # process group (the launcher and every rank), not just mpiexec itself.
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        pytest.fail(
            f"{' '.join(command)} did not finish within {TIMEOUT_S} s\n"
            f"stdout:\n{stdout}\nstderr:\n{stderr}"
        )
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


@pytest.mark.parametrize("n_ranks", [2, 3])
def test_ring_allreduce_on_real_mpi_ranks(n_ranks):
    result = run_mpi(n_ranks, "-m", "gpu.collectives", "--check")
    report = f"exit status {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode == 0, report
    assert f"OK on {n_ranks} ranks" in result.stdout, report
    # The ranks were separate operating-system processes, none of them this one.
    pids = re.search(r"process ids \[([\d, ]+)\]", result.stdout)
    assert pids, report
    pids = {int(p) for p in pids.group(1).split(",")}
    assert len(pids) == n_ranks and os.getpid() not in pids, report
