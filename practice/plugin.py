"""pytest hooks of the practice judge, an installed plugin (the ``pytest11`` entry point).

``pytest --solutions PATH`` loads PATH, then parametrises every test that uses
the ``impl`` fixture over where ``impl`` looks names up: ``learner`` (PATH)
only, or ``reference`` and ``learner`` with ``--with-reference`` (the plain
suite and the judge in one session).  Tests that use no ``impl`` (doctests,
infrastructure) judge nothing and are left out unless ``--with-reference``.
Without ``--solutions`` nothing changes: no parametrisation, no table, and
every tier runs on the reference.  With it, reference-only tests are left out,
contract tests are shown on the row (and count only under ``--strict``), and a
test module that cannot be imported is a JUDGE ERROR, never a silent gap.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from practice import progress
from practice.cuda_env import use_simulator_without_gpu
from practice.exercises import EXERCISE_MODULES, reference
from practice.judge.calls import Recorder, TestRecord, exercise_hints
from practice.judge.learner import Learner, SolutionsFileError, load
from practice.judge.verdicts import (
    ACCEPTED,
    NOT_ATTEMPTED,
    Failure,
    Tally,
    Unimplemented,
    Verdict,
    WordingOnly,
    classify,
    decide,
    render,
)
from practice.judge.watchdog import time_limit
from practice.tiers import CONTRACT, MARKERS, REFERENCE_ONLY, contract_label, tier_of

LEARNER, REFERENCE = "learner", "reference"
# The suite the judge runs: the repository's tests/ (the project is installed editable).
_SUITE = Path(__file__).resolve().parent.parent / "tests"


@dataclass
class JudgeState:
    learner: Learner
    timeout: float
    with_reference: bool
    recorder: Recorder
    vocabulary: set[str]
    strict: bool = False
    show_all: bool = False
    show_reference: list[str] = field(default_factory=list)
    judge_errors: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # module ->
    asked: dict[str, None] = field(default_factory=dict)  # exercises with a selected test, ordered
    other_failures: int = 0  # failed tests that judge no learner function
    tallies: dict[str, Tally] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    verdicts: list[Verdict] | None = None

    def ask(self, names: Any) -> None:
        for name in names:
            self.asked.setdefault(name, None)

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())


STATE = pytest.StashKey[JudgeState]()
RECORD = pytest.StashKey[TestRecord]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("judge", "practice judge")
    group.addoption(
        "--solutions",
        metavar="PATH",
        help="judge the exercises that the Python file PATH defines, in place of the"
        " reference solutions, and print a verdict table",
    )
    group.addoption(
        "--with-reference",
        action="store_true",
        help="with --solutions: also run every test on the reference solutions (the"
        " plain suite), in the same session",
    )
    group.addoption(
        "--show-all",
        action="store_true",
        dest="judge_show_all",
        help="with --solutions: list every NOT ATTEMPTED exercise instead of one summary line",
    )
    group.addoption(
        "--show-reference",
        action="append",
        default=[],
        metavar="NAME",
        dest="judge_show_reference",
        help="with --solutions: after the table, print the reference solution of exercise"
        " NAME once your solution of it is ACCEPTED (now or in an earlier run)",
    )
    group.addoption(
        "--judge-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="with --solutions: a judged test still running after SECONDS is TOO SLOW"
        " (default 30; 0 for no limit)",
    )


def pytest_configure(config: pytest.Config) -> None:
    for line in MARKERS.values():
        config.addinivalue_line("markers", line)
    path = config.getoption("solutions", None)
    if not path:
        return
    timeout = config.getoption("judge_timeout")
    use_simulator_without_gpu()  # before the learner's file can import Numba
    try:
        learner = load(path, timeout=timeout)
    except SolutionsFileError as exc:
        raise pytest.UsageError(str(exc)) from None
    if config.args_source != pytest.Config.ArgsSource.ARGS and _SUITE.is_dir():
        # No test paths given: judge with the project's own suite, wherever pytest runs
        # (the repository root, or a learner's folder elsewhere).
        config.args = [str(_SUITE)]
    with_reference = config.getoption("with_reference")
    config.stash[STATE] = JudgeState(
        learner=learner,
        timeout=timeout,
        with_reference=with_reference,
        recorder=Recorder(learner),
        vocabulary=set(EXERCISE_MODULES) | set(learner.functions) | set(learner.not_attempted),
        # pytest owns --strict; under --solutions it makes the contract tier count.
        strict=bool(config.getini("strict")),
        show_all=config.getoption("judge_show_all"),
        show_reference=config.getoption("judge_show_reference"),
    )
    if config.getini("strict") and config.getini("strict_parametrization_ids") is None:
        # pytest's --strict also refuses repeated parametrisation ids; the judge's
        # --strict is about the contract tier, so the suite's ids stay as they are.
        # (getini caches its answers; this is the one setting the judge overrides.)
        config._inicache["strict_parametrization_ids"] = False
    unknown = [n for n in config.getoption("judge_show_reference") if n not in EXERCISE_MODULES]
    if unknown:
        raise pytest.UsageError(f"--show-reference {unknown[0]}: no exercise of that name")
    if not with_reference:
        config.option.doctestmodules = False  # doctests run the reference only
    # The verdict table is the report: unless asked for (--tb, -r), no
    # traceback per failed test and no list of failed and skipped tests.
    given = config.invocation_params.args
    if not any(str(arg).startswith("--tb") for arg in given):
        config.option.tbstyle = "no"
    if not any(str(arg).startswith("-r") for arg in given):  # --rootdir starts with "--"
        config.option.reportchars = ""
    # A test module that fails to import must not stop the judging of the others.
    config.option.continue_on_collection_errors = True


def pytest_report_header(config: pytest.Config) -> list[str] | None:
    state = config.stash.get(STATE, None)
    if state is None:
        return None
    names = sorted(set(state.learner.functions) & set(EXERCISE_MODULES), key=_exercise_order)
    attempted = ", ".join(names) or "no exercise"
    return [f"practice judge: {state.learner.display} attempts: {attempted}"]


@pytest.fixture(scope="session")
def impl(impl_source: Callable[[str], Callable[..., Any]]) -> Callable[[str], Callable[..., Any]]:
    """Look up the function under test by exercise name: ``impl("max_sliding_window")``.

    Every exercise test takes its function from here instead of importing it,
    so the judge can substitute a learner's solution: the reference solution in
    a plain run, the learner's function under ``pytest --solutions PATH``.
    """
    return impl_source


@pytest.fixture(scope="session")
def impl_source(request: pytest.FixtureRequest) -> Callable[[str], Callable[..., Any]]:
    """Where ``impl`` finds a function: the reference packages, or the learner's file."""
    if getattr(request, "param", REFERENCE) == LEARNER:
        return request.config.stash[STATE].recorder
    return reference


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    state = metafunc.config.stash.get(STATE, None)
    if state is None or "impl_source" not in metafunc.fixturenames:
        return
    sides = [REFERENCE, LEARNER] if state.with_reference else [LEARNER]
    metafunc.parametrize("impl_source", sides, indirect=True, scope="session")


@pytest.hookimpl(tryfirst=True)  # before -k deselects, so exercise names can be keywords
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    state = config.stash.get(STATE, None)
    if state is None:
        return
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        side = callspec.params.get("impl_source") if callspec is not None else None
        if side == LEARNER:
            tier = tier_of(item)
            if tier == REFERENCE_ONLY:  # a detail of our solution, not of the exercise
                dropped.append(item)
                continue
            hint = exercise_hints(item, state.vocabulary)
            item.stash[RECORD] = TestRecord(item.nodeid, hint, tier, contract_label(item))
            item.extra_keyword_matches.update(hint)  # so that -k heappush selects it
            kept.append(item)
        elif side == REFERENCE or state.with_reference:
            kept.append(item)
        else:
            dropped.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Any:
    """A test module that cannot be imported is a JUDGE ERROR: the exercises it tests
    would otherwise vanish from the table, or be accepted on the other tests alone."""
    outcome = yield
    state = collector.config.stash.get(STATE, None)
    report = outcome.get_result()
    if state is None or not report.failed or not isinstance(collector, pytest.Module):
        return
    error = _collection_error(report.longreprtext)
    names = _exercises_named_in(collector.path, set(EXERCISE_MODULES))
    where = report.nodeid or os.path.relpath(collector.path)
    state.judge_errors[where] = (error, names)
    state.ask(sorted(names, key=_exercise_order))


def _collection_error(text: str) -> str:
    """The error line of a collection traceback: ``ModuleNotFoundError: No module named 'x'``."""
    lines = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
    errors = [line for line in lines if re.match(r"^\w+(Error|Exception)\b", line)]
    found = errors[-1] if errors else (lines[-1] if lines else text.strip().splitlines()[-1])
    missing = re.search(r"No module named '([\w.]+)'", found)
    if missing:
        found += " (pip install -e . installs everything the judge needs)"
    return found


def _exercises_named_in(path: Any, vocabulary: set[str]) -> list[str]:
    """Exercise names that appear as string constants in a test module's source."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return []
    found = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in vocabulary
    }
    return sorted(found, key=_exercise_order)


def pytest_collection_finish(session: pytest.Session) -> None:
    state = session.config.stash.get(STATE, None)
    if state is None:
        return
    for item in session.items:
        record = item.stash.get(RECORD, None)
        if record is not None:
            state.ask(sorted(set(record.hint) & set(EXERCISE_MODULES), key=_exercise_order))


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    state = item.config.stash.get(STATE, None)
    record = item.stash.get(RECORD, None)
    if state is None or record is None:
        yield
        return
    state.recorder.current = record
    try:
        yield
    finally:
        state.recorder.current = None
        record.last_call = None  # release the learner's objects
        record.comparisons.clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    state = item.config.stash.get(STATE, None)
    if state is None or RECORD not in item.stash:
        yield
        return
    with time_limit(state.timeout, item.nodeid):
        yield
    # Hypothesis would offer a patch that adds the learner's counterexample to
    # the suite's tests as an @example: not wanted for a learner's bug.
    item.__dict__.pop("_hypothesis_failing_examples", None)


def pytest_assertrepr_compare(config: pytest.Config, op: str, left: Any, right: Any) -> None:
    # Called with the two operands of a failing comparison: they become the
    # "expected" and "got" of a WRONG ANSWER.  Adds nothing to pytest's message.
    state = config.stash.get(STATE, None)
    if state is not None and state.recorder.current is not None:
        state.recorder.current.comparisons[:] = [(op, left, right)]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    state = item.config.stash.get(STATE, None)
    record = item.stash.get(RECORD, None)
    if state is not None and record is None and outcome.get_result().failed:
        state.other_failures += 1  # a reference-side or infrastructure test failed
    if state is None or record is None:
        return
    # Fixtures may ask for exercises too (a model built in setup): list them all.
    state.ask([*record.learner_names, *record.absent_names])
    if call.when != "call":
        return
    report = outcome.get_result()
    if hasattr(report, "wasxfail"):
        return
    if report.skipped:
        if record.not_attempted_skip is None:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else "skipped"
            for name in record.learner_names:
                state.tally(name).skipped.append(reason.removeprefix("Skipped: "))
        return
    if not record.learner_names:  # it ran on reference functions only
        _skip(item, report, "judges none of your functions")
        return
    if report.passed:
        _count_pass(state, record)
        return
    assert call.excinfo is not None
    judged = classify(item, call.excinfo.value, record, state.learner, state.timeout)
    if isinstance(judged, WordingOnly):  # the right exception type, in the learner's words
        report.outcome, report.longrepr = "passed", None
        _count_pass(state, record)
        return
    if judged is None:
        _skip(item, report, f"not judged: {call.excinfo.exconly()}")
    elif isinstance(judged, Unimplemented):
        state.tally(judged.name).unimplemented.append(judged.call_input)
        _skip(item, report, f"not attempted: {judged.name} raises NotImplementedError")
    else:
        state.failures.append(judged)
        if judged.timed_out:
            state.recorder.timed_out.update(judged.blamed)


def _count_pass(state: JudgeState, record: TestRecord) -> None:
    for name in record.learner_names:
        tally = state.tally(name)
        if record.tier == CONTRACT:
            tally.contract_passed += 1
            if record.label:
                tally.labels.setdefault(record.label, True)
        else:
            tally.passed += 1


def _skip(item: pytest.Item, report: pytest.TestReport, reason: str) -> None:
    path, line, _ = item.reportinfo()
    report.outcome = "skipped"
    report.longrepr = (os.fspath(path), (line or 0) + 1, f"Skipped: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    state = session.config.stash.get(STATE, None)
    if state is None:
        return
    names = _keyword_selected(session.config, sorted(state.asked, key=_exercise_order))
    for error, covered in state.judge_errors.values():
        for name in covered:
            state.tally(name).judge_errors.append(error)
    state.verdicts = decide(
        names, state.tallies, state.failures, state.learner, strict=state.strict
    )
    # The exit status follows the verdicts, not pytest's count of failed tests: a missed
    # contract check (without --strict) fails a test but not the learner.
    failed = [v for v in state.verdicts if v.verdict not in (ACCEPTED, NOT_ATTEMPTED)]
    if failed or state.judge_errors or state.other_failures:
        if session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif session.exitstatus == pytest.ExitCode.TESTS_FAILED:
        session.exitstatus = pytest.ExitCode.OK
    progress.record(state.learner.filename, state.verdicts)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    state = config.stash.get(STATE, None)
    if state is None or state.verdicts is None:
        return
    notes = []
    for name, guess in state.learner.unknown_names({*EXERCISE_MODULES, *state.asked}).items():
        hint = f" (did you mean {guess}?)" if guess else ""
        notes.append(f"note: {name} in {state.learner.display} is no exercise name{hint}")
    failing = next((v for v in state.verdicts if v.failing_test), None)
    if failing is not None and config.option.tbstyle == "no":
        notes.append(
            "to see one failed test in full: pytest"
            f" --solutions={state.learner.display} --tb=short '{failing.failing_test}'"
        )
    judge_errors = [
        f"{module} cannot be imported: {error}"
        + (f"; not judged: {', '.join(covered)}" if covered else "")
        for module, (error, covered) in state.judge_errors.items()
    ]
    render(
        terminalreporter,
        state.learner.display,
        state.verdicts,
        notes,
        judge_errors=judge_errors,
        show_all=state.show_all,
    )
    for name in state.show_reference:
        progress.show_reference(terminalreporter, name, state.learner.filename, state.verdicts)


def _keyword_selected(config: pytest.Config, names: list[str]) -> list[str]:
    """With ``-k heappush``, the table shows the exercises the expression names, not
    also the others its tests happen to use.  Words that are in no exercise's name
    (``-k "heappush and bound"``) do not narrow the table."""
    expression = config.option.keyword
    if not expression:
        return names
    try:
        from _pytest.mark.expression import Expression

        compiled = Expression.compile(expression)
    except Exception:  # a private API of pytest: without it, no narrowing
        return names

    def names_it(part: str, name: str) -> bool:
        part = part.lower()
        return part in name.lower() or not any(part in other.lower() for other in names)

    chosen = [n for n in names if compiled.evaluate(lambda part, n=n: names_it(part, n))]
    return chosen or names


_ORDER = {name: i for i, name in enumerate(EXERCISE_MODULES)}


def _exercise_order(name: str) -> tuple[int, str]:
    return (_ORDER.get(name, len(_ORDER)), name)
