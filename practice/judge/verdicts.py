"""From test outcomes to one verdict per exercise, and the table that shows them.

A failed test is classified by *what* failed:

* the time limit ran out (an endless loop, or far too slow)   -> TOO SLOW
* an assertion on counted comparisons (``counter.total <= 2n``), or any
  assertion in a test marked ``@pytest.mark.complexity``      -> TOO SLOW
* an assertion in a test marked ``@pytest.mark.budget`` (a generous time
  budget relative to the reference, on a larger input)        -> TOO SLOW
* the learner's function raised where the test expected an answer
                                                              -> RUNTIME ERROR
* it raised the wrong error where the test expected one (inside
  ``pytest.raises``), raised none, or any other assertion    -> WRONG ANSWER
* the test could not use the answer (e.g. sorting a returned ``None``)
                                                              -> WRONG ANSWER
* it raised NotImplementedError                               -> NOT ATTEMPTED

An exercise is ACCEPTED when every test that judged it passed.  Otherwise its
verdict is the most basic kind of failure among its tests (a crash before a
wrong answer before a slow one), shown with the first such test: the call that
failed (its arguments as they were before the call, shrunk by Hypothesis),
what was expected and what came back.

A test that judges two of the learner's functions at once (``min`` checked
against ``max`` of the negated input) blames only those of them that also fail
the same way on their own, when there are any: a wrong ``max_sliding_window``
does not drag a correct ``min_sliding_window`` down with it.
"""

from __future__ import annotations

import ast
import functools
import linecache
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

from practice.judge.calls import Call, TestRecord, show
from practice.judge.learner import Learner
from practice.judge.watchdog import JudgeTimeout

RUNTIME_ERROR = "RUNTIME ERROR"
WRONG_ANSWER = "WRONG ANSWER"
TOO_SLOW = "TOO SLOW"
ACCEPTED = "ACCEPTED"
NOT_ATTEMPTED = "NOT ATTEMPTED"
FAILURE_KINDS = (RUNTIME_ERROR, WRONG_ANSWER, TOO_SLOW)  # most basic first
COLOURS = {
    ACCEPTED: {"green": True, "bold": True},
    WRONG_ANSWER: {"red": True, "bold": True},
    RUNTIME_ERROR: {"red": True, "bold": True},
    TOO_SLOW: {"yellow": True, "bold": True},
    NOT_ATTEMPTED: {},
}

# An assertion about counted comparisons: `counter.total <= 2 * n`, `counter.by_op`, ...
_COUNTING = re.compile(r"\bcounters?\b|\bcomparisons?\b|\bby_op\b|\.total\b")
# Test names that announce a bound, for assertions that compare a count kept
# in another variable (`worst <= 2 * (n - n.bit_count())`).
_BOUND_TEST = re.compile(r"comparisons|bound|complexity")


@dataclass
class Failure:
    """One failed test, as the table shows it."""

    kind: str
    blamed: list[str]  # the exercises it judged (or the one that raised)
    precise: bool  # blamed names the very function that raised or hung
    summary: str  # one line
    details: list[tuple[str, str]]  # (label, text): input, expected, got, ...
    nodeid: str
    timed_out: bool = False


@dataclass
class Tally:
    """Everything the run said about one exercise."""

    passed: int = 0
    failures: list[Failure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # reasons of tests skipped for other causes
    # the inputs on which it raised NotImplementedError
    unimplemented: list[str] = field(default_factory=list)


@dataclass
class Verdict:
    name: str
    verdict: str
    reason: str
    details: list[tuple[str, str]] = field(default_factory=list)
    failing_test: str | None = None  # node id of the test the details come from


@dataclass
class Unimplemented:
    """Classification result: the learner's function raised NotImplementedError."""

    name: str
    call_input: str


# ---------------------------------------------------------------------------
# Classifying one failed test


def classify(
    item: pytest.Item, exc: BaseException, record: TestRecord, learner: Learner, timeout: float
) -> Failure | Unimplemented | None:
    """The failure a test's exception stands for; None if it is not the learner's doing."""
    leaves = list(_leaves(exc))
    classified = [_classify_leaf(item, leaf, record, learner, timeout) for leaf in leaves]
    for c in classified:
        if isinstance(c, Unimplemented):
            return c
    for kind in FAILURE_KINDS:
        for c in classified:
            if isinstance(c, Failure) and c.kind == kind:
                return c
    return None


def _leaves(exc: BaseException) -> Iterable[BaseException]:
    if isinstance(exc, BaseExceptionGroup):  # Hypothesis: several distinct failures
        for inner in exc.exceptions:
            yield from _leaves(inner)
    else:
        yield exc


def _classify_leaf(
    item: pytest.Item, exc: BaseException, record: TestRecord, learner: Learner, timeout: float
) -> Failure | Unimplemented | None:
    call = record.last_call
    shared = len(record.learner_names) > 1
    test_line = _innermost_line(exc, str(item.path))
    details: list[tuple[str, str]] = []
    if call is not None:
        details.append(("input", call.describe_input()))

    def failure(kind: str, summary: str, blamed: list[str] | None = None) -> Failure:
        precise = blamed is not None
        names = blamed if blamed is not None else list(record.learner_names)
        details.append(("test", item.nodeid))
        return Failure(kind, names, precise or not shared, summary, details, item.nodeid)

    if isinstance(exc, JudgeTimeout):
        hung = [call.name] if call is not None and call.raised is exc else None
        details.append(("limit", f"no result after {timeout:g} s (--judge-timeout changes it)"))
        slow = failure(TOO_SLOW, f"no answer within {timeout:g} s: an endless loop?", hung)
        slow.timed_out = True
        return slow

    if isinstance(exc, KeyError) and str(exc).startswith("'unknown exercise"):
        return None  # the registry lacks a name some test asked for: not the learner's doing

    learner_frame = _innermost_frame(exc, learner.filename)
    raised_by_learner = (call is not None and call.raised is exc) or learner_frame is not None
    error = _one_line(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
    if raised_by_learner:
        culprit = call.name if call is not None and call.raised is exc else None
        if culprit is None and learner_frame is not None:
            culprit = _exercise_of_frame(exc, learner.filename, record)
        if isinstance(exc, NotImplementedError):
            shown = call.describe_input() if call is not None else ""
            return Unimplemented(culprit or record.learner_names[0], shown)
        expected_error = _expected_error(str(item.path), test_line)
        if expected_error is not None:
            details += [("expected", f"raises {expected_error}"), ("got", f"raises {error}")]
            return failure(
                WRONG_ANSWER,
                f"raises {type(exc).__name__} where {expected_error} is expected",
                [culprit] if culprit else None,
            )
        details.append(("error", error))
        if learner_frame is not None:
            function, line = learner_frame
            details.append(("at", f"{learner.display}, line {line}, in {function}"))
        return failure(RUNTIME_ERROR, error, [culprit] if culprit else None)

    statement = _statement_at(str(item.path), test_line) if test_line else None
    if isinstance(exc, pytest.fail.Exception) and "DID NOT RAISE" in str(exc):
        expected_error = _expected_error(str(item.path), test_line) or str(exc)
        got = f"returns {show(call.result)}" if call is not None and call.returned else str(exc)
        details += [("expected", f"raises {expected_error}"), ("got", got)]
        return failure(WRONG_ANSWER, f"raises no error where {expected_error} is expected")

    context = exc.__context__
    if (
        isinstance(exc, AssertionError)
        and call is not None
        and context is not None
        and context is call.raised
        and (expected_error := _expected_error(str(item.path), test_line)) is not None
    ):  # pytest.raises(ValueError, match=...) got a ValueError with another message
        raised = _one_line(f"{type(context).__name__}: {context}")
        details += [("expected", f"raises {expected_error}"), ("got", f"raises {raised}")]
        return failure(WRONG_ANSWER, f"raises {raised} where {expected_error} is expected")

    if isinstance(exc, AssertionError | pytest.fail.Exception):
        message = str(exc).strip()
        first = _one_line(message.splitlines()[0]) if message else "assertion failed"
        if item.get_closest_marker("budget") is not None:
            return failure(TOO_SLOW, first)
        if _is_complexity_check(item, statement):
            if statement:
                details.append(("check", statement))
            counted = _count_and_bound(record, statement or "")
            if counted is None:
                details.append(("failed", first))
            return failure(TOO_SLOW, counted or f"over its comparison bound: {first}")
        mutated = call.mutations() if call is not None else []
        compared = record.comparisons[-1][1:] if record.comparisons else ()
        changed = [m for m in mutated if any(side is m[2] for side in compared)]
        got_expected = _got_and_expected(record, call)
        if changed:  # the failed check compares an argument the call changed in place
            label, before, now = changed[0]
            details += [
                ("expected", f"{label} left as it was: {show(before)}"),
                ("got", f"{label} changed to {show(now)}"),
            ]
            return failure(WRONG_ANSWER, f"changes its argument {label} ({_test_name(item)})")
        if got_expected is not None:
            got, expected = got_expected
            details += [("expected", show(expected)), ("got", show(got))]
        else:
            if call is not None and call.returned:
                details.append(("got", show(call.result)))
            if statement:
                details.append(("check", statement))
            details.append(("failed", first))
        details += [
            ("changed", f"{label}: {show(before)} -> {show(now)}") for label, before, now in mutated
        ]
        return failure(WRONG_ANSWER, _test_name(item))

    # The test itself raised while using the answer: an answer of the wrong kind.
    if call is not None and call.returned:
        details.append(("got", show(call.result)))
    details.append(("error", f"the test could not use the answer: {error}"))
    return failure(WRONG_ANSWER, f"unusable answer ({type(exc).__name__} in the test)")


def _test_name(item: pytest.Item) -> str:
    return getattr(item, "originalname", None) or item.name


def _is_complexity_check(item: pytest.Item, statement: str | None) -> bool:
    if item.get_closest_marker("complexity") is not None:
        return True
    if statement is None:
        return False
    if _COUNTING.search(statement):
        return True
    ordering = re.search(r"<=|>=|(?<![<>=])[<>](?![<>=])", statement)
    return bool(_BOUND_TEST.search(_test_name(item)) and ordering and "==" not in statement)


def _count_and_bound(record: TestRecord, statement: str) -> str | None:
    """``"4624 comparisons, over the bound of 600"``, from the last failed comparison."""
    if not record.comparisons:
        return None
    op, left, right = record.comparisons[-1]
    if not all(isinstance(x, int | float) for x in (left, right)):
        return None
    what = "comparisons" if _COUNTING.search(statement) else "operations"
    if op in ("<=", "<"):
        return f"{left} {what}, over the bound of {right}"
    if op in (">=", ">"):
        return f"{right} {what}, over the bound of {left}"
    if op == "==":
        return f"{left} {what} where exactly {right} are expected"
    return None


def _got_and_expected(record: TestRecord, call: Call | None) -> tuple[Any, Any] | None:
    """(got, expected) from the last failed ``==``: the side the learner returned is "got"."""
    if not record.comparisons:
        return None
    op, left, right = record.comparisons[-1]
    if op != "==":
        return None
    if call is not None and call.returned:
        result = call.result
        if right is result and left is not result:
            return right, left
        if left is not result:
            shown = show(result)
            if show(right) == shown and show(left) != shown:
                return right, left
    return left, right  # the suite's convention: assert got == expected


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:197] + "..."


# ---------------------------------------------------------------------------
# Looking at tracebacks and test source


def _innermost_line(exc: BaseException, filename: str) -> int | None:
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _innermost_frame(exc: BaseException, filename: str) -> tuple[str, int] | None:
    """(function name, line) of the innermost frame that runs code from ``filename``."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            found = (tb.tb_frame.f_code.co_name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _exercise_of_frame(exc: BaseException, filename: str, record: TestRecord) -> str | None:
    """The outermost function of the learner's file on the way to ``exc``, if it is an exercise."""
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == filename:
            return code.co_name if code.co_name in record.learner_names else None
        tb = tb.tb_next
    return None


@functools.lru_cache(maxsize=64)
def _parsed(filename: str) -> ast.Module | None:
    try:
        return ast.parse("".join(linecache.getlines(filename)), filename)
    except (SyntaxError, ValueError):
        return None


def _statement_at(filename: str, line: int | None) -> str | None:
    """The source of the innermost simple statement that spans ``line``."""
    tree = _parsed(filename)
    if tree is None or line is None:
        return None
    best = None
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.stmt)
            and not isinstance(node, ast.FunctionDef | ast.ClassDef | ast.With | ast.For | ast.If)
            and node.lineno <= line <= (node.end_lineno or node.lineno)
            and (best is None or node.lineno >= best.lineno)
        ):
            best = node
    if best is None:
        return None
    return _one_line(ast.get_source_segment("".join(linecache.getlines(filename)), best) or "")


def _expected_error(filename: str, line: int | None) -> str | None:
    """``ValueError matching 'k'`` when ``line`` sits inside ``with pytest.raises(...)``."""
    tree = _parsed(filename)
    if tree is None or line is None:
        return None
    for node in ast.walk(tree):
        if not isinstance(node, ast.With) or not (
            node.lineno <= line <= (node.end_lineno or node.lineno)
        ):
            continue
        for with_item in node.items:
            context = with_item.context_expr
            if (
                isinstance(context, ast.Call)
                and isinstance(context.func, ast.Attribute | ast.Name)
                and (getattr(context.func, "attr", None) or getattr(context.func, "id", ""))
                == "raises"
                and context.args
            ):
                text = ast.unparse(context.args[0])
                for keyword in context.keywords:
                    if keyword.arg == "match":
                        text += f" matching {ast.unparse(keyword.value)}"
                return text
    return None


# ---------------------------------------------------------------------------
# From tallies to verdicts


def decide(
    names: list[str], tallies: dict[str, Tally], failures: list[Failure], learner: Learner
) -> list[Verdict]:
    """One verdict per exercise in ``names``: attempted ones first, in the given order."""
    for name in names:
        tallies.setdefault(name, Tally())
    alone = {(name, f.kind) for f in failures if f.precise for name in f.blamed}
    for f in failures:
        own = [n for n in f.blamed if (n, f.kind) in alone]
        targets = f.blamed if f.precise else (own or f.blamed)
        for name in targets:
            tallies.setdefault(name, Tally()).failures.append(f)

    verdicts = []
    for name in names:
        tally = tallies[name]
        verdicts.append(_verdict(name, tally, learner))
    attempted = [v for v in verdicts if v.verdict != NOT_ATTEMPTED]
    return attempted + [v for v in verdicts if v.verdict == NOT_ATTEMPTED]


def _verdict(name: str, tally: Tally, learner: Learner) -> Verdict:
    total = tally.passed + len(tally.failures)
    for kind in FAILURE_KINDS:
        of_kind = [f for f in tally.failures if f.kind == kind]
        if of_kind:
            # Prefer a test that judged this function alone: its failure is surely this one's.
            first = next((f for f in of_kind if f.precise), of_kind[0])
            count = f"{len(tally.failures)} of {total} tests failed"
            return Verdict(name, kind, f"{first.summary} ({count})", first.details, first.nodeid)
    if tally.unimplemented and tally.passed:
        return Verdict(
            name,
            RUNTIME_ERROR,
            "raises NotImplementedError on some inputs",
            [("input", tally.unimplemented[0])],
        )
    if tally.passed:
        return Verdict(name, ACCEPTED, f"all {tally.passed} tests passed")
    if tally.unimplemented:
        return Verdict(name, NOT_ATTEMPTED, "raises NotImplementedError")
    if learner.function(name) is not None:
        why = f" ({tally.skipped[0]})" if tally.skipped else ""
        return Verdict(name, NOT_ATTEMPTED, f"no test could judge it here{why}")
    return Verdict(name, NOT_ATTEMPTED, learner.why_not_attempted(name))


def render(reporter: Any, display: str, verdicts: list[Verdict], notes: list[str]) -> None:
    """Write the verdict table with pytest's terminal reporter."""
    reporter.write_sep("=", f"practice judge: {display}")
    if not verdicts:
        reporter.write_line("no exercise was judged (did -k or the paths select no test?)")
    width = max((len(v.name) for v in verdicts), default=0) + 2
    for v in verdicts:
        reporter.write(f"{v.name:<{width}}")
        reporter.write(f"{v.verdict:<15}", **COLOURS[v.verdict])
        reporter.write_line(v.reason)
        label_width = max((len(label) for label, _ in v.details), default=0) + 1
        for label, text in v.details:
            reporter.write_line(f"{'':<{width + 2}}{label + ':':<{label_width}} {text}")
    counts: dict[str, int] = {}
    for v in verdicts:
        counts[v.verdict] = counts.get(v.verdict, 0) + 1
    order = (ACCEPTED, WRONG_ANSWER, RUNTIME_ERROR, TOO_SLOW, NOT_ATTEMPTED)
    summary = ", ".join(f"{counts[k]} {k.lower()}" for k in order if k in counts)
    for note in notes:
        reporter.write_line(note, yellow=True)
    if summary:
        reporter.write_line(summary, bold=True)
