"""The learner statements (``practice/statements/``) against the registry and the reference.

Every exercise has a statement written for a learner: a stub of the same name
whose docstring gives the task, the Constraints the verdict-deciding tests stay
inside, examples, the complexity to aim for and a hint.  The examples are
doctests, and they must hold for the reference solution: a statement that
disagrees with the judge would mislead every learner who reads it.
"""

from __future__ import annotations

import doctest
import importlib
import inspect

import _pytest.doctest as _pytest_doctest
import pytest

from practice.exercises import EXERCISES, reference

SECTIONS = ("Constraints", "Examples", "Complexity", "Hint")
# Words of the reference's implementation that a statement must not give away.
IMPLEMENTATION_NOTES = ("Numba", "SIMD", "Akl", "Toussaint", "PTRS", "compile time", "njit")


def statement(name: str, module_name: str):
    module = importlib.import_module(module_name)
    stub = getattr(module, name, None)
    assert stub is not None, f"{module_name} has no statement of {name}"
    return module, stub


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
def test_every_exercise_has_a_learner_statement(exercise):
    _, stub = statement(exercise.name, exercise.statement_module)
    doc = inspect.getdoc(stub) or ""
    missing = [section for section in SECTIONS if section not in doc]
    assert not missing, f"the statement of {exercise.name} lacks {missing}"
    leaked = [word for word in IMPLEMENTATION_NOTES if word in doc]
    assert not leaked, f"the statement of {exercise.name} gives away {leaked}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
def test_the_statement_examples_hold_for_the_reference(exercise):
    module, stub = statement(exercise.name, exercise.statement_module)
    globs = dict(vars(module))
    # Every stub of the topic is replaced by its reference, so examples may use them all.
    for other in EXERCISES:
        if other.statement_module == exercise.statement_module:
            globs[other.name] = reference(other.name)
    test = doctest.DocTestParser().get_doctest(
        inspect.getdoc(stub) or "", globs, exercise.name, module.__file__, 0
    )
    assert test.examples, f"the statement of {exercise.name} has no example"
    # pytest's checker knows NUMBER (floats compared to the digits written), which the
    # README's and the packages' doctests use too; the standard library's does not.
    runner = doctest.DocTestRunner(
        checker=_pytest_doctest._get_checker(),
        optionflags=doctest.NORMALIZE_WHITESPACE
        | doctest.ELLIPSIS
        | _pytest_doctest._get_number_flag(),
    )
    failures = []
    runner.run(test, out=failures.append)
    assert runner.failures == 0, "".join(failures)
