"""Properties of ``ngrams``, ``NGramModel`` and ``ngram_similarity``.

Oracles, all written here from the definitions, never from the reference:

* windows: ``tuple(seq[i:i + n])`` for every ``i`` (slicing);
* counting: the *events* of a corpus (each word and ``</s>`` of every padded
  sentence, with the ``n - 1`` tokens before it) are listed by a literal loop,
  and maximum likelihood, add-k and perplexity are exact ``Fraction`` ratios of
  those counts, or sums of their logs;
* Kneser–Ney: a direct transcription of the interpolated formula over
  dictionaries (:func:`kneser_ney_oracle`), recursing on the shorter context
  with continuation counts ``N₁₊(• g)`` recounted from the n-gram types; plus a
  corpus worked by hand ("San Francisco"), whose values are derived in comments;
* similarity: the cosine of two ``Counter`` profiles from its definition.

``NGramModel`` is a class: tests build it as ``impl("NGramModel")(n, smoothing=...,
k=...)``, so a learner's class is judged the same way.  The statistical test
of ``generate`` uses a fixed seed and states its significance level.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chisquare

BOS, EOS = "<s>", "</s>"
SMOOTHINGS = ["mle", "laplace", "add-k", "kneser-ney"]
D = Fraction(3, 4)  # Kneser–Ney's discount
OOV = "zebra"  # a word no corpus below contains

WORDS = ["a", "b", "c", "d"]
sentences = st.lists(st.sampled_from(WORDS), max_size=7)
corpora = st.lists(sentences, min_size=1, max_size=6)
orders = st.integers(1, 4)
pseudo_counts = st.sampled_from([0.01, 0.5, 1.0, 2.5, 10.0]) | st.floats(0.05, 5.0)


def make(impl, n, smoothing="mle", k=1.0):
    return impl("NGramModel")(n, smoothing=smoothing, k=k)


def fitted(impl, corpus, n, smoothing="mle", k=1.0):
    model = make(impl, n, smoothing, k)
    model.fit(corpus)  # the return value is checked on its own, below
    return model


# ---------------------------------------------------------------------------
# Oracles from the definitions.


def padded(sentence, n):
    return [BOS] * (n - 1) + list(sentence) + [EOS]


def events(corpus, n):
    """(context of n - 1 tokens, word) at every predicted position of the padded corpus."""
    out = []
    for sentence in corpus:
        p = padded(sentence, n)
        for i in range(n - 1, len(p)):
            out.append((tuple(p[i - n + 1 : i]), p[i]))
    return out


def vocabulary(corpus):
    return sorted({w for s in corpus for w in s} | {EOS})


def order_counts(corpus, n, m):
    """Counts of the m-grams (m <= n) ending at the predicted positions, with n-padding."""
    return Counter((*ctx[n - m :], w) if m > 1 else (w,) for ctx, w in events(corpus, n))


def mle_oracle(corpus, n, word, context):
    """Relative frequency, backing off to the longest suffix of the context seen as one."""
    for m in range(n, 0, -1):
        h = context[len(context) - (m - 1) :] if m > 1 else ()
        grams = order_counts(corpus, n, m)
        total = sum(c for g, c in grams.items() if g[:-1] == h)
        if total:
            return Fraction(grams[(*h, word)], total)
    raise AssertionError("the empty context is always seen")


def add_k_oracle(corpus, n, word, context, k):
    grams = order_counts(corpus, n, n)
    total = sum(c for g, c in grams.items() if g[:-1] == context)
    if word not in vocabulary(corpus):
        return 0.0
    return (grams[(*context, word)] + k) / (total + k * len(vocabulary(corpus)))


def kneser_ney_oracle(corpus, n):
    """``p(word, context)``: interpolated Kneser–Ney transcribed from its formula, exactly.

    The top order counts n-grams; every lower order m counts continuations,
    ``N₁₊(• g)`` = the number of distinct tokens x with ``x·g`` an (m+1)-gram
    type.  ``P_m(w | h) = max(c(h w) − d, 0)/c(h •) + d·N₁₊(h •)/c(h •)·P_{m−1}(w | h')``;
    an unseen context (``c(h •) = 0``) gives ``P_{m−1}(w | h')``; the unigram
    level is ``c(w) / Σ_v c(v)``.
    """
    grams = {m: order_counts(corpus, n, m) for m in range(1, n + 1)}
    vocab = vocabulary(corpus)

    def count(g):
        m = len(g)
        if m == n:
            return grams[n][g]
        return len({h[0] for h in grams[m + 1] if h[1:] == g})

    def p(word, context):
        m = len(context) + 1
        denominator = sum(count((*context, v)) for v in vocab)
        if m == 1:
            return Fraction(count((word,)), denominator)
        lower = p(word, context[1:])
        if denominator == 0:
            return lower
        distinct_followers = sum(1 for v in vocab if count((*context, v)) > 0)
        discounted = max(count((*context, word)) - D, Fraction(0))
        return discounted / denominator + D * distinct_followers / denominator * lower

    return p


def seen_contexts(corpus, n):
    return sorted({ctx for ctx, _ in events(corpus, n)})


@st.composite
def any_context(draw, n):
    """n - 1 tokens: seen words, <s> or </s> anywhere, a word never seen (unseen contexts)."""
    return tuple(
        draw(st.lists(st.sampled_from([*WORDS, BOS, EOS, OOV]), min_size=n - 1, max_size=n - 1))
    )


def close(x, y, rel=1e-9):
    return math.isclose(x, y, rel_tol=rel, abs_tol=1e-15)


# ---------------------------------------------------------------------------
# ngrams


@given(
    seq=st.lists(st.integers(0, 3), max_size=12) | st.text("xyz", max_size=12), n=st.integers(1, 6)
)
def test_ngrams_are_the_windows_of_length_n(impl, seq, n):
    expected = [tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)]
    assert list(impl("ngrams")(seq, n)) == expected


def test_ngrams_examples(impl):
    assert list(impl("ngrams")(["to", "be", "or"], 2)) == [("to", "be"), ("be", "or")]
    assert list(impl("ngrams")("abc", 1)) == [("a",), ("b",), ("c",)]
    assert list(impl("ngrams")("ab", 3)) == []
    assert list(impl("ngrams")([], 1)) == []


# ---------------------------------------------------------------------------
# ngram_similarity


def cosine_oracle(a, b, n):
    if a == b:
        return 1.0
    pa = Counter(a[i : i + n] for i in range(len(a) - n + 1))
    pb = Counter(b[i : i + n] for i in range(len(b) - n + 1))
    dot = sum(pa[g] * pb[g] for g in set(pa) | set(pb))
    if dot == 0:
        return 0.0
    # Exact: cos = dot / sqrt(|A|² |B|²), the square root taken last.
    return math.sqrt(
        Fraction(dot * dot, sum(c * c for c in pa.values()) * sum(c * c for c in pb.values()))
    )


texts = st.text("abc", max_size=14) | st.text(max_size=10)


@given(a=texts, b=texts, n=st.integers(1, 4))
def test_similarity_is_the_cosine_of_the_ngram_count_vectors(impl, a, b, n):
    got = impl("ngram_similarity")(a, b, n)
    assert close(got, cosine_oracle(a, b, n), rel=1e-12)
    assert 0.0 <= got <= 1.0
    assert close(impl("ngram_similarity")(b, a, n), got, rel=1e-12)


@given(a=texts, n=st.integers(1, 4))
def test_equal_strings_have_similarity_exactly_one(impl, a, n):
    assert impl("ngram_similarity")(a, a, n) == 1.0


def test_similarity_examples(impl):
    sim = impl("ngram_similarity")
    assert sim("night", "nacht") == pytest.approx(0.25)  # share only "ht" of 4 bigrams each
    assert sim("abc", "xyz") == 0.0
    assert sim("a", "b") == 0.0  # no bigram at all: nothing in common
    assert sim("ab", "ba", 1) == pytest.approx(1.0)  # the same letters
    assert sim("algorithm", "algoritm") == pytest.approx(6 / math.sqrt(8 * 7))
    assert sim("banana", "bandana") == pytest.approx(sim("banana", "bandana", n=2))


# ---------------------------------------------------------------------------
# NGramModel: maximum likelihood


@given(corpus=corpora, n=orders)
def test_mle_equals_brute_force_counting(impl, corpus, n):
    model = fitted(impl, corpus, n)
    grams = Counter((*ctx, w) for ctx, w in events(corpus, n))
    for context in seen_contexts(corpus, n):
        total = sum(c for g, c in grams.items() if g[:-1] == context)
        for word in vocabulary(corpus):
            expected = Fraction(grams[(*context, word)], total)
            assert close(model.prob(word, list(context)), expected), (word, context)


@given(corpus=corpora, n=st.integers(2, 4), data=st.data())
def test_mle_backs_off_to_the_longest_seen_suffix_of_an_unseen_context(impl, corpus, n, data):
    model = fitted(impl, corpus, n)
    context = data.draw(any_context(n), label="context")
    for word in vocabulary(corpus):
        assert close(model.prob(word, list(context)), mle_oracle(corpus, n, word, context))


@given(corpus=corpora, n=orders)
def test_perplexity_of_the_training_text_under_mle_by_hand(impl, corpus, n):
    grams = Counter((*ctx, w) for ctx, w in events(corpus, n))
    contexts = Counter(ctx for ctx, _ in events(corpus, n))
    log_probs = [
        math.log(Fraction(grams[(*ctx, w)], contexts[ctx])) for ctx, w in events(corpus, n)
    ]
    n_predicted = sum(len(s) + 1 for s in corpus)  # every word and </s>, never <s>
    expected = math.exp(-math.fsum(log_probs) / n_predicted)
    assert close(fitted(impl, corpus, n).perplexity(corpus), expected)


@given(corpus=corpora, n=orders, sentence=sentences)
def test_log_prob_is_the_sum_of_the_log_conditional_probabilities(impl, corpus, n, sentence):
    model = fitted(impl, corpus, n)
    probs = [mle_oracle(corpus, n, w, ctx) for ctx, w in events([sentence], n)]
    got = model.log_prob(sentence)
    if 0 in probs:
        assert got == -math.inf
    else:
        assert close(got, math.fsum(math.log(p) for p in probs))


def test_an_unseen_word_makes_mle_perplexity_infinite(impl):
    model = fitted(impl, [["a", "b"], ["b", "a"]], 2)
    assert model.prob(OOV, ["a"]) == 0
    assert model.prob("a", ["a"]) == 0  # seen word, unseen bigram
    assert model.log_prob(["a", OOV]) == -math.inf
    assert model.perplexity([["a", "a"]]) == math.inf
    assert close(model.perplexity([["a", "b"]]), math.exp(-math.log(1 / 2 * 1 / 2 * 1 / 2) / 3))


# Long evaluation corpora: hundreds to thousands of predicted tokens, whose probability
# product is far below the smallest float (about 1e-308, or 5e-324 denormal): perplexity
# must come from a sum of logs, never from a product of probabilities.


def probability_oracle(corpus, n, smoothing, k):
    """``p(word, context)`` from the definitions, exact (Fractions), cached per event."""
    if smoothing == "kneser-ney":
        p = kneser_ney_oracle(corpus, n)
    elif smoothing == "mle":
        p = lambda word, context: mle_oracle(corpus, n, word, context)  # noqa: E731
    else:
        pseudo = Fraction(1) if smoothing == "laplace" else Fraction(k)  # k exactly
        p = lambda word, context: add_k_oracle(corpus, n, word, context, pseudo)  # noqa: E731
    cache = {}

    def cached(word, context):
        if (word, context) not in cache:
            cache[word, context] = p(word, context)
        return cache[word, context]

    return cached


def perplexity_oracle(p, sentences, n):
    """``exp(-Σ log p / N)``: the logs of the distinct events, times their counts, by fsum."""
    counts = Counter(events(sentences, n))
    log_sum = math.fsum(c * math.log(p(w, ctx)) for (ctx, w), c in counts.items())
    return math.exp(-log_sum / sum(len(s) + 1 for s in sentences))


@pytest.mark.parametrize("smoothing", SMOOTHINGS)
@settings(max_examples=50)
@given(corpus=corpora, n=orders, k=pseudo_counts, seed=st.integers(0, 2**32 - 1))
def test_perplexity_of_a_long_corpus_is_finite_and_exact(impl, smoothing, corpus, n, k, seed):
    rng = random.Random(seed)
    size = rng.randint(300, 1000)
    if smoothing == "mle":
        # Training sentences only: every event was seen, so no probability is 0.
        evaluation = [rng.choice(corpus) for _ in range(size)]
    else:
        # Any sentences of training words: smoothing keeps every probability above 0.
        words = [w for w in vocabulary(corpus) if w != EOS]
        evaluation = [
            [rng.choice(words) for _ in range(rng.randint(0, 12) if words else 0)]
            for _ in range(size)
        ]
    model = fitted(impl, corpus, n, smoothing, k)
    expected = perplexity_oracle(probability_oracle(corpus, n, smoothing, k), evaluation, n)
    assert close(model.perplexity(evaluation), expected)


@pytest.mark.parametrize(
    ("smoothing", "n", "expected"),
    # Laplace bigram, by hand: V = 4 (a, b, c, </s>), every context seen 3 times with
    # one follower, so P = 4/7 for the seen bigrams <s>·a and c·</s>, 1/7 for a·c, c·b,
    # b·a; a sentence of 6 tokens has probability 16/7^6 and perplexity 7 / 16^(1/6).
    [("laplace", 2, 7 / 16 ** (1 / 6)), ("add-k", 3, None), ("kneser-ney", 2, None)],
)
def test_perplexity_of_a_long_repeated_sentence(impl, smoothing, n, expected):
    # 600 predicted tokens: the product of their probabilities, (16/7^6)^100 ~ 1e-385
    # under Laplace, is 0.0 as a float, while the perplexity is about 4.4.
    corpus = [["a", "b", "c"]] * 3
    evaluation = [["a", "c", "b", "a", "c"]] * 100
    model = fitted(impl, corpus, n, smoothing, k=0.5)
    want = perplexity_oracle(probability_oracle(corpus, n, smoothing, 0.5), evaluation, n)
    if expected is not None:
        assert close(want, expected)  # the oracle agrees with the value by hand
    assert close(model.perplexity(evaluation), want)


# ---------------------------------------------------------------------------
# Every smoothing: a distribution over the vocabulary for every context


@pytest.mark.parametrize("smoothing", SMOOTHINGS)
@given(corpus=corpora, n=orders, k=pseudo_counts)
def test_probabilities_sum_to_one_for_every_seen_context(impl, smoothing, corpus, n, k):
    model = fitted(impl, corpus, n, smoothing, k)
    vocab = vocabulary(corpus)
    for context in seen_contexts(corpus, n):
        probs = [model.prob(w, list(context)) for w in vocab]
        assert all(0.0 <= p <= 1.0 for p in probs)
        assert math.isclose(math.fsum(probs), 1.0, abs_tol=1e-9), context


@pytest.mark.parametrize("smoothing", SMOOTHINGS)
@given(corpus=corpora, n=st.integers(2, 4), k=pseudo_counts, data=st.data())
def test_probabilities_sum_to_one_for_unseen_contexts_too(impl, smoothing, corpus, n, k, data):
    model = fitted(impl, corpus, n, smoothing, k)
    context = data.draw(any_context(n), label="context")
    assert math.isclose(
        math.fsum(model.prob(w, list(context)) for w in vocabulary(corpus)), 1.0, abs_tol=1e-9
    )


@pytest.mark.parametrize("smoothing", SMOOTHINGS)
@given(corpus=corpora, n=orders)
def test_start_symbol_and_unknown_words_are_never_predicted(impl, smoothing, corpus, n):
    model = fitted(impl, corpus, n, smoothing)
    for context in seen_contexts(corpus, n):
        assert model.prob(BOS, list(context)) == 0
        assert model.prob(OOV, list(context)) == 0


@pytest.mark.parametrize("smoothing", SMOOTHINGS)
@given(corpus=corpora, n=st.integers(2, 4), data=st.data())
def test_a_short_context_is_the_start_of_a_sentence(impl, smoothing, corpus, n, data):
    model = fitted(impl, corpus, n, smoothing)
    short = data.draw(st.lists(st.sampled_from(WORDS), max_size=n - 2), label="context")
    full = [BOS] * (n - 1 - len(short)) + short
    for word in vocabulary(corpus):
        assert model.prob(word, short) == pytest.approx(model.prob(word, full), rel=1e-12)
    # And only the last n - 1 tokens of a long context count.
    longer = ["d", "c", "b", "a", *full]
    assert model.prob("a", longer) == pytest.approx(model.prob("a", full), rel=1e-12)


# ---------------------------------------------------------------------------
# Laplace and add-k


@given(corpus=corpora, n=orders, data=st.data())
def test_laplace_is_add_one_and_never_zero(impl, corpus, n, data):
    model = fitted(impl, corpus, n, "laplace", k=7.0)  # k is add-k's, Laplace adds 1
    contexts = [*seen_contexts(corpus, n), data.draw(any_context(n), label="unseen")]
    for context in contexts:
        for word in vocabulary(corpus):
            p = model.prob(word, list(context))
            assert p > 0
            assert close(p, add_k_oracle(corpus, n, word, context, 1))


@given(corpus=corpora, n=orders, k=pseudo_counts, data=st.data())
def test_add_k_adds_k_to_every_count(impl, corpus, n, k, data):
    model = fitted(impl, corpus, n, "add-k", k)
    contexts = [*seen_contexts(corpus, n), data.draw(any_context(n), label="unseen")]
    for context in contexts:
        for word in [*vocabulary(corpus), OOV]:
            assert close(model.prob(word, list(context)), add_k_oracle(corpus, n, word, context, k))


# ---------------------------------------------------------------------------
# Kneser–Ney


@given(corpus=corpora, n=orders, data=st.data())
def test_kneser_ney_matches_the_interpolated_formula(impl, corpus, n, data):
    model = fitted(impl, corpus, n, "kneser-ney")
    oracle = kneser_ney_oracle(corpus, n)
    contexts = [*seen_contexts(corpus, n), data.draw(any_context(n), label="any context")]
    for context in contexts:
        for word in [*vocabulary(corpus), OOV]:
            assert close(model.prob(word, list(context)), oracle(word, context)), (word, context)


# "San Francisco": 'francisco' is the most frequent word (4 times) but follows one
# word only, 'cat' is rarer (3 times) but follows three.  The bigram types are
# <s>·san, san·francisco, francisco·</s>, <s>·a, a·cat, <s>·the, the·cat, <s>·my,
# my·cat, cat·</s>: N₁₊(• •) = 10, and the continuation counts are
# N₁₊(• cat) = 3, N₁₊(• </s>) = 2, every other word 1.
SAN_FRANCISCO = [["san", "francisco"]] * 4 + [["a", "cat"], ["the", "cat"], ["my", "cat"]]
P_CONT = {"cat": Fraction(3, 10), "</s>": Fraction(2, 10), "francisco": Fraction(1, 10)}


def test_kneser_ney_continuation_counts_by_hand(impl):
    kn = fitted(impl, SAN_FRANCISCO, 2, "kneser-ney")
    # An unseen context falls back to the lower order: P_cont itself.
    for word, p in P_CONT.items():
        assert kn.prob(word, ["never-seen"]) == pytest.approx(float(p), rel=1e-12)
    # Maximum likelihood's unigrams rank the two words the other way: 4/21 > 3/21.
    mle = fitted(impl, SAN_FRANCISCO, 2, "mle")
    assert mle.prob("francisco", ["never-seen"]) == pytest.approx(4 / 21)
    assert mle.prob("cat", ["never-seen"]) == pytest.approx(3 / 21)


# c(<s>) = 7 with N₁₊(<s> •) = 4 followers (san, a, the, my), so <s> passes on
# d·4/7 = 3/7 of its mass:  P(cat | <s>) = 0 + 3/7 · 3/10 = 9/70,
# P(san | <s>) = (4 − 3/4)/7 + 3/7 · 1/10 = 71/140, P(a | <s>) = (1 − 3/4)/7 + 3/70 = 11/140.
# c(my) = 1, one follower:  P(cat | my) = (1 − 3/4)/1 + 3/4 · 3/10 = 19/40.
# c(san) = 4, one follower, so san passes on 3/4 · 1/4 = 3/16 of its mass:
# P(francisco | san) = (4 − 3/4)/4 + 3/16 · 1/10 = 133/160, P(cat | san) = 3/16 · 3/10 = 9/160.
BIGRAM_BY_HAND = [
    ("cat", ["<s>"], Fraction(9, 70)),
    ("francisco", ["<s>"], Fraction(3, 70)),
    ("san", ["<s>"], Fraction(71, 140)),
    ("a", ["<s>"], Fraction(11, 140)),
    ("</s>", ["<s>"], Fraction(3, 7) * Fraction(2, 10)),
    ("cat", ["my"], Fraction(19, 40)),
    ("francisco", ["san"], Fraction(133, 160)),
    ("cat", ["san"], Fraction(9, 160)),
]
# Trigrams: the middle order counts continuations.  N₁₊(• my cat) = 1 (only <s>),
# N₁₊(• my •) = 1, so P₂(cat | my) = 1/4 + 3/4 · 3/10 = 19/40 and
# P(cat | <s> my) = (1 − 3/4)/1 + 3/4 · 19/40 = 97/160.  For the context <s> <s>:
# N₁₊(• <s> cat) = 0 and N₁₊(• <s> •) = 4 types, so P₂(cat | <s>) = 3/4 · 4/4 · 3/10
# = 9/40 and P(cat | <s> <s>) = 0 + 3/4 · 4/7 · 9/40 = 27/280.
TRIGRAM_BY_HAND = [
    ("cat", ["<s>", "my"], Fraction(97, 160)),
    ("cat", ["<s>", "<s>"], Fraction(27, 280)),
]


@pytest.mark.parametrize(("word", "context", "expected"), BIGRAM_BY_HAND)
def test_kneser_ney_bigram_values_worked_by_hand(impl, word, context, expected):
    kn = fitted(impl, SAN_FRANCISCO, 2, "kneser-ney")
    assert kn.prob(word, context) == pytest.approx(float(expected), rel=1e-12)


@pytest.mark.parametrize(("word", "context", "expected"), TRIGRAM_BY_HAND)
def test_kneser_ney_trigram_values_worked_by_hand(impl, word, context, expected):
    kn = fitted(impl, SAN_FRANCISCO, 3, "kneser-ney")
    assert kn.prob(word, context) == pytest.approx(float(expected), rel=1e-12)


@given(corpus=corpora)
def test_kneser_ney_unigram_model_is_the_relative_frequency(impl, corpus):
    model = fitted(impl, corpus, 1, "kneser-ney")
    counts = Counter(w for _, w in events(corpus, 1))
    for word in vocabulary(corpus):
        assert close(model.prob(word, []), Fraction(counts[word], counts.total()))


# ---------------------------------------------------------------------------
# generate


@pytest.mark.parametrize("smoothing", SMOOTHINGS)
@given(corpus=corpora, n=orders, seed=st.integers(0, 2**32 - 1), n_words=st.integers(0, 12))
def test_generate_is_reproducible_with_a_fixed_rng(impl, smoothing, corpus, n, seed, n_words):
    model = fitted(impl, corpus, n, smoothing)
    first = list(model.generate(n_words, random.Random(seed)))
    assert list(model.generate(n_words, random.Random(seed))) == first
    vocab = set(vocabulary(corpus))
    assert all(w in vocab for w in first)  # never <s>, never an unknown word
    if EOS in first:
        assert first.index(EOS) == len(first) - 1  # </s> ends the sentence
    else:
        assert len(first) == n_words


@given(corpus=corpora, n=orders, seed=st.integers(0, 2**32 - 1), data=st.data())
def test_generate_under_mle_emits_only_seen_ngrams(impl, corpus, n, seed, data):
    model = fitted(impl, corpus, n)
    seen = {(*ctx, w) for ctx, w in events(corpus, n)}
    start = data.draw(st.sampled_from(corpus), label="sentence")
    prefix = start[: data.draw(st.integers(0, len(start)), label="prefix length")]
    out = list(model.generate(15, random.Random(seed), context=prefix))
    text = [BOS] * (n - 1) + prefix + out
    for i in range(n - 1 + len(prefix), len(text)):  # the n-grams that end on a drawn token
        assert tuple(text[i - n + 1 : i + 1]) in seen, (prefix, out)


@pytest.mark.parametrize("smoothing", ["mle", "kneser-ney"])
def test_generate_samples_the_model_distribution(impl, smoothing):
    # The first token of 3000 sentences against P(· | <s>) by a chi-square test.
    # Significance level 1e-6: a correct sampler fails with probability 1e-6.
    model = fitted(impl, SAN_FRANCISCO, 2, smoothing)
    vocab = vocabulary(SAN_FRANCISCO)
    rng = random.Random(20260101)
    draws = Counter(model.generate(1, rng)[0] for _ in range(3000))
    expected = [3000 * model.prob(w, []) for w in vocab]
    kept = [i for i, e in enumerate(expected) if e > 0]
    assert set(draws) <= {vocab[i] for i in kept}
    observed = [draws[vocab[i]] for i in kept]
    assert chisquare(observed, [expected[i] for i in kept]).pvalue > 1e-6


# ---------------------------------------------------------------------------
# fit


def test_fit_returns_the_model_and_leaves_the_corpus_alone(impl):
    corpus = [["a", "b"], ["b"], []]
    copy = [list(s) for s in corpus]
    model = make(impl, 2)
    assert model.fit(corpus) is model
    assert corpus == copy


@given(first=corpora, second=corpora, n=orders)
def test_fit_again_replaces_the_earlier_fit(impl, first, second, n):
    model = make(impl, n, "kneser-ney")
    model.fit(first)
    model.fit(second)
    fresh = fitted(impl, second, n, "kneser-ney")
    for context in seen_contexts(second, n):
        for word in vocabulary(first + second):
            assert model.prob(word, list(context)) == pytest.approx(fresh.prob(word, list(context)))


# ---------------------------------------------------------------------------
# Contract: other iterables, bad input (exception types only).


@pytest.mark.contract
def test_ngrams_accepts_any_iterable(impl):
    assert list(impl("ngrams")(iter([1, 2, 3]), 2)) == [(1, 2), (2, 3)]
    assert list(impl("ngrams")(range(4), 3)) == [(0, 1, 2), (1, 2, 3)]
    assert list(impl("ngrams")((1, 2), 2)) == [(1, 2)]


@pytest.mark.contract
@given(corpus=corpora, n=orders)
def test_fit_accepts_any_iterable_of_token_iterables(impl, corpus, n):
    from_lists = fitted(impl, corpus, n, "kneser-ney")
    from_generator = fitted(impl, (tuple(s) for s in corpus), n, "kneser-ney")
    for context in seen_contexts(corpus, n):
        for word in vocabulary(corpus):
            assert from_generator.prob(word, iter(context)) == pytest.approx(
                from_lists.prob(word, list(context))
            )


@pytest.mark.contract
@pytest.mark.parametrize("n", [0, -1])
def test_order_below_one_is_a_value_error(impl, n):
    with pytest.raises(ValueError):
        make(impl, n)
    with pytest.raises(ValueError):
        impl("ngrams")([1, 2], n)
    with pytest.raises(ValueError):
        impl("ngram_similarity")("ab", "ab", n)


@pytest.mark.contract
@pytest.mark.parametrize("n", [2.0, "2", None, True])
def test_order_must_be_an_int(impl, n):
    with pytest.raises(TypeError):
        make(impl, n)
    with pytest.raises(TypeError):
        impl("ngrams")([1, 2], n)
    with pytest.raises(TypeError):
        impl("ngram_similarity")("ab", "ab", n)


@pytest.mark.contract
@pytest.mark.parametrize("smoothing", ["MLE", "kneser_ney", "good-turing", ""])
def test_unknown_smoothing_is_a_value_error(impl, smoothing):
    with pytest.raises(ValueError):
        make(impl, 2, smoothing)


@pytest.mark.contract
@pytest.mark.parametrize("k", [0, -1.0, math.inf, math.nan])
def test_pseudo_count_must_be_positive_and_finite(impl, k):
    with pytest.raises(ValueError):
        make(impl, 2, "add-k", k)


@pytest.mark.contract
@pytest.mark.parametrize("corpus", [[], iter([]), ()])
def test_an_empty_corpus_is_a_value_error(impl, corpus):
    with pytest.raises(ValueError):
        make(impl, 2).fit(corpus)


@pytest.mark.contract
@pytest.mark.parametrize(
    "corpus",
    [
        "the cat sat",  # a string, not a list of sentences
        ["the", "cat"],  # one sentence given as a list of words: each "sentence" is a str
        [["the", 1]],  # a non-str token
        [["the", None]],
        [[("the",)]],
        [5],  # a sentence that is not iterable
        None,
    ],
)
def test_non_token_items_are_a_type_error(impl, corpus):
    with pytest.raises(TypeError):
        make(impl, 2).fit(corpus)


@pytest.mark.contract
@pytest.mark.parametrize("corpus", [[["a", "<s>"]], [["</s>"]], [["a"], ["b", "</s>", "c"]]])
def test_reserved_symbols_in_the_corpus_are_a_value_error(impl, corpus):
    with pytest.raises(ValueError):
        make(impl, 2).fit(corpus)


@pytest.mark.contract
def test_using_a_model_before_fit_is_a_value_error(impl):
    model = make(impl, 2)
    with pytest.raises(ValueError):
        model.prob("a", [])
    with pytest.raises(ValueError):
        model.perplexity([["a"]])
    with pytest.raises(ValueError):
        model.generate(3, random.Random(0))


@pytest.mark.contract
def test_bad_arguments_of_the_fitted_model(impl):
    model = fitted(impl, [["a", "b"]], 2)
    with pytest.raises(TypeError):
        model.prob(1, ["a"])
    with pytest.raises(TypeError):
        model.prob("a", [1])
    with pytest.raises(TypeError):
        model.log_prob("a b")
    with pytest.raises(ValueError):
        model.perplexity([])
    with pytest.raises(TypeError):
        model.perplexity([["a", 2]])
    with pytest.raises(ValueError):
        model.generate(-1, random.Random(0))
    with pytest.raises(TypeError):
        model.generate(2.5, random.Random(0))


@pytest.mark.contract
@pytest.mark.parametrize(("a", "b"), [(1, "a"), ("a", None), (["a"], "a"), (b"ab", "ab")])
def test_similarity_of_non_strings_is_a_type_error(impl, a, b):
    with pytest.raises(TypeError):
        impl("ngram_similarity")(a, b)


@pytest.mark.contract
def test_ngrams_of_a_non_iterable_is_a_type_error(impl):
    with pytest.raises(TypeError):
        impl("ngrams")(5, 2)


# ---------------------------------------------------------------------------
# Reference only: wording of the errors, extras of our class.


@pytest.mark.reference_only
@pytest.mark.parametrize(
    ("call", "exception", "pattern"),
    [
        (lambda m: m(0), ValueError, r"n must be >= 1"),
        (lambda m: m(2.0), TypeError, r"n must be an integer"),
        (lambda m: m(2, "kn"), ValueError, r"smoothing must be one of 'mle', 'laplace'"),
        (lambda m: m(2, "add-k", 0.0), ValueError, r"k must be > 0"),
        (lambda m: m(2).fit([]), ValueError, r"sentences must contain at least one sentence"),
        (lambda m: m(2).fit("a b"), TypeError, r"sentences must be an iterable of sentences"),
        (lambda m: m(2).fit(["a", "b"]), TypeError, r"sentences\[0\] must be a list of str"),
        (lambda m: m(2).fit([["a"], ["b", 3]]), TypeError, r"sentences\[1\]\[1\] must be a str"),
        (lambda m: m(3).fit([["a", "</s>"]]), ValueError, r"sentences\[0\]\[1\] is '</s>'"),
        (lambda m: m(2).prob("a"), ValueError, r"not fitted yet: call fit"),
        (lambda m: m(2).fit([["a"]]).prob(3), TypeError, r"word must be a str"),
        (lambda m: m(2).fit([["a"]]).prob("a", "a"), TypeError, r"context must be a list"),
        (lambda m: m(2).fit([["a"]]).log_prob(["<s>"]), ValueError, r"sentence\[0\] is '<s>'"),
        (lambda m: m(2).fit([["a"]]).generate(-1, 0), ValueError, r"n_words must be >= 0"),
        (lambda m: m(2).fit([["a"]]).generate(1, "x"), TypeError, r"rng must be a random"),
    ],
)
def test_reference_error_messages_name_the_argument_and_the_rule(impl, call, exception, pattern):
    with pytest.raises(exception, match=pattern):
        call(impl("NGramModel"))


@pytest.mark.reference_only
def test_reference_function_error_messages(impl):
    with pytest.raises(TypeError, match=r"seq must be an iterable"):
        impl("ngrams")(5, 2)
    with pytest.raises(ValueError, match=r"n must be >= 1"):
        impl("ngrams")("abc", 0)
    with pytest.raises(TypeError, match=r"b must be a str"):
        impl("ngram_similarity")("a", 5)


@pytest.mark.reference_only
@given(corpus=corpora, n=orders)
def test_reference_vocabulary_and_repr(impl, corpus, n):
    model = make(impl, n, "add-k", 0.5)
    assert repr(model) == f"NGramModel({n}, smoothing='add-k', k=0.5), not fitted"
    model.fit(corpus)
    assert model.vocabulary == frozenset(vocabulary(corpus))
    assert BOS not in model.vocabulary
    assert repr(model).endswith(f"vocabulary of {len(vocabulary(corpus))}")


@pytest.mark.reference_only
def test_reference_generate_accepts_a_seed_or_a_numpy_generator(impl):
    import numpy as np

    model = fitted(impl, SAN_FRANCISCO, 2, "kneser-ney")
    assert model.generate(5, 42) == model.generate(5, random.Random(42))
    a = model.generate(5, np.random.default_rng(3))
    assert a == model.generate(5, np.random.default_rng(3))
    assert len(model.generate(3, None)) <= 3
