"""Load the learner's solutions file and sort its names into attempted and not.

The file is compiled from its source and executed in a fresh module object:
nothing is written next to it (no ``__pycache__``), its ``if __name__ ==
"__main__":`` block does not run, and whatever it prints while loading is
swallowed.  A file that cannot be loaded (syntax error, failing import, an
exception at import time) raises :class:`SolutionsFileError`, whose message
names the file and line, once, without pytest's internals around it.
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import inspect
import io
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from practice.exercises import BY_NAME
from practice.judge.watchdog import JudgeTimeout, time_limit

MODULE_NAME = "judged_solutions"
REFERENCE_PACKAGES = ("algorithms", "mathlab", "gpu")


class SolutionsFileError(Exception):
    """The learner's file cannot be judged; the message says where and why."""


@dataclass
class Learner:
    """The loaded file: the exercises it attempts and why the others are not attempted."""

    display: str  # the path as the learner wrote it, for messages
    filename: str  # the path the code objects carry (absolute)
    module: ModuleType
    functions: dict[str, Callable[..., Any]] = field(default_factory=dict)
    not_attempted: dict[str, str] = field(default_factory=dict)  # name -> reason
    written_here: list[str] = field(default_factory=list)  # public functions defined in the file

    def function(self, name: str) -> Callable[..., Any] | None:
        """The learner's function for exercise ``name``, or None if not attempted."""
        return self.functions.get(name)

    def why_not_attempted(self, name: str) -> str:
        return self.not_attempted.get(name, f"not defined in {self.display}")

    def unknown_names(self, exercises: Iterable[str]) -> dict[str, str | None]:
        """Functions the file defines that are no exercise, each with its likely intended name."""
        known = set(exercises)
        return {
            name: next(iter(difflib.get_close_matches(name, known, n=1, cutoff=0.75)), None)
            for name in self.written_here
            if name not in known
        }


def load(path_text: str, *, timeout: float) -> Learner:
    """Load the solutions file at ``path_text`` (relative to the current directory)."""
    path = Path(path_text)
    if not path.is_file():
        raise SolutionsFileError(f"--solutions {path_text}: no such file")
    if path.suffix != ".py":
        raise SolutionsFileError(f"--solutions {path_text}: expected a Python file (.py)")
    filename = str(path.resolve())
    source = path.read_bytes()
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
        tree = ast.parse(source, filename)
    except (SyntaxError, ValueError) as exc:
        raise SolutionsFileError(_syntax_error_message(exc, path_text)) from None

    module = ModuleType(MODULE_NAME)
    module.__file__ = filename
    sys.modules[MODULE_NAME] = module  # dataclasses and pickling look the module up here
    directory = str(path.resolve().parent)
    sys.path.insert(0, directory)  # so that `import my_helpers` next to the file works
    saved_dont_write_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = True  # nor a __pycache__ for the helpers it imports
    printed = io.StringIO()
    try:
        with (
            contextlib.redirect_stdout(printed),
            contextlib.redirect_stderr(printed),
            time_limit(timeout, f"importing {path_text}"),
        ):
            exec(code, module.__dict__)
    except JudgeTimeout:
        raise SolutionsFileError(
            f"{path_text}: importing it did not finish within {timeout:g} s"
            " (does it run something at import time?)"
        ) from None
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        raise SolutionsFileError(_import_error_message(exc, path_text, filename)) from None
    finally:
        sys.dont_write_bytecode = saved_dont_write_bytecode
        with contextlib.suppress(ValueError):
            sys.path.remove(directory)

    learner = Learner(display=path_text, filename=filename, module=module)
    stub_lines = _stub_first_lines(tree)
    stub_classes = _stub_classes(tree)
    for name, obj in vars(module).items():
        if name.startswith("_") or isinstance(obj, ModuleType) or not callable(obj):
            continue
        if isinstance(obj, type) and name not in BY_NAME:
            continue  # a helper class (a Node, a dataclass), not an attempt at an exercise
        origin = getattr(obj, "__module__", None) or ""
        if isinstance(obj, type):
            written_here = origin == MODULE_NAME
            code_of = None
        else:
            code_of = getattr(inspect.unwrap(obj), "__code__", None)
            written_here = code_of is not None and code_of.co_filename == filename
        if written_here:
            learner.written_here.append(name)
        if origin.partition(".")[0] in REFERENCE_PACKAGES:
            learner.not_attempted[name] = f"imported from {origin} (the reference), not written"
        elif written_here and code_of is not None and code_of.co_firstlineno in stub_lines:
            learner.not_attempted[name] = "a stub: its body raises NotImplementedError"
        elif written_here and code_of is None and name in stub_classes:
            learner.not_attempted[name] = "a stub: every method raises NotImplementedError"
        else:
            learner.functions[name] = obj
    return learner


def _stub_first_lines(tree: ast.Module) -> set[int]:
    """First lines (as ``co_firstlineno`` counts them) of functions whose body only
    raises NotImplementedError, after an optional docstring."""
    lines = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if _is_stub_body(node):
            lines.add(min([node.lineno] + [d.lineno for d in node.decorator_list]))
    return lines


def _is_stub_body(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a function's body only raises NotImplementedError (after a docstring)."""
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    if len(body) == 1 and isinstance(body[0], ast.Raise) and body[0].exc is not None:
        exc = body[0].exc
        target = exc.func if isinstance(exc, ast.Call) else exc
        return isinstance(target, ast.Name) and target.id == "NotImplementedError"
    return False


def _stub_classes(tree: ast.Module) -> set[str]:
    """Top-level classes whose every method is a stub (the template's class exercises)."""
    stubs = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            methods = [
                n for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
            if methods and all(_is_stub_body(m) for m in methods):
                stubs.add(node.name)
    return stubs


def _syntax_error_message(exc: SyntaxError | ValueError, display: str) -> str:
    if not isinstance(exc, SyntaxError):  # e.g. "source code string cannot contain null bytes"
        return f"{display}: cannot be compiled: {exc}"
    head = f"{display}:{exc.lineno}: {type(exc).__name__}: {exc.msg}"
    # format_exception_only draws the offending line with a caret under the error.
    drawn = traceback.format_exception_only(type(exc), exc)[1:-1]
    return "\n".join([head, *("".join(drawn).rstrip("\n").splitlines())])


def _import_error_message(exc: BaseException, display: str, filename: str) -> str:
    """The innermost line of the learner's file on the way to the exception."""
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if f.filename == filename]
    what = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    if not own:
        return f"{display}: loading it failed: {what}"
    here = own[-1]
    lines = [f"{display}:{here.lineno}: {what}"]
    if here.line:
        lines.append(f"    {here.line}")
    if frames[-1] is not here:
        lines.append(f"  (raised in {frames[-1].filename}:{frames[-1].lineno})")
    lines.append("  (while importing the file, before any test ran)")
    return "\n".join(lines)
