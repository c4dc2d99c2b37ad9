"""The practice judge, end to end: ``pytest --solutions FILE`` run in a subprocess.

Each case writes a small learner's file, judges it on a few of the suite's
own tests (``-k`` keeps every run to a few seconds) and reads the verdict
table: the verdict of each exercise, and for a failure the counterexample
shown under it.  Counterexamples are Hypothesis's shrunk ones under the
judge's derandomised profile, so they are the same on every run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from practice.exercises import EXERCISE_MODULES

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = ["ACCEPTED", "WRONG ANSWER", "RUNTIME ERROR", "TOO SLOW", "NOT ATTEMPTED"]


def judge(
    tmp_path: Path, source: str | None, *args: str, path: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``pytest --solutions=FILE ARGS`` from the repository root."""
    if path is None:
        solutions = tmp_path / "solutions.py"
        solutions.write_text(textwrap.dedent(source or ""), encoding="utf-8")
        path = str(solutions)
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_PROFILE"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", f"--solutions={path}", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def table(output: str) -> dict[str, str]:
    """Exercise name -> its row's text after the name (verdict and reason)."""
    rows = {}
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if "practice judge:" in line and "=" in line)
    for line in lines[start + 1 :]:
        match = re.match(
            r"^(\w+)\s+(ACCEPTED|WRONG ANSWER|RUNTIME ERROR|TOO SLOW|NOT ATTEMPTED)", line
        )
        if match:
            rows[match[1]] = line[len(match[1]) :].strip()
    return rows


def details(output: str, name: str) -> dict[str, str]:
    """The ``label: text`` lines under an exercise's row."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^{name}\s", line))
    found = {}
    for line in lines[start + 1 :]:
        match = re.match(r"^\s{4,}(\w+):\s+(.*)$", line)
        if not match:
            break
        found[match[1]] = match[2]
    return found


SLIDING_WINDOWS = """
    from collections import deque

    def _checked(nums, k):
        nums = list(nums)
        if not 1 <= k <= len(nums):
            raise ValueError("k must satisfy 1 <= k <= len(nums)")
        return nums

    def max_sliding_window(nums, k):
        nums = _checked(nums, k)
        window, maxima = deque(), []
        for i, x in enumerate(nums):
            while window and nums[window[-1]] < x:
                window.pop()
            window.append(i)
            if window[0] == i - k:
                window.popleft()
            if i > k - 1:  # off by one: the first window is lost
                maxima.append(nums[window[0]])
        return maxima

    def min_sliding_window(nums, k):  # right, but O(n k) comparisons
        nums = _checked(nums, k)
        return [min(nums[i : i + k]) for i in range(len(nums) - k + 1)]
"""


def test_wrong_answer_shows_the_shrunk_input_expected_and_got(tmp_path):
    run = judge(
        tmp_path,
        SLIDING_WINDOWS,
        "tests/test_sliding_window.py",
        "-k",
        "every_window_matches or at_most_2n_comparisons_for_any_input",
    )
    assert run.returncode == 1, run.stdout + run.stderr
    rows = table(run.stdout)
    assert rows["max_sliding_window"].startswith("WRONG ANSWER")
    assert details(run.stdout, "max_sliding_window") == {
        "input": "max_sliding_window(nums=[0], k=1)",
        "expected": "[0]",
        "got": "[]",
        "test": "tests/test_sliding_window.py::test_every_window_matches_brute_force"
        "[learner-max_sliding_window]",
    }
    # The O(n k) rescan is right on every window but counts too many comparisons.
    assert rows["min_sliding_window"].startswith("TOO SLOW")
    assert re.search(r"\d+ comparisons, over the bound of \d+", rows["min_sliding_window"])
    assert "counter.total <= 2 * len(nums)" in details(run.stdout, "min_sliding_window")["check"]


def test_with_reference_runs_each_test_body_on_both_sides(tmp_path):
    run = judge(
        tmp_path,
        SLIDING_WINDOWS,
        "--with-reference",
        "-v",
        "tests/test_sliding_window.py",
        "-k",
        "every_window_matches",
    )
    assert "test_every_window_matches_brute_force[reference-max_sliding_window] PASSED" in (
        run.stdout
    )
    assert "test_every_window_matches_brute_force[learner-max_sliding_window] FAILED" in (
        run.stdout
    )
    assert table(run.stdout)["min_sliding_window"].startswith("ACCEPTED")


def test_k_selects_one_exercise(tmp_path):
    run = judge(
        tmp_path,
        SLIDING_WINDOWS,
        "tests/test_sliding_window.py",
        "-k",
        "min_sliding_window and comparisons",
    )
    rows = table(run.stdout)
    assert list(rows) == ["min_sliding_window"]
    assert rows["min_sliding_window"].startswith("TOO SLOW")


def test_runtime_error_accepted_and_not_attempted(tmp_path):
    source = """
        def knapsack_01(weights, values, capacity):
            weights, values = list(weights), list(values)
            if capacity < min(weights):  # crashes when there are no items
                return 0
            best = [0] * (capacity + 1)
            for w, v in zip(weights, values):
                for c in range(capacity, w - 1, -1):
                    best[c] = max(best[c], best[c - w] + v)
            return best[capacity]

        def combination_sum(candidates, target):
            values = sorted(candidates)
            found = []
            def extend(combo, start, missing):
                if missing == 0:
                    found.append(combo)
                for i in range(start, len(values)):
                    if values[i] <= missing:
                        extend([*combo, values[i]], i, missing - values[i])
            extend([], 0, target)
            return found

        def combination_sum2(candidates, target):
            raise NotImplementedError

        def knapsack_unbounded(weights, values, capacity):
            '''My notes: not done yet.'''
            raise NotImplementedError("later")

        def knapsack_01_table(weights, values, capacity):
            rows = [[0] * (capacity + 1)]
            raise NotImplementedError("the other rows")  # raised at run time
    """
    run = judge(
        tmp_path,
        source,
        "tests/test_knapsack.py",
        "tests/test_combination_sum.py",
        "-k",
        "knapsack_01_equals or combination_sum_equals_every or combination_sum2_examples"
        " or unbounded_examples or knapsack_01_table_example",
    )
    assert run.returncode == 1, run.stdout + run.stderr
    rows = table(run.stdout)
    assert rows["knapsack_01"] == (
        "RUNTIME ERROR  ValueError: min() arg is an empty sequence (1 of 1 tests failed)"
    )
    shown = details(run.stdout, "knapsack_01")
    assert shown["input"] == "knapsack_01(weights=[], values=[], capacity=0)"
    assert shown["at"].endswith("solutions.py, line 4, in knapsack_01")
    assert rows["combination_sum"].startswith("ACCEPTED")
    assert rows["combination_sum2"] == "NOT ATTEMPTED  a stub: its body raises NotImplementedError"
    assert rows["knapsack_unbounded"].startswith("NOT ATTEMPTED  a stub")
    assert rows["knapsack_01_table"] == "NOT ATTEMPTED  raises NotImplementedError"


def test_an_endless_loop_is_too_slow_once_not_once_per_test(tmp_path):
    source = """
        def combination_sum(candidates, target):
            total = 0
            while total != target:  # never moves
                pass
            return [[]]
    """
    run = judge(
        tmp_path,
        source,
        "--judge-timeout=1",
        "tests/test_combination_sum.py",
        "-k",
        "combination_sum_examples",
    )
    assert run.returncode == 1, run.stdout + run.stderr
    row = table(run.stdout)["combination_sum"]
    assert row.startswith("TOO SLOW       no answer within 1 s"), row
    assert details(run.stdout, "combination_sum")["input"].startswith("combination_sum(")
    # Seven examples, but only the first costs the time limit: the rest are skipped.
    assert re.search(r"1 failed, 6 skipped", run.stdout), run.stdout


def test_a_solution_that_mutates_its_input_is_judged_not_crashed_on(tmp_path):
    source = """
        def maximum_gap(nums):
            if not isinstance(nums, list):
                nums = list(nums)
            nums.sort()  # sorts the caller's list
            print("sorted:", nums)  # prints are captured like any test output
            return max((b - a for a, b in zip(nums, nums[1:])), default=0)
    """
    run = judge(tmp_path, source, "tests/test_maximum_gap.py", "-k", "not_mutated or ints_give")
    assert run.returncode == 1, run.stdout + run.stderr
    assert table(run.stdout)["maximum_gap"].startswith("WRONG ANSWER   changes its argument nums")
    shown = details(run.stdout, "maximum_gap")
    before = re.fullmatch(r"nums left as it was: (\[.*\])", shown["expected"])
    after = re.fullmatch(r"nums changed to (\[.*\])", shown["got"])
    assert before and after, shown
    assert eval(after[1]) == sorted(eval(before[1])) != eval(before[1])


def test_wrong_kind_of_answer_and_wrong_error_are_wrong_answers(tmp_path):
    source = """
        def max_sliding_window(nums, k):
            return (max(nums[i : i + k]) for i in range(len(nums) - k + 1))  # a generator

        def min_sliding_window(nums, k):
            if not 1 <= k <= len(nums):
                raise IndexError("window too long")  # the contract says ValueError
            return [min(nums[i : i + k]) for i in range(len(nums) - k + 1)]
    """
    run = judge(
        tmp_path,
        source,
        "tests/test_sliding_window.py",
        "-k",
        "window_of_one or k_out_of_range",
    )
    rows = table(run.stdout)
    assert rows["max_sliding_window"].startswith("WRONG ANSWER")
    assert details(run.stdout, "max_sliding_window")["got"].startswith("<generator object")
    assert rows["min_sliding_window"].startswith(
        "WRONG ANSWER   raises IndexError where ValueError matching"
    )
    assert details(run.stdout, "min_sliding_window")["got"] == (
        "raises IndexError: window too long"
    )


def test_a_syntax_error_is_reported_once_with_file_and_line(tmp_path):
    source = """
        def max_sliding_window(nums, k):
            return [max(nums[i:i + k]) for i in range(len(nums) - k + 1]
    """
    run = judge(tmp_path, source)
    assert run.returncode == pytest.ExitCode.USAGE_ERROR
    path = tmp_path / "solutions.py"
    assert run.stderr.startswith(f"ERROR: {path}:3: SyntaxError: closing parenthesis")
    assert "^" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert "INTERNALERROR" not in run.stderr + run.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["solutions.py"]  # no __pycache__


def test_an_import_error_is_reported_once_with_file_and_line(tmp_path):
    helper = tmp_path / "helper.py"
    helper.write_text("def split(x):\n    return x / 0\n", encoding="utf-8")
    source = """
        from helper import split  # next to the file: importable

        HALF = split(1)
    """
    run = judge(tmp_path, source)
    assert run.returncode == pytest.ExitCode.USAGE_ERROR
    path = tmp_path / "solutions.py"
    assert run.stderr.startswith(f"ERROR: {path}:4: ZeroDivisionError: division by zero")
    assert f"raised in {helper}:2" in run.stderr
    assert "Traceback" not in run.stderr
    # Neither the file nor the helper it imports leaves bytecode behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["helper.py", "solutions.py"]


def test_a_missing_file_is_a_usage_error(tmp_path):
    run = judge(tmp_path, None, path=str(tmp_path / "nope.py"))
    assert run.returncode == pytest.ExitCode.USAGE_ERROR
    assert "no such file" in run.stderr


def test_the_template_is_not_attempted_anywhere(tmp_path):
    run = judge(tmp_path, None, path="practice/template.py")
    assert run.returncode == pytest.ExitCode.OK, run.stdout + run.stderr
    rows = table(run.stdout)
    assert rows, run.stdout
    assert all(row.startswith("NOT ATTEMPTED") for row in rows.values()), rows
    # Every exercise the registry lists and whose tests exist shows up.
    assert {"max_sliding_window", "heappush", "convex_hull", "knapsack_01"} <= set(rows)
    assert set(rows) <= set(EXERCISE_MODULES)


def test_a_name_that_is_no_exercise_gets_a_hint(tmp_path):
    source = """
        def max_sliding_windows(nums, k):
            return []
    """
    run = judge(tmp_path, source, "tests/test_sliding_window.py", "-k", "window_of_one")
    assert "max_sliding_windows in" in run.stdout
    assert "(did you mean max_sliding_window?)" in run.stdout
    assert run.returncode == pytest.ExitCode.OK


def test_plain_run_is_unchanged():
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "test_every_window_matches_brute_force[max_sliding_window]" in run.stdout
    assert "learner" not in run.stdout and "practice judge" not in run.stdout


def test_template_is_in_sync_with_the_packages():
    check = subprocess.run(
        [sys.executable, "practice/make_template.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_any_failure_of_a_complexity_marked_test_is_too_slow(tmp_path):
    # A test module of its own (outside tests/, so it brings its own impl
    # fixture and loads the plugin with -p), to check the marker by itself.
    module = tmp_path / "test_budget.py"
    module.write_text(
        textwrap.dedent(
            """
            import pytest

            @pytest.fixture(scope="session")
            def impl(impl_source):
                return impl_source

            @pytest.mark.complexity
            def test_operation_budget(impl):
                steps = impl("harmonic_number")(10)
                assert steps <= 10

            def test_answer(impl):
                assert impl("harmonic_number")(0) == 0
            """
        ),
        encoding="utf-8",
    )
    source = """
        def harmonic_number(n, exact=False):
            return n * n  # stands for a step count in this test
    """
    run = judge(tmp_path, source, "-p", "practice.plugin", str(module))
    assert run.returncode == 1, run.stdout + run.stderr
    assert table(run.stdout)["harmonic_number"].startswith(
        "TOO SLOW       100 operations, over the bound of 10"
    )


def test_a_correct_but_far_too_slow_solution_is_too_slow_on_the_budget_test(tmp_path):
    # Correct on every input, but it dawdles on the budget test's larger input:
    # accepted by the property tests, TOO SLOW against the reference's time.
    source = """
        import time

        def maximum_gap(nums):
            nums = sorted(nums)
            if len(nums) > 1000:
                time.sleep(1.5)
            return max((b - a for a, b in zip(nums, nums[1:])), default=0)
    """
    run = judge(tmp_path, source, "tests/test_budgets.py")
    assert run.returncode == 1, run.stdout + run.stderr
    row = table(run.stdout)["maximum_gap"]
    assert row.startswith("TOO SLOW"), row
    assert "over the budget of" in row and "20,000 ints" in row, row


def test_the_budget_test_accepts_a_solution_of_the_right_complexity(tmp_path):
    source = """
        def maximum_gap(nums):
            nums = sorted(nums)  # O(n log n) in C: well within the budget
            return max((b - a for a, b in zip(nums, nums[1:])), default=0)
    """
    run = judge(tmp_path, source, "tests/test_budgets.py", "-k", "maximum_gap")
    assert run.returncode == 0, run.stdout + run.stderr
    assert table(run.stdout)["maximum_gap"].startswith("ACCEPTED"), run.stdout
