"""``ngram``: fit + perplexity of our pure-Python n-gram models against ``nltk.lm``.

One timed call = train on a corpus of T tokens, then compute the perplexity
of that same text (the training text, so that maximum likelihood stays
finite).  Both sides are pure Python; both times include their own padding
and preprocessing (``padded_everygram_pipeline`` and ``pad_both_ends`` +
``nltk.util.ngrams`` for NLTK, the documented way to use ``nltk.lm``).

Three cases: maximum likelihood with bigrams (``nltk.lm.MLE``), Laplace with
trigrams (``nltk.lm.Laplace``), interpolated Kneser–Ney with trigrams and
discount 0.75 (``nltk.lm.KneserNeyInterpolated(3, discount=0.75)``).
The bigram MLE perplexities must agree exactly (same events, same estimate);
for trigrams NLTK pads two ``</s>`` and counts ``<s>`` in its vocabulary, and
its Kneser–Ney ends in a uniform distribution, so those values differ a little
and are shown in the note for information only.

NLTK's Kneser–Ney scores one n-gram in milliseconds (it rescans the
continuation counts on every call), so scoring all 10^6 would take hours: its
perplexity is timed on the first ``KN_SAMPLE`` test n-grams and extrapolated
linearly to all of them (the cost per n-gram does not depend on which one),
and the note says so.

The corpus is synthetic and reproducible: sentences of 5–25 words from a
vocabulary of 5,000 with Zipf-distributed frequencies, each word followed by
one of its 30 favourite successors 80 % of the time, so that n-grams repeat as
in real text.  ``nltk`` is an optional peer (the ``bench`` extra); without it
the benchmark prints a note and reports nothing.

Run: ``python benchmarks/run.py [--quick] ngram``.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from algorithms.ngram import NGramModel
from benchmarks.harness import Row, benchmark, best_of

KN_SAMPLE = 200  # test n-grams NLTK's Kneser–Ney is timed on


def make_corpus(n_tokens: int, seed: int = 2026, vocabulary: int = 5000) -> list[list[str]]:
    """Sentences totalling at least ``n_tokens`` words from a sparse Zipfian Markov chain."""
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(vocabulary)]
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(vocabulary)))
    successors: dict[str, list[str]] = {}
    corpus: list[list[str]] = []
    total = 0
    while total < n_tokens:
        length = rng.randint(5, 25)
        word = rng.choices(words, cum_weights=cumulative)[0]
        sentence = []
        for _ in range(length):
            sentence.append(word)
            if word not in successors:
                successors[word] = rng.choices(words, cum_weights=cumulative, k=30)
            if rng.random() < 0.8:  # a favourite successor, the first ones most often
                word = successors[word][min(int(rng.expovariate(0.3)), 29)]
            else:
                word = rng.choices(words, cum_weights=cumulative)[0]
        corpus.append(sentence)
        total += length
    return corpus


CASES = [  # (case, our smoothing, n, NLTK class name, NLTK keyword arguments)
    ("mle, bigrams", "mle", 2, "MLE", {}),
    ("laplace, trigrams", "laplace", 3, "Laplace", {}),
    ("kneser-ney, trigrams", "kneser-ney", 3, "KneserNeyInterpolated", {"discount": 0.75}),
]


def ours(corpus: list[list[str]], smoothing: str, n: int) -> Callable[[], float]:
    def run() -> float:
        return NGramModel(n, smoothing).fit(corpus).perplexity(corpus)

    return run


def nltk_parts(
    lm: Any, corpus: list[list[str]], cls_name: str, n: int, kwargs: dict[str, Any]
) -> tuple[Callable[[], Any], Callable[[], list[tuple[str, ...]]]]:
    """NLTK's fit, and the list of test n-grams its ``perplexity`` takes."""
    from nltk.util import ngrams as nltk_ngrams

    def fit() -> Any:
        train, vocab = lm.preprocessing.padded_everygram_pipeline(n, corpus)
        model = getattr(lm, cls_name)(n, **kwargs)
        model.fit(train, vocab)
        return model

    def test_ngrams() -> list[tuple[str, ...]]:
        pad = lm.preprocessing.pad_both_ends
        return [g for sentence in corpus for g in nltk_ngrams(pad(sentence, n=n), n)]

    return fit, test_ngrams


@benchmark("ngram")
def bench(quick: bool) -> list[Row]:
    try:
        import nltk.lm as lm
    except ImportError:
        print(
            "ngram: the peer nltk is not installed (pip install nltk, or the `bench` extra);"
            " skipped",
            file=sys.stderr,
        )
        return []
    sizes = [10**4, 10**5] if quick else [10**5, 10**6]
    rows: list[Row] = []
    for size in sizes:
        corpus = make_corpus(size)
        n_tokens = sum(map(len, corpus))
        for case, smoothing, n, cls_name, kwargs in CASES:
            run = ours(corpus, smoothing, n)
            ours_s = best_of(run, repeat=3)
            our_pp = run()
            our_fit_s = best_of(partial(NGramModel(n, smoothing).fit, corpus), repeat=3)

            fit, test_ngrams = nltk_parts(lm, corpus, cls_name, n, kwargs)
            rounds = 1 if size >= 10**6 else 2
            fit_s, model = min((_timed(fit) for _ in range(rounds)), key=lambda t: t[0])
            prep_s, grams = _timed(test_ngrams)
            if cls_name == "KneserNeyInterpolated":
                sample = grams[:KN_SAMPLE]
                score_s, nltk_pp = _timed(lambda m=model, g=sample: m.perplexity(g))
                pp_s = prep_s + score_s / len(sample) * len(grams)
                how = (
                    f"NLTK perplexity extrapolated from {len(sample)} of {len(grams):,}"
                    f" n-grams ({score_s / len(sample) * 1e3:.1f} ms each), pp of that sample"
                    f" {nltk_pp:.2f}"
                )
            else:
                score_s, nltk_pp = min(
                    (_timed(lambda m=model, g=grams: m.perplexity(g)) for _ in range(rounds)),
                    key=lambda t: t[0],
                )
                pp_s = prep_s + score_s
                how = f"NLTK pp {nltk_pp:.2f}"
            note = (
                f"fit alone: ours {our_fit_s:.2f} s, NLTK {fit_s:.2f} s"
                f" ({fit_s / our_fit_s:.1f}x); NLTK perplexity {pp_s:.2f} s;"
                f" our pp {our_pp:.2f}, {how}"
            )
            rows.append(
                Row("ngram", case, n_tokens, ours_s, f"nltk.lm.{cls_name}", fit_s + pp_s, note)
            )
            print(f"  ngram: {case} @ {n_tokens:,} tokens done", file=sys.stderr, flush=True)
    return rows


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result
