"""N-gram language models: a sentence's probability as a product of next-word probabilities.

The problem
-----------
A language model gives every sentence ``w_1 … w_L`` a probability.  By the
chain rule it is a product of next-word probabilities,

    P(w_1 … w_L) = P(w_1) · P(w_2 | w_1) · … · P(w_L | w_1 … w_{L-1}) · P(</s> | w_1 … w_L),

the last factor being the probability that the sentence *ends* there.  An
*n-gram model* makes the Markov assumption that only the last ``n - 1`` words
matter: ``P(w_i | w_1 … w_{i-1}) ≈ P(w_i | w_{i-n+1} … w_{i-1})`` (``n = 2``: a
bigram model, ``n = 3``: a trigram model).  Each sentence is padded with
``n - 1`` start symbols ``<s>`` so that its first words have a full context, and
with one end symbol ``</s>``, which is predicted like a word.  ``<s>`` only ever
appears as context: it is never predicted, and it is not in the vocabulary.

The idea: counting, then smoothing
----------------------------------
Every position that is predicted (each word and the final ``</s>``) is one
*event*: a context ``h`` (the ``n - 1`` tokens before it) and a word ``w``.  With
``c(h, w)`` the number of events and ``c(h) = Σ_w c(h, w)`` the number of times
``h`` was a context, the maximum-likelihood estimate is the relative frequency

    P_mle(w | h) = c(h, w) / c(h).

It gives probability 0 to everything it has not seen, and one unseen event
makes a whole test sentence impossible (perplexity ∞).  *Smoothing* moves some
probability mass to the unseen events:

* add-k (``k = 1``: Laplace): ``P(w | h) = (c(h, w) + k) / (c(h) + k·V)`` with ``V``
  the vocabulary size, as if every event had been seen ``k`` more times.  Never
  zero, but with a large vocabulary it takes far too much mass from what was seen.
* interpolated Kneser–Ney: subtract a fixed discount ``d = 0.75`` from every seen
  count and give the freed mass, ``d·N₁₊(h •)/c(h)`` (``N₁₊(h •)`` = how many
  *distinct* words followed ``h``), to a lower-order estimate on the shorter
  context ``h'`` (``h`` without its first token)::

      P(w | h) = max(c(h, w) − d, 0) / c(h) + d·N₁₊(h •)/c(h) · P_lower(w | h')

  The lower orders do not count *occurrences* but *continuations*: the
  unigram level is ``P_cont(w) = N₁₊(• w) / N₁₊(• •)``, the number of distinct
  words that ``w`` followed, over the number of distinct bigram types.  A word
  such as "Francisco", frequent but only ever after "San", then gets little of
  the mass given to unseen contexts: it is only likely where "San" is.  The
  middle orders (for ``n >= 3``) use the same formula with ``N₁₊(• h' w)`` in
  place of ``c(h', w)``.  Because every seen count is at least ``1 > d``, the
  discounted counts sum to ``c(h) − d·N₁₊(h •)``, and the probabilities over
  the vocabulary sum to 1 exactly.

An *unseen context* (``c(h) = 0``) has no estimate of its own.  Kneser–Ney and
maximum likelihood then fall back to the next lower order, i.e. to the
longest suffix of ``h`` that was seen as a context (at worst the unigram
level, which is always seen); add-k's formula gives the uniform ``1/V``.
Every smoothing therefore yields a probability distribution over the
vocabulary for *every* context, seen or not.

*Perplexity* measures a model on text: ``exp`` of the mean negative
log-probability per predicted token (words and ``</s>``, not ``<s>``).  A model
that spreads its probability uniformly over ``V`` words has perplexity ``V``.

:func:`ngrams` is the window function everything above counts with, and
:func:`ngram_similarity` uses character n-grams for fuzzy string matching: two
strings are close when their n-gram count vectors point the same way.

Complexity
----------
``T`` tokens in the corpus, ``G`` distinct n-grams in it, ``V`` words in the
vocabulary.  ``fit`` takes ``O(T·n)`` time: the n-grams are counted at C speed
by :class:`collections.Counter`, and each order's totals take one pass over
the distinct n-grams; memory ``O(G·n)``.  ``prob`` costs ``O(n)`` dictionary
look-ups (of tuples of at most ``n`` tokens), ``log_prob`` ``O(L·n)`` of them;
``perplexity`` counts the test n-grams first and evaluates each *distinct* one
once.  ``generate`` evaluates the whole vocabulary per word: ``O(V·n)`` per word.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from algorithms._validate import describe, require_int, require_real

__all__ = ["NGramModel", "ngram_similarity", "ngrams"]

#: The start symbol: ``n - 1`` of them pad every sentence on the left.
BOS = "<s>"
#: The end symbol: predicted once at the end of every sentence.
EOS = "</s>"
#: Kneser–Ney's absolute discount (Kneser and Ney's usual choice for counts >= 1).
KN_DISCOUNT = 0.75
SMOOTHINGS = ("mle", "laplace", "add-k", "kneser-ney")

Gram = tuple[str, ...]


def ngrams(seq: Iterable[Any], n: int) -> list[tuple[Any, ...]]:
    """Return the windows of ``n`` consecutive items of ``seq``, as tuples, left to right.

    Parameters
    ----------
    seq : iterable
        Any sequence or iterable; a ``str`` gives its characters.  Not modified.
    n : int
        The window length, ``n >= 1``.

    Returns
    -------
    list of tuple
        ``max(len(seq) - n + 1, 0)`` tuples: entry ``i`` is ``tuple(seq[i:i + n])``.
        Empty when ``seq`` is shorter than ``n``.

    Raises
    ------
    TypeError
        If ``seq`` is not iterable, or ``n`` is not an ``int`` (``bool`` refused).
    ValueError
        If ``n < 1``.

    Notes
    -----
    ``O(len(seq)·n)`` time and memory: the output holds that many references.

    Examples
    --------
    >>> ngrams(["to", "be", "or", "not"], 2)
    [('to', 'be'), ('be', 'or'), ('or', 'not')]
    >>> ngrams("hello", 3)
    [('h', 'e', 'l'), ('e', 'l', 'l'), ('l', 'l', 'o')]
    >>> ngrams("hi", 3)
    []
    """
    if isinstance(seq, (str, bytes)):
        items: Sequence[Any] = seq
    elif isinstance(seq, Iterable):
        items = tuple(seq)
    else:
        raise TypeError(f"seq must be an iterable, got {describe(seq)}")
    n = require_int(n, "n", minimum=1)
    return list(zip(*(items[i:] for i in range(n)), strict=False))  # stops at the shortest


def ngram_similarity(a: str, b: str, n: int = 2) -> float:
    """Cosine similarity of the character n-gram count vectors of two strings.

    Each string is mapped to its *profile*: how often each of its character
    n-grams occurs (``"banana"``, ``n = 2``: ``an`` ×2, ``na`` ×2, ``ba`` ×1).  The
    similarity is ``Σ_g A_g·B_g / (‖A‖·‖B‖)``: 1.0 when the profiles are
    proportional, 0.0 when the strings share no n-gram.  Typos change only a
    few n-grams, so similar spellings score high.

    Parameters
    ----------
    a, b : str
        The strings, compared exactly as given (lower-case them first for a
        case-insensitive match).
    n : int, default 2
        The n-gram length, ``n >= 1``.

    Returns
    -------
    float
        In ``[0.0, 1.0]``; symmetric in ``a`` and ``b``; exactly ``1.0`` when
        ``a == b``.  A string shorter than ``n`` has an empty profile, so it
        scores ``0.0`` against any *other* string.

    Raises
    ------
    TypeError
        If ``a`` or ``b`` is not a ``str``, or ``n`` is not an ``int``.
    ValueError
        If ``n < 1``.

    Notes
    -----
    ``O((len(a) + len(b))·n)`` time, ``O(len(a) + len(b))`` distinct n-grams in
    memory.  The dot product and the squared norms are exact integers; only
    the final division rounds.

    Examples
    --------
    >>> ngram_similarity("night", "nacht")
    0.25
    >>> ngram_similarity("colour", "colour")
    1.0
    >>> round(ngram_similarity("algorithm", "algoritm"), 3)
    0.802
    """
    for name, text in (("a", a), ("b", b)):
        if not isinstance(text, str):
            raise TypeError(f"{name} must be a str, got {describe(text)}")
    n = require_int(n, "n", minimum=1)
    if a == b:
        return 1.0  # even when both are shorter than n and have no n-gram at all
    profile_a = Counter(a[i : i + n] for i in range(len(a) - n + 1))
    profile_b = Counter(b[i : i + n] for i in range(len(b) - n + 1))
    if len(profile_b) < len(profile_a):
        profile_a, profile_b = profile_b, profile_a  # walk the smaller profile
    dot = sum(count * profile_b[g] for g, count in profile_a.items() if g in profile_b)
    if dot == 0:
        return 0.0
    norm2_a = sum(count * count for count in profile_a.values())
    norm2_b = sum(count * count for count in profile_b.values())
    # One rounding in sqrt, one in the division: proportional profiles give
    # exactly 1.0 whenever norm2_a * norm2_b < 2**53 (sqrt of an exact square).
    # Cauchy–Schwarz bounds the true value by 1; the clamp removes an ulp above it.
    return min(1.0, dot / math.sqrt(norm2_a * norm2_b))


class NGramModel:
    """An n-gram language model with maximum-likelihood, add-k or Kneser–Ney estimates.

    Parameters
    ----------
    n : int
        The order, ``n >= 1``: each word is predicted from the ``n - 1`` before it.
    smoothing : {'mle', 'laplace', 'add-k', 'kneser-ney'}, default 'mle'
        ``'mle'``: relative frequencies, backing off to the longest seen suffix
        of an unseen context; ``'laplace'``: add-one; ``'add-k'``: add ``k``;
        ``'kneser-ney'``: interpolated Kneser–Ney with discount ``d = 0.75``
        (for ``n = 1`` there is no lower order to pass mass to, and it is the
        unigram relative frequency).
    k : float, default 1.0
        The pseudo-count of ``'add-k'`` (ignored by the other smoothings, but
        always checked): a finite real ``> 0``.

    Attributes
    ----------
    n, smoothing, k
        As given (``k`` as a float).
    vocabulary : frozenset of str
        After :meth:`fit`: the training words plus ``'</s>'`` (never ``'<s>'``).

    Raises
    ------
    TypeError
        If ``n`` is not an ``int``, ``smoothing`` not a ``str``, ``k`` not a real.
    ValueError
        If ``n < 1``, ``smoothing`` is not one of the four names, or ``k`` is not
        finite and positive.

    Notes
    -----
    ``fit`` on ``T`` tokens with ``G`` distinct n-grams: ``O(T·n)`` time,
    ``O(G·n)`` memory.  ``prob``: ``O(n)`` dictionary look-ups.  ``generate``:
    ``O(V·n)`` per word for a vocabulary of ``V`` words.  The module docstring
    derives the estimates.

    Examples
    --------
    >>> corpus = [["the", "cat", "sat"], ["the", "dog", "sat"], ["a", "cat", "ran"]]
    >>> bigram = NGramModel(2).fit(corpus)
    >>> bigram.prob("cat", ["the"])           # c(the cat) / c(the) = 1/2
    0.5
    >>> bigram.prob("the", [])                # a sentence starts with <s>: P(the | <s>) = 2/3
    0.6666666666666666
    >>> sorted(bigram.vocabulary)
    ['</s>', 'a', 'cat', 'dog', 'ran', 'sat', 'the']
    >>> round(bigram.perplexity(corpus), 4)   # the product of the 12 factors is 1/108
    1.4772
    >>> bigram.generate(10, random.Random(7))
    ['a', 'cat', 'sat', '</s>']
    >>> kn = NGramModel(2, smoothing="kneser-ney").fit(corpus)
    >>> round(kn.prob("cat", ["dog"]), 12)    # unseen: d·N₁₊(dog •)/c(dog) · N₁₊(• cat)/N₁₊(• •)
    0.15
    >>> round(sum(kn.prob(w, ["dog"]) for w in kn.vocabulary), 12)
    1.0
    """

    def __init__(self, n: int, smoothing: str = "mle", k: float = 1.0) -> None:
        self.n = require_int(n, "n", minimum=1)
        if not isinstance(smoothing, str):
            raise TypeError(f"smoothing must be a str, got {describe(smoothing)}")
        if smoothing not in SMOOTHINGS:
            raise ValueError(
                f"smoothing must be one of {', '.join(map(repr, SMOOTHINGS))}, got {smoothing!r}"
            )
        self.smoothing = smoothing
        k = require_real(k, "k")
        if not k > 0:
            raise ValueError(f"k must be > 0, got {k}")
        self.k = float(k)
        self._fitted = False

    def __repr__(self) -> str:
        state = f", vocabulary of {len(self._vocab)}" if self._fitted else ", not fitted"
        return f"NGramModel({self.n}, smoothing={self.smoothing!r}, k={self.k!r}){state}"

    # ---------------------------------------------------------------------------------
    # Training

    def fit(self, sentences: Iterable[Iterable[str]]) -> NGramModel:
        """Count the n-grams of ``sentences`` (replacing any earlier fit); return the model.

        Parameters
        ----------
        sentences : iterable of iterables of str
            At least one sentence; a sentence is a list (or other non-``str``
            iterable) of ``str`` tokens, possibly empty, never containing ``'<s>'``
            or ``'</s>'`` (they are added as padding).  Not modified.

        Returns
        -------
        NGramModel
            ``self``, so that ``NGramModel(2).fit(corpus).prob(...)`` reads well.

        Raises
        ------
        TypeError
            If ``sentences`` or one of its sentences is not an iterable of ``str``
            (a sentence given as one ``str`` included).
        ValueError
            If there is no sentence, or a sentence contains ``'<s>'`` or ``'</s>'``.
        """
        stream, _ = self._padded_stream(sentences, "sentences")
        n = self.n
        counts: list[dict[Gram, int]] = [{} for _ in range(n + 1)]  # index = order m
        counts[n] = _events(stream, n)
        if self.smoothing == "mle":
            # Raw counts of every order, for the back-off on unseen contexts: the
            # m-gram events are the suffixes of the n-gram events.
            for m in range(n - 1, 0, -1):
                lower: defaultdict[Gram, int] = defaultdict(int)
                for gram, c in counts[m + 1].items():
                    lower[gram[1:]] += c
                counts[m] = dict(lower)
        elif self.smoothing == "kneser-ney":
            # Continuation counts N₁₊(• g): each distinct (m+1)-gram type x·g adds
            # one distinct left neighbour x to its suffix g.
            for m in range(n - 1, 0, -1):
                lower = defaultdict(int)
                for gram in counts[m + 1]:
                    lower[gram[1:]] += 1
                counts[m] = dict(lower)
        # Per context h: the denominator Σ_w count(h, w) and N₁₊(h •), the number of
        # distinct followers (Kneser–Ney's interpolation weight).
        totals: list[dict[Gram, int]] = [{} for _ in range(n + 1)]
        followers: list[dict[Gram, int]] = [{} for _ in range(n + 1)]
        for m in range(1, n + 1):
            if not counts[m]:
                continue  # add-k needs the top order only
            total: defaultdict[Gram, int] = defaultdict(int)
            distinct: defaultdict[Gram, int] = defaultdict(int)
            for gram, c in counts[m].items():
                context = gram[:-1]
                total[context] += c
                distinct[context] += 1
            totals[m], followers[m] = dict(total), dict(distinct)
        self._counts, self._totals, self._followers = counts, totals, followers
        self._vocab = frozenset(gram[-1] for gram in counts[n])
        self._sorted_vocab = sorted(self._vocab)  # a fixed order: generate() is reproducible
        self._fitted = True
        return self

    @property
    def vocabulary(self) -> frozenset[str]:
        """The training words plus ``'</s>'``; ``'<s>'`` is never in it."""
        self._require_fitted()
        return self._vocab

    # ---------------------------------------------------------------------------------
    # Probabilities

    def prob(self, word: str, context: Iterable[str] = ()) -> float:
        """``P(word | context)``: the probability that ``word`` comes next.

        Parameters
        ----------
        word : str
            A token, or ``'</s>'`` for the end of the sentence.  A word outside
            the vocabulary (``'<s>'`` included) has probability 0.0.
        context : iterable of str, default ()
            The tokens of the sentence before ``word``.  Only the last ``n - 1``
            count; a shorter context is the start of a sentence and is padded
            with ``'<s>'`` on the left (so ``prob(w, [])`` is ``P(w | <s> … <s>)``).

        Returns
        -------
        float
            In ``[0, 1]``.  For any context, the probabilities over
            :attr:`vocabulary` sum to 1 (up to rounding).

        Raises
        ------
        TypeError
            If ``word`` is not a ``str`` or ``context`` not an iterable of ``str``.
        ValueError
            If the model is not fitted.
        """
        self._require_fitted()
        if not isinstance(word, str):
            raise TypeError(f"word must be a str, got {describe(word)}")
        history = self._history(context)
        if word not in self._vocab:
            return 0.0
        return self._prob(word, history)

    def log_prob(self, sentence: Iterable[str]) -> float:
        """Natural log of the probability of a whole sentence, its ``</s>`` included.

        ``Σ log P(w_i | previous n - 1 tokens)`` over the words of ``sentence``
        and the final ``'</s>'``, the sentence padded with ``n - 1`` ``'<s>'``.

        Parameters
        ----------
        sentence : iterable of str
            A list of tokens (possibly empty), without ``'<s>'`` or ``'</s>'``.

        Returns
        -------
        float
            ``<= 0``; ``-inf`` when some factor is 0 (an unseen word, or an unseen
            event under ``'mle'``).

        Raises
        ------
        TypeError
            If ``sentence`` is not an iterable of ``str`` (or is one ``str``).
        ValueError
            If the model is not fitted, or ``sentence`` contains ``'<s>'``/``'</s>'``.
        """
        self._require_fitted()
        stream, _ = self._padded_stream([_as_sentence(sentence, "sentence")], "sentence")
        n = self.n
        terms = []
        for i in range(n - 1, len(stream)):
            p = self._prob_of_event(tuple(stream[i - n + 1 : i + 1]))
            if p == 0.0:
                return -math.inf
            terms.append(math.log(p))
        return math.fsum(terms)

    def perplexity(self, sentences: Iterable[Iterable[str]]) -> float:
        """``exp`` of the mean negative log-probability per predicted token.

        The predicted tokens are every word and one ``'</s>'`` per sentence
        (``'<s>'`` is never predicted), so for sentences of lengths ``L_j`` the
        mean is over ``Σ_j (L_j + 1)`` tokens.

        Parameters
        ----------
        sentences : iterable of iterables of str
            At least one sentence, as for :meth:`fit`.

        Returns
        -------
        float
            ``>= 1``; ``inf`` when some predicted token has probability 0.

        Raises
        ------
        TypeError, ValueError
            As :meth:`fit`; ValueError also if the model is not fitted.

        Notes
        -----
        The test n-grams are counted first (at C speed) and each distinct one
        is evaluated once: ``O(T·n)`` plus ``O(n)`` look-ups per distinct n-gram.
        """
        self._require_fitted()
        stream, n_predicted = self._padded_stream(sentences, "sentences")
        terms = []
        for gram, count in _events(stream, self.n).items():
            p = self._prob_of_event(gram)
            if p == 0.0:
                return math.inf
            terms.append(count * math.log(p))
        return math.exp(-math.fsum(terms) / n_predicted)

    def generate(
        self, n_words: int, rng: random.Random | int | None, context: Iterable[str] = ()
    ) -> list[str]:
        """Sample up to ``n_words`` tokens, each from ``P(· | the tokens before it)``.

        Parameters
        ----------
        n_words : int
            How many tokens to draw, ``>= 0``.
        rng : random.Random, int or None
            The source of randomness: anything with a ``random()`` method that
            returns floats in ``[0, 1)`` (a :class:`random.Random`, a NumPy
            ``Generator``), an ``int`` seed, or None for a fresh unseeded one.
            One ``rng.random()`` call per token, so a fixed rng reproduces the
            same tokens.
        context : iterable of str, default ()
            The start of the sentence, padded with ``'<s>'`` as in :meth:`prob`.

        Returns
        -------
        list of str
            ``n_words`` tokens, or fewer when ``'</s>'`` is drawn: it ends the
            sentence and is then the last token.  ``'<s>'`` is never drawn.

        Raises
        ------
        TypeError
            If ``n_words`` is not an ``int``, ``rng`` is none of the above, or
            ``context`` not an iterable of ``str``.
        ValueError
            If ``n_words < 0`` or the model is not fitted.

        Notes
        -----
        Inverse-CDF sampling over the vocabulary in sorted order: ``O(V·n)`` per token.
        """
        self._require_fitted()
        n_words = require_int(n_words, "n_words", minimum=0)
        if rng is None or (isinstance(rng, int) and not isinstance(rng, bool)):
            rng = random.Random(rng)
        elif not callable(getattr(rng, "random", None)):
            raise TypeError(
                f"rng must be a random.Random (or have a random() method), an int seed "
                f"or None, got {describe(rng)}"
            )
        history = list(self._history(context))
        words = self._sorted_vocab
        out: list[str] = []
        for _ in range(n_words):
            h = tuple(history[len(history) - (self.n - 1) :]) if self.n > 1 else ()
            probs = [self._prob(w, h) for w in words]
            word = _draw(words, probs, rng.random())
            out.append(word)
            if word == EOS:
                break
            history.append(word)
        return out

    # ---------------------------------------------------------------------------------
    # The estimates

    def _prob(self, word: str, history: Gram) -> float:
        """``P(word | history)`` for a vocabulary word and a context of exactly n - 1 tokens."""
        n, counts, totals = self.n, self._counts, self._totals
        if self.smoothing == "mle":
            # Back off to the longest suffix of the context that was seen as one;
            # the empty context (order 1) always was.
            for m in range(n, 0, -1):
                h = history[n - m :]
                total = totals[m].get(h)
                if total:
                    return counts[m].get((*h, word), 0) / total
            raise AssertionError("unreachable: the unigram context is always seen")
        if self.smoothing == "kneser-ney":
            # From the unigram level upwards, each seen order interpolates its
            # discounted counts with the estimate of the order below; an unseen
            # context keeps the lower estimate (and then so do all longer ones).
            p = counts[1].get((word,), 0) / totals[1][()]
            d, followers = KN_DISCOUNT, self._followers
            for m in range(2, n + 1):
                h = history[n - m :]
                total = totals[m].get(h)
                if total:
                    c = counts[m].get((*h, word), 0)
                    p = max(c - d, 0.0) / total + d * followers[m][h] / total * p
            return p
        k = 1.0 if self.smoothing == "laplace" else self.k
        c = counts[n].get((*history, word), 0)
        total = totals[n].get(history, 0)
        return (c + k) / (total + k * len(self._vocab))

    def _prob_of_event(self, gram: Gram) -> float:
        """``P(gram[-1] | gram[:-1])`` for an n-gram of a padded sentence (0 if not a word)."""
        word = gram[-1]
        return self._prob(word, gram[:-1]) if word in self._vocab else 0.0

    # ---------------------------------------------------------------------------------
    # Input checks

    def _require_fitted(self) -> None:
        if not self._fitted:
            raise ValueError("this NGramModel is not fitted yet: call fit(sentences) first")

    def _history(self, context: Iterable[str]) -> Gram:
        """The last n - 1 tokens of ``context``, left-padded with ``<s>``."""
        tokens = _as_sentence(context, "context", reserved_ok=True)
        if self.n == 1:
            return ()
        tail = tuple(tokens[-(self.n - 1) :])
        return (BOS,) * (self.n - 1 - len(tail)) + tail

    def _padded_stream(self, sentences: Any, name: str) -> tuple[list[str], int]:
        """All sentences padded and joined into one token list; the number of predicted tokens.

        Windows of n tokens over the joined list that end on a predicted token
        never cross a sentence boundary, because n - 1 ``<s>`` precede every
        sentence's first word.  Types and reserved symbols are checked on the
        whole stream at C speed; only a bad stream is walked token by token, to
        name the offending sentence.
        """
        if isinstance(sentences, (str, bytes)) or not isinstance(sentences, Iterable):
            raise TypeError(
                f"{name} must be an iterable of sentences (lists of str tokens), "
                f"got {describe(sentences)}"
            )
        pad = [BOS] * (self.n - 1)
        stream: list[Any] = []
        spans: list[tuple[int, int]] = []  # each sentence's words: stream[start:end]
        for i, sentence in enumerate(sentences):
            if isinstance(sentence, (str, bytes)) or not isinstance(sentence, Iterable):
                raise TypeError(
                    f"{name}[{i}] must be a list of str tokens, got {describe(sentence)}"
                )
            stream += pad
            start = len(stream)
            stream += sentence
            spans.append((start, len(stream)))
            stream.append(EOS)
        if not spans:
            raise ValueError(f"{name} must contain at least one sentence, got none")
        n_sentences = len(spans)
        kinds = set(map(type, stream))
        if (kinds != {str} and not all(issubclass(t, str) for t in kinds)) or (
            stream.count(EOS) != n_sentences or stream.count(BOS) != n_sentences * (self.n - 1)
        ):
            _locate_bad_token(stream, spans, name)
        return stream, len(stream) - n_sentences * (self.n - 1)


def _events(stream: list[str], n: int) -> dict[Gram, int]:
    """Counts of the n-grams that end on a predicted token (not on a ``<s>``) of a padded stream."""
    grams = Counter(zip(*(stream[i:] for i in range(n)), strict=False))
    if n > 1:
        # Windows that end on padding straddle two sentences: they predict nothing.
        for gram in [g for g in grams if g[-1] == BOS]:
            del grams[gram]
    return dict(grams)


def _draw(words: list[str], probs: list[float], u: float) -> str:
    """The first word whose cumulative probability exceeds ``u·Σ probs`` (inverse CDF)."""
    target = u * math.fsum(probs)  # rescaled, so rounding in the sum cannot leave a gap
    acc = 0.0
    for word, p in zip(words, probs, strict=True):
        acc += p
        if target < acc:  # acc only grows on p > 0, so a zero-probability word is never drawn
            return word
    # target ≥ acc only through rounding: the last word that can be drawn.
    return next(w for w, p in zip(reversed(words), reversed(probs), strict=True) if p > 0)


def _as_sentence(tokens: Any, name: str, *, reserved_ok: bool = False) -> list[str]:
    """Copy a sentence into a list, checking that its tokens are str and not reserved.

    A context may hold ``<s>`` (explicit padding) or even ``</s>``: it is then
    merely a context that was never seen, so ``reserved_ok`` lets them through.
    """
    if isinstance(tokens, (str, bytes)) or not isinstance(tokens, Iterable):
        raise TypeError(f"{name} must be a list of str tokens, got {describe(tokens)}")
    out = list(tokens)
    for j, token in enumerate(out):
        if not isinstance(token, str):
            raise TypeError(f"{name}[{j}] must be a str token, got {describe(token)}")
        if not reserved_ok and token in (BOS, EOS):
            raise ValueError(f"{name}[{j}] is {token!r}, a reserved symbol (added as padding)")
    return out


def _locate_bad_token(stream: list[Any], spans: list[tuple[int, int]], name: str) -> None:
    """Raise the error for the first non-str or reserved token of a padded stream."""
    for i, (start, end) in enumerate(spans):
        for j, token in enumerate(stream[start:end]):
            if not isinstance(token, str):
                raise TypeError(f"{name}[{i}][{j}] must be a str token, got {describe(token)}")
            if token in (BOS, EOS):
                raise ValueError(
                    f"{name}[{i}][{j}] is {token!r}, a reserved symbol (added as padding)"
                )
    raise AssertionError("unreachable: the stream was found bad")
