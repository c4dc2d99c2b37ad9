"""The practice judge: ``pytest --solutions PATH`` runs the suite against a learner's file.

The suite's tests never import the function under test; they ask the ``impl``
fixture for it by name.  Under ``--solutions`` that fixture answers with the
learner's function instead of the reference, so the *same* property tests judge
both.  The pieces:

* :mod:`practice.judge.learner` loads the learner's file (once, never writing
  next to it) and tells apart attempted exercises, stubs and absent names;
* :mod:`practice.judge.calls` hands out the learner's functions wrapped in a
  recorder, so a failure can be shown as the call that produced it;
* :mod:`practice.judge.watchdog` ends a test that runs too long (an infinite
  loop becomes TOO SLOW instead of hanging the run);
* :mod:`practice.judge.verdicts` turns each test outcome into ACCEPTED, WRONG
  ANSWER, RUNTIME ERROR, TOO SLOW or NOT ATTEMPTED and prints the table;
* :mod:`practice.plugin` wires them into pytest (loaded by the root
  ``conftest.py``).
"""
