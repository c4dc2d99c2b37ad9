"""N-grams: windows of a sequence, n-gram language models, fuzzy matching by character n-grams."""

from __future__ import annotations

import random


def ngrams(seq: list | str, n: int) -> list[tuple]:
    """Return the windows of ``n`` consecutive items of ``seq``, as tuples, left to right.

    There are ``len(seq) - n + 1`` windows when ``len(seq) >= n``, and none
    otherwise.  A string's items are its characters.

    Constraints
    -----------
    - ``seq`` is a list (of any values) or a ``str``, ``0 <= len(seq) <= 10^4``
    - ``1 <= n <= 10``
    - ``seq`` must not be modified.

    Errors (contract)
    -----------------
    ``n < 1`` → ``ValueError``; ``n`` not an int (a ``bool`` neither) →
    ``TypeError``; ``seq`` not iterable → ``TypeError``.  Also a contract: any
    iterable ``seq`` (a tuple, a ``range``, a generator).

    Examples
    --------
    >>> ngrams(["to", "be", "or", "not"], 2)
    [('to', 'be'), ('be', 'or'), ('or', 'not')]
    >>> ngrams("hello", 3)
    [('h', 'e', 'l'), ('e', 'l', 'l'), ('l', 'l', 'o')]
    >>> ngrams("hi", 3)
    []

    Complexity
    ----------
    ``O(len(seq)·n)`` time and memory (the size of the output).

    Hint: ``zip`` over ``n`` shifted copies of the sequence stops at the shortest.
    """
    raise NotImplementedError


class NGramModel:
    """A language model that predicts each word from the ``n - 1`` words before it.

    ``NGramModel(n, smoothing="mle", k=1.0)`` builds an untrained model;
    ``fit(sentences)`` counts a corpus; then ``prob``, ``log_prob``,
    ``perplexity`` and ``generate`` use the counts.  Write the class with these
    five methods (the stubs below say what each returns).

    **Padding and events.**  Each sentence (a list of str tokens) is padded
    with ``n - 1`` start symbols ``"<s>"`` in front and one end symbol
    ``"</s>"`` after it: ``["the", "cat"]`` becomes ``<s> the cat </s>`` for
    ``n = 2``.  Every word and every ``</s>`` is *predicted*: it is an event
    ``(h, w)`` with ``h`` the ``n - 1`` tokens before it.  ``<s>`` is never
    predicted.  The *vocabulary* is the set of training words plus ``"</s>"``
    (``V`` of them); ``"<s>"`` is not in it.  Let ``c(h, w)`` count the events
    and ``c(h) = Σ_w c(h, w)``.

    **Estimates** of ``P(w | h)`` for a word ``w`` of the vocabulary:

    - ``"mle"``: ``c(h, w) / c(h)``.  If ``h`` was never a context
      (``c(h) = 0``), drop its first token and try again with the order-(n-1)
      counts (events counted with their last ``n - 1`` tokens only), down to the
      empty context, whose estimate is ``c(w) / (number of events)``.
    - ``"laplace"``: ``(c(h, w) + 1) / (c(h) + V)``;  ``"add-k"``:
      ``(c(h, w) + k) / (c(h) + k·V)``  (``1/V`` for an unseen ``h``).
    - ``"kneser-ney"`` (interpolated, discount ``d = 0.75``)::

          P(w | h) = max(c(h, w) − d, 0) / c(h) + d · N₁₊(h •) / c(h) · P_lower(w | h')

      where ``N₁₊(h •)`` is the number of *distinct* words seen after ``h`` and
      ``h'`` is ``h`` without its first token.  The lower orders replace counts
      by *continuation counts*: ``N₁₊(• g)`` = the number of distinct tokens seen
      just before the n-gram ``g``.  The lowest order is
      ``P_cont(w) = N₁₊(• w) / N₁₊(• •)`` (``N₁₊(• •)`` = the number of distinct
      bigrams); the middle orders use the formula above with
      ``c(h', w) → N₁₊(• h' w)`` and ``c(h') → Σ_w N₁₊(• h' w)``.  An unseen
      context at some order falls back to the order below.  For ``n = 1`` it is
      ``c(w) / (number of events)``.

    A word outside the vocabulary (``"<s>"`` included) has probability 0.
    With every smoothing, the probabilities over the vocabulary sum to 1 for
    any context.

    Constraints
    -----------
    - ``1 <= n <= 5``; ``smoothing`` is one of ``"mle"``, ``"laplace"``,
      ``"add-k"``, ``"kneser-ney"``; ``0.01 <= k <= 10`` (used by ``"add-k"`` only)
    - ``sentences``: a list of ``1`` to ``10^3`` sentences, each a list of
      ``0`` to ``50`` str tokens, never ``"<s>"`` or ``"</s>"``; not to be modified
    - a ``context`` is a list of str tokens (it may contain ``"<s>"`` and words
      never seen); a ``word`` is any str
    - ``0 <= n_words <= 100``; ``rng`` is a ``random.Random``

    Errors (contract)
    -----------------
    ``n < 1``, an unknown ``smoothing``, ``k <= 0`` (or not finite), an empty
    corpus, ``"<s>"``/``"</s>"`` inside a sentence, ``n_words < 0``, perplexity
    of no sentence, or any method but ``fit`` called before ``fit`` →
    ``ValueError``.  ``n`` or ``n_words`` not an int (a ``bool`` neither);
    ``sentences`` not a list of sentences, or a sentence that is not a list of
    tokens (a ``str`` in particular); a token, word or context item that is
    not a ``str`` → ``TypeError``.  Also a contract: sentences given as tuples or by
    a generator.

    Examples
    --------
    >>> corpus = [["the", "cat", "sat"], ["the", "dog", "sat"], ["a", "cat", "ran"]]
    >>> bigram = NGramModel(2)
    >>> bigram.fit(corpus) is bigram
    True
    >>> bigram.prob("cat", ["the"])       # c(the cat) / c(the) = 1/2
    0.5
    >>> bigram.prob("the", [])            # the start of a sentence: P(the | <s>) = 2/3
    0.6666666666666666
    >>> bigram.prob("dog", ["cat"])       # never seen: mle gives 0
    0.0
    >>> round(bigram.perplexity(corpus), 4)   # the 12 predicted tokens: product 1/108
    1.4772
    >>> laplace = NGramModel(2, smoothing="laplace").fit(corpus)
    >>> laplace.prob("dog", ["cat"])      # (0 + 1) / (2 + 7), V = 7 with </s>
    0.1111111111111111
    >>> kn = NGramModel(2, smoothing="kneser-ney").fit(corpus)
    >>> round(kn.prob("cat", ["dog"]), 4)   # 0.75 · 1/1 · N₁₊(• cat)/N₁₊(• •) = 0.75 · 2/10
    0.15
    >>> out = bigram.generate(10, random.Random(7))
    >>> out == bigram.generate(10, random.Random(7))   # the same rng state, the same words
    True

    Complexity
    ----------
    ``fit``: ``O(T·n)`` for ``T`` tokens (count with dictionaries); ``prob``:
    ``O(n)`` dictionary look-ups; ``log_prob`` and ``perplexity``: ``O(n)``
    per predicted token; ``generate``: ``O(V·n)`` per word.

    Hint: store, for each order, the counts of its n-grams and the total and
    number of distinct followers of each context; Kneser–Ney's continuation
    counts are the number of distinct (m+1)-grams that end with each m-gram.
    """

    def __init__(self, n: int, smoothing: str = "mle", k: float = 1.0) -> None:
        raise NotImplementedError

    def fit(self, sentences: list[list[str]]) -> NGramModel:
        """Count the padded events of ``sentences`` (forgetting an earlier fit); return ``self``."""
        raise NotImplementedError

    def prob(self, word: str, context: list[str] | tuple[str, ...] = ()) -> float:
        """``P(word | context)``: only the last ``n - 1`` tokens of ``context`` count,
        and a shorter one is the start of a sentence, padded with ``"<s>"`` in front."""
        raise NotImplementedError

    def log_prob(self, sentence: list[str]) -> float:
        """Natural log of the sentence's probability: the sum of ``log P`` of its words and
        its ``"</s>"`` (``-inf`` if one of them has probability 0)."""
        raise NotImplementedError

    def perplexity(self, sentences: list[list[str]]) -> float:
        """``exp(−(Σ log_prob(s)) / N)``, ``N`` = the number of predicted tokens (every word
        and one ``"</s>"`` per sentence); ``inf`` if some token has probability 0."""
        raise NotImplementedError

    def generate(
        self, n_words: int, rng: random.Random, context: list[str] | tuple[str, ...] = ()
    ) -> list[str]:
        """Draw up to ``n_words`` tokens one by one, each from ``P(· | the tokens before it)``,
        starting after ``context`` (the start of a sentence, as in ``prob``).  Stop early when
        ``"</s>"`` is drawn (it is then the last token).  Use only ``rng`` for randomness, so
        that the same ``rng`` state gives the same tokens."""
        raise NotImplementedError


def ngram_similarity(a: str, b: str, n: int = 2) -> float:
    """Return the cosine similarity of the character n-gram count vectors of ``a`` and ``b``.

    The *profile* of a string counts each of its character n-grams (for
    ``"banana"`` and ``n = 2``: ``an`` 2, ``na`` 2, ``ba`` 1).  The similarity is
    ``Σ_g A[g]·B[g] / (‖A‖·‖B‖)`` over the two profiles ``A`` and ``B``.  Equal
    strings score exactly ``1.0`` (even when shorter than ``n``); otherwise a
    string shorter than ``n`` has an empty profile and scores ``0.0``.

    Constraints
    -----------
    - ``a`` and ``b`` are str (any characters, compared as they are),
      ``0 <= len(a), len(b) <= 10^4``
    - ``1 <= n <= 10``

    Errors (contract)
    -----------------
    ``a`` or ``b`` not a ``str`` (``bytes``, a list, ``None``), or ``n`` not an int
    (a ``bool`` neither) → ``TypeError``; ``n < 1`` → ``ValueError``.

    Examples
    --------
    >>> ngram_similarity("night", "nacht")    # 4 bigrams each, "ht" shared: 1 / (2 · 2)
    0.25
    >>> ngram_similarity("colour", "colour")
    1.0
    >>> ngram_similarity("abc", "xyz")
    0.0
    >>> round(ngram_similarity("algorithm", "algoritm"), 3)   # 6 / √(8 · 7)
    0.802

    Complexity
    ----------
    ``O((len(a) + len(b))·n)`` time.

    Hint: ``collections.Counter`` of the slices ``s[i:i + n]`` is a profile.
    """
    raise NotImplementedError
