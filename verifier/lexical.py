"""Lexical retrieval: Okapi BM25 over passages and over whole documents, on scipy.sparse.

Why our own: it is ~150 lines, needs nothing beyond scipy (already installed with
sentence-transformers) and persists as plain arrays (`lexical.npz`, loaded with
`allow_pickle=False`) plus a JSON vocabulary, so an index folder never holds a pickle.

Two BM25 tables share one vocabulary:
- passages: one row per passage, text = document title + the passage sentence (the same text
  the dense side embeds), so both retrievers rank the same units;
- documents: one row per document, title + full body. A claim often shares its rare words with
  the abstract or release as a whole rather than with the one sentence that answers it; the
  document table lets the fusion stage lift the passages of lexically matching documents.

The BM25 weight of every (row, term) pair is precomputed at build time, so a query is a sum of
a few sparse columns (CSC): well under a millisecond per claim at 100k passages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np
from scipy import sparse

TOKENIZER_VERSION = 1
K1 = 1.2
B = 0.75

# Numbers keep their decimal/thousands separators ("3.5", "1,000"); otherwise runs of letters
# and digits ("covid19", "h1n1", "yutu").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")

_STOPWORDS_TEXT = """a about above after again against all also am an and any are as at be
    because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not of off on once only or other
    our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself
    yourselves s t"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
# "not" and "no" are stop words for ranking (the judge reads negation itself).


def _stem(word: str) -> str:
    """A light plural stripper (Harman's S-stemmer): 'studies'->'study', 'cells'->'cell'."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss", "is")):
        return word[:-1]
    return word


_NORMAL: dict[str, str] = {}  # word -> normalised term ("" for a stop word); bounded below


def _normal(word: str) -> str:
    term = _NORMAL.get(word)
    if term is None:
        term = "" if word in STOPWORDS else _stem(word)
        if len(_NORMAL) < 1_000_000:
            _NORMAL[word] = term
    return term


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop words removed, plurals folded. Used for documents and queries alike."""
    return [t for t in map(_normal, _TOKEN.findall(text.lower())) if t]


@dataclass
class BM25Table:
    """BM25 weights of one kind of unit (passages or documents): rows x terms, CSC."""

    weights: sparse.csc_matrix
    idf: np.ndarray

    @property
    def rows(self) -> int:
        return self.weights.shape[0]

    def scores(self, term_ids: Sequence[int]) -> np.ndarray:
        """BM25 score of every row for a query given as vocabulary ids (repeats count)."""
        out = np.zeros(self.rows, dtype=np.float32)
        w = self.weights
        for t in term_ids:
            lo, hi = w.indptr[t], w.indptr[t + 1]
            out[w.indices[lo:hi]] += w.data[lo:hi]
        return out


def _table(token_lists: list[list[int]], n_terms: int, k1: float, b: float) -> BM25Table:
    n = len(token_lists)
    lengths = np.fromiter((len(t) for t in token_lists), dtype=np.float32, count=n)
    flat_rows = np.repeat(np.arange(n, dtype=np.int64), lengths.astype(np.int64))
    flat_cols = np.fromiter(chain.from_iterable(token_lists), dtype=np.int64,
                            count=int(lengths.sum()))
    # term frequencies: count each distinct (row, term) pair
    pairs, tf_counts = np.unique(flat_rows * max(n_terms, 1) + flat_cols, return_counts=True)
    rows_a = pairs // max(n_terms, 1)
    cols_a = pairs % max(n_terms, 1)
    tf = tf_counts.astype(np.float32)
    df = np.bincount(cols_a, minlength=n_terms).astype(np.float32)
    # The "+1" form of idf (Lucene's): never negative, so a very common term cannot push a
    # passage down.
    idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
    avgdl = float(lengths.mean()) if n else 1.0
    avgdl = avgdl if avgdl > 0 else 1.0
    norm = k1 * (1.0 - b + b * lengths[rows_a] / avgdl)
    data = idf[cols_a] * tf * (k1 + 1.0) / (tf + norm)
    weights = sparse.csc_matrix(
        (data.astype(np.float32), (rows_a, cols_a)), shape=(n, n_terms), dtype=np.float32
    )
    weights.sort_indices()
    return BM25Table(weights, idf)


class LexicalIndex:
    """Vocabulary plus BM25 tables for passages and documents."""

    NPZ = "lexical.npz"
    VOCAB = "lexical_vocab.json"

    def __init__(
        self, vocab: dict[str, int], passages: BM25Table, documents: BM25Table,
        params: dict[str, float | int],
    ) -> None:
        self.vocab = vocab
        self.passages = passages
        self.documents = documents
        self.params = params

    @classmethod
    def build(
        cls, passage_texts: Iterable[str], document_texts: Iterable[str], *,
        k1: float = K1, b: float = B,
    ) -> LexicalIndex:
        vocab: dict[str, int] = {}

        def ids(text: str) -> list[int]:
            return [vocab.setdefault(tok, len(vocab)) for tok in tokenize(text)]

        p_tokens = [ids(t) for t in passage_texts]
        d_tokens = [ids(t) for t in document_texts]
        n_terms = len(vocab)
        params = {"k1": k1, "b": b, "tokenizer": TOKENIZER_VERSION}
        return cls(vocab, _table(p_tokens, n_terms, k1, b), _table(d_tokens, n_terms, k1, b),
                   params)

    def query_ids(self, text: str) -> list[int]:
        """Vocabulary ids of a query's tokens; words the corpus never uses are dropped."""
        return [self.vocab[t] for t in tokenize(text) if t in self.vocab]

    # -- persistence: arrays in an .npz (no object arrays), vocabulary in JSON --------------

    def save(self, folder: Path) -> list[str]:
        arrays = {}
        for prefix, table in (("p", self.passages), ("d", self.documents)):
            w = table.weights
            arrays.update({
                f"{prefix}_data": w.data.astype(np.float32),
                f"{prefix}_indices": w.indices.astype(np.int32),
                f"{prefix}_indptr": w.indptr.astype(np.int64),
                f"{prefix}_shape": np.asarray(w.shape, dtype=np.int64),
                f"{prefix}_idf": table.idf.astype(np.float32),
            })
        with (folder / self.NPZ).open("wb") as fh:
            np.savez(fh, **arrays)
        terms = [""] * len(self.vocab)
        for term, i in self.vocab.items():
            terms[i] = term
        (folder / self.VOCAB).write_text(
            json.dumps({"params": self.params, "terms": terms}, ensure_ascii=False),
            encoding="utf-8",
        )
        return [self.NPZ, self.VOCAB]

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        meta = json.loads((folder / cls.VOCAB).read_text(encoding="utf-8"))
        vocab = {t: i for i, t in enumerate(meta["terms"])}
        tables = []
        with np.load(folder / cls.NPZ, allow_pickle=False) as z:
            for prefix in ("p", "d"):
                shape = tuple(int(x) for x in z[f"{prefix}_shape"])
                w = sparse.csc_matrix(
                    (z[f"{prefix}_data"], z[f"{prefix}_indices"], z[f"{prefix}_indptr"]),
                    shape=shape,
                )
                tables.append(BM25Table(w, z[f"{prefix}_idf"]))
        if meta["params"].get("tokenizer") != TOKENIZER_VERSION:
            msg = "lexical tables were made by another tokenizer version"
            raise ValueError(msg)
        return cls(vocab, tables[0], tables[1], meta["params"])


def top_k(scores: np.ndarray, k: int, mask: np.ndarray | None = None) -> np.ndarray:
    """Indices of the k highest positive scores (descending), restricted to `mask` if given."""
    if mask is not None:
        scores = np.where(mask, scores, 0.0)
    nonzero = np.flatnonzero(scores > 0)
    if len(nonzero) > k:
        part = np.argpartition(-scores[nonzero], k - 1)[:k]
        nonzero = nonzero[part]
    return nonzero[np.argsort(-scores[nonzero], kind="stable")]
