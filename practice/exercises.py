"""The registry of exercises: every public name a learner may re-implement.

An *exercise* is a public function, known by its bare name (``"max_sliding_window"``,
``"heappush"``, ``"convex_hull"``).  Tests never import the function under test;
they ask the ``impl`` fixture for it by name, and the fixture resolves the name
through this registry.  That single indirection is what lets the practice judge
swap a learner's function in without a second copy of any test.

Each exercise also has a topic and a difficulty, for the catalogue
(``python -m practice list``), and a learner's statement: the stub of the same
name in ``practice/statements/<module>.py``, where ``<module>`` is the last part
of the reference module's name (``algorithms.sliding_window`` → ``sliding_window``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Difficulty = Literal["easy", "medium", "hard"]


@dataclass(frozen=True)
class Exercise:
    """One exercise: its name, where the reference lives, and how the catalogue shows it."""

    name: str
    module: str  # the reference solution's module, e.g. "algorithms.sliding_window"
    topic: str  # a heading of the catalogue
    difficulty: Difficulty

    @property
    def package(self) -> str:
        return self.module.partition(".")[0]

    @property
    def statement_module(self) -> str:
        """The module holding the learner's statement of this exercise."""
        return f"practice.statements.{self.module.rpartition('.')[2]}"


def _topic(module: str, topic: str, **difficulty: Difficulty) -> list[Exercise]:
    return [Exercise(name, module, topic, level) for name, level in difficulty.items()]


# In catalogue order.  Names are unique across packages, because a learner's
# solutions file is one flat namespace.
EXERCISES: tuple[Exercise, ...] = (
    # --- algorithms ------------------------------------------------------------------
    *_topic(
        "algorithms.sliding_window",
        "Sliding window",
        max_sliding_window="medium",
        min_sliding_window="medium",
    ),
    *_topic("algorithms.maximum_gap", "Buckets", maximum_gap="medium"),
    *_topic(
        "algorithms.combination_sum",
        "Backtracking",
        combination_sum="medium",
        combination_sum2="medium",
    ),
    *_topic(
        "algorithms.knapsack",
        "Dynamic programming",
        knapsack_01="medium",
        knapsack_01_items="medium",
        knapsack_unbounded="easy",
        knapsack_01_table="easy",
    ),
    *_topic(
        "algorithms.heap",
        "Heaps",
        heappush="easy",
        heappop="easy",
        heapify="medium",
        heapreplace="easy",
        heappushpop="easy",
        nlargest="medium",
        nsmallest="medium",
        merge="medium",
        heapify_max="medium",
        heappush_max="easy",
        heappop_max="easy",
        heapreplace_max="easy",
        heappushpop_max="easy",
        heapsort="easy",
    ),
    *_topic(
        "algorithms.geometry",
        "Computational geometry",
        sign="easy",
        cross="easy",
        orientation="easy",
        on_segment="easy",
        segments_intersect="medium",
        segment_intersection="medium",
        line_intersection="medium",
        point_segment_distance="easy",
        polygon_area="easy",
        polygon_centroid="medium",
        point_in_polygon="medium",
        is_convex="medium",
        convex_hull="medium",
        closest_pair="hard",
        farthest_pair="hard",
        min_enclosing_circle="hard",
    ),
    # (issue 12) n-gram language models: algorithms.ngram
    *_topic(
        "algorithms.ngram",
        "N-gram language models",
        ngrams="easy",
        NGramModel="hard",  # a class: tests build it as impl("NGramModel")(n, smoothing=..., k=...)
        ngram_similarity="easy",
    ),
    # --- mathlab ---------------------------------------------------------------------
    *_topic(
        "mathlab.random_walk",
        "Random walks",
        walk_distribution="medium",
        return_probability="easy",
        first_return_probability="medium",
        first_passage_probability="hard",
        last_visit_probability="medium",
        generating_function_coefficients="hard",
        simulate_walks="easy",
    ),
    *_topic(
        "mathlab.poisson",
        "Poisson",
        poisson_pmf="medium",
        poisson_cdf="hard",
        sample_poisson="hard",
        poisson_process="easy",
        poisson_process_conditional="easy",
    ),
    *_topic("mathlab.goodness_of_fit", "Statistics", chi_square_gof="medium"),
    *_topic(
        "mathlab.quadratic",
        "Optimisation",
        minimize_quadratic="medium",
        classify_quadratic="easy",
        gradient_descent="medium",
        conjugate_gradient="hard",
    ),
    *_topic(
        "mathlab.stochastic_approx",
        "Stochastic approximation",
        robbins_monro="medium",
        incremental_mean="easy",
        kiefer_wolfowitz="medium",
    ),
    *_topic(
        "mathlab.calculus",
        "Calculus",
        gradient="easy",
        directional_derivative="easy",
        harmonic_number="medium",
    ),
    # (issue 10) autograd, Adam/AdamW, mixed precision: mathlab.autograd, .optim, .precision
    *_topic(
        "mathlab.autograd",
        "Autograd",
        Tensor="hard",  # a class: tests build it as impl("Tensor")(data, requires_grad=...)
        no_grad="easy",
        softmax="easy",
        log_softmax="medium",
        cross_entropy="medium",
    ),
    *_topic("mathlab.optim", "Optimisers", adam_step="easy", adamw_step="easy"),
    *_topic(
        "mathlab.precision",
        "Mixed precision",
        round_to_float16="hard",
        round_to_bfloat16="medium",
        DynamicLossScaler="easy",  # a class: impl("DynamicLossScaler")(init_scale=..., ...)
        mixed_precision_sgd="medium",
    ),
    # --- gpu -------------------------------------------------------------------------
    *_topic("gpu.backend", "Kernels: basics", available_backends="easy"),
    *_topic("gpu.scan", "Scans", inclusive_scan="easy", exclusive_scan="easy"),
    *_topic("gpu.recurrence", "Scans", linear_recurrence="medium"),
    *_topic("gpu.selective_scan", "State-space models", selective_scan="hard"),
    *_topic(
        "gpu.ssm",
        "State-space models",
        hippo_legs="medium",
        discretize="medium",
        ssm_kernel="medium",
        ssm_convolve="easy",
        ssm_recurrent="easy",
    ),
    *_topic("gpu.attention", "Attention", attention="easy"),
    *_topic("gpu.flash_attention", "Attention", flash_attention="hard"),
    *_topic("gpu.linear_attention", "Attention", linear_attention="medium"),
    *_topic(
        "gpu.performer",
        "Attention",
        performer_features="medium",
        performer_attention="medium",
    ),
    *_topic("gpu.mixed_chunk", "Attention", mixed_chunk_attention="hard"),
    # (issue 11) collectives and speculative decoding: gpu.collectives, gpu.speculative
    *_topic(
        "gpu.collectives",
        "Collectives",
        ring_reduce_scatter="medium",
        ring_all_gather="easy",
        ring_allreduce="medium",
        mpi_ring_allreduce="hard",
    ),
    *_topic(
        "gpu.speculative",
        "Speculative decoding",
        speculative_sample="medium",
        greedy_decode="easy",
        speculative_greedy_decode="medium",
        tree_attention_mask="easy",
        tree_position_ids="easy",
        typical_acceptance="easy",
    ),
    # (issue 12) upsampling and embeddings: gpu.upsample, gpu.embedding
    *_topic(
        "gpu.upsample",
        "Upsampling",
        upsample_nearest="easy",
        upsample_bilinear="medium",
        pixel_shuffle="easy",
        pixel_unshuffle="easy",
    ),
    *_topic("gpu.embedding", "Embeddings", embedding="easy", embedding_backward="medium"),
)

BY_NAME: dict[str, Exercise] = {exercise.name: exercise for exercise in EXERCISES}

# Where each exercise's reference solution lives, in catalogue order.
EXERCISE_MODULES: dict[str, str] = {exercise.name: exercise.module for exercise in EXERCISES}


def reference(name: str) -> Callable[..., Any]:
    """Return the reference solution of exercise ``name``."""
    try:
        module = EXERCISE_MODULES[name]
    except KeyError:
        raise KeyError(f"unknown exercise {name!r}; add it to practice/exercises.py") from None
    return getattr(importlib.import_module(module), name)
