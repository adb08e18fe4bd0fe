"""Stage 2: find the reference passages that can confirm or refute each claim.

Hybrid retrieval, in two stages:

1. Candidate generation and rank fusion. Three ranked lists per claim:
   - dense: the passages nearest to the claim embedding (FAISS, cosine);
   - lexical passages: BM25 over "title + sentence" (the unit the dense side embeds);
   - lexical documents: BM25 over whole documents; each of the top documents contributes its
     passage closest to the claim (a claim often shares its rare words with the abstract or
     release as a whole rather than with the sentence that answers it).
   They are merged by reciprocal rank fusion, RRF(p) = sum over lists of 1 / (60 + rank).
   RRF needs no score calibration between cosine and BM25, which live on unrelated scales.
2. A precise second stage over the fused top `rerank_depth` (50): every candidate gets its exact
   cosine to the claim (from the stored vectors, also for passages only BM25 found) and the
   final order is  cosine + W_PASSAGE * bm25(passage)/max + W_DOCUMENT * bm25(document)/max
   (max over the pool; the weights were chosen on SciFact, see below).

`Candidate.score` stays the dense cosine whatever ranked the passage (the judge thresholds it);
`Candidate.fused` is the second-stage score the list is ordered by and `Candidate.lexical` the
passage's BM25 score.

Metadata filters (publisher, date range, document type) restrict every list before ranking:
the dense search goes deeper until `top_k` passages pass (see PassageIndex.dense_search) and
BM25 scores are masked exactly, so a filter never silently returns fewer than top_k passages
while enough passages match it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from verifier.embed import Embedder
from verifier.errors import InputError
from verifier.index import PassageIndex
from verifier.lexical import top_k as lexical_top_k
from verifier.models import Candidate, Claim, SourceDocument

MODES = ("hybrid", "dense", "lexical")
RRF_K = 60
POOL_DEPTH = 100  # candidates taken from each dense / lexical-passage list
DOC_DEPTH = 20  # documents taken from the lexical document list
RERANK_DEPTH = 50
# Second-stage weights: the best of a 6x5 grid on the SciFact train claims with an even id
# (`bench/bench_retrieval.py --tune`, 2026-11-25: R@3 0.895 there, 0.916 on the odd ids it was
# not chosen on). Once BM25 has brought a passage into the pool, its document's BM25 helps the
# final order and the passage's own BM25 adds nothing over its cosine (weights 0.05-0.15 cost
# 0.004-0.008 R@3). Cosine keeps weight 1: the score reads "cosine plus a lexical bonus".
W_PASSAGE = 0.0
W_DOCUMENT = 0.25


@dataclass(frozen=True)
class SearchFilter:
    """Which documents may be cited. Empty fields do not filter.

    `publishers` and `doc_types` match case-insensitively; `since`/`until` are inclusive, and a
    document without a date is excluded as soon as either bound is set.
    """

    publishers: frozenset[str] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    doc_types: frozenset[str] | None = None

    @classmethod
    def from_options(
        cls,
        publisher: Iterable[str] | str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        doc_type: Iterable[str] | str | None = None,
    ) -> SearchFilter | None:
        """Build a filter from CLI-style values ('NASA', '2020-01-01'); None when empty."""

        def names(value: Iterable[str] | str | None) -> frozenset[str] | None:
            if value is None:
                return None
            items = [value] if isinstance(value, str) else list(value)
            parts = {p.strip().casefold() for item in items for p in item.split(",")}
            return frozenset(p for p in parts if p) or None

        def day(value: str | dt.date | None, what: str) -> dt.date | None:
            if value is None or value == "":
                return None
            if isinstance(value, dt.date):
                return value
            try:
                return dt.date.fromisoformat(str(value).strip())
            except ValueError as exc:
                msg = f"--{what} {value!r} is not an ISO date (YYYY-MM-DD)"
                raise InputError(msg) from exc

        f = cls(names(publisher), day(since, "since"), day(until, "until"), names(doc_type))
        if f.since and f.until and f.since > f.until:
            msg = f"--since {f.since} is after --until {f.until}"
            raise InputError(msg)
        return None if f.is_empty else f

    @property
    def is_empty(self) -> bool:
        return not (self.publishers or self.since or self.until or self.doc_types)

    def accepts(self, doc: SourceDocument) -> bool:
        if self.publishers and doc.publisher.casefold() not in self.publishers:
            return False
        if self.doc_types and doc.doc_type.casefold() not in self.doc_types:
            return False
        if self.since or self.until:
            if doc.date is None:
                return False
            if self.since and doc.date < self.since:
                return False
            if self.until and doc.date > self.until:
                return False
        return True


class Retriever:
    """Hybrid (default), dense-only or lexical-only retrieval over a PassageIndex.

    An index without lexical tables (format 1) is searched densely whatever the mode.
    """

    def __init__(
        self,
        index: PassageIndex,
        embedder: Embedder,
        *,
        top_k: int = 12,
        mode: str = "hybrid",
        filters: SearchFilter | None = None,
        rerank_depth: int = RERANK_DEPTH,
    ) -> None:
        if top_k < 1:
            msg = f"top_k must be at least 1, got {top_k}"
            raise ValueError(msg)
        self.index = index
        self.embedder = embedder
        self.top_k = top_k
        self.mode = self._mode(mode)
        self.filters = filters
        self.rerank_depth = max(rerank_depth, top_k)
        self._masks: dict[SearchFilter, tuple[np.ndarray, np.ndarray]] = {}

    def _mode(self, mode: str) -> str:
        if mode not in MODES:
            msg = f"mode must be one of {', '.join(MODES)}, got {mode!r}"
            raise ValueError(msg)
        return mode if self.index.lexical is not None else "dense"

    # -- filters ---------------------------------------------------------------------------

    def masks(self, filters: SearchFilter) -> tuple[np.ndarray, np.ndarray]:
        """(passage mask, document mask) of what a filter lets through; cached per filter."""
        if filters not in self._masks:
            docs = self.index.document_order
            doc_ok = np.fromiter((filters.accepts(self.index.documents[d]) for d in docs),
                                 dtype=bool, count=len(docs))
            self._masks[filters] = (doc_ok[self.index.passage_document_row], doc_ok)
        return self._masks[filters]

    # -- retrieval -------------------------------------------------------------------------

    def retrieve(
        self, claims: list[Claim], *, filters: SearchFilter | None = None,
        mode: str | None = None,
    ) -> list[list[Candidate]]:
        if not claims:
            return []
        return self.search([c.text for c in claims], filters=filters, mode=mode)

    def search(
        self, texts: list[str], *, k: int | None = None, filters: SearchFilter | None = None,
        vectors: np.ndarray | None = None, mode: str | None = None,
    ) -> list[list[Candidate]]:
        """Candidates for query texts (claims), best first. `vectors`: precomputed embeddings.

        `filters` and `mode` override the retriever's own for this call.
        """
        if not texts:
            return []
        k = k or self.top_k
        filters = filters if filters is not None else self.filters
        mode = self._mode(mode) if mode is not None else self.mode
        p_mask = d_mask = None
        if filters is not None and not filters.is_empty:
            p_mask, d_mask = self.masks(filters)
        if vectors is None:
            vectors = self.embedder.embed(list(texts))
        if mode == "dense":
            hits = self.index.dense_search(vectors, k, p_mask)
            return [[self.index.candidate(int(i), float(s)) for i, s in zip(ids, sc, strict=True)]
                    for ids, sc in hits]
        depth = max(POOL_DEPTH, self.rerank_depth)
        dense = (self.index.dense_search(vectors, depth, p_mask) if mode == "hybrid"
                 else [None] * len(texts))
        return [self._hybrid_one(t, v, d, k, p_mask, d_mask)
                for t, v, d in zip(texts, vectors, dense, strict=True)]

    def _hybrid_one(
        self, text: str, vector: np.ndarray, dense: tuple[np.ndarray, np.ndarray] | None,
        k: int, p_mask: np.ndarray | None, d_mask: np.ndarray | None,
    ) -> list[Candidate]:
        index, lex = self.index, self.index.lexical
        assert lex is not None
        term_ids = lex.query_ids(text)
        p_bm25 = lex.passages.scores(term_ids)
        d_bm25 = lex.documents.scores(term_ids)
        if dense is None:  # lexical mode: passages by BM25 alone
            ids = lexical_top_k(p_bm25, k, p_mask)
            cos = index.matrix[ids] @ vector
            return [index.candidate(int(i), float(c), lexical=float(p_bm25[i]))
                    for i, c in zip(ids, cos, strict=True)]
        lex_ids = lexical_top_k(p_bm25, POOL_DEPTH, p_mask)
        top_docs = lexical_top_k(d_bm25, DOC_DEPTH, d_mask)

        fused: dict[int, float] = {}
        for rank, pid in enumerate(dense[0]):
            fused[int(pid)] = 1.0 / (RRF_K + rank + 1)
        for rank, pid in enumerate(lex_ids):
            fused[int(pid)] = fused.get(int(pid), 0.0) + 1.0 / (RRF_K + rank + 1)
        order = index.document_order
        for rank, row in enumerate(top_docs):
            pids = index.document_passages.get(order[row])
            if pids is None or not len(pids):
                continue
            best = int(pids[int(np.argmax(index.matrix[pids] @ vector))])
            fused[best] = fused.get(best, 0.0) + 1.0 / (RRF_K + rank + 1)
        if not fused:
            return []

        pool = sorted(fused, key=lambda p: -fused[p])[: self.rerank_depth]
        ids = np.asarray(pool, dtype=np.int64)
        cosines = index.matrix[ids] @ vector
        p_scores = p_bm25[ids]
        d_scores = d_bm25[index.passage_document_row[ids]]
        p_norm = p_scores / p_scores.max() if p_scores.max() > 0 else p_scores
        d_norm = d_scores / d_scores.max() if d_scores.max() > 0 else d_scores
        final = cosines + W_PASSAGE * p_norm + W_DOCUMENT * d_norm
        best = np.argsort(-final, kind="stable")[:k]
        return [
            index.candidate(int(ids[j]), float(cosines[j]), fused=float(final[j]),
                            lexical=float(p_scores[j]))
            for j in best
        ]


# -- CLI helpers (the CLI wires them: `add_retrieval_options(p)`, then `filter_from_args(args)`)


def add_retrieval_options(parser) -> None:
    """Add --publisher/--since/--until/--doc-type/--retrieval to an argparse (sub)parser."""
    g = parser.add_argument_group("evidence selection")
    g.add_argument("--publisher", action="append", metavar="NAME",
                   help="cite only documents of this publisher (repeat or comma-separate; "
                   "case-insensitive)")
    g.add_argument("--since", metavar="YYYY-MM-DD",
                   help="cite only documents dated on or after this day (undated excluded)")
    g.add_argument("--until", metavar="YYYY-MM-DD",
                   help="cite only documents dated on or before this day (undated excluded)")
    g.add_argument("--doc-type", action="append", metavar="TYPE",
                   help="cite only documents of this type (press_release, web_page, ...)")
    g.add_argument("--retrieval", choices=MODES, default="hybrid",
                   help="hybrid (dense + BM25, default), dense or lexical")


def filter_from_args(args) -> SearchFilter | None:
    """The SearchFilter the options of `add_retrieval_options` describe (None: no filter)."""
    return SearchFilter.from_options(
        publisher=getattr(args, "publisher", None), since=getattr(args, "since", None),
        until=getattr(args, "until", None), doc_type=getattr(args, "doc_type", None),
    )
