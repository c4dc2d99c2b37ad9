"""Properties of speculative decoding: speculative sampling, greedy verification, Medusa.

Oracles, all independent of :mod:`gpu.speculative`:

* ``speculative_sample``: the distribution it must produce — the *target's*,
  whatever the draft — checked by χ² goodness-of-fit (SciPy) over 10^5 trials
  with drafts sampled by the test, and acceptance rates against
  ``β_i = Σ_x min(p_i(x), q_i(x))`` by exact binomial tests; plus the
  deterministic facts that hold for every random stream (drafts with
  ``p >= q`` are always accepted, tokens of target probability 0 never emitted).
  Significance level of every statistical assertion: p > 1e-4 (the seeds are
  fixed, so a correct solution passes or fails the same way on every run);
* greedy decoding: a literal loop over a toy causal language model (a trigram
  logits table) that picks the largest logit by hand, ties to the smallest id;
* the tree mask: the definition, "j's path is a prefix of i's", and attention
  over the tree against causal attention over each root-to-node path on its
  own, both by a plain loop per query;
* typical acceptance: a direct transcription of Medusa's rule with ``math.log``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

ALPHA = 1e-4  # significance level of each statistical assertion

# ---------------------------------------------------------------------------
# speculative_sample: the distribution


def sample_drafts(q: np.ndarray, trials: int, rng: np.random.Generator) -> np.ndarray:
    """``(trials, γ)`` drafted tokens, column i drawn from ``q[i]`` (inverse CDF)."""
    cdf = np.cumsum(q, axis=1)
    u = rng.random((trials, q.shape[0]))
    drafts = np.stack(
        [np.searchsorted(cdf[i], u[:, i] * cdf[i, -1], side="right") for i in range(q.shape[0])],
        axis=1,
    )
    return np.minimum(drafts, q.shape[1] - 1)


def run_trials(fn, p, q, trials, seed):
    drafts = sample_drafts(q, trials, np.random.default_rng(seed))
    rng = np.random.default_rng(seed + 1)
    return drafts, [list(fn(p, q, drafts[t], rng=rng)) for t in range(trials)]


def assert_distributed_as(tokens: list[int], probs: np.ndarray, what: str) -> None:
    """χ² goodness of fit of observed tokens to ``probs``; tokens of probability 0 never seen."""
    counts = np.bincount(tokens, minlength=len(probs))
    assert len(counts) == len(probs), f"{what}: a token outside the vocabulary"
    assert counts[probs == 0].sum() == 0, f"{what}: a token of target probability 0 emitted"
    support = probs > 0
    expected = probs[support] / probs[support].sum() * len(tokens)
    p_value = scipy.stats.chisquare(counts[support], expected).pvalue
    assert p_value > ALPHA, f"{what}: χ² p-value {p_value:.2e}, counts {counts.tolist()}"


def assert_rate(successes: int, n: int, rate: float, what: str) -> None:
    p_value = scipy.stats.binomtest(successes, n, rate).pvalue
    assert p_value > ALPHA, f"{what}: {successes}/{n}, expected rate {rate:.4f}, p = {p_value:.2e}"


def test_emitted_tokens_follow_the_target_for_any_draft(impl):
    # Random target and draft (V = 6, γ = 3), 10^5 trials: the first emitted
    # token follows p_0; given that draft 0 was accepted, the second follows
    # p_1; position i is accepted with probability β_i = Σ min(p_i, q_i).
    rng = np.random.default_rng(11)
    p = rng.dirichlet(np.ones(6), size=4)
    q = rng.dirichlet(np.ones(6), size=3)
    trials = 100_000
    drafts, outs = run_trials(impl("speculative_sample"), p, q, trials, seed=12)
    lengths = np.array([len(o) for o in outs])
    assert lengths.min() >= 1 and lengths.max() <= 4
    for out, draft, n in zip(outs, drafts, lengths, strict=True):
        assert out[: n - 1] == draft[: n - 1].tolist()  # the accepted drafts come first
    assert_distributed_as([o[0] for o in outs], p[0], "first token")
    second = [o[1] for o, d in zip(outs, drafts, strict=True) if o[0] == d[0] and len(o) > 1]
    assert_distributed_as(second, p[1], "second token after an accepted first")
    beta = np.minimum(p[:3], q).sum(axis=1)
    accepted = lengths - 1
    for i in range(3):
        reached = int((accepted >= i).sum())
        assert_rate(int((accepted >= i + 1).sum()), reached, beta[i], f"acceptance at {i}")
    expected_mean = sum(np.prod(beta[:j]) for j in range(1, 4))
    z = (accepted.mean() - expected_mean) / (accepted.std() / math.sqrt(trials))
    assert abs(z) < scipy.stats.norm.isf(ALPHA / 2), f"mean accepted {accepted.mean()}, z = {z}"


def test_draft_zeros_and_a_perfect_draft(impl):
    # Position 0: the draft puts 0 where the target is positive (tokens 0, 2,
    # reachable only through the residual) and mass where the target has none
    # (token 5, always rejected).  Position 1: p == q, so it is always
    # accepted, and a bonus token follows from p_2.
    p = np.array(
        [
            [0.3, 0.2, 0.25, 0.15, 0.1, 0.0],
            [0.1, 0.4, 0.0, 0.3, 0.2, 0.0],
            [0.05, 0.05, 0.1, 0.2, 0.3, 0.3],
        ]
    )
    q = np.array([[0.0, 0.5, 0.0, 0.2, 0.1, 0.2], [0.1, 0.4, 0.0, 0.3, 0.2, 0.0]])
    drafts, outs = run_trials(impl("speculative_sample"), p, q, 100_000, seed=21)
    assert_distributed_as([o[0] for o in outs], p[0], "first token")
    accepted_first = [o for o, d in zip(outs, drafts, strict=True) if o[0] == d[0] and len(o) > 1]
    assert all(len(o) == 3 for o in accepted_first), "p == q at position 1 must always accept"
    assert_distributed_as([o[2] for o in accepted_first], p[2], "bonus token")
    never = sum(1 for o, d in zip(outs, drafts, strict=True) if d[0] == 5 and len(o) > 1)
    assert never == 0, "token 5 has target probability 0 and must always be rejected"
    beta0 = np.minimum(p[0], q[0]).sum()
    assert_rate(len(accepted_first), len(outs), beta0, "acceptance at 0")


# ---------------------------------------------------------------------------
# speculative_sample: facts that hold for every random stream


@st.composite
def probability_rows(draw, n_rows: int, vocab: int) -> np.ndarray:
    rows = []
    for _ in range(n_rows):
        w = draw(
            st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]), min_size=vocab, max_size=vocab)
        )
        w = np.array(w)
        if w.sum() == 0:
            w[draw(st.integers(0, vocab - 1))] = 1.0
        rows.append(w / w.sum())
    return np.array(rows).reshape(n_rows, vocab)


@st.composite
def speculation(draw):
    vocab = draw(st.integers(1, 6))
    gamma = draw(st.integers(0, 4))
    p = draw(probability_rows(gamma + 1, vocab))
    q = draw(probability_rows(gamma, vocab))
    drafts = [draw(st.sampled_from(np.flatnonzero(q[i]).tolist())) for i in range(gamma)]
    return p, q, np.array(drafts, dtype=np.int64)


@given(case=speculation(), seed=st.integers(0, 2**32 - 1))
def test_what_any_random_stream_must_respect(impl, case, seed):
    p, q, drafts = case
    copies = [x.copy() for x in case]
    gamma = len(drafts)
    out = list(impl("speculative_sample")(p, q, drafts, rng=np.random.default_rng(seed)))
    assert 1 <= len(out) <= gamma + 1
    assert out[:-1] == drafts[: len(out) - 1].tolist()
    for i, token in enumerate(out):
        assert p[i, token] > 0, f"token {token} has target probability 0 at position {i}"
    j = len(out) - 1  # the position of the last token
    # A draft the target likes at least as much as the draft model is always accepted.
    always = [p[i, drafts[i]] >= q[i, drafts[i]] for i in range(gamma)]
    assert j == gamma or not always[j], f"draft {j} has p >= q but was rejected"
    if j < gamma:  # rejected at j: the replacement comes from max(0, p − q)
        assert p[j, out[j]] > q[j, out[j]]
    for x, before in zip(case, copies, strict=True):
        np.testing.assert_array_equal(x, before)


def test_no_drafts_samples_the_target(impl):
    rng = np.random.default_rng(1)
    out = impl("speculative_sample")([[0.0, 1.0, 0.0]], np.zeros((0, 3)), [], rng=rng)
    assert list(out) == [1]


def test_a_draft_the_target_rules_out_is_replaced(impl):
    rng = np.random.default_rng(0)
    out = impl("speculative_sample")([[1.0, 0.0], [0.5, 0.5]], [[0.0, 1.0]], [1], rng=rng)
    assert list(out) == [0]


GOOD_P, GOOD_Q, GOOD_X = np.full((3, 4), 0.25), np.full((2, 4), 0.25), np.array([0, 3])


@pytest.mark.contract
@pytest.mark.parametrize(
    ("p", "q", "x"),
    [
        (GOOD_P * 1.1, GOOD_Q, GOOD_X),  # rows sum to 1.1
        (GOOD_P, GOOD_Q * 0.99, GOOD_X),  # rows sum to 0.99
        (GOOD_P + np.array([0.5, -0.5, 0, 0]), GOOD_Q, GOOD_X),  # a negative probability
        (np.where(GOOD_P == 0.25, np.nan, 0), GOOD_Q, GOOD_X),  # NaN
        (GOOD_P[:2], GOOD_Q, GOOD_X),  # target has γ rows, not γ + 1
        (np.full((3, 5), 0.2), GOOD_Q, GOOD_X),  # V differs
        (GOOD_P, GOOD_Q, np.array([0])),  # one token for two drafts
        (GOOD_P, GOOD_Q, np.array([0, 4])),  # token outside the vocabulary
        (GOOD_P, GOOD_Q, np.array([0, -1])),  # negative token
        (GOOD_P, np.array([[1.0, 0, 0, 0], [0.25] * 4]), np.array([2, 0])),  # q = 0 at the draft
        (GOOD_P[0], GOOD_Q, GOOD_X),  # 1-D target
    ],
)
def test_bad_speculation_is_a_value_error(impl, p, q, x):
    with pytest.raises(ValueError):
        impl("speculative_sample")(p, q, x, rng=0)


@pytest.mark.contract
def test_rows_within_the_rounding_tolerance_are_accepted(impl):
    p = np.full((2, 4), 0.25) + np.array([[5e-7, 0, 0, 0], [0, 0, 0, -5e-7]])
    out = impl("speculative_sample")(p, [[0.25] * 4], [1], rng=0)
    assert 1 <= len(out) <= 2


@pytest.mark.contract
@pytest.mark.parametrize(
    ("x", "rng"), [(np.array([0.5, 1.0]), 0), (GOOD_X, "seed")], ids=["float tokens", "bad rng"]
)
def test_bad_types_are_a_type_error(impl, x, rng):
    with pytest.raises(TypeError):
        impl("speculative_sample")(GOOD_P, GOOD_Q, x, rng=rng)


@pytest.mark.reference_only
@pytest.mark.parametrize(
    ("p", "q", "x", "match"),
    [
        (GOOD_P * 1.1, GOOD_Q, GOOD_X, r"target_probs\[0\] sums to"),
        (GOOD_P, GOOD_Q * 0.99, GOOD_X, r"draft_probs\[0\] sums to"),
        (GOOD_P + np.array([0.5, -0.5, 0, 0]), GOOD_Q, GOOD_X, "target_probs must be non-negative"),
        (GOOD_P[:2], GOOD_Q, GOOD_X, r"target_probs must have shape \(γ \+ 1, V\)"),
        (GOOD_P, GOOD_Q, np.array([0, 4]), r"draft_tokens must hold token ids in \[0, 4\)"),
        (GOOD_P, np.array([[1.0, 0, 0, 0], [0.25] * 4]), np.array([2, 0]), "draft probability 0"),
    ],
)
def test_error_messages_name_the_argument(p, q, x, match):
    from gpu.speculative import speculative_sample

    with pytest.raises(ValueError, match=match):
        speculative_sample(p, q, x)


# ---------------------------------------------------------------------------
# Greedy decoding, plain and speculative


class TrigramModel:
    """A causal toy language model: the logits after ``tokens[:j + 1]`` depend on the last two.

    ``table[a, b]`` scores the token after ``..., a, b``; ``first[b]`` the
    token after a sequence of one token ``b``.  Every call is counted.
    """

    def __init__(self, first: np.ndarray, table: np.ndarray) -> None:
        self.first, self.table, self.calls = first, table, 0

    def row(self, tokens: list[int]) -> np.ndarray:
        return self.first[tokens[0]] if len(tokens) == 1 else self.table[tokens[-2], tokens[-1]]

    def __call__(self, tokens) -> np.ndarray:
        self.calls += 1
        seq = [int(t) for t in np.asarray(tokens)]
        return np.array([self.row(seq[: j + 1]) for j in range(len(seq))])


def random_model(rng: np.random.Generator, vocab: int, integer: bool) -> TrigramModel:
    """Random logits; small integers make ties common (broken towards the smallest id)."""
    if integer:
        return TrigramModel(rng.integers(0, 3, (vocab, vocab)), rng.integers(0, 3, (vocab,) * 3))
    return TrigramModel(rng.normal(size=(vocab, vocab)), rng.normal(size=(vocab,) * 3))


def argmax_by_hand(row) -> int:
    best = 0
    for v in range(1, len(row)):
        if row[v] > row[best]:  # strictly greater: ties keep the smaller id
            best = v
    return best


def greedy_oracle(model: TrigramModel, prompt: list[int], n_new: int) -> list[int]:
    seq = list(prompt)
    for _ in range(n_new):
        seq.append(argmax_by_hand(model.row(seq)))
    return seq[len(prompt) :]


class WrongDraft:
    """A useless draft: always proposes a token the target does not choose."""

    def __init__(self, target: TrigramModel, vocab: int) -> None:
        self.target, self.vocab = target, vocab

    def __call__(self, tokens) -> np.ndarray:
        seq = [int(t) for t in np.asarray(tokens)]
        wrong = (argmax_by_hand(self.target.row(seq)) + 1) % self.vocab
        logits = np.zeros((len(seq), self.vocab))
        logits[-1, wrong] = 1.0  # only the last row matters to a greedy draft
        return logits


@st.composite
def decoding(draw):
    vocab = draw(st.integers(2, 6))
    integer = draw(st.booleans())
    seed = draw(st.integers(0, 2**32 - 1))
    prompt = draw(st.lists(st.integers(0, vocab - 1), min_size=1, max_size=4))
    n_new = draw(st.integers(0, 25))
    return vocab, integer, seed, prompt, n_new


@given(case=decoding())
def test_greedy_decode_is_the_argmax_loop(impl, case):
    vocab, integer, seed, prompt, n_new = case
    target = random_model(np.random.default_rng(seed), vocab, integer)
    tokens, calls = impl("greedy_decode")(target, list(prompt), n_new)
    assert list(tokens) == greedy_oracle(target, prompt, n_new)
    assert calls == target.calls == n_new


DRAFTS = ["perfect", "wrong", "random", "noisy copy"]


@given(case=decoding(), k=st.integers(1, 8), kind=st.sampled_from(DRAFTS))
def test_speculative_greedy_gives_the_greedy_tokens_for_any_draft(impl, case, k, kind):
    vocab, integer, seed, prompt, n_new = case
    rng = np.random.default_rng(seed)
    target = random_model(rng, vocab, integer)
    if kind == "perfect":
        draft = TrigramModel(target.first, target.table)
    elif kind == "wrong":
        draft = WrongDraft(target, vocab)
    elif kind == "random":
        draft = random_model(rng, vocab, integer)
    else:  # agrees with the target most of the time
        noise = 0.6 if integer else 0.3
        draft = TrigramModel(
            target.first + noise * rng.normal(size=target.first.shape),
            target.table + noise * rng.normal(size=target.table.shape),
        )
    prompt_copy = list(prompt)
    tokens, calls = impl("speculative_greedy_decode")(target, draft, prompt, n_new, k)
    assert prompt == prompt_copy
    assert list(tokens) == greedy_oracle(target, prompt, n_new)
    assert calls == target.calls, "n_target_calls must count every call"
    assert math.ceil(n_new / (k + 1)) <= calls <= n_new
    if kind == "perfect":  # every round accepts k drafts and adds a bonus token
        assert calls == math.ceil(n_new / (k + 1))


def test_a_perfect_draft_needs_one_call_per_k_plus_1_tokens(impl):
    target = random_model(np.random.default_rng(5), 5, integer=False)
    draft = TrigramModel(target.first, target.table)
    tokens, calls = impl("speculative_greedy_decode")(target, draft, [0, 1], 40, 4)
    assert list(tokens) == greedy_oracle(target, [0, 1], 40)
    assert calls == 8


@pytest.mark.contract
def test_k_zero_is_plain_greedy(impl):
    target = random_model(np.random.default_rng(6), 4, integer=True)
    tokens, calls = impl("speculative_greedy_decode")(target, target, [2], 7, 0)
    assert list(tokens) == greedy_oracle(target, [2], 7)
    assert calls == 7


def _bad_shape(tokens):
    return np.zeros(3)


def _nan_logits(tokens):
    return np.full((len(tokens), 3), np.nan)


@pytest.mark.contract
@pytest.mark.parametrize(
    ("args", "error"),
    [
        (([], 3, 2), ValueError),  # empty prompt
        (([0], -1, 2), ValueError),  # n_new < 0
        (([0], 3, -1), ValueError),  # k < 0
        (([-1], 3, 2), ValueError),  # negative token
        (([0], 2.5, 2), TypeError),  # n_new not an int
        (([0.5], 3, 2), TypeError),  # token not an int
    ],
)
def test_bad_decoding_arguments(impl, args, error):
    target = random_model(np.random.default_rng(0), 3, integer=True)
    prompt, n_new, k = args
    with pytest.raises(error):
        impl("speculative_greedy_decode")(target, target, prompt, n_new, k)


@pytest.mark.contract
@pytest.mark.parametrize("name", ["greedy_decode", "speculative_greedy_decode"])
@pytest.mark.parametrize("model", [_bad_shape, _nan_logits], ids=["wrong shape", "NaN"])
def test_bad_logits_are_a_value_error(impl, name, model):
    args = (model, [0], 3) if name == "greedy_decode" else (model, model, [0], 3, 2)
    with pytest.raises(ValueError):
        impl(name)(*args)


@pytest.mark.contract
def test_a_model_that_is_not_callable_is_a_type_error(impl):
    with pytest.raises(TypeError):
        impl("greedy_decode")("model", [0], 3)


# ---------------------------------------------------------------------------
# Medusa's tree


@st.composite
def trees(draw, max_nodes: int = 64, max_depth: int = 5):
    """A random candidate tree as a list of paths, in random order (parents not first)."""
    n = draw(st.integers(1, max_nodes))
    children: dict[tuple[int, ...], set[int]] = {(): set()}
    paths = []
    for _ in range(n):
        parents = [p for p in children if len(p) < max_depth and len(children[p]) < 4]
        parent = draw(st.sampled_from(parents))
        child = draw(st.sampled_from(sorted(set(range(4)) - children[parent])))
        children[parent].add(child)
        children[(*parent, child)] = set()
        paths.append((*parent, child))
    return list(draw(st.permutations(paths)))


@settings(max_examples=60)  # trees of up to 64 nodes: 4096 pairs each
@given(paths=trees())
def test_mask_is_the_prefix_relation(impl, paths):
    mask = np.asarray(impl("tree_attention_mask")(paths))
    assert mask.shape == (len(paths), len(paths))
    assert mask.dtype == bool
    for i, a in enumerate(paths):
        for j, b in enumerate(paths):
            assert mask[i, j] == (a[: len(b)] == b), (a, b)


@settings(max_examples=30)
@given(paths=trees())
def test_position_ids_are_depth_minus_one(impl, paths):
    ids = np.asarray(impl("tree_position_ids")(paths))
    assert ids.tolist() == [len(path) - 1 for path in paths]
    assert ids.dtype.kind in "iu"


def loop_masked_attention(q, k, v, visible) -> np.ndarray:
    """Softmax attention row by row over the keys ``visible(i)`` (a list of indices)."""
    out = np.zeros((len(q), v.shape[1]))
    for i in range(len(q)):
        keys = visible(i)
        scores = [float(q[i] @ k[j]) for j in keys]
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = math.fsum(weights)
        for w, j in zip(weights, keys, strict=True):
            out[i] += w / total * v[j]
    return out


def sinusoid(positions, dim: int) -> np.ndarray:
    """A position embedding, so that a wrong position would change the scores."""
    freqs = 1.0 / 10.0 ** (np.arange(dim) / dim)
    return np.sin(np.outer(positions, freqs) + np.arange(dim))


@settings(max_examples=50)
@given(paths=trees(), prefix=st.integers(0, 3), seed=st.integers(0, 2**32 - 1))
def test_tree_attention_equals_causal_attention_along_each_path(impl, paths, prefix, seed):
    # A cached prefix of `prefix` tokens, then the n candidates.  Tree view: node
    # i attends to the prefix and, through the mask, to its ancestors, at
    # position prefix + depth − 1.  Path view: the prefix then the path's
    # nodes as one causal sequence at positions 0, 1, 2, …; node i is its last.
    n, dim = len(paths), 4
    rng = np.random.default_rng(seed)
    q0, k0, v0 = (rng.normal(size=(prefix + n, dim)) for _ in range(3))
    index = {path: i for i, path in enumerate(paths)}
    tree_mask = np.asarray(impl("tree_attention_mask")(paths), dtype=bool)

    depth = np.array([len(path) for path in paths])
    pos = np.concatenate([np.arange(prefix), prefix + depth - 1])
    q, k = q0 + sinusoid(pos, dim), k0 + sinusoid(pos, dim)
    tree = loop_masked_attention(
        q[prefix:],
        k,
        v0,
        lambda i: list(range(prefix)) + [prefix + j for j in np.flatnonzero(tree_mask[i])],
    )

    for i, path in enumerate(paths):
        nodes = list(range(prefix)) + [prefix + index[path[:d]] for d in range(1, len(path) + 1)]
        seq_pos = sinusoid(np.arange(len(nodes)), dim)
        qs, ks = q0[nodes] + seq_pos, k0[nodes] + seq_pos
        causal = loop_masked_attention(qs, ks, v0[nodes], lambda t: list(range(t + 1)))
        np.testing.assert_allclose(tree[i], causal[-1], rtol=1e-12, atol=1e-12)


def test_the_medusa_example(impl):
    paths = [(0,), (1,), (0, 0), (0, 1), (1, 0), (0, 0, 0)]
    mask = np.asarray(impl("tree_attention_mask")(paths))
    np.testing.assert_array_equal(
        mask.astype(int),
        [
            [1, 0, 0, 0, 0, 0],
            [0, 1, 0, 0, 0, 0],
            [1, 0, 1, 0, 0, 0],
            [1, 0, 0, 1, 0, 0],
            [0, 1, 0, 0, 1, 0],
            [1, 0, 1, 0, 0, 1],
        ],
    )
    assert np.asarray(impl("tree_position_ids")(paths)).tolist() == [0, 0, 1, 1, 1, 2]


@pytest.mark.contract
@pytest.mark.parametrize("name", ["tree_attention_mask", "tree_position_ids"])
@pytest.mark.parametrize(
    ("paths", "error"),
    [
        ([(0,), (0, 1, 2)], ValueError),  # prefix (0, 1) missing
        ([(1, 0)], ValueError),  # parent (1,) missing
        ([(0,), ()], ValueError),  # empty path
        ([(0,), (0,)], ValueError),  # repeated
        ([(0,), (-1,)], ValueError),  # negative child index
        ([(0,), (0.5,)], TypeError),  # not an int
        ([(0,), 3], TypeError),  # a path that is not a tuple
        (None, TypeError),
    ],
)
def test_bad_trees(impl, name, paths, error):
    with pytest.raises(error):
        impl(name)(paths)


@pytest.mark.reference_only
def test_a_missing_prefix_is_named():
    from gpu.speculative import tree_attention_mask

    with pytest.raises(ValueError, match=r"paths\[1\] = \(0, 1, 2\) has no parent \(0, 1\)"):
        tree_attention_mask([(0,), (0, 1, 2)])


def test_an_empty_tree(impl):
    assert np.asarray(impl("tree_attention_mask")([])).shape == (0, 0)
    assert len(impl("tree_position_ids")([])) == 0


# ---------------------------------------------------------------------------
# Typical acceptance


def typical_oracle(probs, tokens, threshold, alpha) -> set[int]:
    """Every prefix length the rule allows, near-ties (1e-9 relative) decided either way."""
    sure_yes, sure_no = [], []
    for row, t in zip(probs, tokens, strict=True):
        entropy = -math.fsum(x * math.log(x) for x in row if x > 0)
        soft = alpha * math.exp(-entropy)
        low, high = min(threshold, soft * (1 - 1e-9)), min(threshold, soft * (1 + 1e-9))
        sure_yes.append(row[t] > high)
        sure_no.append(row[t] <= low)
    n = len(tokens)
    return {
        length
        for length in range(n + 1)
        if not any(sure_no[:length]) and (length == n or not sure_yes[length])
    }


@st.composite
def candidates(draw):
    vocab = draw(st.integers(1, 8))
    n = draw(st.integers(0, 6))
    probs = draw(probability_rows(n, vocab))
    tokens = draw(st.lists(st.integers(0, vocab - 1), min_size=n, max_size=n))
    return probs, tokens


@given(
    case=candidates(),
    threshold=st.sampled_from([0.09, 0.0, 0.3, 1.0]) | st.floats(0, 1),
    alpha=st.sampled_from([0.3, 0.0, 1.0]) | st.floats(0, 2),
)
def test_typical_acceptance_is_medusas_rule(impl, case, threshold, alpha):
    probs, tokens = case
    got = impl("typical_acceptance")(probs, tokens, threshold, alpha)
    assert got in typical_oracle(probs, tokens, threshold, alpha)


@given(case=candidates())
def test_typical_acceptance_defaults(impl, case):
    probs, tokens = case
    assert impl("typical_acceptance")(probs, tokens) in typical_oracle(probs, tokens, 0.09, 0.3)


def test_an_uncertain_target_lowers_the_bar(impl):
    # Uniform over 20 tokens: each has 0.05 < 0.09, yet the bar is 0.3·e^(−ln 20) = 0.015.
    # A confident target keeps the bar at 0.09, so 0.08 is refused.
    probs = np.zeros((3, 20))
    probs[0] = 1 / 20
    probs[1, :2] = [0.92, 0.08]
    probs[2, 0] = 1.0
    assert impl("typical_acceptance")(probs, [7, 0, 0]) == 3
    assert impl("typical_acceptance")(probs, [7, 1, 0]) == 1
    assert impl("typical_acceptance")(probs, [3, 0, 5]) == 2  # probability 0 is never accepted


@pytest.mark.contract
@pytest.mark.parametrize(
    ("probs", "tokens", "kwargs", "error"),
    [
        ([[0.5, 0.6]], [0], {}, ValueError),  # sums to 1.1
        ([[1.5, -0.5]], [0], {}, ValueError),  # negative
        ([[0.5, 0.5]], [2], {}, ValueError),  # token out of range
        ([[0.5, 0.5]], [0, 1], {}, ValueError),  # two tokens for one row
        ([0.5, 0.5], [0], {}, ValueError),  # 1-D probs
        ([[0.5, 0.5]], [0], {"posterior_threshold": -0.1}, ValueError),
        ([[0.5, 0.5]], [0], {"posterior_alpha": float("nan")}, ValueError),
        ([[0.5, 0.5]], [0.0], {}, TypeError),
        ([[0.5, 0.5]], [0], {"posterior_alpha": "0.3"}, TypeError),
    ],
)
def test_bad_typical_acceptance_input(impl, probs, tokens, kwargs, error):
    with pytest.raises(error):
        impl("typical_acceptance")(probs, tokens, **kwargs)
