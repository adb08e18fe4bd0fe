"""The document-store seam: retrieve evidence from any Haystack document store.

`factcheck index` writes a local index (FAISS + BM25, see verifier.index) and that is what the
CLI and `Verifier` use. A desk whose archive outgrows one machine can keep its passages in a
server store instead and plug that store's *embedding retriever* into the pipeline in place of
`ClaimRetriever`; judging and reporting do not change.

    from haystack.document_stores.in_memory import InMemoryDocumentStore
    from haystack.components.retrievers.in_memory import InMemoryEmbeddingRetriever
    from verifier.index import load_index
    from verifier.stores import StoreClaimRetriever, export_to_store

    store = InMemoryDocumentStore(embedding_similarity_function="dot_product")
    export_to_store(load_index("index/reference"), store)       # passages + vectors + metadata
    retrieve = StoreClaimRetriever(retriever=InMemoryEmbeddingRetriever(store))
    candidates = retrieve.run(claims=claims)["candidates"]

Any Haystack 2.x/3.x embedding retriever works: it only needs `run(query_embedding, filters,
top_k)` returning {"documents": [...]}. With the integrations (each a pip package, e.g.
`qdrant-haystack`, `opensearch-haystack`, `pgvector-haystack`):

    # Qdrant: similarity "cosine"; embedding_dim = 384 for the packaged MiniLM
    from haystack_integrations.document_stores.qdrant import QdrantDocumentStore
    from haystack_integrations.components.retrievers.qdrant import QdrantEmbeddingRetriever
    store = QdrantDocumentStore(url="http://qdrant:6333", index="factcheck",
                                embedding_dim=384, similarity="cosine")
    # OpenSearch: OpenSearchDocumentStore(hosts=..., index="factcheck", embedding_dim=384,
    #             method={"space_type": "cosinesimil", ...}) + OpenSearchEmbeddingRetriever
    # pgvector:   PgvectorDocumentStore(table_name="factcheck", embedding_dimension=384,
    #             vector_function="cosine_similarity") + PgvectorEmbeddingRetriever
    export_to_store(load_index("index/reference"), store)
    StoreClaimRetriever(retriever=QdrantEmbeddingRetriever(store), model_path=None)

Rules that keep the report's contract when the passages live elsewhere:
- the store must hold vectors of the *same* embedding model the claims are embedded with (the
  packaged MiniLM unless `model_path` says otherwise); `export_to_store` copies the vectors of a
  local index, whose manifest pins the model by sha256, and records that hash in every
  document's meta (`embedding_model_sha256`); the retriever refuses documents with another one;
- `Candidate.score` must be a cosine (the judge thresholds it): when the store returns the
  embedding (`return_embedding=True` where the retriever has it) we recompute the exact cosine;
  otherwise the store's score is used as is, so configure the store for cosine similarity;
- passages keep exact offsets: each store document carries `doc_id`, `start`, `end` and the
  document's metadata; the full document text (which the judge reads) comes from `doc_text`
  in the meta (written by `export_to_store(..., with_document_text=True)`, the default) or from
  a local corpus/index given as `documents_from`.
- filters are passed to the store in Haystack's filter syntax (`store_filters()` translates a
  SearchFilter); the store decides how it filters. Server stores filter inside the vector search
  (Qdrant, OpenSearch, pgvector pre-filter), unlike faiss-haystack's post-filtering.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
from haystack import Document, component, default_from_dict, default_to_dict
from haystack.core.serialization import component_from_dict, component_to_dict, import_class_by_name
from haystack.document_stores.types import DuplicatePolicy

import verifier.offline  # noqa: F401
from verifier.embed import Embedder
from verifier.errors import IndexProblem
from verifier.index import PassageIndex
from verifier.models import Candidate, Claim, Passage, SourceDocument, Span
from verifier.retrieve import SearchFilter

log = logging.getLogger(__name__)


def passage_documents(
    index: PassageIndex, *, with_document_text: bool = True
) -> list[Document]:
    """One Haystack Document per passage: its text, vector and where it comes from."""
    out = []
    model_sha = index.manifest.embedding_model.sha256
    for p in index.passages:
        doc = index.documents[p.doc_id]
        meta: dict[str, Any] = {
            "doc_id": doc.id, "passage_id": p.id, "start": p.span.start, "end": p.span.end,
            "title": doc.title, "publisher": doc.publisher,
            "publisher_key": doc.publisher.casefold(),
            "date": doc.date.isoformat() if doc.date else None, "url": doc.url,
            "doc_type": doc.doc_type, "doc_type_key": doc.doc_type.casefold(),
            "embedding_model_sha256": model_sha,
        }
        if with_document_text:
            meta["doc_text"] = doc.text
        out.append(Document(
            id=f"{doc.id}#{p.span.start}-{p.span.end}", content=p.text,
            embedding=index.matrix[p.id].tolist(), meta=meta,
        ))
    return out


def export_to_store(
    index: PassageIndex, store: Any, *, with_document_text: bool = True,
    policy: DuplicatePolicy = DuplicatePolicy.OVERWRITE, batch_size: int = 1000,
) -> int:
    """Write every passage of a local index (text, vector, metadata) into a document store."""
    docs = passage_documents(index, with_document_text=with_document_text)
    written = 0
    for start in range(0, len(docs), batch_size):
        written += store.write_documents(docs[start : start + batch_size], policy=policy)
    return written


def store_filters(filters: SearchFilter | None) -> dict[str, Any] | None:
    """A SearchFilter in Haystack's filter syntax (fields written by `passage_documents`)."""
    if filters is None or filters.is_empty:
        return None
    conditions: list[dict[str, Any]] = []
    if filters.publishers:
        conditions.append({"field": "meta.publisher_key", "operator": "in",
                           "value": sorted(filters.publishers)})
    if filters.doc_types:
        conditions.append({"field": "meta.doc_type_key", "operator": "in",
                           "value": sorted(filters.doc_types)})
    if filters.since:
        conditions.append({"field": "meta.date", "operator": ">=",
                           "value": filters.since.isoformat()})
    if filters.until:
        conditions.append({"field": "meta.date", "operator": "<=",
                           "value": filters.until.isoformat()})
    return {"operator": "AND", "conditions": conditions}


@component
class StoreClaimRetriever:
    """ClaimRetriever over any Haystack embedding retriever (and so any document store).

    Outputs the same sockets as `verifier.components.ClaimRetriever`, so it drops into the
    pipeline in its place: `candidates` (per claim, best first), `index_id`, `embedding_model`.
    """

    def __init__(
        self, *, retriever: Any, model_path: str | None = None, top_k: int = 12,
        documents_from: str | None = None, index_id: str = "document-store",
    ) -> None:
        if top_k < 1:
            msg = f"top_k must be at least 1, got {top_k}"
            raise ValueError(msg)
        self.retriever = retriever
        self.model_path = str(model_path) if model_path else None
        self.top_k = top_k
        self.documents_from = str(documents_from) if documents_from else None
        self.index_id = index_id
        self._embedder: Embedder | None = None
        self._documents: dict[str, SourceDocument] = {}

    def warm_up(self) -> None:
        if self._embedder is None:
            self._embedder = Embedder(self.model_path)
            if self.documents_from:
                self._documents = _documents_from(Path(self.documents_from))
        if hasattr(self.retriever, "warm_up"):
            self.retriever.warm_up()

    @component.output_types(candidates=list[list[Candidate]], index_id=str, embedding_model=str)
    def run(self, claims: list[Claim], filters: dict[str, Any] | None = None) -> dict[str, Any]:
        self.warm_up()
        assert self._embedder is not None
        vectors = self._embedder.embed([c.text for c in claims]) if claims else []
        candidates = []
        for vector in vectors:
            found = self.retriever.run(
                query_embedding=vector.tolist(), filters=filters, top_k=self.top_k
            )["documents"]
            cands = [self._candidate(d, vector) for d in found]
            cands.sort(key=lambda c: -c.score)
            candidates.append(cands)
        return {"candidates": candidates, "index_id": self.index_id,
                "embedding_model": self._embedder.model_id}

    def _candidate(self, d: Document, vector: np.ndarray) -> Candidate:
        meta = d.meta or {}
        assert self._embedder is not None
        model_sha = meta.get("embedding_model_sha256")
        if model_sha and model_sha != self._embedder.sha256:
            msg = (f"store document {d.id} was embedded with model sha256 {model_sha[:12]}, "
                   f"but claims are embedded with {self._embedder.sha256[:12]}: re-export the "
                   "store with this model or pass the model it was built with")
            raise IndexProblem(msg)
        if d.embedding is not None:
            emb = np.asarray(d.embedding, dtype=np.float32)
            score = float(emb @ vector / (np.linalg.norm(emb) or 1.0))
        else:
            score = float(d.score or 0.0)
        doc_id = str(meta.get("doc_id") or d.id)
        start, end = int(meta.get("start", 0)), int(meta.get("end", len(d.content or "")))
        known = self._documents.get(doc_id)
        text = known.text if known else meta.get("doc_text")
        if not text:  # the store keeps only the passage: offsets become passage-relative
            text, start, end = d.content or " ", 0, len(d.content or " ")
        document = known or SourceDocument(
            id=doc_id, title=meta.get("title") or doc_id,
            publisher=meta.get("publisher") or "unknown", date=meta.get("date") or None,
            url=meta.get("url") or "", doc_type=meta.get("doc_type") or "press_release",
            text=text, source=f"document store ({self.index_id})",
        )
        passage = Passage(id=int(meta.get("passage_id", -1)), doc_id=doc_id,
                          text=text[start:end], span=Span(start=start, end=end))
        return Candidate(passage=passage, document=document, score=score)

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self, retriever=component_to_dict(self.retriever, "retriever"),
            model_path=self.model_path, top_k=self.top_k, documents_from=self.documents_from,
            index_id=self.index_id,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoreClaimRetriever:
        params = data.get("init_parameters", {})
        sub = params.get("retriever")
        if isinstance(sub, dict):
            params["retriever"] = component_from_dict(import_class_by_name(sub["type"]), sub,
                                                      "retriever")
        return default_from_dict(cls, data)


def _documents_from(path: Path) -> dict[str, SourceDocument]:
    """Full document texts from a local index folder (documents.jsonl) or corpus sources."""
    if (path / "CURRENT").is_file():
        from verifier.index import load_index

        return load_index(path).documents
    from verifier.corpus import load_documents

    return {d.id: d for d in load_documents([path])}
