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
import os
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
JUDGE_ERROR = "JUDGE ERROR"
FAILURE_KINDS = (RUNTIME_ERROR, WRONG_ANSWER, TOO_SLOW)  # most basic first
COLOURS = {
    ACCEPTED: {"green": True, "bold": True},
    WRONG_ANSWER: {"red": True, "bold": True},
    RUNTIME_ERROR: {"red": True, "bold": True},
    TOO_SLOW: {"yellow": True, "bold": True},
    NOT_ATTEMPTED: {},
    JUDGE_ERROR: {"purple": True, "bold": True},
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
    last_called: str | None = None  # the learner function whose answer the failed check saw
    tier: str = "core"
    label: str | None = None  # a named contract check ("step for step like CPython")


@dataclass
class Tally:
    """Everything the run said about one exercise."""

    passed: int = 0
    failures: list[Failure] = field(default_factory=list)
    contract_passed: int = 0
    contract_failures: list[Failure] = field(default_factory=list)
    labels: dict[str, bool] = field(default_factory=dict)  # named contract check -> held
    judge_errors: list[str] = field(default_factory=list)  # test modules that failed to import
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
    written: bool = False  # the learner's file defines it (never folded away)


@dataclass
class WordingOnly:
    """Classification result: the right exception type with other words than ours.

    Learners are judged on the exception *type* an exercise names, never on its
    message, so such a test counts as passed for them."""


@dataclass
class Unimplemented:
    """Classification result: the learner's function raised NotImplementedError."""

    name: str
    call_input: str


# ---------------------------------------------------------------------------
# Classifying one failed test


def classify(
    item: pytest.Item, exc: BaseException, record: TestRecord, learner: Learner, timeout: float
) -> Failure | Unimplemented | WordingOnly | None:
    """The failure a test's exception stands for; None if it is not the learner's doing."""
    leaves = list(_leaves(exc))
    classified = [_classify_leaf(item, leaf, record, learner, timeout) for leaf in leaves]
    for c in classified:
        if isinstance(c, Unimplemented):
            return c
    if classified and all(isinstance(c, WordingOnly) for c in classified):
        return classified[0]
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
) -> Failure | Unimplemented | WordingOnly | None:
    call = record.last_call
    shared = len(record.learner_names) > 1
    test_line = _innermost_line(exc, str(item.path))
    details: list[tuple[str, str]] = []
    if call is not None:
        details.append(("input", call.describe_input()))

    def failure(kind: str, summary: str, blamed: list[str] | None = None) -> Failure:
        precise = blamed is not None
        names = blamed if blamed is not None else list(record.learner_names)
        details.append(("test", _runnable_id(item)))
        return Failure(
            kind,
            names,
            precise or not shared,
            summary,
            details,
            _runnable_id(item),
            last_called=call.name if call is not None else None,
            tier=record.tier,
            label=record.label,
        )

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
        expected_error = _expected_error(str(item.path), test_line, exc)
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
        expected_error = _expected_error(str(item.path), test_line, exc) or str(exc)
        got = f"returns {show(call.result)}" if call is not None and call.returned else str(exc)
        details += [("expected", f"raises {expected_error}"), ("got", got)]
        return failure(WRONG_ANSWER, f"raises no error where {expected_error} is expected")

    context = exc.__context__
    if (
        isinstance(exc, AssertionError)
        and call is not None
        and context is not None
        and context is call.raised
        and (expected_error := _expected_error(str(item.path), test_line, exc)) is not None
    ):  # pytest.raises(ValueError, match=...) got a ValueError with other words: the type
        return WordingOnly()  # is right, and a learner is never judged on the wording

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
        if got_expected is None:
            got_expected = _operands_of_check(exc, str(item.path), test_line, call)
            if got_expected is not None and statement:
                details.append(("check", statement))
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


def _runnable_id(item: pytest.Item) -> str:
    """The test's id with its file relative to the current folder, so that
    ``pytest --solutions=... 'ID'`` reruns it from where the judge was run
    (pytest's own node id is relative to a rootdir that may lie elsewhere)."""
    _, _, rest = item.nodeid.partition("::")
    try:
        where = os.path.relpath(item.path)
    except ValueError:  # another drive on Windows
        where = str(item.path)
    return f"{where}::{rest}" if rest else where


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
    if _COUNTING.search(statement):
        what = "comparisons"
    elif re.search(r"peak|bytes|memory|mib", statement, re.IGNORECASE):
        what = "bytes of memory"
    else:
        what = "operations"
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


_SAFE_NODES = (
    ast.Expression, ast.Name, ast.Load, ast.Attribute, ast.Subscript, ast.Constant, ast.Tuple,
    ast.List, ast.Slice, ast.UnaryOp, ast.USub, ast.UAdd, ast.BinOp, ast.Add, ast.Sub, ast.Mult,
    ast.Div, ast.FloorDiv, ast.Mod, ast.Pow,
)  # fmt: skip


_EXPECTED_NAME = re.compile(r"expect|want|oracle|ref|truth|exact|brute|model", re.IGNORECASE)
_GOT_NAME = re.compile(r"^(got|out|output|result|answer|actual|ours|mine)\b", re.IGNORECASE)


def _operands_of_check(
    exc: BaseException, filename: str, line: int | None, call: Call | None
) -> tuple[Any, Any] | None:
    """(got, expected) of a failed check that is not a plain ``==``.

    ``assert np.allclose(out, want)``, ``np.testing.assert_allclose(out, want)``,
    ``check_close(out, lse, expected_out, expected_lse)``: the operands are
    evaluated again in the failing test's own frame when they are plain names,
    attributes, subscripts or arithmetic on them (nothing is called twice).
    "got" is the learner's last answer, or the operand named like one (``out``,
    ``got``, ``result``); "expected" is the operand named like an oracle
    (``expected``, ``want``, ``ref``), else the other of two.  When the check's
    operands say nothing (``abs(got - want) <= tol``), a variable of the test
    named like an oracle is shown as the expected value.
    """
    tree = _parsed(filename)
    frame = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            frame = tb.tb_frame
        tb = tb.tb_next
    if tree is None or frame is None or line is None:
        return None
    node = None
    for candidate in ast.walk(tree):
        if isinstance(candidate, ast.Assert | ast.Expr) and candidate.lineno <= line <= (
            candidate.end_lineno or candidate.lineno
        ):
            node = candidate
    if node is None:
        return None
    expr = node.test if isinstance(node, ast.Assert) else node.value
    operands: list[ast.expr] = []
    if isinstance(expr, ast.Compare) and len(expr.ops) == 1:
        operands = [expr.left, expr.comparators[0]]
    elif isinstance(expr, ast.Call):
        operands = [*expr.args, *(k.value for k in expr.keywords)]
    named: list[tuple[str, Any]] = []  # (source text, value) of the operands we can evaluate
    for operand in operands:
        tree_of = ast.Expression(operand)
        if not all(isinstance(n, _SAFE_NODES) for n in ast.walk(tree_of)):
            continue
        try:
            value = eval(compile(tree_of, filename, "eval"), frame.f_globals, frame.f_locals)
        except Exception:
            continue
        # Only a plain name says what a value is: `rtol * want` is no expected answer.
        if isinstance(operand, ast.Name | ast.Attribute | ast.Subscript) or len(operands) == 2:
            named.append((ast.unparse(operand), value))
    # `check(out, lse, expected_out, expected_lse)`: pair each answer with its oracle by
    # name and show the first pair that differs.
    by_text = dict(named)
    pairs = []
    for text, value in named:
        stem = re.fullmatch(r"(?:expected|want|wanted|ref|oracle)_(\w+)", text)
        if stem and stem[1] in by_text:
            pairs.append((by_text[stem[1]], value))
    if pairs:
        return next((pair for pair in pairs if show(pair[0]) != show(pair[1])), pairs[0])
    result = call.result if call is not None and call.returned else None
    got = next((v for _, v in named if result is not None and v is result), None)
    if got is None:
        got = next((v for text, v in named if _GOT_NAME.search(text)), None)
    expected = next(
        (
            v
            for text, v in named
            if _EXPECTED_NAME.search(text) and v is not got and text.isidentifier()
        ),
        None,
    )
    if expected is None and len(named) == 2 and len(operands) == 2:
        first, second = (v for _, v in named)
        got, expected = (second, first) if second is got or first is result else (first, second)
    if expected is None:  # the operands are expressions: look for the oracle's variable
        for name, value in frame.f_locals.items():
            if _EXPECTED_NAME.search(name) and not callable(value):
                expected = value
                break
    if expected is None:
        return None
    if got is None:
        if call is None or not call.returned:
            return None
        got = call.result
    return got, expected


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


def _expected_error(filename: str, line: int | None, exc: BaseException) -> str | None:
    """``ValueError`` when ``line`` sits inside ``with pytest.raises(ValueError, ...)``.

    Only the exception type is shown: a learner is never judged on the wording.  A
    type held in a variable (``pytest.raises(error)``) is looked up in the failing
    test's frame, so the learner reads ``TypeError``, not ``error``.
    """
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
                return _exception_names(context.args[0], filename, exc)
    return None


def _exception_names(expr: ast.expr, filename: str, exc: BaseException) -> str:
    """The exception class(es) an expression names, evaluated in the test's frame."""
    text = ast.unparse(expr)
    frame = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            frame = tb.tb_frame
        tb = tb.tb_next
    tree_of = ast.Expression(expr)
    if frame is None or not all(isinstance(n, _SAFE_NODES) for n in ast.walk(tree_of)):
        return text
    try:
        value = eval(compile(tree_of, filename, "eval"), frame.f_globals, frame.f_locals)
    except Exception:
        return text
    classes = value if isinstance(value, tuple) else (value,)
    if all(isinstance(c, type) and issubclass(c, BaseException) for c in classes):
        return " or ".join(c.__name__ for c in classes)
    return text


# ---------------------------------------------------------------------------
# From tallies to verdicts


def decide(
    names: list[str],
    tallies: dict[str, Tally],
    failures: list[Failure],
    learner: Learner,
    *,
    strict: bool = False,
) -> list[Verdict]:
    """One verdict per exercise in ``names``: attempted ones first, in the given order.

    Core and complexity failures decide the verdict; contract failures are only
    shown on the row, unless ``strict``.  A failure that judged several of the
    learner's functions at once is blamed on those that also fail the same way
    on their own, else on the one whose answer the failed check looked at.
    """
    for name in names:
        tallies.setdefault(name, Tally())
    alone = {(name, f.kind) for f in failures if f.precise for name in f.blamed}
    for f in failures:
        own = [n for n in f.blamed if (n, f.kind) in alone]
        if f.precise:
            targets = f.blamed
        elif own:
            targets = own
        elif f.last_called in f.blamed:
            targets = [f.last_called]
        else:
            targets = f.blamed
        for name in targets:
            tally = tallies.setdefault(name, Tally())
            if f.tier == "contract":
                tally.contract_failures.append(f)
                if f.label:
                    tally.labels[f.label] = False
                if strict:
                    tally.failures.append(f)
            else:
                tally.failures.append(f)

    verdicts = [_verdict(name, tallies[name], learner) for name in names]
    attempted = [v for v in verdicts if v.verdict != NOT_ATTEMPTED]
    return attempted + [v for v in verdicts if v.verdict == NOT_ATTEMPTED]


def _contract_note(tally: Tally) -> str:
    """`` · contract 9/12 · first miss: ...`` for the row of an attempted exercise."""
    total = tally.contract_passed + len(tally.contract_failures)
    if not total:
        return ""
    note = f" · contract {tally.contract_passed}/{total}"
    for label, held in sorted(tally.labels.items()):
        note += f" · {label}: {'yes' if held else 'no'}"
    unlabelled = [f for f in tally.contract_failures if not f.label]
    if unlabelled:
        note += f" · first miss: {_miss(unlabelled[0])}"
    return note


def _miss(failure: Failure) -> str:
    """A contract failure in a few words, the rule first and the input last:
    ``k_out_of_range: should raise ValueError, got [0] (max_sliding_window(nums=[1], k=0))``."""
    details = dict(failure.details)
    call = details.get("input", "")
    expected, got = details.get("expected"), details.get("got")
    name = failure.nodeid.partition("::")[2].partition("[")[0].removeprefix("test_")
    if expected and expected.startswith("raises "):
        rule = f"should {expected.replace('raises', 'raise', 1)}"
        if got:
            rule += f", got: {got.removeprefix('returns ')}"
    elif expected:
        rule = f"expected {expected}, got {got}"
    else:
        rule = details.get("error") or failure.summary
        if rule.removeprefix("test_") == name:  # the summary is only the test's name
            rule = details.get("failed") or "failed"
    text = _one_line(f"{name}: {rule}")
    if len(text) > 140:
        return text[:137] + "..."
    if call:
        room = 160 - len(text)
        shown = call if len(call) <= room else call[: max(room - 3, 0)] + "..."
        text += f" ({shown})" if room > 20 else ""
    return text


def _verdict(name: str, tally: Tally, learner: Learner) -> Verdict:
    total = tally.passed + len(tally.failures)
    for kind in FAILURE_KINDS:
        of_kind = [f for f in tally.failures if f.kind == kind]
        if of_kind:
            # Prefer a test that judged this function alone: its failure is surely this one's.
            first = next((f for f in of_kind if f.precise), of_kind[0])
            count = f"{len(tally.failures)} of {total} tests failed"
            details = list(first.details)
            if first.tier == "contract":
                details.insert(0, ("tier", "contract (counted because of --strict)"))
            return Verdict(name, kind, f"{first.summary} ({count})", details, first.nodeid)
    if tally.judge_errors and learner.function(name) is not None:
        return Verdict(
            name,
            JUDGE_ERROR,
            "some of its tests could not be run, so it cannot be accepted",
            [("module", error) for error in tally.judge_errors],
        )
    if tally.unimplemented and tally.passed:
        return Verdict(
            name,
            RUNTIME_ERROR,
            "raises NotImplementedError on some inputs",
            [("input", tally.unimplemented[0])],
        )
    if tally.passed:
        return Verdict(name, ACCEPTED, f"all {tally.passed} tests passed{_contract_note(tally)}")
    if tally.unimplemented:
        return Verdict(name, NOT_ATTEMPTED, "raises NotImplementedError")
    if learner.function(name) is not None:
        why = f" ({tally.skipped[0]})" if tally.skipped else ""
        if tally.contract_passed or tally.contract_failures:  # -k chose contract tests only
            why = f" (only contract checks were selected{_contract_note(tally)})"
        return Verdict(name, NOT_ATTEMPTED, f"no test could judge it here{why}", written=True)
    return Verdict(name, NOT_ATTEMPTED, learner.why_not_attempted(name))


def render(
    reporter: Any,
    display: str,
    verdicts: list[Verdict],
    notes: list[str],
    *,
    judge_errors: list[str] = (),  # type: ignore[assignment]
    show_all: bool = False,
) -> None:
    """Write the verdict table with pytest's terminal reporter.

    NOT ATTEMPTED rows are folded into one line unless ``show_all``: a learner
    who solved three exercises sees three rows, not seventy-five.
    """
    reporter.write_sep("=", f"practice judge: {display}")
    shown = [v for v in verdicts if show_all or v.verdict != NOT_ATTEMPTED or v.written]
    folded = len(verdicts) - len(shown)
    if not verdicts:
        reporter.write_line("no exercise was judged (did -k or the paths select no test?)")
    width = max((len(v.name) for v in verdicts), default=0) + 2
    for error in judge_errors:
        reporter.write(f"{'(test module)':<{width}}")
        reporter.write(f"{JUDGE_ERROR:<15}", **COLOURS[JUDGE_ERROR])
        reporter.write_line(error)
    for v in shown:
        reporter.write(f"{v.name:<{width}}")
        reporter.write(f"{v.verdict:<15}", **COLOURS[v.verdict])
        reporter.write_line(v.reason)
        label_width = max((len(label) for label, _ in v.details), default=0) + 1
        for label, text in v.details:
            reporter.write_line(f"{'':<{width + 2}}{label + ':':<{label_width}} {text}")
    if folded:
        noun = "exercise" if folded == 1 else "exercises"
        reporter.write_line(f"{folded} {noun} not attempted (--show-all lists them)")
    counts: dict[str, int] = {}
    for v in verdicts:
        counts[v.verdict] = counts.get(v.verdict, 0) + 1
    order = (ACCEPTED, WRONG_ANSWER, RUNTIME_ERROR, TOO_SLOW, JUDGE_ERROR, NOT_ATTEMPTED)
    summary = ", ".join(f"{counts[k]} {k.lower()}" for k in order if k in counts)
    if judge_errors and JUDGE_ERROR not in counts:
        summary = ", ".join(filter(None, [summary, f"{len(judge_errors)} judge error"]))
    for note in notes:
        reporter.write_line(note, yellow=True)
    if summary:
        reporter.write_line(summary, bold=True)
