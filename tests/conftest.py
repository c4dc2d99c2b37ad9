"""Shared test configuration: Hypothesis profiles.

The ``impl`` fixture, through which every exercise test gets its function under
test, comes from the practice judge's plugin (``practice/plugin.py``).

Hypothesis profiles (choose with ``HYPOTHESIS_PROFILE=...``):

* ``dev`` — the default on a workstation: 100 random examples per property.
* ``ci`` — derandomised (the same examples every run) with more of them; the
  default when the ``CI`` environment variable is set.
* ``thorough`` — 2000 examples per property, for a long hunt for counterexamples.
* ``judge`` — the default under ``pytest --solutions``: derandomised (the same
  verdict on every run), 100 examples, one failure per test reported, and no
  ``explain`` phase (it re-runs a failing example many times, which a slow
  learner's function cannot afford).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, Phase, settings

# No deadlines: a 2-core CI machine or a JIT compile must not turn into a flaky failure.
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "judge",
    max_examples=100,
    derandomize=True,
    deadline=None,
    report_multiple_bugs=False,
    phases=[Phase.explicit, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow],
)
_default_profile = "ci" if os.environ.get("CI") else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or _default_profile)


def pytest_configure(config: pytest.Config) -> None:
    # Loaded before the test modules are imported, so settings built at import
    # time (`@settings(max_examples=...)`) inherit from it.
    if config.getoption("solutions", None) and not os.environ.get("HYPOTHESIS_PROFILE"):
        settings.load_profile("judge")


@pytest.fixture(autouse=True, scope="session")
def _quick_simulator_switching() -> Iterator[None]:
    """Shorten the GIL switch interval while Numba's CUDA simulator is in use.

    The simulator runs each GPU thread as a Python thread, and a supervisor
    thread polls them at every ``syncthreads()``; with the default 5 ms switch
    interval most of a simulated launch is spent waiting for the GIL to change
    hands (about 5x slower).  Code without threads is unaffected.
    """
    old = sys.getswitchinterval()
    if os.environ.get("NUMBA_ENABLE_CUDASIM") == "1":
        sys.setswitchinterval(1e-4)
    try:
        yield
    finally:
        sys.setswitchinterval(old)
