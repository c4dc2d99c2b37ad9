"""The public API of ../shared/DESIGN.md is a contract: every name is where it says.

Tests outside this repository import these names, so a rename or a missing
export is a breaking change that this file catches.
"""

from __future__ import annotations

import importlib
import inspect

import pytest

from practice.exercises import EXERCISE_MODULES

ROOT_EXPORTS = {
    "algorithms": [
        "max_sliding_window", "min_sliding_window", "maximum_gap", "combination_sum",
        "combination_sum2", "knapsack_01", "knapsack_01_items", "knapsack_unbounded",
        "knapsack_01_table", "heap", "geometry",
        "ngrams", "NGramModel", "ngram_similarity",
    ],
    "mathlab": [
        "walk_distribution", "return_probability", "first_return_probability",
        "first_passage_probability", "last_visit_probability",
        "generating_function_coefficients", "simulate_walks", "poisson_pmf", "poisson_cdf",
        "sample_poisson", "poisson_process", "poisson_process_conditional", "chi_square_gof",
        "minimize_quadratic", "classify_quadratic", "gradient_descent", "conjugate_gradient",
        "robbins_monro", "incremental_mean", "kiefer_wolfowitz", "gradient",
        "directional_derivative", "harmonic_number",
        "Tensor", "no_grad", "softmax", "log_softmax", "cross_entropy", "adam_step",
        "adamw_step", "round_to_float16", "round_to_bfloat16", "DynamicLossScaler",
        "mixed_precision_sgd",
    ],
    "gpu": [
        "available_backends", "attention", "flash_attention", "linear_attention",
        "performer_features", "performer_attention", "mixed_chunk_attention", "inclusive_scan",
        "exclusive_scan", "linear_recurrence", "selective_scan", "hippo_legs", "discretize",
        "ssm_kernel", "ssm_convolve", "ssm_recurrent",
        "ring_allreduce", "ring_reduce_scatter", "ring_all_gather", "mpi_ring_allreduce",
        "speculative_sample", "greedy_decode", "speculative_greedy_decode",
        "tree_attention_mask", "tree_position_ids", "typical_acceptance",
        "upsample_nearest", "upsample_bilinear", "pixel_shuffle", "pixel_unshuffle",
        "embedding", "embedding_backward",
    ],
}  # fmt: skip

HEAP_NAMES = [
    "heappush", "heappop", "heapify", "heapreplace", "heappushpop", "nlargest", "nsmallest",
    "merge", "heapify_max", "heappush_max", "heappop_max", "heapreplace_max", "heappushpop_max",
    "heapsort",
]  # fmt: skip

GEOMETRY_NAMES = [
    "EPS", "sign", "Point", "cross", "orientation", "on_segment", "segments_intersect",
    "segment_intersection", "line_intersection", "point_segment_distance", "polygon_area",
    "polygon_centroid", "point_in_polygon", "is_convex", "convex_hull", "closest_pair",
    "farthest_pair", "min_enclosing_circle",
]  # fmt: skip

# Signatures whose parameter names and defaults DESIGN.md spells out.
SIGNATURES = {
    ("algorithms", "max_sliding_window"): "(nums, k)",
    ("algorithms", "knapsack_01_items"): "(weights, values, capacity)",
    ("algorithms.heap", "heapsort"): "(iterable, *, key=None, reverse=False)",
    ("algorithms", "ngrams"): "(seq, n)",
    ("algorithms", "NGramModel"): "(n, smoothing='mle', k=1.0)",
    ("algorithms", "ngram_similarity"): "(a, b, n=2)",
    ("mathlab", "walk_distribution"): "(n, p=Fraction(1, 2))",
    ("mathlab", "simulate_walks"): "(n_steps, n_walks, p=0.5, rng=None)",
    ("mathlab", "sample_poisson"): "(lam, size=None, rng=None)",
    ("mathlab", "minimize_quadratic"): "(A, b, c=0.0)",
    ("mathlab", "gradient_descent"): "(A, b, x0, lr=None, tol=1e-10, max_iter=10000)",
    ("mathlab", "conjugate_gradient"): "(A, b, x0=None, tol=1e-10)",
    ("mathlab", "harmonic_number"): "(n, exact=False)",
    ("mathlab", "Tensor"): "(data, requires_grad=False)",
    ("mathlab", "softmax"): "(x, axis=-1)",
    ("mathlab", "cross_entropy"): "(logits, targets)",
    ("mathlab", "adam_step"): (
        "(param, grad, state, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.0)"
    ),
    ("mathlab", "adamw_step"): (
        "(param, grad, state, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01)"
    ),
    ("mathlab", "round_to_float16"): "(x)",
    ("mathlab", "round_to_bfloat16"): "(x)",
    ("mathlab", "DynamicLossScaler"): (
        "(init_scale=65536.0, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000)"
    ),
    ("mathlab", "mixed_precision_sgd"): "(w0, grad_fn, lr, n_steps, master_weights=True)",
    ("gpu", "flash_attention"): (
        "(q, k, v, causal=False, scale=None, block_q=64, block_k=64, backend='auto', "
        "return_lse=False)"
    ),
    ("gpu", "linear_attention"): "(q, k, v, causal=False, feature_map='elu+1', backend='auto')",
    ("gpu", "performer_attention"): "(q, k, v, n_features=256, seed=0)",
    ("gpu", "mixed_chunk_attention"): "(q, k, v, chunk=64)",
    ("gpu", "attention"): "(q, k, v, causal=False, scale=None, mask=None)",
    ("gpu", "ring_allreduce"): "(buffers, return_trace=False)",
    ("gpu", "ring_reduce_scatter"): "(buffers)",
    ("gpu", "ring_all_gather"): "(chunks)",
    ("gpu", "mpi_ring_allreduce"): "(comm, sendbuf)",
    ("gpu", "speculative_sample"): "(target_probs, draft_probs, draft_tokens, rng=None)",
    ("gpu", "speculative_greedy_decode"): "(target_fn, draft_fn, prompt, n_new, k)",
    ("gpu", "greedy_decode"): "(target_fn, prompt, n_new)",
    ("gpu", "tree_attention_mask"): "(paths)",
    ("gpu", "tree_position_ids"): "(paths)",
    ("gpu", "typical_acceptance"): (
        "(probs, tokens, posterior_threshold=0.09, posterior_alpha=0.3)"
    ),
    ("gpu", "upsample_nearest"): "(x, size=None, scale_factor=None, backend='auto')",
    ("gpu", "upsample_bilinear"): (
        "(x, size=None, scale_factor=None, align_corners=False, backend='auto')"
    ),
    ("gpu", "pixel_shuffle"): "(x, r)",
    ("gpu", "pixel_unshuffle"): "(x, r)",
    ("gpu", "embedding"): "(ids, weight, backend='auto')",
    ("gpu", "embedding_backward"): "(ids, grad_out, num_embeddings, backend='auto')",
    ("gpu", "selective_scan"): (
        "(u, delta, A, B, C, D=None, z=None, delta_bias=None, delta_softplus=False, backend='auto')"
    ),
}


@pytest.mark.parametrize(
    ("package", "name"), [(p, n) for p, names in ROOT_EXPORTS.items() for n in names]
)
def test_every_design_name_is_importable_from_its_package_root(package, name):
    module = importlib.import_module(package)
    assert hasattr(module, name), f"{package}.{name} is missing"
    assert name in module.__all__


@pytest.mark.parametrize(
    ("module", "name"),
    [("algorithms.heap", n) for n in HEAP_NAMES]
    + [("algorithms.geometry", n) for n in GEOMETRY_NAMES],
)
def test_module_level_contracts_are_complete(module, name):
    assert hasattr(importlib.import_module(module), name)


@pytest.mark.parametrize(("name", "module"), sorted(EXERCISE_MODULES.items()))
def test_every_registered_exercise_exists_in_its_module(name, module):
    assert callable(getattr(importlib.import_module(module), name))


@pytest.mark.parametrize(("where", "expected"), sorted(SIGNATURES.items()))
def test_signatures_match_the_design(where, expected):
    module, name = where
    signature = inspect.signature(getattr(importlib.import_module(module), name))
    # Strip annotations: the contract is about names, kinds and defaults.
    plain = signature.replace(
        parameters=[p.replace(annotation=p.empty) for p in signature.parameters.values()],
        return_annotation=inspect.Signature.empty,
    )
    assert str(plain) == expected


def test_point_has_the_design_methods():
    from algorithms.geometry import Point

    p = Point(3, 4)
    for method in ("dot", "cross", "norm", "norm2", "perp", "rotate", "angle"):
        assert callable(getattr(p, method)), method
    assert (p + p, p - p, p * 2, p / 2) == (Point(6, 8), Point(0, 0), Point(6, 8), Point(1.5, 2))
