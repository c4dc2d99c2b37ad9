"""The learner's progress: the last verdict of each exercise, kept beside the solutions file.

``pytest --solutions mine.py`` writes ``.mine.progress.json`` next to ``mine.py``
(never ``mine.py`` itself): for each exercise judged in that run, its verdict and
when.  ``python -m practice list`` shows it in the catalogue, and
``--show-reference NAME`` uses it to show a reference solution only after the
learner's own was accepted.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import importlib
import inspect
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from practice.exercises import BY_NAME

ACCEPTED = "ACCEPTED"


def progress_path(solutions: str | Path) -> Path:
    """``dir/.mine.progress.json`` for ``dir/mine.py``."""
    path = Path(solutions).resolve()
    return path.with_name(f".{path.stem}.progress.json")


def load(solutions: str | Path) -> dict[str, dict[str, str]]:
    """Exercise name -> ``{"verdict": ..., "when": ...}``; empty if nothing was judged yet."""
    try:
        data = json.loads(progress_path(solutions).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("exercises", {}) if isinstance(data, dict) else {}


def record(solutions: str | Path, verdicts: Iterable[Any]) -> None:
    """Merge this run's verdicts (attempted exercises only) into the progress file."""
    exercises = load(solutions)
    when = dt.datetime.now().isoformat(timespec="seconds")
    changed = False
    for v in verdicts:
        if v.verdict == "NOT ATTEMPTED" and v.name not in exercises:
            continue
        exercises[v.name] = {"verdict": v.verdict, "when": when}
        changed = True
    if not changed:
        return
    path = progress_path(solutions)
    text = json.dumps({"solutions": Path(solutions).name, "exercises": exercises}, indent=1)
    with contextlib.suppress(OSError):  # a read-only folder: no progress kept, no failure
        path.write_text(text + "\n", encoding="utf-8")


def reference_source(name: str) -> str:
    """The reference solution of ``name``: its source and that of the module's private
    helpers it calls (``heappop`` with ``_siftup``), as a learner would want to read it."""
    exercise = BY_NAME[name]
    module = importlib.import_module(exercise.module)
    function = getattr(module, name)
    parts = [inspect.getsource(function)]
    seen = {name}
    queue = [function]
    while queue:
        current = queue.pop()
        try:
            tree = ast.parse(inspect.getsource(current).strip() or "pass")
        except (OSError, TypeError, SyntaxError, IndentationError):
            continue
        for node in ast.walk(tree):
            helper_name = node.id if isinstance(node, ast.Name) else None
            if not helper_name or not helper_name.startswith("_") or helper_name in seen:
                continue
            helper = getattr(module, helper_name, None)
            if inspect.isfunction(helper) and helper.__module__ == module.__name__:
                seen.add(helper_name)
                parts.append(inspect.getsource(helper))
                queue.append(helper)
    return "\n\n".join(part.rstrip() for part in parts)


def show_reference(reporter: Any, name: str, solutions: str, verdicts: Iterable[Any]) -> None:
    """Print the reference solution of ``name`` if the learner's is accepted, else say why not."""
    now = {v.name: v.verdict for v in verdicts}
    last = now.get(name) or load(solutions).get(name, {}).get("verdict")
    module = BY_NAME[name].module
    if last != ACCEPTED:
        state = f"your last verdict: {last}" if last else "not judged yet"
        reporter.write_line(
            f"--show-reference {name}: shown once your solution is ACCEPTED ({state})",
            yellow=True,
        )
        return
    reporter.write_sep("-", f"reference solution of {name} ({module})")
    reporter.write_line(reference_source(name))
