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
VERDICTS = ["ACCEPTED", "WRONG ANSWER", "RUNTIME ERROR", "TOO SLOW", "NOT ATTEMPTED", "JUDGE ERROR"]


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
        match = re.match(rf"^(\w+)\s+({'|'.join(VERDICTS)})", line)
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


def suite(tmp_path: Path, body: str, name: str = "test_exercise.py") -> str:
    """A small test module of the judge's own, so these cases do not depend on the suite."""
    module = tmp_path / "suite" / name
    module.parent.mkdir(exist_ok=True)
    module.write_text("import pytest\n" + textwrap.dedent(body), encoding="utf-8")
    return str(module)


# A miniature exercise suite in all four tiers, for max_sliding_window.
TIERED = """
    from hypothesis import given, strategies as st

    def brute(nums, k):
        return [max(nums[i : i + k]) for i in range(len(nums) - k + 1)]

    @given(st.lists(st.integers(-9, 9), min_size=1, max_size=12), st.data())
    def test_core_matches_brute_force(impl, nums, data):
        k = data.draw(st.integers(1, len(nums)))
        assert impl("max_sliding_window")(nums, k) == brute(nums, k)

    @pytest.mark.contract
    @pytest.mark.parametrize("k", [0, 4])
    def test_contract_k_out_of_range(impl, k):
        with pytest.raises(ValueError):
            impl("max_sliding_window")([1, 2, 3], k)

    @pytest.mark.contract
    def test_contract_any_iterable(impl):
        assert impl("max_sliding_window")(iter([1, 3, 2]), 2) == [3, 3]

    @pytest.mark.contract
    def test_contract_wording_is_ignored_for_learners(impl):
        with pytest.raises(ValueError, match="k must satisfy 1 <= k"):
            impl("max_sliding_window")([1], 2)

    @pytest.mark.reference_only
    def test_reference_only_exact_wording(impl):
        with pytest.raises(ValueError, match=r"k must satisfy 1 <= k <= len\\(nums\\) = 1, got 2"):
            impl("max_sliding_window")([1], 2)
"""

TEXTBOOK = """
    from collections import deque

    def max_sliding_window(nums, k):
        q, out = deque(), []
        for i, x in enumerate(nums):
            while q and nums[q[-1]] <= x:
                q.pop()
            q.append(i)
            if q[0] <= i - k:
                q.popleft()
            if i >= k - 1:
                out.append(nums[q[0]])
        return out
"""

TEXTBOOK_CHECKED = TEXTBOOK.replace(
    "q, out = deque(), []",
    "if not 1 <= k <= len(nums):\n            raise ValueError('bad window size')"
    "\n        q, out = deque(), []",
)


def test_core_decides_contract_is_shown_and_reference_only_never_runs(tmp_path):
    run = judge(tmp_path, TEXTBOOK, suite(tmp_path, TIERED), "-v")
    assert run.returncode == 0, run.stdout + run.stderr
    row = table(run.stdout)["max_sliding_window"]
    # k out of range raises no error and a list_iterator cannot be indexed: contract
    # misses, shown on the row, not deciding the verdict.
    assert row.startswith("ACCEPTED       all 1 tests passed · contract 0/4 · first miss:"), row
    assert "should raise ValueError" in row or "TypeError" in row, row
    assert "test_reference_only_exact_wording" not in run.stdout  # deselected, never run


def test_strict_makes_the_contract_count(tmp_path):
    run = judge(tmp_path, TEXTBOOK, suite(tmp_path, TIERED), "--strict")
    assert run.returncode == 1, run.stdout + run.stderr
    row = table(run.stdout)["max_sliding_window"]
    assert row.startswith(("WRONG ANSWER", "RUNTIME ERROR")), row
    assert details(run.stdout, "max_sliding_window")["tier"].startswith("contract")


def test_the_exception_type_counts_never_its_wording(tmp_path):
    run = judge(
        tmp_path, TEXTBOOK_CHECKED, suite(tmp_path, TIERED), "--strict", "-k", "not iterable"
    )
    assert run.returncode == 0, run.stdout + run.stderr
    row = table(run.stdout)["max_sliding_window"]
    assert row == "ACCEPTED       all 1 tests passed · contract 3/3", row


def test_a_named_contract_check_is_a_yes_or_no_on_the_row(tmp_path):
    module = suite(
        tmp_path,
        """
        def test_core(impl):
            assert impl("heapify") is not None

        @pytest.mark.contract("step for step like CPython")
        def test_like_cpython(impl):
            heap = [0, -1, 0, 0]
            impl("heapify")(heap)
            assert heap == [-1, 0, 0, 0]
        """,
    )
    source = """
        def heapify(x):
            x.sort()  # a valid heap, not CPython's layout in general
            x.reverse()
    """
    run = judge(tmp_path, source, module)
    assert table(run.stdout)["heapify"].endswith("step for step like CPython: no"), run.stdout


def test_wrong_answer_shows_input_expected_and_got(tmp_path):
    buggy = TEXTBOOK.replace("if i >= k - 1:", "if i > k - 1:  # off by one")
    run = judge(tmp_path, buggy, suite(tmp_path, TIERED))
    assert run.returncode == 1, run.stdout + run.stderr
    assert table(run.stdout)["max_sliding_window"].startswith("WRONG ANSWER")
    shown = details(run.stdout, "max_sliding_window")
    assert shown["input"] == "max_sliding_window(nums=[0], k=1)"
    assert (shown["expected"], shown["got"]) == ("[0]", "[]")


def test_an_approximate_check_shows_the_expected_value_too(tmp_path):
    module = suite(
        tmp_path,
        """
        import numpy as np

        def test_softmax_rows(impl):
            x = np.array([[0.0, 1.0, 2.0]])
            want = np.exp(x) / np.exp(x).sum()
            got = impl("attention")(x)
            np.testing.assert_allclose(got, want, rtol=1e-9)
        """,
    )
    source = """
        import numpy as np

        def attention(x):
            return np.exp(x) / np.exp(x).sum() + 0.5  # wrong
    """
    run = judge(tmp_path, source, module)
    shown = details(run.stdout, "attention")
    assert shown["expected"].startswith("array([[0.090031"), shown
    assert shown["got"].startswith("array([[0.590031"), shown


def test_a_failure_is_blamed_on_the_function_whose_answer_was_wrong(tmp_path):
    module = suite(
        tmp_path,
        """
        def test_push_keeps_the_smallest_first(impl):
            heap = []
            for x in [3, 1, 2]:
                impl("heappush")(heap, x)
            assert heap[0] == 1

        def test_push_then_pop(impl):
            heap = []
            for x in [3, 1, 2]:
                impl("heappush")(heap, x)
            assert [impl("heappop")(heap) for _ in range(3)] == [1, 2, 3]
        """,
    )
    source = """
        import heapq

        def heappush(heap, x):
            heapq.heappush(heap, x)

        def heappop(heap):
            return heap.pop()  # wrong: the last leaf, not the smallest
    """
    run = judge(tmp_path, source, module)
    rows = table(run.stdout)
    assert rows["heappop"].startswith("WRONG ANSWER"), run.stdout
    assert rows["heappush"].startswith("ACCEPTED"), run.stdout


def test_a_test_module_that_cannot_be_imported_is_a_judge_error(tmp_path):
    broken = suite(
        tmp_path,
        """
        import a_module_nobody_installed

        def test_uses_it(impl):
            assert impl("max_sliding_window")([1], 1) == [1]
        """,
        name="test_broken.py",
    )
    run = judge(tmp_path, TEXTBOOK, suite(tmp_path, TIERED), broken)
    assert run.returncode != 0, run.stdout + run.stderr
    assert "No module named 'a_module_nobody_installed'" in run.stdout
    assert "not judged: max_sliding_window" in run.stdout
    assert table(run.stdout)["max_sliding_window"].startswith("JUDGE ERROR")


def test_not_attempted_rows_are_folded_unless_show_all(tmp_path):
    module = suite(
        tmp_path,
        """
        @pytest.mark.parametrize("name", ["max_sliding_window", "min_sliding_window"])
        def test_window_of_one(impl, name):
            assert impl(name)([2, 1], 1) == [2, 1]
        """,
    )
    folded = judge(tmp_path, TEXTBOOK, module)
    assert "min_sliding_window" not in table(folded.stdout), folded.stdout
    assert "1 exercise not attempted (--show-all lists them)" in folded.stdout
    listed = judge(tmp_path, TEXTBOOK, module, "--show-all")
    assert table(listed.stdout)["min_sliding_window"].startswith("NOT ATTEMPTED")


def test_the_space_form_works_for_a_file_outside_the_repository(tmp_path):
    solutions = tmp_path / "mine.py"
    solutions.write_text(textwrap.dedent(TEXTBOOK), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--solutions", str(solutions),
         suite(tmp_path, TIERED)],
        cwd=tmp_path,  # not even run from the repository
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert table(run.stdout)["max_sliding_window"].startswith("ACCEPTED")


def test_show_reference_after_accepted_and_the_catalogue_keeps_progress(tmp_path):
    module = suite(tmp_path, TIERED)
    buggy = TEXTBOOK.replace("if i >= k - 1:", "if i > k - 1:")
    refused = judge(tmp_path, buggy, module, "--show-reference", "max_sliding_window")
    assert "shown once your solution is ACCEPTED (your last verdict: WRONG ANSWER)" in (
        refused.stdout
    )
    assert "def max_sliding_window" not in refused.stdout
    listing = subprocess.run(
        [sys.executable, "-m", "practice", "list", str(tmp_path / "solutions.py")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert re.search(r"max_sliding_window\s+medium\s+WRONG ANSWER", listing.stdout), listing
    assert "Heaps" in listing.stdout and "Attention" in listing.stdout

    shown = judge(tmp_path, TEXTBOOK, module, "--show-reference=max_sliding_window")
    assert "reference solution of max_sliding_window" in shown.stdout
    assert "def max_sliding_window(" in shown.stdout
    listing = subprocess.run(
        [sys.executable, "-m", "practice", "list", str(tmp_path / "solutions.py")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert re.search(r"✓ max_sliding_window\s+medium\s+ACCEPTED", listing.stdout), listing


def test_practice_show_prints_a_learner_statement():
    run = subprocess.run(
        [sys.executable, "-m", "practice", "show", "max_sliding_window"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "def max_sliding_window(nums: list[int], k: int) -> list[int]" in run.stdout
    assert "Constraints" in run.stdout


def test_runtime_error_and_not_attempted_stubs(tmp_path):
    module = suite(
        tmp_path,
        """
        def test_no_items(impl):
            assert impl("knapsack_01")([], [], 0) == 0

        def test_stub(impl):
            assert impl("knapsack_unbounded")([1], [1], 1) == 1

        def test_raises_later(impl):
            assert impl("knapsack_01_table")([1], [1], 1)[1][1] == 1
        """,
    )
    source = """
        def knapsack_01(weights, values, capacity):
            if capacity < min(weights):  # crashes when there are no items
                return 0
            return 0

        def knapsack_unbounded(weights, values, capacity):
            '''My notes: not done yet.'''
            raise NotImplementedError("later")

        def knapsack_01_table(weights, values, capacity):
            rows = [[0] * (capacity + 1)]
            raise NotImplementedError("the other rows")  # raised at run time
    """
    run = judge(tmp_path, source, module, "--show-all")
    assert run.returncode == 1, run.stdout + run.stderr
    rows = table(run.stdout)
    assert rows["knapsack_01"] == (
        "RUNTIME ERROR  ValueError: min() arg is an empty sequence (1 of 1 tests failed)"
    )
    shown = details(run.stdout, "knapsack_01")
    assert shown["input"] == "knapsack_01(weights=[], values=[], capacity=0)"
    assert shown["at"].endswith("solutions.py, line 3, in knapsack_01")
    assert rows["knapsack_unbounded"].startswith("NOT ATTEMPTED  a stub")
    assert rows["knapsack_01_table"] == "NOT ATTEMPTED  raises NotImplementedError"


def test_an_endless_loop_is_too_slow_once_not_once_per_test(tmp_path):
    module = suite(
        tmp_path,
        """
        @pytest.mark.parametrize("target", range(5))
        def test_examples(impl, target):
            assert impl("combination_sum")([1], target) == [[1] * target]
        """,
    )
    source = """
        def combination_sum(candidates, target):
            total = 0
            while total != target + 1:  # never moves
                pass
            return [[]]
    """
    run = judge(tmp_path, source, "--judge-timeout=1", module)
    assert run.returncode == 1, run.stdout + run.stderr
    row = table(run.stdout)["combination_sum"]
    assert row.startswith("TOO SLOW       no answer within 1 s"), row
    # Five examples, but only the first costs the time limit: the rest are skipped.
    assert re.search(r"1 failed, 4 skipped", run.stdout), run.stdout


def test_a_solution_that_mutates_its_input_is_judged_not_crashed_on(tmp_path):
    module = suite(
        tmp_path,
        """
        def test_not_mutated(impl):
            nums = [3, 1, 2]
            impl("maximum_gap")(nums)
            assert nums == [3, 1, 2]
        """,
    )
    source = """
        def maximum_gap(nums):
            nums.sort()  # sorts the caller's list
            return max((b - a for a, b in zip(nums, nums[1:])), default=0)
    """
    run = judge(tmp_path, source, module)
    assert run.returncode == 1, run.stdout + run.stderr
    assert table(run.stdout)["maximum_gap"].startswith("WRONG ANSWER   changes its argument nums")
    shown = details(run.stdout, "maximum_gap")
    assert shown["expected"] == "nums left as it was: [3, 1, 2]"
    assert shown["got"] == "nums changed to [1, 2, 3]"


def test_wrong_kind_of_answer_and_wrong_error_type_are_wrong_answers(tmp_path):
    module = suite(
        tmp_path,
        """
        @pytest.mark.parametrize("name", ["max_sliding_window", "min_sliding_window"])
        def test_window_of_one(impl, name):
            assert impl(name)([2, 1], 1) == [2, 1]

        def test_bad_k(impl):
            with pytest.raises(ValueError):
                impl("min_sliding_window")([1], 2)
        """,
    )
    source = """
        def max_sliding_window(nums, k):
            return (max(nums[i : i + k]) for i in range(len(nums) - k + 1))  # a generator

        def min_sliding_window(nums, k):
            if not 1 <= k <= len(nums):
                raise IndexError("window too long")  # the statement says ValueError
            return [min(nums[i : i + k]) for i in range(len(nums) - k + 1)]
    """
    run = judge(tmp_path, source, module)
    rows = table(run.stdout)
    assert rows["max_sliding_window"].startswith("WRONG ANSWER")
    assert details(run.stdout, "max_sliding_window")["got"].startswith("<generator object")
    assert rows["min_sliding_window"].startswith(
        "WRONG ANSWER   raises IndexError where ValueError is expected"
    )
    assert details(run.stdout, "min_sliding_window")["got"] == "raises IndexError: window too long"


def test_any_failure_of_a_complexity_marked_test_is_too_slow(tmp_path):
    module = suite(
        tmp_path,
        """
        @pytest.mark.complexity
        def test_operation_budget(impl):
            steps = impl("harmonic_number")(10)
            assert steps <= 10

        def test_answer(impl):
            assert impl("harmonic_number")(0) == 0
        """,
    )
    source = """
        def harmonic_number(n, exact=False):
            return n * n  # stands for a step count in this test
    """
    run = judge(tmp_path, source, module)
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
    run = judge(tmp_path, source, "tests/test_budgets.py", "-k", "maximum_gap")
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


def test_with_reference_runs_each_test_body_on_both_sides(tmp_path):
    run = judge(tmp_path, TEXTBOOK, "--with-reference", "-v", suite(tmp_path, TIERED))
    assert "test_core_matches_brute_force[reference] PASSED" in run.stdout, run.stdout
    assert "test_core_matches_brute_force[learner] PASSED" in run.stdout, run.stdout
    # The reference side runs every tier, reference-only included.
    assert "test_reference_only_exact_wording[reference] PASSED" in run.stdout, run.stdout


def test_the_example_learner_file_is_judged_with_every_exercise_listed(tmp_path):
    run = judge(tmp_path, None, "--show-all", path="practice/example_solutions.py")
    assert "JUDGE ERROR" not in run.stdout, run.stdout
    rows = table(run.stdout)
    assert set(rows) == set(EXERCISE_MODULES), set(EXERCISE_MODULES) ^ set(rows)


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
    run = judge(tmp_path, None, "--show-all", path="practice/template.py")
    assert run.returncode == pytest.ExitCode.OK, run.stdout + run.stderr
    rows = table(run.stdout)
    assert rows, run.stdout
    assert all(row.startswith("NOT ATTEMPTED") for row in rows.values()), rows
    assert set(rows) == set(EXERCISE_MODULES), set(EXERCISE_MODULES) ^ set(rows)


def test_a_name_that_is_no_exercise_gets_a_hint(tmp_path):
    source = """
        def max_sliding_windows(nums, k):
            return []
    """
    run = judge(tmp_path, source, suite(tmp_path, TIERED))
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
    assert "test_sliding_window.py::" in run.stdout
    assert "[learner" not in run.stdout and "practice judge" not in run.stdout


def test_template_is_in_sync_with_the_statements():
    check = subprocess.run(
        [sys.executable, "practice/make_template.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stdout + check.stderr
