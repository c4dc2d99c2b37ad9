"""The judge's tiers: which tests decide a learner's verdict.

Every test that takes its function from the ``impl`` fixture belongs to one tier,
given by a marker (an unmarked test is ``core``):

========================  ====================================================  ==========
tier                      what it checks                                        decides
========================  ====================================================  ==========
core                      valid inputs within the statement's Constraints,      yes
                          every answer the statement allows
``@pytest.mark.complexity``  counted comparisons, the time budget               yes (TOO SLOW)
``@pytest.mark.contract``    promises beyond the constraints: the exception     only with
                          *type* for bad input, other iterables, NaN, huge      ``--strict``
                          ints, CPython's exact heap layout
``@pytest.mark.reference_only``  details of our own solutions: error wording,   never run on
                          tile skipping, kernel limits, private helpers         learner code
========================  ====================================================  ==========

``@pytest.mark.contract("step for step like CPython")`` names a contract check;
the row then says ``step for step like CPython: yes`` or ``no``.
``@pytest.mark.budget`` (a judge-only time budget) is a complexity test.
"""

from __future__ import annotations

import pytest

CORE, COMPLEXITY, CONTRACT, REFERENCE_ONLY = "core", "complexity", "contract", "reference_only"

MARKERS = {
    COMPLEXITY: "complexity: judge tier: the test holds an exercise to its complexity bound"
    " (counted comparisons or operations); under --solutions its failures are TOO SLOW",
    CONTRACT: "contract(label=None): judge tier: a promise beyond the exercise's constraints"
    " (the exception type for bad input, other iterables, NaN); shown on the row, and it"
    " decides the verdict only under --strict",
    REFERENCE_ONLY: "reference_only: judge tier: a detail of the reference solution (error"
    " wording, tile skipping, kernel limits); never run on a learner's code",
    "budget": "budget: judge-only complexity test: the learner's function must finish a larger"
    " input within a generous multiple of the reference's time (TOO SLOW otherwise)",
}


def tier_of(item: pytest.Item) -> str:
    """The tier of a test: its most restrictive tier marker, else core."""
    for tier in (REFERENCE_ONLY, CONTRACT, COMPLEXITY):
        if item.get_closest_marker(tier) is not None:
            return tier
    if item.get_closest_marker("budget") is not None:
        return COMPLEXITY
    return CORE


def contract_label(item: pytest.Item) -> str | None:
    """The name given to a contract check, ``@pytest.mark.contract("...")``, if any."""
    marker = item.get_closest_marker(CONTRACT)
    if marker is None:
        return None
    label = marker.args[0] if marker.args else marker.kwargs.get("label")
    return str(label) if label else None
