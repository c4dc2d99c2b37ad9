"""A per-test hard time limit, so an infinite loop ends as TOO SLOW instead of hanging.

Not a performance threshold (verdicts on speed come from counted comparisons):
the limit is generous, and only turns "never finishes" into a verdict.

Why a watchdog thread and not ``SIGALRM``: a thread works on every platform,
and it does not fight with tests that use ``SIGALRM`` themselves (their own
``setitimer`` would cancel ours).  When the time is up the thread raises
:class:`JudgeTimeout` *in the main thread* with ``PyThreadState_SetAsyncExc``,
which the interpreter delivers between two bytecodes, i.e. inside the learner's
loop.  :class:`JudgeTimeout` derives from ``BaseException`` so that neither an
``except Exception`` in the learner's code nor Hypothesis (which shrinks only
``Exception``) swallows it or re-runs the endless example.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager


class JudgeTimeout(BaseException):
    """Raised in the main thread when a judged test exceeds its time limit."""


# Once the limit has passed, the exception is raised again every REPEAT_S
# seconds (in case the code swallowed it); after ABANDON_S more seconds the
# code is stuck in C, where no exception can reach it, and the run is ended.
REPEAT_S = 1.0
ABANDON_S = 30.0


class Watchdog:
    """One daemon thread that raises :class:`JudgeTimeout` in the main thread on time-out."""

    def __init__(self) -> None:
        self._main = threading.main_thread().ident
        self._cond = threading.Condition()
        self._deadline: float | None = None  # None: disarmed
        self._what = ""
        self._fired = False
        self._thread = threading.Thread(target=self._run, name="judge-watchdog", daemon=True)
        self._thread.start()

    @contextmanager
    def limit(self, seconds: float, what: str) -> Iterator[None]:
        """Run the body under a time limit of ``seconds`` (no limit when ``seconds <= 0``)."""
        if seconds <= 0 or threading.get_ident() != self._main:
            yield
            return
        with self._cond:
            self._deadline = time.monotonic() + seconds
            self._what = what
            self._fired = False
            self._cond.notify()
        try:
            yield
        finally:
            self._disarm()

    def _disarm(self) -> None:
        with self._cond:
            self._deadline = None
            fired = self._fired
            self._cond.notify()
        if fired:
            # A JudgeTimeout may still be pending (set but not yet raised):
            # withdraw it so it cannot surface later in pytest's own code.
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._main), None)

    def _run(self) -> None:
        with self._cond:
            while True:
                if self._deadline is None:
                    self._cond.wait()
                    continue
                now = time.monotonic()
                if now < self._deadline:
                    self._cond.wait(self._deadline - now)
                    continue
                # Time is up and the body is still running.
                if self._fired and now > self._deadline + ABANDON_S:
                    self._abandon()
                self._fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(self._main), ctypes.py_object(JudgeTimeout)
                )
                self._cond.wait(REPEAT_S)

    def _abandon(self) -> None:
        sys.__stderr__.write(
            f"\npractice judge: {self._what} is still running {ABANDON_S:.0f} s after its"
            " time limit, inside code that cannot be interrupted; ending the run.\n"
        )
        sys.__stderr__.flush()
        os._exit(3)


_watchdog: Watchdog | None = None


def time_limit(seconds: float, what: str) -> AbstractContextManager[None]:
    """Context manager: raise :class:`JudgeTimeout` in the body after ``seconds``."""
    global _watchdog
    if _watchdog is None:
        _watchdog = Watchdog()
    return _watchdog.limit(seconds, what)
