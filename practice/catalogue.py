"""The catalogue: every exercise by topic, with its difficulty and the learner's last verdict."""

from __future__ import annotations

import ast
import difflib
import importlib
import inspect
import textwrap
from pathlib import Path

from practice import progress
from practice.exercises import BY_NAME, EXERCISES


def find_solutions(folder: Path) -> Path | None:
    """The solutions file judged most recently in ``folder`` (by its progress file)."""
    found = sorted(folder.glob(".*.progress.json"), key=lambda p: p.stat().st_mtime)
    for path in reversed(found):
        candidate = folder / (path.name.removeprefix(".").removesuffix(".progress.json") + ".py")
        if candidate.is_file():
            return candidate
    return None


def render_catalogue(solutions: str | None, folder: Path, *, topic: str | None = None) -> str:
    """The catalogue as text; verdicts from ``solutions``' progress file when there is one."""
    path = Path(solutions) if solutions else find_solutions(folder)
    verdicts = progress.load(path) if path else {}
    lines = []
    if path:
        lines.append(f"progress of {path} ({len(verdicts)} exercises judged)")
    else:
        lines.append("no progress yet: judge a file with  pytest --solutions mine.py")
    width = max(len(e.name) for e in EXERCISES) + 2
    current = None
    counts: dict[str, int] = {}
    for exercise in EXERCISES:
        if topic and topic.lower() not in exercise.topic.lower():
            continue
        heading = f"{exercise.package} · {exercise.topic}"
        if heading != current:
            lines += ["", heading]
            current = heading
        verdict = verdicts.get(exercise.name, {}).get("verdict", "")
        counts[verdict or "not judged"] = counts.get(verdict or "not judged", 0) + 1
        mark = "✓" if verdict == "ACCEPTED" else ("✗" if verdict else " ")
        lines.append(f"  {mark} {exercise.name:<{width}}{exercise.difficulty:<8}{verdict}")
    lines += ["", ", ".join(f"{n} {k.lower()}" for k, n in sorted(counts.items()))]
    return "\n".join(lines)


def statement_of(name: str) -> str:
    """The learner's statement of exercise ``name``: its stub's signature and docstring."""
    if name not in BY_NAME:
        close = difflib.get_close_matches(name, BY_NAME, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise KeyError(f"no exercise named {name!r}{hint}")
    exercise = BY_NAME[name]
    module = importlib.import_module(exercise.statement_module)
    stub = getattr(module, name)
    header = f"{exercise.topic} · {exercise.difficulty} · {_signature(stub)}"
    return f"{header}\n\n{inspect.getdoc(stub) or ''}"


def _signature(stub: object) -> str:
    """``def name(a: list[int], k: int) -> list[int]`` as written in the statement."""
    node = ast.parse(textwrap.dedent(inspect.getsource(stub))).body[0]
    if isinstance(node, ast.ClassDef):
        init = next(
            (n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"),
            None,
        )
        args = ast.unparse(init.args).removeprefix("self, ").removeprefix("self") if init else ""
        return f"class {node.name}({args})"
    assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    returns = f" -> {ast.unparse(node.returns)}" if node.returns is not None else ""
    return f"def {node.name}({ast.unparse(node.args)}){returns}"
