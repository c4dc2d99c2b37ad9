"""The exercises as a learner reads them: one module per topic, one stub per exercise.

Each stub is written like an online-judge problem: the task, input and output,
**Constraints** (every input the verdict-deciding tests use stays inside them),
examples, the complexity to aim for, and a one-line hint.  The reference
solution's implementation notes stay in the reference's own docstring.
``python practice/make_template.py`` joins the stubs into ``practice/template.py``.
"""
